import { Parser } from 'n3'
import type { Quad } from '@rdfjs/types'
import { describe, expect, it } from 'vitest'
import { compileCatalog } from '../../src/catalog/index.js'
import { generateCatalog } from '../../bench/catalog-generator.js'

describe('compileCatalog at scale', () => {
  // Speed is measured by bench/match.ts, not here.
  it('compiles every service and interface of a 10,000-service catalog', () => {
    const generated = generateCatalog(10_000)
    const quads = new Parser({ format: 'N-Triples' }).parse(generated.ntriples) as Quad[]
    const catalog = compileCatalog(quads)
    const interfaces = [...catalog.services.values()].reduce((n, s) => n + s.provides.length + s.requires.length, 0)
    expect(catalog.services.size).toBe(10_000)
    expect(interfaces).toBe(quads.filter(q => q.predicate.value.endsWith('#provides') || q.predicate.value.endsWith('#requires')).length)
  }, 180_000)
})
