/** How sentences name a catalog's terms: by label, else by the IRI's local name, every time alike. */
import { describe, expect, test } from 'vitest'
import { compileCatalog } from '../../src/catalog/index.js'
import { catalogNamer } from '../../src/matcher/writer.js'
import { parseRdf } from '../../src/rdf/index.js'
import { generateCatalog } from '../../bench/catalog-generator.js'

describe('catalogNamer', () => {
  test('names unlabelled services, providers and classes by their local names, the same on every call', async () => {
    const generated = generateCatalog(5, { classes: 12 })
    const catalog = compileCatalog(await parseRdf(generated.ntriples, { format: 'n-triples' }))
    const namer = catalogNamer(catalog)
    expect(catalogNamer(catalog)).toBe(namer)
    const service = generated.services[3]!
    const provider = catalog.services.get(service)!.provider!
    for (let call = 0; call < 2; call++) {
      for (const language of ['en', 'de'] as const) {
        expect(namer(service, language)).toBe('S3')
        expect(namer(provider, language)).toBe('P3')
        expect(namer(generated.interfaceClasses[7]!, language)).toBe('I7')
        // Not a term of the catalog: named, never remembered.
        expect(namer('https://example.org/elsewhere#Thing', language)).toBe('Thing')
        expect(namer('plain text', language)).toBe('plain text')
      }
    }
  })
})
