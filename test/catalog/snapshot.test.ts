import { beforeAll, describe, expect, it } from 'vitest'
import { cp, readdir, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Quad } from '@rdfjs/types'
import { openEngine } from '../../src/engine.js'
import { engineLifecycle, writeExtraRule } from './engine-lifecycle.js'
import type { Engine } from '../../src/engine.js'
import type { ErrorMessages } from '../../src/errors.js'
import { catalogSlices, compileParts, readSnapshot, snapshotFileOf, writeSnapshot } from '../../src/catalog/index.js'
import type { Catalog, CatalogParts, Service } from '../../src/catalog/index.js'
import { listTurtleFiles, readRdfFile } from '../../src/rdf/index.js'
import { builtinFolders } from '../../src/project.js'
import { generateCatalog } from '../../bench/catalog-generator.js'

const sym = 'https://w3id.org/symphony/ontology#'
const discovery = { available: [], wanted: [`${sym}CallEventFeed`], limit: 20 }

const { folder, open, engines } = engineLifecycle('symphony-snapshot-')

/** What a person reads off a catalog: every service, and what discovery and pairing answer. */
async function answers (engine: Engine): Promise<unknown> {
  const catalog = await engine.catalog()
  const services = [...catalog.services.values()]
  return {
    services,
    providers: [...catalog.providers],
    regions: [...catalog.regions],
    discover: await engine.discover(discovery),
    combinable: await Promise.all(services.slice(0, 8).map(s => engine.combinable(s.id)))
  }
}

/** A data directory holding the example catalog, as `import` leaves it (its snapshot written). */
let seeded: string
/** The answers of the example catalog compiled afresh in memory (no snapshot anywhere). */
let fresh: unknown
beforeAll(async () => {
  seeded = await folder()
  const writer = await openEngine({ dataDir: join(seeded, 'data'), seedExamples: true })
  await writer.catalog()
  await writer.close()
  const memory = await openEngine({ seedExamples: true })
  fresh = await answers(memory)
  await memory.close()
}, 240_000)

async function copyOfSeeded (): Promise<string> {
  const dataDir = join(await folder(), 'data')
  await cp(join(seeded, 'data'), dataDir, { recursive: true })
  await rm(join(dataDir, 'lock'), { force: true })
  return dataDir
}

