import { describe, expect, it } from 'vitest'
import { generateCatalog } from '../../bench/catalog-generator.js'
import { compileCatalog } from '../../src/catalog/index.js'
import { checkDerivedEffects } from '../../src/publishing/boundaries.js'
import { parseRdf } from '../../src/rdf/index.js'
import { SliceClock } from '../../src/turns.js'

describe("the check that a description changes nothing another provider owns", () => {
  it('compares every class and service in slices with turns between them, and refuses as a check made at once would', async () => {
    const generated = generateCatalog(400)
    const quads = await parseRdf(generated.ntriples, { format: 'n-triples' })
    const before = compileCatalog(quads)
    const ids = [...before.services.keys()].sort()
    const changed = ids.at(-1)!
    const provider = before.services.get(changed)!.provider!
    const other = ids.map(id => before.services.get(id)!.provider).find(p => p !== provider)!
    const after = compileCatalog(await parseRdf(`${generated.ntriples}<${changed}> <https://schema.org/name> "Renamed" .\n`, { format: 'n-triples' }))
    let turns = 0
    let counting = true
    const count = (): void => { if (counting) { turns++; setImmediate(count) } }
    setImmediate(count)
    const outcomes: unknown[] = []
    try {
      // A slice of no time: a turn after every class and every service.
      for (const clock of [new SliceClock(0), new SliceClock(60_000)]) {
        outcomes.push(await checkDerivedEffects(before, after, other, [`${other}/`], clock).then(() => 'accepted', (error: { code: string, location: unknown }) => [error.code, error.location]))
      }
      expect(turns).toBeGreaterThan(ids.length)
    } finally {
      counting = false
    }
    expect(outcomes).toEqual([['FORBIDDEN', { node: changed }], ['FORBIDDEN', { node: changed }]])
    // The provider of the changed service may change it; nothing else changed.
    expect(await checkDerivedEffects(before, after, provider, [`${provider}/`], new SliceClock(0))).toBeUndefined()
  }, 120_000)
})
