/**
 * Many growing lists of triple ids in one shared `Int32Array`, each list a region of it with a
 * start, a length and a capacity. The indexes of the triple table hold millions of ids under
 * hundreds of thousands of keys: as JS arrays those are as many objects for the collector to
 * mark on every major collection; here they are a handful of typed arrays it never scans.
 *
 * A full list moves to a region twice its size at the end of the pool; a full pool is copied
 * into a new one (dropping the regions left behind). Neither writes into a region that held a
 * list before, so `data`, `start[list]` and `length[list]` read together stay a valid snapshot
 * of the list while it grows: the evaluator iterates a list while its own rule appends to it.
 */
export class IdLists {
  /** The pool; list `l` is `data[start[l] .. start[l] + length[l])`. Replaced when it grows. */
  data = new Int32Array(1024)
  start = new Int32Array(64)
  length = new Int32Array(64)
  private capacity = new Int32Array(64)
  /** Lists created. */
  count = 0
  /** End of the used part of the pool. */
  private used = 0
  /** Sum of the capacities of the lists' current regions. */
  private live = 0

  /** A new empty list; returns its number. */
  create (): number {
    if (this.count === this.start.length) {
      this.start = grown(this.start, this.count * 2)
      this.length = grown(this.length, this.count * 2)
      this.capacity = grown(this.capacity, this.count * 2)
    }
    return this.count++
  }

  /** Appends an id to a list. */
  push (list: number, id: number): void {
    const length = this.length[list]!
    if (length === this.capacity[list]!) this.move(list, length === 0 ? 2 : length * 2)
    this.data[this.start[list]! + length] = id
    this.length[list] = length + 1
  }

  /** The list as a view on the pool: a snapshot that later appends do not change. */
  view (list: number): Int32Array {
    const start = this.start[list]!
    return this.data.subarray(start, start + this.length[list]!)
  }

  /** Gives the list a fresh region of `capacity` ids at the end of the pool. */
  private move (list: number, capacity: number): void {
    this.live += capacity - this.capacity[list]!
    if (this.used + capacity > this.data.length) this.compact(list)
    const start = this.used
    this.data.copyWithin(start, this.start[list]!, this.start[list]! + this.length[list]!)
    this.start[list] = start
    this.capacity[list] = capacity
    this.used += capacity
  }

  /**
   * Copies every list into a new pool at least twice the live size (which already counts the
   * new capacity of `list`, the list being moved: its ids go last, where `move` places it).
   */
  private compact (list: number): void {
    let size = this.data.length
    while (size < this.live * 2) size *= 2
    const data = new Int32Array(size)
    let used = 0
    for (let l = 0; l < this.count; l++) {
      if (l === list) continue
      const start = this.start[l]!
      data.set(this.data.subarray(start, start + this.length[l]!), used)
      this.start[l] = used
      used += this.capacity[l]!
    }
    const start = this.start[list]!
    data.set(this.data.subarray(start, start + this.length[list]!), used)
    this.start[list] = used
    this.data = data
    this.used = used
  }
}

function grown (array: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const next = new Int32Array(size)
  next.set(array)
  return next
}
