/**
 * Where the composition workers get their catalog: from the data directory's snapshot when the
 * engine's catalog has a current one (the quads are never packed), from the packed quads when
 * the snapshot was replaced or damaged after the engine read it, or when there is none. Every
 * way gives the answer the engine gives.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, test } from 'vitest'
import { ComposePool, workerCatalogOf, type WorkerCatalog } from '../../src/api/compose-pool/index.js'
import { parseCompositionRequest } from '../../src/composer/index.js'
import { LineGraph, snapshotFileOf, writeSnapshot } from '../../src/catalog/index.js'
import type { ErrorMessages } from '../../src/errors.js'
import { openEngine, type Engine } from '../../src/engine.js'
import { readRdfFile } from '../../src/rdf/files.js'
import { serializeRdf } from '../../src/rdf/serialize.js'
import type { MemoryStore } from '../../src/store/index.js'
import { crossGraphNQuads } from '../catalog/line-files.js'
import { sym } from './helpers.js'

const fixtures = fileURLToPath(new URL('../fixtures/api/', import.meta.url))
const request = { serviceTypes: [`${sym}VirtualPBX`, `${sym}CRM`], seats: 10, limit: 3 }
/** The one bundle the two fixture providers make for `request`. */
const fixtureBundles = [['https://example.org/acme#CloudPBX', 'https://example.org/globex#CallCRM']]

/** The engine's worker catalog, counting how often the quads are packed and remembering the snapshot offered. */
function counted (engine: Engine): { catalog: () => Promise<WorkerCatalog>, packed: () => number, offered: () => WorkerCatalog['snapshot'] } {
  const inner = workerCatalogOf(engine)
  let packed = 0
  let offered: WorkerCatalog['snapshot']
  return {
    catalog: async () => {
      const catalog = await inner()
      offered = catalog.snapshot
      return { ...catalog, packed: async () => { packed++; return catalog.packed() } }
    },
    packed: () => packed,
    offered: () => offered
  }
}