describe('the catalog snapshot of a data directory', () => {
  it('is written by the process that holds the directory, and read by the next one with the same answers as compiled afresh', async () => {
    const dataDir = await copyOfSeeded()
    expect((await stat(snapshotFileOf(dataDir))).size).toBeGreaterThan(1000)
    const warnings: ErrorMessages[] = []
    const reader = await open({ dataDir, readOnly: true, onWarning: w => warnings.push(w) })
    expect(await reader.catalogOrigin()).toBe('snapshot')
    expect(await answers(reader)).toEqual(fresh)
    expect(warnings).toEqual([])
  }, 120_000)

  it('is not used once the store has changed, and is rebuilt by the writer', async () => {
    const dataDir = await copyOfSeeded()
    const old = await readFile(snapshotFileOf(dataDir))
    const extra = join(await folder(), 'extra.ttl')
    await writeFile(extra, `@prefix sym: <${sym}> .\n<https://example.org/extra#Archive> a sym:ArchivingService ; sym:provides [ a sym:CallEventFeed ] .\n`)
    const writer = await open({ dataDir })
    await writer.importFiles([extra])
    await writer.close()
    engines.pop()
    expect(await readFile(snapshotFileOf(dataDir))).not.toEqual(old)

    // The writer's new snapshot is current and has the new service.
    const reader = await open({ dataDir, readOnly: true })
    expect(await reader.catalogOrigin()).toBe('snapshot')
    expect((await reader.catalog()).services.has('https://example.org/extra#Archive')).toBe(true)
    await reader.close()
    engines.pop()

    // The snapshot from before the import is stale: not read, the catalog compiled instead.
    await writeFile(snapshotFileOf(dataDir), old)
    const warnings: ErrorMessages[] = []
    const again = await open({ dataDir, readOnly: true, onWarning: w => warnings.push(w) })
    expect(await again.catalogOrigin()).toBe('compiled')
    expect((await again.catalog()).services.has('https://example.org/extra#Archive')).toBe(true)
    expect(warnings).toEqual([])
    // A reader changes no file: the stale snapshot stays as it was.
    expect(await readFile(snapshotFileOf(dataDir))).toEqual(old)
  }, 180_000)

  it('is not used for other inference rules', async () => {
    const dataDir = await copyOfSeeded()
    const rules = await writeExtraRule(join(await folder(), 'rules'))
    const reader = await open({ dataDir, readOnly: true, rules: [rules] })
    expect(await reader.catalogOrigin()).toBe('compiled')
  }, 120_000)

  it('is set aside with a warning when cut off or damaged, and the writer replaces it', async () => {
    for (const damage of ['truncate', 'flip'] as const) {
      const dataDir = await copyOfSeeded()
      const file = snapshotFileOf(dataDir)
      if (damage === 'truncate') {
        await truncate(file, Math.floor((await stat(file)).size / 2))
      } else {
        const bytes = await readFile(file)
        bytes[bytes.length - 100] = bytes[bytes.length - 100]! ^ 0xff
        await writeFile(file, bytes)
      }
      const warnings: ErrorMessages[] = []
      const writer = await open({ dataDir, onWarning: w => warnings.push(w) })
      expect(await writer.catalogOrigin(), damage).toBe('compiled')
      expect(await answers(writer), damage).toEqual(fresh)
      expect(warnings.map(w => w.en), damage).toEqual([expect.stringContaining('checksum does not match')])
      expect(warnings[0]!.en).toContain(file)
      expect(warnings[0]!.de).toContain('Prüfsumme')
      await writer.close()
      engines.pop()
      const reader = await open({ dataDir, readOnly: true })
      expect(await reader.catalogOrigin(), damage).toBe('snapshot')
    }
  }, 240_000)

  it('is stale, not damaged, when written in an earlier version of the format: compiled without a warning and replaced by the writer', async () => {
    const dataDir = await copyOfSeeded()
    const file = snapshotFileOf(dataDir)
    const current = await readFile(file)
    const version = Buffer.from('SYMPHONY-CATALOG-SNAPSHOT ')
    expect(current.subarray(0, version.length)).toEqual(version)
    // The first format's header (V8 serialization of each slice) in front of a body of another kind.
    // The second format's header (every object written at each occurrence), its key as written.
    const rest = current.subarray(current.indexOf(10) + 1)
    const key = (JSON.parse(rest.subarray(4, 4 + rest.readUInt32LE(0)).toString('utf8')) as { key: string }).key
    await writeFile(file, Buffer.concat([Buffer.from('SYMPHONY-CATALOG-SNAPSHOT 2\n'), rest]))
    expect((await readSnapshot(file, key)).status).toBe('stale')
    await writeFile(file, Buffer.concat([Buffer.from('SYMPHONY-CATALOG-SNAPSHOT 1\n'), rest]))
    expect((await readSnapshot(file, 'any key')).status).toBe('stale')
    const warnings: ErrorMessages[] = []
    const writer = await open({ dataDir, onWarning: w => warnings.push(w) })
    expect(await writer.catalogOrigin()).toBe('compiled')
    expect(await answers(writer)).toEqual(fresh)
    expect(warnings).toEqual([])
    await writer.close()
    engines.pop()
    expect((await readFile(file)).subarray(0, 28)).toEqual(current.subarray(0, 28))
    const reader = await open({ dataDir, readOnly: true })
    expect(await reader.catalogOrigin()).toBe('snapshot')
  }, 120_000)

  it('is left whole by an interrupted write: the old snapshot is read, and the writer removes the partial file', async () => {
    const dataDir = await copyOfSeeded()
    const file = snapshotFileOf(dataDir)
    const whole = await readFile(file)
    // What a process killed while writing leaves: a partial temporary file beside the snapshot.
    const partial = join(dataDir, '.catalog.snapshot.0f6e2a9c-killed.tmp')
    await writeFile(partial, whole.subarray(0, 5000))
    const reader = await open({ dataDir, readOnly: true })
    expect(await reader.catalogOrigin()).toBe('snapshot')
    expect(await answers(reader)).toEqual(fresh)
    await reader.close()
    engines.pop()
    expect(await readdir(dataDir)).toContain('.catalog.snapshot.0f6e2a9c-killed.tmp')
    const writer = await open({ dataDir })
    expect(await writer.catalogOrigin()).toBe('snapshot')
    expect((await readdir(dataDir)).filter(name => name.endsWith('.tmp'))).toEqual([])
  }, 120_000)
})

