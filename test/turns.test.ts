import { describe, expect, it } from 'vitest'
import { filterInSlices, forEachInSlices } from '../src/turns.js'

describe('work in slices, a turn of the event loop between them', () => {
  it('visits every item once, in order, and filters as Array.filter', async () => {
    const items = Array.from({ length: 1003 }, (_, i) => i)
    const seen: number[] = []
    const indices: number[] = []
    await forEachInSlices(items, (item, index) => { seen.push(item); indices.push(index) }, 100)
    expect(seen).toEqual(items)
    expect(indices).toEqual(items)
    expect(await filterInSlices(items, i => i % 7 === 3, 10)).toEqual(items.filter(i => i % 7 === 3))
    expect(await filterInSlices([], () => true)).toEqual([])
  })

  it('yields between slices of items', async () => {
    const items = Array.from({ length: 50 }, (_, i) => i)
    expect(await turnsDuring(() => forEachInSlices(items, () => undefined, 10))).toBeGreaterThanOrEqual(4)
    expect(await turnsDuring(() => forEachInSlices(items, () => undefined, 50))).toBe(0)
  })
})

/** How many turns of the event loop went by while `work` ran. */
async function turnsDuring (work: () => Promise<unknown>): Promise<number> {
  let turns = 0
  let counting = true
  const count = (): void => { if (counting) { turns++; setImmediate(count) } }
  setImmediate(count)
  await work()
  counting = false
  return turns
}
