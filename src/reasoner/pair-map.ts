/**
 * An open-addressing hash map from (s, o) pairs of term ids to triple ids, on one typed array:
 * the duplicate check of the triple table, hit once per derivation, so it must not allocate.
 * Each place holds its first id, second id and value side by side, so a probe reads one cache
 * line instead of one in each of three arrays: at 100,000 services the maps hold millions of
 * pairs and every derivation — most of them of a triple already there — probes one.
 * The first id of a pair is never -1; the second may be anything.
 */
export class PairMap {
  /**
   * Place i is `places[3i]` (first id + 1; 0 when free), `places[3i + 1]` (second id),
   * `places[3i + 2]` (value). A free place is 0 so that a new table is ready as allocated: at
   * 100,000 services the maps allocate 290 MB while they double, and filling each new table
   * with a marker first was a fifth of the time spent growing them.
   */
  private places: Int32Array
  private mask: number
  size = 0

  constructor (capacity = 16) {
    let size = 16
    while (size < capacity * 2) size *= 2
    this.places = new Int32Array(size * 3)
    this.mask = size - 1
  }

  /** The value of the pair, or -1. */
  get (s: number, o: number): number {
    const { places, mask } = this
    const first = s + 1
    for (let i = hash(s, o) & mask; ; i = (i + 1) & mask) {
      const at = i * 3
      const k = places[at]!
      if (k === 0) return -1
      if (k === first && places[at + 1] === o) return places[at + 2]!
    }
  }

  /** Sets the pair's value unless it is there; returns the value it already had, or -1 when added. */
  putIfAbsent (s: number, o: number, value: number): number {
    if ((this.size + 1) * 2 > this.mask + 1) this.grow()
    const { places, mask } = this
    const first = s + 1
    for (let i = hash(s, o) & mask; ; i = (i + 1) & mask) {
      const at = i * 3
      const k = places[at]!
      if (k === 0) {
        places[at] = first
        places[at + 1] = o
        places[at + 2] = value
        this.size++
        return -1
      }
      if (k === first && places[at + 1] === o) return places[at + 2]!
    }
  }

  /** Doubles the table; the pairs are distinct, so each goes to the first free place of its probe. */
  private grow (): void {
    const old = this.places
    const size = (this.mask + 1) * 2
    const places = new Int32Array(size * 3)
    const mask = size - 1
    for (let j = 0; j < old.length; j += 3) {
      const first = old[j]!
      if (first === 0) continue
      const o = old[j + 1]!
      let i = hash(first - 1, o) & mask
      while (places[i * 3] !== 0) i = (i + 1) & mask
      places[i * 3] = first
      places[i * 3 + 1] = o
      places[i * 3 + 2] = old[j + 2]!
    }
    this.places = places
    this.mask = mask
  }
}

function hash (s: number, o: number): number {
  let h = Math.imul(s, 0x9e3779b1) ^ Math.imul(o + 0x7f4a7c15, 0x85ebca77)
  h ^= h >>> 15
  return h >>> 0
}
