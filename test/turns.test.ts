import { describe, expect, it } from 'vitest'
import { decodeUtf8InSlices, filterInSlices, forEachInSlices } from '../src/turns.js'

describe('work in slices, a turn of the event loop between them', () => {
  it('gives the event loop a turn between slices of bytes decoded, and none within one slice', async () => {
    const bytes = Buffer.from('x'.repeat(40), 'utf8')
    expect(await turnsDuring(() => decodeUtf8InSlices(bytes, 10))).toBeGreaterThanOrEqual(3)
    expect(await turnsDuring(() => decodeUtf8InSlices(bytes, 100))).toBe(0)
  })

  it('decodes UTF-8 in slices as Buffer.toString does, characters cut at a slice end included', async () => {
    const bytes = Buffer.concat([Buffer.from('\uFEFFä𝄞 x€\n', 'utf8'), Buffer.from([0xff, 0xc3]), Buffer.from('ö𝄞'.repeat(5), 'utf8')])
    for (const slice of [1, 2, 3, 5, 8, 1000]) expect(await decodeUtf8InSlices(bytes, slice)).toBe(bytes.toString('utf8'))
    expect(await decodeUtf8InSlices(Buffer.from([0xf0, 0x9d]), 1)).toBe(Buffer.from([0xf0, 0x9d]).toString('utf8'))
    expect(await decodeUtf8InSlices(new Uint8Array(0))).toBe('')
  })

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
