import { describe, expect, it } from 'vitest'
import { parseRdf } from '../../src/rdf/index.js'
import { activeVersion, historyFromQuads, historyToQuads } from '../../src/publishing/history.js'
import type { DescriptionRecord } from '../../src/publishing/history.js'
import { canonicalNTriples } from '../../src/publishing/canonical.js'
import { checkOwnership, servicesIn } from '../../src/publishing/services.js'
import type { SymphonyError } from '../../src/errors.js'

const sym = 'https://w3id.org/symphony/ontology#'

describe('description history', () => {
  it('round-trips through RDF and picks the newest version not deprecated', () => {
    const record: DescriptionRecord = {
      provider: 'https://example.org/acme#Acme',
      name: 'pbx',
      versions: [
        { version: 1, created: '2025-01-01T00:00:00.000Z', mediaType: 'text/turtle', services: ['https://example.org/acme#PBX'], triples: 3, deprecated: false, content: '<urn:a> <urn:b> "1" .\n' },
        { version: 2, created: '2025-02-01T00:00:00.000Z', mediaType: 'application/ld+json', services: ['https://example.org/acme#PBX'], triples: 4, deprecated: true, deprecatedAt: '2025-03-01T00:00:00.000Z', content: '<urn:a> <urn:b> "2" .\n' }
      ]
    }
    const back = historyFromQuads(record, historyToQuads(record))
    expect(back).toEqual(record)
    expect(activeVersion(back)?.version).toBe(1)
    expect(activeVersion({ ...record, versions: [] })).toBeUndefined()
  })

  it('stores canonical N-Triples: isomorphic graphs give the same text', async () => {
    const a = await parseRdf('@prefix ex: <https://example.org/> . ex:s ex:p [ ex:q 1 ] , [ ex:q 2 ] .', { format: 'turtle' })
    const b = await parseRdf('<https://example.org/s> <https://example.org/p> _:x2 , _:x1 . _:x1 <https://example.org/q> 1 . _:x2 <https://example.org/q> 2 .', { format: 'turtle' })
    expect(await canonicalNTriples(a)).toBe(await canonicalNTriples(b))
  })
})

describe('services of a submission', () => {
  it('finds typed services and nodes with interfaces, and checks their provider', async () => {
    const quads = await parseRdf(`@prefix sym: <${sym}> . @prefix schema: <https://schema.org/> . @prefix ex: <https://example.org/> .
      ex:A a sym:VirtualPBX ; schema:provider ex:Me .
      ex:B sym:provides [ a ex:Feed ] ; schema:provider ex:Me .
      ex:Me a schema:Organization .`, { format: 'turtle' })
    const services = servicesIn(quads, type => type === sym + 'VirtualPBX')
    expect(services).toEqual(['https://example.org/A', 'https://example.org/B'])
    expect(() => checkOwnership(quads, services, 'https://example.org/Me')).not.toThrow()
    let error: SymphonyError | undefined
    try { checkOwnership(quads, services, 'https://example.org/You') } catch (e) { error = e as SymphonyError }
    expect(error?.code).toBe('FORBIDDEN')
    expect(error?.details).toEqual({ services: [
      { service: 'https://example.org/A', providers: ['https://example.org/Me'] },
      { service: 'https://example.org/B', providers: ['https://example.org/Me'] }
    ] })
  })
})
