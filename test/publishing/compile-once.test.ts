/**
 * A publication compiles the catalog once: the catalog it checked (compiled with the write as
 * it is then stored) becomes the catalog after the write when the store then holds exactly those
 * quads, and is saved as the data directory's snapshot as a recompile would have saved it.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { compileCatalog, readSnapshot } from '../../src/catalog/index.js'
import type { Catalog } from '../../src/catalog/index.js'
import { BackgroundCompiler } from '../../src/catalog-thread/compiler.js'
import { openEngine } from '../../src/engine.js'
import type { Engine } from '../../src/engine.js'
import type * as CompileModule from '../../src/catalog/compile.js'

const compiles = vi.hoisted(() => ({ inPlace: 0 }))
vi.mock('../../src/catalog/compile.js', async original => {
  const actual = await original<typeof CompileModule>()
  return { ...actual, compileParts: (...args: Parameters<typeof actual.compileParts>) => { compiles.inPlace++; return actual.compileParts(...args) } }
})

const acme = 'https://example.org/acme#Acme'
const fixture = fileURLToPath(new URL('../fixtures/api/acme-pbx.ttl', import.meta.url))
const pbx = 'https://example.org/acme#CloudPBX'

/** The catalog's answers as plain values, to compare with a catalog compiled in place. */
function answers (catalog: Catalog): unknown {
  return { services: [...catalog.services.values()], providers: [...catalog.providers], classes: [...catalog.hierarchy.classes()].length }
}