describe('a generated catalog of a few thousand services through its snapshot', () => {
  it('reads back the services as compiled, and discovery, pairing and composition answer the same', async () => {
    const generated = generateCatalog(3000, { seed: 7 })
    const dir = await folder()
    const nt = join(dir, 'catalog.nt')
    await writeFile(nt, generated.ntriples)
    const writer = await open({ dataDir: join(dir, 'data') })
    await writer.importFiles([nt])
    const compiled = await writer.catalog()
    expect(compiled.services.size).toBe(3000)
    const reader = await open({ dataDir: join(dir, 'data'), readOnly: true })
    expect(await reader.catalogOrigin()).toBe('snapshot')
    const read = await reader.catalog()
    expect([...read.services.values()]).toEqual([...compiled.services.values()])
    expect([...read.providers]).toEqual([...compiled.providers])
    expect([...read.regions]).toEqual([...compiled.regions])
    expect([...read.serviceNodeRoles]).toEqual([...compiled.serviceNodeRoles])
    for (const c of generated.interfaceClasses.slice(0, 40)) {
      expect(read.providersOf(c).map(n => n.id), c).toEqual(compiled.providersOf(c).map(n => n.id))
      expect(read.consumersOf(c).map(n => n.id), c).toEqual(compiled.consumersOf(c).map(n => n.id))
      expect([...read.hierarchy.superClasses(c)], c).toEqual([...compiled.hierarchy.superClasses(c)])
    }
    for (const service of generated.services.slice(0, 50)) {
      expect(read.facts(service, 'https://w3id.org/symphony/ontology#dataLocation')).toEqual(compiled.facts(service, 'https://w3id.org/symphony/ontology#dataLocation'))
    }
    const ask = async (engine: Engine): Promise<unknown> => ({
      discover: await engine.discover({ available: generated.interfaceClasses.slice(0, 30), wanted: [generated.interfaceClasses[15]!], limit: 10 }),
      combinable: await engine.combinable(generated.services[0]!),
      // Searched best-first within its state budget, not by the solver within a time budget: at
      // 3,000 generated services the solver's answer depends on how far it gets in its time.
      compose: await engine.compose({ serviceTypes: [`${sym}VirtualPBX`, `${sym}CRM`], seats: 2 }, { maxModelEntries: 1 })
    })
    const fromSnapshot = await ask(reader)
    expect(fromSnapshot).toEqual(await ask(writer))
    expect(JSON.stringify(fromSnapshot)).toContain(generated.services[0]!)
  }, 300_000)
})

