/**
 * An open-addressing hash map from (s, o) pairs of term ids to triple ids, on typed arrays:
 * the duplicate check of the triple table, hit once per derivation, so it must not allocate.
 * The first id of a pair is never -1 (that marks a free place); the second may be anything.
 */
export class PairMap {
  private keysS: Int32Array
  private keysO: Int32Array
  private values: Int32Array
  private mask: number
  size = 0

  constructor (capacity = 16) {
    let size = 16
    while (size < capacity * 2) size *= 2
    this.keysS = new Int32Array(size).fill(-1)
    this.keysO = new Int32Array(size)
    this.values = new Int32Array(size)
    this.mask = size - 1
  }

  /** The value of the pair, or -1. */
  get (s: number, o: number): number {
    const { keysS, keysO, mask } = this
    for (let i = hash(s, o) & mask; ; i = (i + 1) & mask) {
      const k = keysS[i]!
      if (k === -1) return -1
      if (k === s && keysO[i] === o) return this.values[i]!
    }
  }

  /** Sets the pair's value unless it is there; returns the value it already had, or -1 when added. */
  putIfAbsent (s: number, o: number, value: number): number {
    if ((this.size + 1) * 2 > this.keysS.length) this.grow()
    const { keysS, keysO, mask } = this
    for (let i = hash(s, o) & mask; ; i = (i + 1) & mask) {
      const k = keysS[i]!
      if (k === -1) {
        keysS[i] = s
        keysO[i] = o
        this.values[i] = value
        this.size++
        return -1
      }
      if (k === s && keysO[i] === o) return this.values[i]!
    }
  }

  /** Doubles the table; the pairs are distinct, so each goes to the first free place of its probe. */
  private grow (): void {
    const { keysS, keysO, values } = this
    const size = keysS.length * 2
    const nextS = new Int32Array(size).fill(-1)
    const nextO = new Int32Array(size)
    const nextValues = new Int32Array(size)
    const mask = size - 1
    for (let j = 0; j < keysS.length; j++) {
      const s = keysS[j]!
      if (s === -1) continue
      const o = keysO[j]!
      let i = hash(s, o) & mask
      while (nextS[i] !== -1) i = (i + 1) & mask
      nextS[i] = s
      nextO[i] = o
      nextValues[i] = values[j]!
    }
    this.keysS = nextS
    this.keysO = nextO
    this.values = nextValues
    this.mask = mask
  }
}

function hash (s: number, o: number): number {
  let h = Math.imul(s, 0x9e3779b1) ^ Math.imul(o + 0x7f4a7c15, 0x85ebca77)
  h ^= h >>> 15
  return h >>> 0
}