describe('a publication compiles the catalog once', () => {
  const folders: string[] = []
  const engines: Engine[] = []
  afterEach(async () => {
    for (const engine of engines.splice(0)) await engine.close()
    for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true })
    vi.restoreAllMocks()
  })
  const open = async (options: { compileInBackground?: boolean, dataDir?: string } = {}) => {
    const dataDir = options.dataDir ?? join(await mkdtemp(join(tmpdir(), 'symphony-compile-once-')), 'data')
    if (options.dataDir === undefined) folders.push(join(dataDir, '..'))
    const engine = await openEngine({ dataDir, ...options.compileInBackground === undefined ? {} : { compileInBackground: options.compileInBackground } })
    engines.push(engine)
    await engine.catalog()
    return { engine, dataDir }
  }

  it.each([
    { compileInBackground: false, mode: 'in place' },
    { compileInBackground: true, mode: 'in the compile thread' }
  ])('keeps the catalog it checked as the one after the write, and saves it as the snapshot ($mode)', async ({ compileInBackground }) => {
    const { engine, dataDir } = await open({ compileInBackground })
    const thread = vi.spyOn(BackgroundCompiler.prototype, 'compile')
    compiles.inPlace = 0
    const text = await readFile(fixture, 'utf8')
    const outcome = await engine.publish({ provider: acme, name: 'pbx', mediaType: 'text/turtle', text }, { actor: acme })
    expect([outcome.status, outcome.services]).toEqual(['accepted', [pbx]])
    expect([thread.mock.calls.length, compiles.inPlace]).toEqual(compileInBackground ? [1, 0] : [0, 1])
    const after = await engine.catalog()
    expect(after.services.has(pbx)).toBe(true)
    expect(answers(after)).toEqual(answers(compileCatalog(await engine.publicQuads())))
    // The next version compiles once more, no more.
    await engine.publish({ provider: acme, name: 'pbx', mediaType: 'text/turtle', text: text.replace('Hosted PBX', 'Hosted telephony') }, { actor: acme })
    expect(compileInBackground ? thread.mock.calls.length : compiles.inPlace).toBe(2)
    const second = await engine.catalog()
    // The compile thread saves it after the write returned: wait for the file before closing.
    const { snapshot } = await engine.catalogSnapshot()
    expect(snapshot).toBeDefined()
    while ((await readSnapshot(snapshot!.file, snapshot!.key)).status !== 'loaded') await new Promise(resolve => setTimeout(resolve, 50))
    await engine.close()
    engines.splice(0)
    // Saved as the data directory's snapshot: the next start reads it instead of compiling.
    compiles.inPlace = 0
    const { engine: reopened } = await open({ dataDir })
    expect(await reopened.catalogOrigin()).toBe('snapshot')
    expect(compiles.inPlace).toBe(0)
    expect(answers(await reopened.catalog())).toEqual(answers(second))
  }, 120_000)

  it.each([
    { compileInBackground: false, mode: 'in place' },
    { compileInBackground: true, mode: 'in the compile thread' }
  ])('compiles a deprecation once, whether it changes the active version or not ($mode)', async ({ compileInBackground }) => {
    const { engine } = await open({ compileInBackground })
    const text = await readFile(fixture, 'utf8')
    await engine.publish({ provider: acme, name: 'pbx', mediaType: 'text/turtle', text }, { actor: acme })
    await engine.publish({ provider: acme, name: 'pbx', mediaType: 'text/turtle', text: text.replace('Hosted PBX', 'Hosted telephony') }, { actor: acme })
    const thread = vi.spyOn(BackgroundCompiler.prototype, 'compile')
    const count = (): number => compileInBackground ? thread.mock.calls.length : compiles.inPlace
    const name = async (): Promise<string | undefined> => (await engine.catalog()).services.get(pbx)?.description.en
    compiles.inPlace = 0
    expect(await name()).toBe('Hosted telephony for up to 500 seats.')
    // The active version: the catalog falls back to version 1.
    const active = await engine.deprecate({ provider: acme, name: 'pbx', version: 2 }, { actor: acme })
    expect([active.description.active, count(), await name()]).toEqual([1, 1, 'Hosted PBX for up to 500 seats.'])
    expect(answers(await engine.catalog())).toEqual(answers(compileCatalog(await engine.publicQuads())))
    // Version 1 after a publication of version 3: only the version graph changes.
    await engine.publish({ provider: acme, name: 'pbx', mediaType: 'text/turtle', text: text.replace('Hosted PBX', 'Hosted voice') }, { actor: acme })
    compiles.inPlace = 0
    thread.mockClear()
    const inactive = await engine.deprecate({ provider: acme, name: 'pbx', version: 1 }, { actor: acme })
    expect([inactive.description.active, inactive.impact, count(), await name()]).toEqual([3, { matches: [], bundles: [] }, 1, 'Hosted voice for up to 500 seats.'])
    expect(answers(await engine.catalog())).toEqual(answers(compileCatalog(await engine.publicQuads())))
  }, 120_000)

  it('lets the compile thread drop the catalog of a dry run, an unchanged version and a refused publication', async () => {
    const { engine } = await open({ compileInBackground: true })
    const text = await readFile(fixture, 'utf8')
    await engine.publish({ provider: acme, name: 'pbx', mediaType: 'text/turtle', text }, { actor: acme })
    const compile = vi.spyOn(BackgroundCompiler.prototype, 'compile')
    const drop = vi.spyOn(BackgroundCompiler.prototype, 'dropSnapshot')
    const dryRun = await engine.publish({ provider: acme, name: 'pbx', mediaType: 'text/turtle', text: text.replace('Hosted PBX', 'Hosted voice') }, { actor: acme, dryRun: true })
    const unchanged = await engine.publish({ provider: acme, name: 'pbx', mediaType: 'text/turtle', text }, { actor: acme })
    // The same service in a second description: compiled, then refused.
    await expect(engine.publish({ provider: acme, name: 'pbx-copy', mediaType: 'text/turtle', text }, { actor: acme })).rejects.toMatchObject({ code: 'CONFLICT' })
    expect([dryRun.status, unchanged.status]).toEqual(['dry-run', 'unchanged'])
    const compiled = await Promise.all(compile.mock.results.map(result => result.value as Promise<Catalog>))
    expect(compiled).toHaveLength(3)
    expect(drop.mock.calls.map(([catalog]) => compiled.indexOf(catalog))).toEqual([0, 1, 2])
  }, 120_000)

  it('keeps what the store holds when another write lands while the publication is checked', async () => {
    const { engine, dataDir } = await open({ compileInBackground: true })
    const text = await readFile(fixture, 'utf8')
    const other = join(dataDir, '..', 'other.ttl')
    await writeFile(other, '<https://example.org/other#PBX> a <https://w3id.org/symphony/ontology#VirtualPBX> ; <https://schema.org/name> "Other PBX"@en .\n')
    const [outcome] = await Promise.all([
      engine.publish({ provider: acme, name: 'pbx', mediaType: 'text/turtle', text }, { actor: acme }),
      engine.importFiles([other])
    ])
    expect(outcome.status).toBe('accepted')
    const after = await engine.catalog()
    expect([after.services.has(pbx), after.services.has('https://example.org/other#PBX')]).toEqual([true, true])
    expect(answers(after)).toEqual(answers(compileCatalog(await engine.publicQuads())))
  }, 120_000)
})
