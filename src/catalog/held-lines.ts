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
  readonly s: Int32Array
  readonly p: Int32Array
  readonly o: Int32Array
}

/** The keys of a term table, joined, and where each ends. */
export function packTermKeys (terms: TermTable): { keys: string, ends: Uint32Array } {
  const parts = new Array<string>(terms.size)
  const ends = new Uint32Array(terms.size)
  let end = 0
  for (let id = 0; id < terms.size; id++) {
    const key = terms.n3Key(id)
    parts[id] = key
    ends[id] = end += key.length
  }
  return { keys: parts.join(''), ends }
}

/** The term table of packed keys: each key given the id it had (the keys are distinct, in id order). */
export function unpackTermKeys (keys: string, ends: Uint32Array): TermTable {
  const terms = new TermTable()
  let start = 0
  for (let id = 0; id < ends.length; id++) {
    const end = ends[id]!
    if (terms.internKey(keys.slice(start, end)) !== id) throw new RangeError(`term key ${id} repeats an earlier one: the packed keys are not a term table's`)
    start = end
  }
  return terms
}
