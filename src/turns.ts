/**
 * Long work on the serving thread, cut into slices with a turn of the event loop between them:
 * a server that is starting (or recompiling) keeps answering `/health` and every other request
 * while it gathers or indexes a large catalog. Each helper gives exactly the result of
 * doing the same work in one piece.
 */
/** Items handled per turn by `forEachInSlices` unless told otherwise. */
const itemSlice = 50_000

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
