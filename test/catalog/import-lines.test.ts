import { describe, expect, it } from 'vitest'
import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { LineGraph } from '../../src/catalog/index.js'
import type { Engine } from '../../src/engine.js'
import type { MemoryStore } from '../../src/store/index.js'
import { generateCatalog } from '../../bench/catalog-generator.js'
import { engineLifecycle } from './engine-lifecycle.js'
import { asNQuads, crossGraphNQuads, writeWithQuadCopy } from './line-files.js'

const ex = 'https://example.org/bench#'

const { folder, open } = engineLifecycle('symphony-import-lines-')

/** Every file of a data directory but its lock, by name, as bytes. */
async function dataDirFiles (dir: string): Promise<Record<string, Buffer>> {
  const files: Record<string, Buffer> = {}
  const walk = async (sub: string): Promise<void> => {
    for (const entry of await readdir(join(dir, sub), { withFileTypes: true })) {
      const name = join(sub, entry.name)
      if (entry.isDirectory()) await walk(name)
      else if (name !== 'lock') files[name] = await readFile(join(dir, name))
    }
  }
  await walk('')
  return files
}

/** The graph an import holds as term ids, if any. */
function heldLines (engine: Engine): LineGraph | undefined {
  return (engine.store as MemoryStore).heldNow().map(([, content]) => content).find(content => content instanceof LineGraph)
}

/** Imports `file` into a fresh data directory; the engine, its directory and what the import reported. */
async function imported (file: string): Promise<{ engine: Engine, dir: string, graphs: unknown }> {
  const dir = join(await folder(), 'data')
  const engine = await open({ dataDir: dir })
  const graphs = (await engine.importFiles([file])).map(({ graph, triples }) => ({ graph, triples }))
  return { engine, dir, graphs }
}

describe('import of N-Triples and N-Quads held as term ids', () => {
  it('stores the same graph files, digests and snapshot as the quad path, and answers the same, building no quad', async () => {
    const { file, copy } = await writeWithQuadCopy(await folder(), 'catalog.nq', asNQuads(generateCatalog(300, { seed: 11 }).ntriples))
    const lines = await imported(file)
    const quads = await imported(copy)
    const held = heldLines(lines.engine)
    expect(held).toBeInstanceOf(LineGraph)
    expect(heldLines(quads.engine)).toBe(undefined)
    expect(lines.graphs).toEqual(quads.graphs)
    const request = { available: [`${ex}I1`, `${ex}I2`], wanted: [`${ex}I15`], limit: 10 }
    expect(await lines.engine.discover(request)).toEqual(await quads.engine.discover(request))
    expect([...(await lines.engine.catalog()).services.values()]).toEqual([...(await quads.engine.catalog()).services.values()])
    expect(await lines.engine.catalogOrigin()).toBe('compiled')
    // Written and compiled from the term ids.
    expect(held!.built).toBe(false)
    const files = await dataDirFiles(lines.dir)
    expect(Object.keys(files).sort()).toEqual(['catalog.snapshot', expect.stringMatching(/^graphs\/[0-9a-f]{32}\.nq$/)])
    expect(files).toEqual(await dataDirFiles(quads.dir))
    // Opened again: the snapshot is current for the stored digests, and answers the same.
    await lines.engine.close()
    const reopened = await open({ dataDir: lines.dir })
    expect(await reopened.discover(request)).toEqual(await quads.engine.discover(request))
    expect(await reopened.catalogOrigin()).toBe('snapshot')
  }, 120_000)

  it('leaves the catalog it compiles unindexed until it is read', async () => {
    const file = join(await folder(), 'catalog.nt')
    await writeFile(file, generateCatalog(50, { seed: 3 }).ntriples)
    const { engine } = await imported(file)
    const catalog = await engine.catalog()
    // Indexing looks up the superclasses of every service's types; a catalog indexed already
    // answers `servicesOfType` from its index without one.
    const superClasses = catalog.hierarchy.superClasses
    let lookups = 0
    Object.assign(catalog.hierarchy, { superClasses: (c: string) => { lookups++; return superClasses(c) } })
    const services = catalog.servicesOfType('https://w3id.org/symphony/ontology#Service')
    expect(lookups).toBe(249)
    expect(services.length).toBe(50)
  }, 120_000)

  it('compiles from the quads, to the same data directory, when a node is left to name across graphs', async () => {
    const { file, copy } = await writeWithQuadCopy(await folder(), 'catalog.nq', crossGraphNQuads())
    const lines = await imported(file)
    const quads = await imported(copy)
    const services = [...(await lines.engine.catalog()).services.values()]
    expect(services).toEqual([...(await quads.engine.catalog()).services.values()])
    expect(JSON.stringify(services)).toContain(`${ex}S7-provides-I5`)
    // The fallback built the quads to compile them; the graph file was still written from the ids.
    expect(heldLines(lines.engine)!.built).toBe(true)
    expect(await dataDirFiles(lines.dir)).toEqual(await dataDirFiles(quads.dir))
  }, 120_000)
})
