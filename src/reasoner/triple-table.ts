/**
 * The reasoner's in-memory triples: interned ids in insertion order (a triple's id is its
 * position), with a duplicate check per predicate (a hash map of (s, o) pairs) and indexes by predicate, by (p,s) and by
 * (p,o). The (p,s) and (p,o) indexes, and the ones by subject or object alone, are built the
 * first time a rule asks for them and kept up to date after. Every list holds triple ids in
 * ascending order, so "triples older than round k" is a prefix.
 */
import { PairMap } from './pair-map.js'

const none: readonly number[] = []

type ListIndex = Map<number, number[]>

export class TripleTable {
  /**
   * Subject, predicate and object ids by triple id, in typed arrays that grow by doubling
   * (their length is the capacity, `size` the count): the collector never scans them, which
   * matters at millions of triples. A reference kept across `add` may be an older copy, which
   * still holds every triple that existed when it was taken.
   */
  s: Int32Array = new Int32Array(1024)
  p: Int32Array = new Int32Array(1024)
  o: Int32Array = new Int32Array(1024)
  #size = 0
  private readonly keys = new Map<number, PairMap>()
  private readonly byPredicate = new Map<number, number[]>()
  private readonly bySubject = new Map<number, ListIndex>()
  private readonly byObject = new Map<number, ListIndex>()
  private anySubject: ListIndex | undefined
  private anyObject: ListIndex | undefined

  get size (): number {
    return this.#size
  }

  /** Adds a triple; returns false when it was already there. */
  add (s: number, p: number, o: number): boolean {
    let keys = this.keys.get(p)
    if (keys === undefined) {
      this.keys.set(p, keys = new PairMap())
      this.byPredicate.set(p, [])
    }
    const id = this.#size
    if (keys.putIfAbsent(s, o, id) !== -1) return false
    if (id === this.s.length) this.#grow()
    this.s[id] = s
    this.p[id] = p
    this.o[id] = o
    this.#size++
    this.byPredicate.get(p)!.push(id)
    const subjects = this.bySubject.get(p)
    if (subjects !== undefined) append(subjects, s, id)
    const objects = this.byObject.get(p)
    if (objects !== undefined) append(objects, o, id)
    if (this.anySubject !== undefined) append(this.anySubject, s, id)
    if (this.anyObject !== undefined) append(this.anyObject, o, id)
    return true
  }

  #grow (): void {
    const grown = (old: Int32Array): Int32Array => {
      const array = new Int32Array(old.length * 2)
      array.set(old)
      return array
    }
    this.s = grown(this.s)
    this.p = grown(this.p)
    this.o = grown(this.o)
  }

  /** The id of the triple, or -1. */
  find (s: number, p: number, o: number): number {
    return this.keys.get(p)?.get(s, o) ?? -1
  }

  /** Ids of the triples with predicate `p`. */
  withPredicate (p: number): readonly number[] {
    return this.byPredicate.get(p) ?? none
  }

  /** Ids of the triples `s p ?`. */
  withSubject (p: number, s: number): readonly number[] {
    let index = this.bySubject.get(p)
    if (index === undefined) {
      this.bySubject.set(p, index = new Map())
      for (const id of this.withPredicate(p)) append(index, this.s[id]!, id)
    }
    return index.get(s) ?? none
  }

  /** Ids of the triples `? p o`. */
  withObject (p: number, o: number): readonly number[] {
    let index = this.byObject.get(p)
    if (index === undefined) {
      this.byObject.set(p, index = new Map())
      for (const id of this.withPredicate(p)) append(index, this.o[id]!, id)
    }
    return index.get(o) ?? none
  }

  /** Ids of the triples with subject `s`, any predicate. */
  aboutSubject (s: number): readonly number[] {
    if (this.anySubject === undefined) {
      this.anySubject = new Map()
      for (let id = 0; id < this.#size; id++) append(this.anySubject, this.s[id]!, id)
    }
    return this.anySubject.get(s) ?? none
  }

  /** Ids of the triples with object `o`, any predicate. */
  aboutObject (o: number): readonly number[] {
    if (this.anyObject === undefined) {
      this.anyObject = new Map()
      for (let id = 0; id < this.#size; id++) append(this.anyObject, this.o[id]!, id)
    }
    return this.anyObject.get(o) ?? none
  }

  /** Every predicate that occurs. */
  predicates (): Iterable<number> {
    return this.byPredicate.keys()
  }
}

function append (index: ListIndex, key: number, id: number): void {
  const list = index.get(key)
  if (list === undefined) index.set(key, [id])
  else list.push(id)
}

/** The first position in an ascending list whose value is ≥ `bound` (binary search). */
export function lowerBound (list: readonly number[], bound: number): number {
  let lo = 0
  let hi = list.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (list[mid]! < bound) lo = mid + 1
    else hi = mid
  }
  return lo
}