describe('composition workers over a data directory', () => {
  let dataDir: string | undefined
  let engine: Engine | undefined
  let pool: ComposePool | undefined
  afterEach(async () => {
    await pool?.close()
    await engine?.close()
    if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true })
    pool = engine = dataDir = undefined
  })

  /** An engine started on a data directory whose snapshot a previous process saved. */
  async function reopened (): Promise<Engine> {
    dataDir = await mkdtemp(join(tmpdir(), 'symphony-pool-snapshot-'))
    const writer = await openEngine({ dataDir })
    await writer.importFiles([join(fixtures, 'acme-pbx.ttl'), join(fixtures, 'globex-crm.ttl')])
    await writer.close()
    engine = await openEngine({ dataDir })
    expect(await engine.catalogOrigin()).toBe('snapshot')
    return engine
  }

  test('a current snapshot is read by the workers: the quads are never packed, the answer is the engine\'s', async () => {
    const opened = await reopened()
    const source = counted(opened)
    pool = new ComposePool({ size: 1, queueCapacity: 4, catalog: source.catalog })
    const answer = await pool.compose(parseCompositionRequest(request))
    expect(answer.bundles.map(b => b.services)).toEqual(fixtureBundles)
    expect(answer).toEqual(await opened.compose(request))
    expect(source.offered()?.file).toBe(snapshotFileOf(dataDir!))
    expect(source.packed()).toBe(0)
  }, 180_000)

  test('the snapshot a write saved is read by the workers, for the catalog after the write', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'symphony-pool-snapshot-'))
    const writer = engine = await openEngine({ dataDir })
    const source = counted(writer)
    pool = new ComposePool({ size: 1, queueCapacity: 4, catalog: source.catalog })
    // Before the import: the built-in ontology's catalog, saved when first compiled.
    expect((await pool.compose(parseCompositionRequest(request))).bundles).toEqual([])
    const before = source.offered()
    await writer.importFiles([join(fixtures, 'acme-pbx.ttl'), join(fixtures, 'globex-crm.ttl')])
    const answer = await pool.compose(parseCompositionRequest(request))
    expect(answer.bundles.map(b => b.services)).toEqual(fixtureBundles)
    expect(answer).toEqual(await writer.compose(request))
    expect(source.offered()?.file).toBe(snapshotFileOf(dataDir))
    expect(source.offered()?.key).not.toBe(before?.key)
    expect(source.packed()).toBe(0)
  }, 180_000)

  test('with the compile thread (as serve runs), a write\'s snapshot is offered and the worker answers as the engine, read or compiled', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'symphony-pool-snapshot-'))
    const writer = engine = await openEngine({ dataDir, compileInBackground: true })
    await writer.importFiles([join(fixtures, 'acme-pbx.ttl'), join(fixtures, 'globex-crm.ttl')])
    const source = counted(writer)
    pool = new ComposePool({ size: 1, queueCapacity: 4, catalog: source.catalog })
    // The thread saves the snapshot after the hand-over: the worker reads it, or compiles the quads if it is not there yet.
    expect(await pool.compose(parseCompositionRequest(request))).toEqual(await writer.compose(request))
    expect(source.offered()?.file).toBe(snapshotFileOf(dataDir))
    expect(source.packed()).toBeLessThanOrEqual(1)
  }, 180_000)

  test('a snapshot replaced after the engine read it is stale: the worker compiles the quads and answers the same', async () => {
    const opened = await reopened()
    await writeSnapshot(snapshotFileOf(dataDir!), 'the key of other content', [], new Set())
    const source = counted(opened)
    const warnings: ErrorMessages[] = []
    pool = new ComposePool({ size: 1, queueCapacity: 4, catalog: source.catalog, onWarning: messages => { warnings.push(messages) } })
    expect(await pool.compose(parseCompositionRequest(request))).toEqual(await opened.compose(request))
    expect(source.offered()).toBeDefined()
    expect(source.packed()).toBe(1)
    // Stale is what a writer's replacement looks like: no warning.
    expect(warnings).toEqual([])
    // Loaded once: the next job neither reads the snapshot again nor packs again.
    expect(await pool.compose(parseCompositionRequest(request))).toEqual(await opened.compose(request))
    expect(source.packed()).toBe(1)
  }, 180_000)

  test('discoveries: a worker reads the current snapshot for them; one not saved yet is waited for, the quads are never packed', async () => {
    const opened = await reopened()
    const discovery = { available: [`${sym}CallEventFeed`], wanted: [`${sym}ContactLookupAPI`], limit: 10 }
    const source = counted(opened)
    pool = new ComposePool({ size: 1, queueCapacity: 4, catalog: source.catalog })
    const settled = async (): Promise<void> => { while (pool!.status().busy > 0) await new Promise(resolve => setTimeout(resolve, 10)) }
    // The first is answered by the caller while the worker reads the snapshot.
    expect(await pool.discover(discovery)).toBeUndefined()
    await settled()
    const answer = await pool.discover(discovery)
    expect(answer?.results.length).toBe(1)
    expect(JSON.parse(JSON.stringify(answer))).toEqual(JSON.parse(JSON.stringify(await opened.discover(discovery))))
    // As just after a write, before the compile thread saved the new snapshot: its key is not there.
    await writeSnapshot(snapshotFileOf(dataDir!), 'the key of other content', [], new Set())
    const offered = { ...source.offered()!, key: 'the key of the catalog being saved' }
    const waiting = new ComposePool({ size: 1, queueCapacity: 4, catalog: async () => ({ ...await source.catalog(), snapshot: offered }) })
    try {
      for (let tries = 0; tries < 3; tries++) {
        expect(await waiting.discover(discovery)).toBeUndefined()
        while (waiting.status().busy > 0) await new Promise(resolve => setTimeout(resolve, 10))
      }
      expect(source.packed()).toBe(0)
      expect(waiting.status().replaced).toBe(0)
    } finally {
      await waiting.close()
    }
  }, 180_000)

  test('a damaged snapshot is reported in both languages and the worker compiles the quads', async () => {
    const opened = await reopened()
    const file = snapshotFileOf(dataDir!)
    await writeFile(file, 'not a catalog snapshot\n')
    const source = counted(opened)
    const warnings: ErrorMessages[] = []
    pool = new ComposePool({ size: 1, queueCapacity: 4, catalog: source.catalog, onWarning: messages => { warnings.push(messages) } })
    expect(await pool.compose(parseCompositionRequest(request))).toEqual(await opened.compose(request))
    expect(source.packed()).toBe(1)
    expect(warnings).toEqual([{
      en: `${file}: not a catalog snapshot of this format (its first bytes differ); the composition workers compile the catalog from the store's quads instead`,
      de: `${file}: kein Katalog-Snapshot dieses Formats (die ersten Bytes weichen ab); die Worker für Zusammenstellungen kompilieren den Katalog stattdessen aus den Quads des Speichers`
    }])
  }, 180_000)

  test('an engine in memory offers no snapshot: the worker compiles the packed quads', async () => {
    engine = await openEngine({ dataFiles: [join(fixtures, 'acme-pbx.ttl'), join(fixtures, 'globex-crm.ttl')] })
    const source = counted(engine)
    pool = new ComposePool({ size: 1, queueCapacity: 4, catalog: source.catalog })
    const answer = await pool.compose(parseCompositionRequest(request))
    expect(answer.bundles.map(b => b.services)).toEqual(fixtureBundles)
    expect(answer).toEqual(await engine.compose(request))
    expect(source.offered()).toBeUndefined()
    expect(source.packed()).toBe(1)
  }, 180_000)

  /** The graphs the engine holds as term ids (`--data` N-Triples / N-Quads). */
  const heldLines = (opened: Engine): LineGraph[] =>
    (opened.store as MemoryStore).heldNow().map(([, content]) => content).filter(content => content instanceof LineGraph)

  test('--data N-Triples: the worker compiles the graph held as term ids, its quads never built here', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'symphony-pool-lines-'))
    const quads = [...await readRdfFile(join(fixtures, 'acme-pbx.ttl')), ...await readRdfFile(join(fixtures, 'globex-crm.ttl'))]
    const file = join(dataDir, 'providers.nt')
    await writeFile(file, await serializeRdf(quads, 'n-triples'))
    engine = await openEngine({ dataFiles: [file] })
    const [held] = heldLines(engine)
    expect(held?.built).toBe(false)
    const source = counted(engine)
    pool = new ComposePool({ size: 1, queueCapacity: 4, catalog: source.catalog })
    const answer = await pool.compose(parseCompositionRequest(request))
    expect(answer.bundles.map(b => b.services)).toEqual(fixtureBundles)
    expect(answer).toEqual(await engine.compose(request))
    expect(source.packed()).toBe(1)
    expect(held?.built).toBe(false)
  }, 180_000)

  test('--data N-Quads with a node left to name across graphs: the worker builds the quads of its own copy and discovers as the engine', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'symphony-pool-lines-'))
    const file = join(dataDir, 'catalog.nq')
    await writeFile(file, crossGraphNQuads())
    engine = await openEngine({ dataFiles: [file] })
    const source = counted(engine)
    pool = new ComposePool({ size: 1, queueCapacity: 4, catalog: source.catalog })
    const bench = 'https://example.org/bench#'
    const discovery = { available: [`${bench}I1`, `${bench}I2`, `${bench}I3`], wanted: [`${bench}I5`], limit: 10 }
    // The first is answered by the caller while the worker compiles.
    expect(await pool.discover(discovery)).toBeUndefined()
    while (pool.status().busy > 0) await new Promise(resolve => setTimeout(resolve, 10))
    const answer = await pool.discover(discovery)
    expect(source.packed()).toBe(1)
    expect(heldLines(engine)[0]?.built).toBe(false)
    // The engine's own compile (in place) builds them to name the node.
    expect(JSON.parse(JSON.stringify(answer))).toEqual(JSON.parse(JSON.stringify(await engine.discover(discovery))))
    expect(answer?.results.map(result => result.service)).toContain(`${bench}S7`)
  }, 180_000)
})
