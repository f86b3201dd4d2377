import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { DataFactory } from 'n3'
import { describe, expect, it } from 'vitest'
import { parseRdf } from '../../src/rdf/index.js'
import { openEngine } from '../../src/engine.js'
import { activeVersion, historyFromQuads, versionToQuads } from '../../src/publishing/history.js'
import { activeGraphOf, historyGraphOf, keyOfHistoryGraph, versionGraphOf } from '../../src/publishing/names.js'
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
    const back = historyFromQuads(record, record.versions.flatMap(version => versionToQuads(record, version)))
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

describe('history storage', () => {
  const acme = 'https://example.org/acme#Acme'
  const key = { provider: acme, name: 'pbx' }
  const fixture = fileURLToPath(new URL('../fixtures/api/acme-pbx.ttl', import.meta.url))

  it('names version graphs and tells them from the single graph of earlier data directories', () => {
    expect(keyOfHistoryGraph(versionGraphOf(key, 12))).toEqual({ ...key, version: 12 })
    expect(keyOfHistoryGraph(historyGraphOf(key))).toEqual(key)
    for (const other of [`${historyGraphOf(key)}/012`, `${historyGraphOf(key)}/0`, `${historyGraphOf(key)}/x`, `${historyGraphOf(key)}/1/2`, activeGraphOf(key)]) {
      expect([other, keyOfHistoryGraph(other)]).toEqual([other, undefined])
    }
  })

  it('writes each version into its own graph: a new version or a deprecation leaves the others untouched', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'symphony-history-'))
    const engine = await openEngine({ dataDir: join(folder, 'data') })
    try {
      const text = await readFile(fixture, 'utf8')
      const submission = (label: string) => ({ ...key, mediaType: 'text/turtle', text: `${text}\n<https://example.org/acme#CloudPBX> <https://schema.org/description> "${label}" .\n` })
      await engine.publish(submission('one'), { actor: acme })
      await engine.publish(submission('two'), { actor: acme })
      const written: string[][] = []
      const putGraphs = engine.store.putGraphs.bind(engine.store)
      engine.store.putGraphs = async (graphs, options) => {
        written.push(graphs.map(g => g.graph))
        return putGraphs(graphs, options)
      }
      await engine.publish(submission('three'), { actor: acme })
      await engine.deprecate({ ...key, version: 3 }, { actor: acme })
      expect(written).toEqual([[activeGraphOf(key), versionGraphOf(key, 3)], [activeGraphOf(key), versionGraphOf(key, 3)]])
      const graphs = (await engine.store.graphs()).map(g => g.graph).filter(g => g.startsWith(historyGraphOf(key)))
      expect(graphs.sort()).toEqual([1, 2, 3].map(v => versionGraphOf(key, v)))
      const description = await engine.description(key)
      expect([description.active, description.versions.map(v => [v.version, v.deprecated])]).toEqual([2, [[1, false], [2, false], [3, true]]])
      expect((await engine.descriptions(acme)).map(d => d.name)).toEqual(['pbx'])
    } finally {
      await engine.close()
      await rm(folder, { recursive: true, force: true })
    }
  })

  it('reads the single history graph of an earlier data directory and splits it on the next write', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'symphony-history-'))
    const engine = await openEngine({ dataDir: join(folder, 'data') })
    try {
      await engine.publish({ ...key, mediaType: 'text/turtle', text: await readFile(fixture, 'utf8') }, { actor: acme })
      // Rewritten as an earlier version of Symphony kept it: every version in one graph.
      const v1 = historyFromQuads(key, await engine.store.graph(versionGraphOf(key, 1)))
      const v2 = { ...v1.versions[0]!, version: 2, created: '2026-01-02T00:00:00.000Z' }
      const single = DataFactory.namedNode(historyGraphOf(key))
      const legacy = [...v1.versions, v2].flatMap(version => versionToQuads(key, version)).map(q => DataFactory.quad(q.subject, q.predicate, q.object, single))
      await engine.store.putGraphs([{ graph: versionGraphOf(key, 1), quads: [] }, { graph: historyGraphOf(key), quads: legacy }])
      expect((await engine.description(key)).versions.map(v => v.version)).toEqual([1, 2])
      await engine.deprecate({ ...key, version: 1 }, { actor: acme })
      const graphs = (await engine.store.graphs()).map(g => g.graph).filter(g => g.startsWith(historyGraphOf(key)))
      expect(graphs.sort()).toEqual([versionGraphOf(key, 1), versionGraphOf(key, 2)])
      const description = await engine.description(key)
      expect([description.active, description.versions.map(v => [v.version, v.deprecated])]).toEqual([2, [[1, true], [2, false]]])
    } finally {
      await engine.close()
      await rm(folder, { recursive: true, force: true })
    }
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
