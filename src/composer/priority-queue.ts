/** A binary min-heap ordered by `priority`, then by insertion order (so equal priorities pop first-in, first-out). */
export class PriorityQueue<T> {
  private readonly items: Array<{ priority: number, seq: number, value: T }> = []
  private seq = 0

  get size (): number {
    return this.items.length
  }

  push (priority: number, value: T): void {
    const items = this.items
    items.push({ priority, seq: this.seq++, value })
    let i = items.length - 1
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!before(items[i]!, items[parent]!)) break
      ;[items[i], items[parent]] = [items[parent]!, items[i]!]
      i = parent
    }
  }

  /** Priority of the next item, `Infinity` when empty. */
  peekPriority (): number {
    return this.items[0]?.priority ?? Infinity
  }

  pop (): { priority: number, value: T } | undefined {
    const items = this.items
    const top = items[0]
    if (top === undefined) return undefined
    const last = items.pop()!
    if (items.length > 0) {
      items[0] = last
      let i = 0
      for (;;) {
        const left = 2 * i + 1
        const right = left + 1
        let best = i
        if (left < items.length && before(items[left]!, items[best]!)) best = left
        if (right < items.length && before(items[right]!, items[best]!)) best = right
        if (best === i) break
        ;[items[i], items[best]] = [items[best]!, items[i]!]
        i = best
      }
    }
    return { priority: top.priority, value: top.value }
  }
}

function before (a: { priority: number, seq: number }, b: { priority: number, seq: number }): boolean {
  return a.priority < b.priority || (a.priority === b.priority && a.seq < b.seq)
}

/** A binary min-heap of integers by numeric priority, in typed arrays (ties: smaller value first). */
export class NumberHeap {
  private priorities = new Float64Array(64)
  private values = new Int32Array(64)
  private length = 0

  get size (): number {
    return this.length
  }

  /** Priority of the top, valid when `size > 0`. */
  get topPriority (): number {
    return this.priorities[0]!
  }

  push (priority: number, value: number): void {
    if (this.length === this.priorities.length) {
      const priorities = new Float64Array(this.length * 2)
      priorities.set(this.priorities)
      this.priorities = priorities
      const values = new Int32Array(this.length * 2)
      values.set(this.values)
      this.values = values
    }
    let i = this.length++
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!this.less(priority, value, parent)) break
      this.priorities[i] = this.priorities[parent]!
      this.values[i] = this.values[parent]!
      i = parent
    }
    this.priorities[i] = priority
    this.values[i] = value
  }

  /** Removes the top and returns its value (its priority is `topPriority` before the call). */
  pop (): number {
    const top = this.values[0]!
    const n = --this.length
    if (n > 0) {
      const priority = this.priorities[n]!
      const value = this.values[n]!
      let i = 0
      for (;;) {
        let child = 2 * i + 1
        if (child >= n) break
        if (child + 1 < n && this.less(this.priorities[child + 1]!, this.values[child + 1]!, child)) child++
        if (!this.less(this.priorities[child]!, this.values[child]!, i, priority, value)) break
        this.priorities[i] = this.priorities[child]!
        this.values[i] = this.values[child]!
        i = child
      }
      this.priorities[i] = priority
      this.values[i] = value
    }
    return top
  }

  /** Is (priority, value) before the entry at `at` (or before the given pair)? */
  private less (priority: number, value: number, at: number, otherPriority = this.priorities[at]!, otherValue = this.values[at]!): boolean {
    return priority < otherPriority || (priority === otherPriority && value < otherValue)
  }
}
