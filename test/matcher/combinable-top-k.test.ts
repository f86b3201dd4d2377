/**
 * `combinableWith` with a limit keeps only the k best while ranking (a bounded heap): for every
 * k its answer is exactly the first k of the fully sorted answer, on generated catalogs.
 */
import { describe, expect, test } from 'vitest'
import { compileCatalog } from '../../src/catalog/index.js'
import { combinableWith } from '../../src/matcher/index.js'
import { parseRdf } from '../../src/rdf/index.js'
import { TopK } from '../../src/matcher/top-k.js'
import { generateCatalog, random } from '../../bench/catalog-generator.js'

describe('combinableWith with limit', () => {
  test.each([7, 19])('equals the full ranking cut at k, for every k (seed %i)', async seed => {
    const generated = generateCatalog(150, { classes: 12, seed })
    const catalog = compileCatalog(await parseRdf(generated.ntriples, { format: 'n-triples' }))
    const lengths: number[] = []
    for (const x of generated.services.slice(0, 6)) {
      for (const minDegree of ['exact', 'plugin', 'subsumes'] as const) {
        const full = combinableWith(catalog, x, { minDegree })
        lengths.push(full.length)
        for (let k = 1; k <= full.length + 1; k++) {
          expect(combinableWith(catalog, x, { minDegree, limit: k })).toEqual(full.slice(0, k))
        }
      }
    }
    // The catalogs are dense enough that the cut falls inside long rankings.
    expect(Math.max(...lengths)).toBeGreaterThanOrEqual(20)
  }, 120_000)

  test('the heap keeps the k best of any stream in order, ties included', () => {
    const next = random(3)
    for (let round = 0; round < 200; round++) {
      const items = Array.from({ length: Math.floor(next() * 40) }, (_, i) => ({ key: Math.floor(next() * 8), i }))
      const compare = (a: { key: number, i: number }, b: { key: number, i: number }): number => a.key - b.key || a.i - b.i
      const k = 1 + Math.floor(next() * 12)
      const top = new TopK(k, compare)
      for (const item of items) top.push(item)
      expect(top.sorted()).toEqual([...items].sort(compare).slice(0, k))
    }
  })
})
