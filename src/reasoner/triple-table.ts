/**
 * The reasoner's in-memory triples: interned ids in insertion order (a triple's id is its
 * position), with a duplicate check per predicate (a hash map of (s, o) pairs) and indexes by predicate, by (p,s) and by
 * (p,o). The (p,s) and (p,o) indexes, and the ones by subject or object alone, are built the
 * first time a rule asks for them and kept up to date after. Every list holds triple ids in
 * ascending order, so "triples older than round k" is a prefix.
 *
 * All lists live in one `IdLists` pool and are found through `PairMap`s keyed by (term,
 * predicate), predicate -1 standing for "any predicate": no per-key objects, so millions of index
 * entries cost the garbage collector nothing.
 */
import { IdLists } from './id-lists.js'
import { PairMap } from './pair-map.js'

const none = new Int32Array(0)
const anyPredicate = -1

/** What the table keeps per predicate. */
interface Predicate {
  /** (s, o) → triple id: the duplicate check. */
  readonly keys: PairMap
  /** The list of its triples. */
  readonly all: number
  /** Whether the (p,s) and (p,o) indexes hold this predicate's triples. */
  bySubject: boolean
  byObject: boolean
}

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
  /** The id lists of every index; a list number from `list` reads as `lists.data[lists.start[l] …]`. */
  readonly lists = new IdLists()
  /** By predicate id (a hole for an id that is no predicate): an array, not a map, since every `add` looks here. */
  private readonly byPredicate: Array<Predicate | undefined> = []
  private readonly predicateIds: number[] = []
  /** (s, p) → list, and (s, -1) → list for "any predicate" once `aboutSubject` was asked (a `PairMap`'s first key is never -1). */
  private readonly subjectLists = new PairMap(1024)
  private readonly objectLists = new PairMap(1024)
  private anySubject = false
  private anyObject = false

  get size (): number {
    return this.#size
  }

  /** Adds a triple; returns false when it was already there. */
  add (s: number, p: number, o: number): boolean {
    let entry = this.byPredicate[p]
    if (entry === undefined) {
      entry = { keys: new PairMap(), all: this.lists.create(), bySubject: false, byObject: false }
      while (this.byPredicate.length < p) this.byPredicate.push(undefined)
      this.byPredicate[p] = entry
      this.predicateIds.push(p)
    }
    const id = this.#size
    if (entry.keys.putIfAbsent(s, o, id) !== -1) return false
    if (id === this.s.length) this.#grow()
    this.s[id] = s
    this.p[id] = p
    this.o[id] = o
    this.#size++
    this.lists.push(entry.all, id)
    if (entry.bySubject) this.#append(this.subjectLists, p, s, id)
    if (entry.byObject) this.#append(this.objectLists, p, o, id)
    if (this.anySubject) this.#append(this.subjectLists, anyPredicate, s, id)
    if (this.anyObject) this.#append(this.objectLists, anyPredicate, o, id)
    return true
  }

  #append (index: PairMap, p: number, key: number, id: number): void {
    let list = index.get(key, p)
    if (list === -1) index.putIfAbsent(key, p, list = this.lists.create())
    this.lists.push(list, id)
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
    const entry = this.byPredicate[p]
    return entry === undefined ? -1 : entry.keys.get(s, o)
  }

  /**
   * How many triples match the pattern, each of `s`, `p`, `o` an id or -1 for any (a
   * subject or object with predicate -1 counts through the index by subject or object alone).
   */
  count (s: number, p: number, o: number): number {
    if (p >= 0 && s >= 0 && o >= 0) return this.find(s, p, o) === -1 ? 0 : 1
    if (p < 0 && s < 0 && o < 0) return this.#size
    const list = this.list(s, p, o)
    if (list === -1) return 0
    const { data, start, length } = this.lists
    if (p >= 0 || s < 0 || o < 0) return length[list]!
    let count = 0
    for (let i = start[list]!, end = i + length[list]!; i < end; i++) if (this.o[data[i]!] === o) count++
    return count
  }

  /**
   * The list (in `lists`) of the triples with predicate `p` and, when `s` or `o` is ≥ 0, that
   * subject or object; `p` -1 for any predicate (then `s` or `o` must be given). -1 when there
   * are none. Builds the index asked for on first use. With `p` -1, a given `s` is used and `o`
   * left to the caller to check.
   */
  list (s: number, p: number, o: number): number {
    if (p === anyPredicate) {
      if (s >= 0) {
        if (!this.anySubject) this.#indexAll(this.subjectLists, this.s, true)
        return this.subjectLists.get(s, anyPredicate)
      }
      if (!this.anyObject) this.#indexAll(this.objectLists, this.o, false)
      return this.objectLists.get(o, anyPredicate)
    }
    const entry = this.byPredicate[p]
    if (entry === undefined) return -1
    if (s >= 0) {
      if (!entry.bySubject) this.#indexPredicate(entry, p, this.subjectLists, this.s, true)
      return this.subjectLists.get(s, p)
    }
    if (o >= 0) {
      if (!entry.byObject) this.#indexPredicate(entry, p, this.objectLists, this.o, false)
      return this.objectLists.get(o, p)
    }
    return entry.all
  }

  #indexPredicate (entry: Predicate, p: number, index: PairMap, terms: Int32Array, subject: boolean): void {
    const { data, start, length } = this.lists
    const from = start[entry.all]!
    const to = from + length[entry.all]!
    // Appending may replace the pool: the snapshot taken above stays valid (see `IdLists`).
    for (let i = from; i < to; i++) this.#append(index, p, terms[data[i]!]!, data[i]!)
    if (subject) entry.bySubject = true
    else entry.byObject = true
  }

  #indexAll (index: PairMap, terms: Int32Array, subject: boolean): void {
    for (let id = 0; id < this.#size; id++) this.#append(index, anyPredicate, terms[id]!, id)
    if (subject) this.anySubject = true
    else this.anyObject = true
  }

  #view (list: number): Int32Array {
    return list === -1 ? none : this.lists.view(list)
  }

  /** Ids of the triples with predicate `p`, ascending (a snapshot: later additions are not in it). */
  withPredicate (p: number): Int32Array {
    return this.#view(this.list(-2, p, -2))
  }

  /** Ids of the triples `s p ?`, ascending. */
  withSubject (p: number, s: number): Int32Array {
    return this.#view(this.list(s, p, -2))
  }

  /** Ids of the triples `? p o`, ascending. */
  withObject (p: number, o: number): Int32Array {
    return this.#view(this.list(-2, p, o))
  }

  /** Ids of the triples with subject `s`, any predicate, ascending. */
  aboutSubject (s: number): Int32Array {
    return this.#view(this.list(s, anyPredicate, -2))
  }

  /** Ids of the triples with object `o`, any predicate, ascending. */
  aboutObject (o: number): Int32Array {
    return this.#view(this.list(-2, anyPredicate, o))
  }

  /** Every predicate that occurs. */
  predicates (): Iterable<number> {
    return this.predicateIds
  }
}

/** The first position in `data[from .. to)` whose value is ≥ `bound` (binary search over an ascending run). */
export function lowerBound (data: ArrayLike<number>, from: number, to: number, bound: number): number {
  let lo = from
  let hi = to
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (data[mid]! < bound) lo = mid + 1
    else hi = mid
  }
  return lo
}
