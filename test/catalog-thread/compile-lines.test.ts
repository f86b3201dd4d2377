import { afterEach, describe, expect, it, vi } from 'vitest'
import { join } from 'node:path'
import { LineGraph } from '../../src/catalog/index.js'
import { BackgroundCompiler } from '../../src/catalog-thread/compiler.js'
import type { Engine } from '../../src/engine.js'
import { graphs } from '../../src/project.js'
import { EmbeddedStore, type MemoryStore } from '../../src/store/index.js'
import { generateCatalog } from '../../bench/catalog-generator.js'
import { engineLifecycle } from '../catalog/engine-lifecycle.js'
import { asNQuads, badRuleNTriples, crossGraphNQuads, writeWithQuadCopy } from '../catalog/line-files.js'

const ex = 'https://example.org/bench#'

const { folder, open } = engineLifecycle('symphony-compile-lines-')

/** The `--data` graph an engine holds as term ids. */
function heldLines (engine: Engine): LineGraph {
  const held = (engine.store as MemoryStore).heldNow().map(([, content]) => content).filter(content => content instanceof LineGraph)
  expect(held).toHaveLength(1)
  return held[0]!
}

/** `serve --data`: a data directory beside the file, the catalog compiled in the compile thread. */
async function openAsServe (dir: string, file: string): Promise<Engine> {
  const engine = await open({ dataFiles: [file], dataDir: join(dir, 'data'), compileInBackground: true })
  expect(engine.store).toBeInstanceOf(EmbeddedStore)
  return engine
}

const services = async (engine: Engine): Promise<unknown> => [...(await engine.catalog()).services.values()]

describe('--data held as term ids, compiled in the compile thread', () => {
  it('gives the catalog and answers of the quad path and of the compile in place, its quads never built here', async () => {
    const dir = await folder()
    const { file, copy } = await writeWithQuadCopy(dir, 'catalog.nq', asNQuads(generateCatalog(400, { seed: 11 }).ntriples))
    const served = await openAsServe(dir, file)
    const inPlace = await open({ dataFiles: [file] })
    const quadPath = await open({ dataFiles: [copy] })
    const held = heldLines(served)
    const catalog = await served.catalog()
    expect(catalog.services.size).toBe(400)
    expect(held.built).toBe(false)
    expect(await services(served)).toEqual(await services(quadPath))
    expect(await services(served)).toEqual(await services(inPlace))
    const request = { available: [`${ex}I1`, `${ex}I2`], wanted: [`${ex}I15`], limit: 10 }
    expect(await served.discover(request)).toEqual(await quadPath.discover(request))
    expect(await served.combinable(`${ex}S1`)).toEqual(await quadPath.combinable(`${ex}S1`))
    expect(held.built).toBe(false)
    // Read when asked: the data directory's counts, the vocabulary and the export are the quad path's.
    expect(await served.store.graphs()).toEqual(await quadPath.store.graphs())
    expect(await served.vocabulary()).toEqual(await quadPath.vocabulary())
    expect(await served.export('n-quads')).toBe(await quadPath.export('n-quads'))
    expect(held.built).toBe(true)
  }, 120_000)

  it('compiles the quads it builds of the ids itself when a node is left to name across graphs', async () => {
    const dir = await folder()
    const { file, copy } = await writeWithQuadCopy(dir, 'catalog.nq', crossGraphNQuads())
    const served = await openAsServe(dir, file)
    const quadPath = await open({ dataFiles: [copy] })
    const answer = await services(served)
    expect(answer).toEqual(await services(quadPath))
    expect(JSON.stringify(answer)).toContain(`${ex}S7-provides-I5`)
    // Built in the compile thread, from its copy of the ids.
    expect(heldLines(served).built).toBe(false)
  }, 120_000)

  it('reports a stored rule that does not compile as the quad path does', async () => {
    const dir = await folder()
    const { file, copy } = await writeWithQuadCopy(dir, 'rules.nt', badRuleNTriples)
    const served = await openAsServe(dir, file)
    const quadPath = await open({ dataFiles: [copy] })
    const failure = async (engine: Engine): Promise<{ code: string, messages: { en: string, de: string } }> =>
      engine.catalog().then(() => { throw new Error('compiled') }, (error: { code: string, messages: { en: string, de: string } }) => error)
    const expected = await failure(quadPath)
    expect(expected.messages.en.startsWith(`<${graphs.data}1/rules> <${ex}rule>:1:36: not a SPARQL query — Expecting `)).toBe(true)
    const got = await failure(served)
    expect(got.code).toBe('INVALID_QUERY')
    expect(got.messages).toEqual(expected.messages)
  }, 60_000)
})

describe('--data compiled here by an engine with a compile thread (serve while its door answers)', () => {
  afterEach(() => { vi.restoreAllMocks() })

  it('compiles the ids on this thread, not in the compile thread, to the same catalog and answers', async () => {
    const dir = await folder()
    const { file, copy } = await writeWithQuadCopy(dir, 'catalog.nq', asNQuads(generateCatalog(300, { seed: 5 }).ntriples))
    const served = await openAsServe(dir, file)
    const quadPath = await open({ dataFiles: [copy] })
    const inThread = vi.spyOn(BackgroundCompiler.prototype, 'compileLines')
    const onQuads = vi.spyOn(BackgroundCompiler.prototype, 'compile')
    const catalog = await served.catalog({ here: true })
    expect(inThread).not.toHaveBeenCalled()
    expect(onQuads).not.toHaveBeenCalled()
    expect(heldLines(served).built).toBe(false)
    expect([...catalog.services.values()]).toEqual(await services(quadPath))
    const request = { available: [`${ex}I1`, `${ex}I2`], wanted: [`${ex}I15`], limit: 10 }
    expect(await served.discover(request)).toEqual(await quadPath.discover(request))
    // The same version again: the catalog compiled here is kept, nothing compiled in the thread.
    expect(await served.catalog()).toBe(catalog)
    expect(inThread).not.toHaveBeenCalled()
  }, 120_000)

  it('compiles the quads here when a node is left to name across graphs', async () => {
    const dir = await folder()
    const { file, copy } = await writeWithQuadCopy(dir, 'catalog.nq', crossGraphNQuads())
    const served = await openAsServe(dir, file)
    const quadPath = await open({ dataFiles: [copy] })
    const onQuads = vi.spyOn(BackgroundCompiler.prototype, 'compile')
    const answer = [...(await served.catalog({ here: true })).services.values()]
    expect(onQuads).not.toHaveBeenCalled()
    expect(answer).toEqual(await services(quadPath))
    expect(JSON.stringify(answer)).toContain(`${ex}S7-provides-I5`)
    // Built on this thread, to be compiled here.
    expect(heldLines(served).built).toBe(true)
  }, 120_000)
})
