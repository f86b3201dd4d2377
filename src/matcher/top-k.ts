/**
 * Top-k selection: the k best items of a stream in order, without sorting all of them. A
 * bounded binary heap keeps the k best seen so far with the worst on top; each further item
 * costs one comparison unless it beats the worst kept. O(n log k) instead of O(n log n), and
 * O(k) memory for the kept items.
 */
export class TopK<T> {
  readonly #heap: T[] = []
  readonly #k: number
  /** Negative when `a` ranks before (is better than) `b`. */
  readonly #compare: (a: T, b: T) => number

  constructor (k: number, compare: (a: T, b: T) => number) {
    this.#k = k
    this.#compare = compare
  }

  /** Would `item` be kept? Lets a caller skip building an item that cannot make the cut. */
  admits (item: T): boolean {
    return this.#heap.length < this.#k || this.#compare(item, this.#heap[0]!) < 0
  }

  /** The worst item kept when k items are kept, else `undefined`. */
  get threshold (): T | undefined {
    return this.#heap.length < this.#k ? undefined : this.#heap[0]
  }

  push (item: T): void {
    const heap = this.#heap
    if (this.#k <= 0) return
    if (heap.length < this.#k) {
      heap.push(item)
      this.#up(heap.length - 1)
    } else if (this.#compare(item, heap[0]!) < 0) {
      heap[0] = item
      this.#down(0)
    }
  }

  /** The kept items, best first. */
  sorted (): T[] {
    return [...this.#heap].sort(this.#compare)
  }

  // The heap's top is the worst item: a parent ranks after (or equal to) its children.
  #up (i: number): void {
    const heap = this.#heap
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (this.#compare(heap[i]!, heap[parent]!) <= 0) return
      ;[heap[i], heap[parent]] = [heap[parent]!, heap[i]!]
      i = parent
    }
  }

  #down (i: number): void {
    const heap = this.#heap
    for (;;) {
      const left = 2 * i + 1
      const right = left + 1
      let worst = i
      if (left < heap.length && this.#compare(heap[left]!, heap[worst]!) > 0) worst = left
      if (right < heap.length && this.#compare(heap[right]!, heap[worst]!) > 0) worst = right
      if (worst === i) return
      ;[heap[i], heap[worst]] = [heap[worst]!, heap[i]!]
      i = worst
    }
  }
}
