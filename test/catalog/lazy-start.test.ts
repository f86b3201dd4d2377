/**
 * An engine over a data directory whose catalog snapshot is current parses no stored graph until
 * something reads one: discovery answers from the snapshot alone, and SPARQL, exports, graph
 * reads and the vocabulary then see every triple an eagerly parsed store holds.
 */
import { cp, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Quad, Term } from '@rdfjs/types'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openEngine } from '../../src/engine.js'
import { engineLifecycle, writeExtraRule } from './engine-lifecycle.js'
import type { Engine } from '../../src/engine.js'
import { EmbeddedStore } from '../../src/store/index.js'

const sym = 'https://w3id.org/symphony/ontology#'
const discovery = { available: [], wanted: [`${sym}CallEventFeed`], limit: 20 }
const termKey = (t: Term): string => `${t.termType}|${t.value}|${t.termType === 'Literal' ? `${t.language}|${t.datatype.value}` : ''}`
const keys = (quads: readonly Quad[]): string[] => quads.map(q => [q.subject, q.predicate, q.object, q.graph].map(termKey).join(' ')).sort()
const storeOf = (engine: Engine): EmbeddedStore => {
  if (!(engine.store instanceof EmbeddedStore)) throw new Error('expected the embedded store')
  return engine.store
}

const { folder, open } = engineLifecycle('symphony-lazy-start-')

/** A data directory holding the example catalog with a current snapshot, as `import` leaves it. */
let seeded: string
/** An engine over a copy of it whose stored graphs were all parsed before anything else. */
let eager: Engine
beforeAll(async () => {
  seeded = join(await folder(), 'data')
  const writer = await openEngine({ dataDir: seeded, seedExamples: true })
  await writer.catalog()
  await writer.close()
  eager = await openEngine({ dataDir: await copyOfSeeded(), readOnly: true })
  await eager.store.quads()
  expect(storeOf(eager).parsedGraphs().unparsed).toBe(0)
}, 240_000)
afterAll(async () => { await eager.close() })

async function copyOfSeeded (): Promise<string> {
  const dataDir = join(await folder(), 'data')
  await cp(seeded, dataDir, { recursive: true })
  await rm(join(dataDir, 'lock'), { force: true })
  return dataDir
}

/** An engine over the seeded directory that has answered discovery from its snapshot, nothing parsed. */
async function lazyEngine (options: { readOnly?: boolean } = {}): Promise<Engine> {
  const engine = await open({ dataDir: options.readOnly === false ? await copyOfSeeded() : seeded, readOnly: options.readOnly ?? true })
  expect(await engine.discover(discovery)).toEqual(await eager.discover(discovery))
  expect(await engine.catalogOrigin()).toBe('snapshot')
  const { parsed, unparsed } = storeOf(engine).parsedGraphs()
  expect(parsed).toBe(0)
  expect(unparsed).toBe((await eager.store.graphs()).length - 2)
  return engine
}

describe('an engine over a current catalog snapshot', () => {
  it('answers discovery with no stored graph parsed, then a SPARQL query sees every triple', async () => {
    const engine = await lazyEngine()
    const query = 'SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } FILTER(!isBlank(?s) && !isBlank(?o)) }'
    const rows = async (e: Engine): Promise<string[]> => {
      const result = await e.query(query)
      if (result.type !== 'bindings') throw new Error('expected bindings')
      return result.rows.map(row => ['g', 's', 'p', 'o'].map(name => termKey(row[name]!)).join(' ')).sort()
    }
    const expected = await rows(eager)
    expect(expected.length).toBeGreaterThan(1000)
    expect(await rows(engine)).toEqual(expected)
    const count = 'SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }'
    const counted = async (e: Engine): Promise<string> => {
      const result = await e.query(count)
      return result.type === 'bindings' ? result.rows[0]!.n!.value : ''
    }
    expect(await counted(engine)).toBe(await counted(eager))
  }, 120_000)

  it('exports every catalog triple and reads every graph as an eagerly parsed store does', async () => {
    const engine = await lazyEngine()
    const lines = (text: string) => text.split('\n').filter(line => line !== '').sort()
    expect(lines(await engine.export('n-quads'))).toEqual(lines(await eager.export('n-quads')))
    const fresh = await lazyEngine()
    for (const { graph } of await eager.store.graphs()) {
      expect(keys(await fresh.store.graph(graph))).toEqual(keys(await eager.store.graph(graph)))
    }
    expect(storeOf(fresh).parsedGraphs().unparsed).toBe(0)
  }, 120_000)

  it('selects the vocabulary from the graphs on first use, as from an eagerly parsed store', async () => {
    const engine = await lazyEngine()
    const vocabulary = await engine.vocabulary()
    expect(vocabulary.length).toBeGreaterThan(100)
    expect(keys(vocabulary)).toEqual(keys(await eager.vocabulary()))
    // Kept with the catalog: asked again, the same quads.
    expect(await engine.vocabulary()).toBe(vocabulary)
    const form = await engine.form({ type: `${sym}ArchivingService` })
    expect(form).toEqual(await eager.form({ type: `${sym}ArchivingService` }))
  }, 120_000)

  it('recompiles after a write made before any graph was parsed, and finds the new service', async () => {
    const engine = await lazyEngine({ readOnly: false })
    const extra = join(await folder(), 'extra.ttl')
    await writeFile(extra, `@prefix sym: <${sym}> .\n<https://example.org/extra#Archive> a sym:ArchivingService ; sym:provides [ a sym:CallEventFeed ] .\n`)
    await engine.importFiles([extra])
    expect(await engine.catalogOrigin()).toBe('compiled')
    expect((await engine.catalog()).services.has('https://example.org/extra#Archive')).toBe(true)
    const found = (await engine.discover(discovery)).results.map(r => r.service)
    expect(found).toContain('https://example.org/extra#Archive')
    expect(found.filter(s => s !== 'https://example.org/extra#Archive').sort())
      .toEqual((await eager.discover(discovery)).results.map(r => r.service).sort())
  }, 180_000)

  it('parses and compiles when the snapshot is stale', async () => {
    const rules = await writeExtraRule(join(await folder(), 'rules'))
    const engine = await open({ dataDir: seeded, readOnly: true, rules: [rules] })
    expect(await engine.discover(discovery)).toEqual(await eager.discover(discovery))
    expect(await engine.catalogOrigin()).toBe('compiled')
    expect(storeOf(engine).parsedGraphs().unparsed).toBe(0)
    expect(keys(await engine.vocabulary())).toEqual(keys(await eager.vocabulary()))
  }, 180_000)
})
