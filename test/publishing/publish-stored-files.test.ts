/**
 * A publication over a data directory compiles the catalog after its write in the compile thread
 * with the stored graphs the write leaves as they are read from their files there, not parsed
 * into quads and packed here; the catalog is the one compiled from the store's quads.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { catalogSlices, compileCatalog, compileParts, readSnapshot, writeSnapshot } from '../../src/catalog/index.js'
import type { Catalog } from '../../src/catalog/index.js'
import { BackgroundCompiler } from '../../src/catalog-thread/compiler.js'
import type { StoreGraph } from '../../src/catalog-thread/store-graphs.js'
import type { Engine } from '../../src/engine.js'
import type { EmbeddedStore } from '../../src/store/index.js'
import { generateCatalog } from '../../bench/catalog-generator.js'
import { engineLifecycle } from '../catalog/engine-lifecycle.js'

const acme = 'https://example.org/acme#Acme'
const fixture = fileURLToPath(new URL('../fixtures/api/acme-pbx.ttl', import.meta.url))
const pbx = 'https://example.org/acme#CloudPBX'

const { folder, open, engines } = engineLifecycle('symphony-publish-stored-')
afterEach(() => { vi.restoreAllMocks() })

function answers (catalog: Catalog): unknown {
  return { services: [...catalog.services.values()], providers: [...catalog.providers], classes: [...catalog.hierarchy.classes()].length }
}

/** A data directory holding an imported catalog (one graph file), opened again as `serve` opens it: the graph held as stored. */
async function servedDataDir (): Promise<{ engine: Engine, dataDir: string }> {
  const dir = await folder()
  await writeFile(join(dir, 'catalog.nt'), generateCatalog(150, { seed: 7 }).ntriples)
  const dataDir = join(dir, 'data')
  const importer = await open({ dataDir })
  await importer.importFiles([join(dir, 'catalog.nt')])
  engines.splice(engines.indexOf(importer), 1)
  await importer.close()
  const engine = await open({ dataDir, compileInBackground: true })
  await engine.catalog()
  return { engine, dataDir }
}

const isFile = (graph: StoreGraph): boolean => 'file' in graph
const quadsOf = (graphs: readonly StoreGraph[]): number => graphs.reduce((sum, graph) => sum + ('file' in graph ? 0 : graph.length), 0)

describe('a publication over stored graph files', () => {
  it('has the compile thread read the stored graph from its file, to the catalog of the store\'s quads, kept and saved', async () => {
    const { engine, dataDir } = await servedDataDir()
    const stored = (engine.store as EmbeddedStore).heldNow({ publicOnly: true }).find(([graph]) => graph.includes('catalog'))!
    const compileStored = vi.spyOn(BackgroundCompiler.prototype, 'compileStored')
    const compile = vi.spyOn(BackgroundCompiler.prototype, 'compile')
    const text = await readFile(fixture, 'utf8')
    const outcome = await engine.publish({ provider: acme, name: 'pbx', mediaType: 'text/turtle', text }, { actor: acme })
    expect([outcome.status, outcome.services]).toEqual(['accepted', [pbx]])
    expect([compileStored.mock.calls.length, compile.mock.calls.length]).toEqual([1, 0])
    const graphs = compileStored.mock.calls[0]![0]
    expect(graphs.filter(isFile)).toEqual([{ graph: stored[0], file: expect.stringMatching(/graphs\/[0-9a-f]{32}\.nq$/), digest: expect.stringMatching(/^[0-9a-f]{64}$/) }])
    // Only the graphs other than the stored one were packed.
    const publicQuads = await engine.publicQuads()
    expect(quadsOf(graphs)).toBe(publicQuads.length - stored[1].triples)
    const after = await engine.catalog()
    expect(after.services.has(pbx)).toBe(true)
    expect(answers(after)).toEqual(answers(compileCatalog(publicQuads)))
    // Kept as the catalog after the write (no compile more) and saved as the snapshot.
    expect(compileStored.mock.calls.length + compile.mock.calls.length).toBe(1)
    const { snapshot } = await engine.catalogSnapshot()
    while ((await readSnapshot(snapshot!.file, snapshot!.key)).status !== 'loaded') await new Promise(resolve => setTimeout(resolve, 50))
    engines.splice(engines.indexOf(engine), 1)
    await engine.close()
    const reopened = await open({ dataDir })
    expect(await reopened.catalogOrigin()).toBe('snapshot')
    expect(answers(await reopened.catalog())).toEqual(answers(after))
    // The same bytes as the catalog of the store's quads (in the store's order) compiled on the quad path.
    const quadPath = join(await folder(), 'quad-path.snapshot')
    const quadParts = compileParts(publicQuads)
    await writeSnapshot(quadPath, snapshot!.key, catalogSlices(quadParts), quadParts.shared)
    expect((await readFile(quadPath)).equals(await readFile(snapshot!.file))).toBe(true)
  }, 240_000)

  it('compiles the quads when the stored graph\'s file no longer holds the text the store read', async () => {
    const { engine, dataDir } = await servedDataDir()
    const files = await readdir(join(dataDir, 'graphs'))
    expect(files).toHaveLength(1)
    const file = join(dataDir, 'graphs', files[0]!)
    await writeFile(file, (await readFile(file, 'utf8')).replaceAll('#S1>', '#S1-renamed>'))
    const compileStored = vi.spyOn(BackgroundCompiler.prototype, 'compileStored')
    const compile = vi.spyOn(BackgroundCompiler.prototype, 'compile')
    const text = await readFile(fixture, 'utf8')
    expect((await engine.publish({ provider: acme, name: 'pbx', mediaType: 'text/turtle', text }, { actor: acme })).status).toBe('accepted')
    expect([compileStored.mock.calls.length, compile.mock.calls.length]).toEqual([1, 1])
    expect(await compileStored.mock.results[0]!.value).toBe(undefined)
    const after = await engine.catalog()
    expect(after.services.has('https://example.org/bench#S1')).toBe(true)
    expect(answers(after)).toEqual(answers(compileCatalog(await engine.publicQuads())))
  }, 240_000)
})
