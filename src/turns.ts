/**
 * Long work on the serving thread, cut into slices with a turn of the event loop between them:
 * a server that is starting (or recompiling) keeps answering `/health` and every other request
 * while it gathers or indexes a large catalog. Each helper gives exactly the result of
 * doing the same work in one piece.
 */
/** Items handled per turn by `forEachInSlices` unless told otherwise. */
const itemSlice = 50_000

/**
 * Milliseconds of work per slice for `SliceClock`: short enough that a request waiting behind a
 * slice is hardly delayed, long enough that the turns between slices cost little.
 */
export const sliceMs = 2

/**
 * Times one slice of work: work that cannot tell in advance how long its pieces take (decoding,
 * indexing) asks `over()` now and then and gives the event loop a turn once it is, then
 * `start()`s the next slice. `over()` reads the clock: ask it every few hundred small items.
 */
export class SliceClock {
  #deadline = 0

  constructor (readonly ms = sliceMs) {
    this.start()
  }

  /** Starts a slice: `over()` is false for the next `ms` milliseconds. */
  start (): void {
    this.#deadline = performance.now() + this.ms
  }

  /** Whether the current slice's time is up. */
  over (): boolean {
    return performance.now() >= this.#deadline
  }
}

/** Resolves on the next turn of the event loop, after pending I/O (requests) and timers have run. */
export function nextTurn (): Promise<void> {
  return new Promise(resolve => setImmediate(resolve))
}

/** Items between two looks at the clock in `forEachInSlices`: the look costs far less than the items. */
const clockEvery = 64

/**
 * Calls `each` on every item in order, at most `slice` items per turn of the event loop, and a
 * turn sooner once a slice has run `sliceMs` (a loaded machine or a large heap can make a slice
 * of cheap items take far longer than it would alone).
 */
export async function forEachInSlices<T> (items: readonly T[], each: (item: T, index: number) => void, slice = itemSlice): Promise<void> {
  const clock = new SliceClock()
  for (let start = 0; start < items.length;) {
    if (start > 0) {
      await nextTurn()
      clock.start()
    }
    const end = Math.min(items.length, start + slice)
    let i = start
    while (i < end) {
      each(items[i]!, i)
      if (++i % clockEvery === 0 && clock.over()) break
    }
    start = i
  }
}

/** The items `keep` accepts, in order, `slice` items tested per turn of the event loop. */
export async function filterInSlices<T> (items: readonly T[], keep: (item: T) => boolean, slice = itemSlice): Promise<T[]> {
  const kept: T[] = []
  await forEachInSlices(items, item => { if (keep(item)) kept.push(item) }, slice)
  return kept
}
