/**
 * A graph held as term ids (`LineGraph`) as plain data, for another thread to hold it again:
 * the term table as one string of every key joined and the end of each (one string is copied
 * between threads in one piece, a million small ones one by one), and the statements as typed
 * arrays of their own, whose buffers can be transferred.
 */
import { TermTable } from '../reasoner/index.js'

/** What `LineGraph.held` gives and `LineGraph.ofHeld` takes. */
export interface HeldLines {
  readonly graph: string
  /** Every term's key (`TermTable.n3Key`), in id order, joined. */
  readonly keys: string
  /** Where each key ends in `keys`. */
  readonly ends: Uint32Array
  /** The term table's places and hashes (`TermTable.placesNow`): the keys are not hashed again. */
  readonly places: Int32Array
  readonly hashes: Int32Array
  readonly s: Int32Array
  readonly p: Int32Array
  readonly o: Int32Array
}

/** The keys of a term table, joined, where each ends, and the table's places. */
export function packTermKeys (terms: TermTable): { keys: string, ends: Uint32Array, places: Int32Array, hashes: Int32Array } {
  const parts = new Array<string>(terms.size)
  const ends = new Uint32Array(terms.size)
  let end = 0
  for (let id = 0; id < terms.size; id++) {
    const key = terms.n3Key(id)
    parts[id] = key
    ends[id] = end += key.length
  }
  return { keys: parts.join(''), ends, ...terms.placesNow() }
}

/** The term table of packed keys: each key given the id it had, filed where it was. */
export function unpackTermKeys ({ keys, ends, places, hashes }: Pick<HeldLines, 'keys' | 'ends' | 'places' | 'hashes'>): TermTable {
  const split = new Array<string>(ends.length)
  let start = 0
  for (let id = 0; id < ends.length; id++) {
    const end = ends[id]!
    split[id] = keys.slice(start, end)
    start = end
  }
  return TermTable.ofPlaces(split, places, hashes)
}