describe('readSnapshot and writeSnapshot', () => {
  let slices: ReturnType<typeof catalogSlices> extends Iterable<infer T> ? T[] : never
  let parts: CatalogParts
  beforeAll(async () => {
    const quads: Quad[] = []
    for (const folder of [builtinFolders.ontology, builtinFolders.examples]) {
      for (const file of await listTurtleFiles(folder)) quads.push(...await readRdfFile(file))
    }
    parts = compileParts(quads)
    slices = [...catalogSlices(parts)]
  }, 120_000)

  it('reads back what was written for the same key, reports another key as stale and a missing file as missing', async () => {
    const file = join(await folder(), 'catalog.snapshot')
    expect(await readSnapshot(file, 'k1')).toEqual({ status: 'missing' })
    await writeSnapshot(file, 'k1', slices, parts.shared)
    const read = await readSnapshot(file, 'k1')
    expect(read.status).toBe('loaded')
    const catalog = (read as { catalog: Catalog }).catalog
    const head = slices[0]!
    expect(head.kind).toBe('head')
    const services = slices.flatMap(slice => slice.kind === 'services' ? slice.services : [])
    expect([...catalog.services.values()]).toEqual(services)
    expect(await readSnapshot(file, 'k2')).toEqual({ status: 'stale' })
  })

  it('reads the objects the compiled parts share (price declarations, empty lists, fact values) as one object each', async () => {
    const dir = await folder()
    const catalogs: Catalog[] = []
    const read = async (shared?: ReadonlySet<object>): Promise<Service[]> => {
      const file = join(dir, shared === undefined ? 'apart' : 'shared')
      await writeSnapshot(file, 'k1', slices, shared ?? new Set())
      catalogs.push((await readSnapshot(file, 'k1') as { catalog: Catalog }).catalog)
      return [...catalogs.at(-1)!.services.values()]
    }
    const [shared, apart] = [await read(parts.shared), await read()]
    // The facts of services with one provider: one value object, as compiled.
    const provider = 'https://schema.org/provider'
    const facts = (catalog: Catalog) => {
      const first = shared.find(s => s.provider !== undefined && shared.filter(o => o.provider === s.provider).length > 1)!
      return shared.filter(s => s.provider === first.provider).map(s => catalog.facts(s.id, provider)[0])
    }
    expect(facts(catalogs[0]!).length).toBeGreaterThan(1)
    expect(new Set(facts(catalogs[0]!)).size).toBe(1)
    expect(new Set(facts(catalogs[1]!)).size).toBe(facts(catalogs[1]!).length)
    expect(shared).toEqual(apart)
    expect((await stat(join(dir, 'shared'))).size).toBeLessThan((await stat(join(dir, 'apart'))).size)
    const definitions = (services: Service[]) => services.flatMap(s => s.offers.flatMap(o => o.prices.flatMap(p => p.definition ?? [])))
    const empties = (services: Service[]) => services.flatMap(s => [s.compliance.certifications, s.compliance.transferSafeguards,
      ...[...s.provides, ...s.requires].flatMap(i => [i.protocols, i.dataFormats, i.carriesData])]).filter(list => list.length === 0)
    const ids = new Set(definitions(shared).map(d => d.id))
    // The examples price several offers with one component, and leave many lists unstated.
    expect(definitions(shared).length).toBeGreaterThan(ids.size)
    expect(new Set(definitions(shared)).size).toBe(ids.size)
    expect(new Set(definitions(apart)).size).toBe(definitions(apart).length)
    expect(empties(shared).length).toBeGreaterThan(1)
    expect(new Set(empties(shared)).size).toBe(1)
    expect(new Set(empties(apart)).size).toBe(empties(apart).length)
  })

  it('reports a file that is not a snapshot, or whose slices are missing, as corrupt', async () => {
    const dir = await folder()
    const notOne = join(dir, 'other')
    await writeFile(notOne, 'hello')
    expect((await readSnapshot(notOne, 'k1')).status).toBe('corrupt')
    const short = join(dir, 'short')
    await writeSnapshot(short, 'k1', slices.slice(0, -1), parts.shared)
    const read = await readSnapshot(short, 'k1')
    expect(read.status).toBe('corrupt')
    expect((read as { reason: ErrorMessages }).reason.en).toContain('do not make a catalog')
  })
})

