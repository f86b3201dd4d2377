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

/** Calls `each` on every item in order, `slice` items per turn of the event loop. */
export async function forEachInSlices<T> (items: readonly T[], each: (item: T, index: number) => void, slice = itemSlice): Promise<void> {
  for (let start = 0; start < items.length; start += slice) {
    if (start > 0) await nextTurn()
    const end = Math.min(items.length, start + slice)
    for (let i = start; i < end; i++) each(items[i]!, i)
  }
}

/** The items `keep` accepts, in order, `slice` items tested per turn of the event loop. */
export async function filterInSlices<T> (items: readonly T[], keep: (item: T) => boolean, slice = itemSlice): Promise<T[]> {
  const kept: T[] = []
  await forEachInSlices(items, item => { if (keep(item)) kept.push(item) }, slice)
  return kept
}
