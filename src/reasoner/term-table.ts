/**
 * RDF terms ↔ dense integer ids, so the reasoner joins numbers. Equal terms get the same id.
 * The key of a term is N3.js's id (IRIs as is, blank nodes `_:label`, as `termId`; literals
 * `"lexical"@lang` / `"lexical"^^datatype`), which N3.js terms carry ready-made.
 *
 * A term read as a key (`internKey`, from the line reader) is kept as that key alone: its term
 * object is built the first time `term` asks for it. At 100,000 services the catalog holds
 * 750,000 distinct terms of which the reasoner's output and the compile read back a fraction;
 * building them all up front cost a quarter of reading the catalog, most of it in the collector.
 */
import type { Term } from '@rdfjs/types'
import { DataFactory, termFromId, termToId } from 'n3'
import { termId } from './term-id.js'

/** What a term is, as the rule filters and the triple check need it. */
export const termKinds = { iri: 0, blank: 1, literal: 2, other: 3 } as const

/** Interned terms with their kinds. */
export class TermTable {
  /**
   * Key → id: open addressing over typed arrays (place → id, -1 free; and the key's hash). At
   * 750,000 terms a `Map` of strings took twice as long to fill, and these arrays cost the
   * collector nothing.
   */
  private places: Int32Array
  private hashes: Int32Array
  /** Key by id. */
  private readonly keys: string[] = []
  /** Term objects by id, built on first use (a hole until then). */
  private readonly objects: Array<Term | undefined> = []
  readonly kinds: number[] = []

  /**
   * @param expected How many terms the table is likely to hold: its places are made for them at
   *   once, instead of doubled and rehashed on the way (at 100,000 services, 1.4 M terms read
   *   from the file and 750,000 in the reasoner, about 0.3 s).
   */
  constructor (expected = 0) {
    let size = 1024
    while (size < expected * 2) size *= 2
    this.places = new Int32Array(size).fill(-1)
    this.hashes = new Int32Array(size)
  }

  /**
   * The table's places and its keys' hashes, copied: with the keys in id order, what `ofPlaces`
   * takes to hold the table again (in another thread) without hashing a key.
   */
  placesNow (): { places: Int32Array, hashes: Int32Array } {
    return { places: this.places.slice(), hashes: this.hashes.slice() }
  }

  /**
   * The table of `keys` (distinct, in id order) as another table of the same keys held them
   * (`placesNow`): at 100,000 services, hashing and filing the 1.4 M keys again took seconds.
   */
  static ofPlaces (keys: readonly string[], places: Int32Array, hashes: Int32Array): TermTable {
    const table = new TermTable()
    table.places = places
    table.hashes = hashes
    for (const key of keys) {
      const kind = kindOfKey(key)
      table.keys.push(key)
      table.objects.push(undefined)
      table.kinds.push(kind === termKinds.other ? kindOf(termFromId(key, DataFactory) as Term) : kind)
    }
    return table
  }

  /** The id of a term, assigning the next one when it is new. */
  intern (term: Term): number {
    const key = termToId(term as Parameters<typeof termToId>[0])
    let id = this.get(key)
    if (id === undefined) {
      id = this.#add(key, kindOf(term))
      this.objects[id] = term
    }
    return id
  }

  /**
   * The id of a term given by its key (N3.js's id string, as `readNTriples` produces it); the
   * term object is built only when `term` asks for it.
   */
  internKey (key: string): number {
    // A key just looked up in vain (a name checked unused, then given) is not looked up again.
    let id = key === this.#missed ? undefined : this.get(key)
    if (id === undefined) {
      const kind = kindOfKey(key)
      if (kind === termKinds.other) {
        const term = termFromId(key, DataFactory) as Term
        id = this.#add(key, kindOf(term))
        this.objects[id] = term
      } else {
        id = this.#add(key, kind)
      }
    }
    return id
  }

  /** Files a key that `get` did not find (`#free` is where that search stopped). */
  #add (key: string, kind: number): number {
    this.#missed = undefined
    const id = this.keys.length
    this.places[this.#free] = id
    this.hashes[this.#free] = this.#hash
    if ((id + 1) * 2 > this.places.length) this.#grow()
    this.keys.push(key)
    this.objects.push(undefined)
    this.kinds.push(kind)
    return id
  }

  /** The term of an id (built from its key on first use, then kept). */
  term (id: number): Term {
    let term = this.objects[id]
    if (term === undefined) {
      const key = this.keys[id]
      if (key === undefined) throw new RangeError(`no term has the id ${id}`)
      term = this.objects[id] = termFromId(key, DataFactory) as Term
    }
    return term
  }

  /** The id of an IRI, or undefined when it never occurred. */
  iri (value: string): number | undefined {
    return this.get(value)
  }

  /** The id of a term given by its key (an IRI or a blank node as its `termId` string), or undefined. */
  get (key: string): number | undefined {
    const h = hashOf(key)
    const { places, hashes, keys } = this
    const mask = places.length - 1
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const id = places[i]!
      if (id === -1) {
        this.#free = i
        this.#hash = h
        this.#missed = key
        return undefined
      }
      if (hashes[i] === h && keys[id] === key) {
        this.#missed = undefined
        return id
      }
    }
  }

  /** Where the last unsuccessful `get` stopped, the hash of its key, and the key (until a term is added). */
  #free = 0
  #hash = 0
  #missed: string | undefined

  #grow (): void {
    const { places, hashes } = this
    const size = places.length * 2
    const mask = size - 1
    const next = new Int32Array(size).fill(-1)
    const nextHashes = new Int32Array(size)
    for (let j = 0; j < places.length; j++) {
      const id = places[j]!
      if (id === -1) continue
      let i = hashes[j]! & mask
      while (next[i] !== -1) i = (i + 1) & mask
      next[i] = id
      nextHashes[i] = hashes[j]!
    }
    this.places = next
    this.hashes = nextHashes
  }

  /** The key of an id: N3.js's id string of its term (as `internKey` takes it). */
  n3Key (id: number): string {
    const key = this.keys[id]
    if (key === undefined) throw new RangeError(`no term has the id ${id}`)
    return key
  }

  /** The `termId` string of an id. */
  key (id: number): string {
    const kind = this.kinds[id]
    return kind === termKinds.iri || kind === termKinds.blank ? this.keys[id]! : termId(this.term(id))
  }

  get size (): number {
    return this.keys.length
  }
}

/** FNV-1a over the key's UTF-16 units, its high bits folded in. */
function hashOf (key: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193)
  return h ^ (h >>> 15)
}

function kindOf (term: Term): number {
  switch (term.termType) {
    case 'NamedNode': return termKinds.iri
    case 'BlankNode': return termKinds.blank
    case 'Literal': return termKinds.literal
    default: return termKinds.other
  }
}

/**
 * The kind of a term from its N3.js id, read from the first character as `termFromId` does:
 * `"` a literal, `_` a blank node, a letter an IRI (absolute IRIs start with their scheme);
 * anything else (default graph, variables, quoted triples, the empty IRI) is `other`, left to
 * the term object to tell.
 */
function kindOfKey (key: string): number {
  const c = key.charCodeAt(0)
  if (c === 0x22) return termKinds.literal
  if (c === 0x5f) return termKinds.blank
  if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)) return termKinds.iri
  return termKinds.other
}
