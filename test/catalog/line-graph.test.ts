import { describe, expect, it } from 'vitest'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Quad } from '@rdfjs/types'
import { catalogSlices, compileLineParts, compileParts, LineGraph, nameServiceNodes, type CatalogParts } from '../../src/catalog/index.js'
import { CompactEncoder } from '../../src/catalog/compact-codec.js'
import { freshBlankPrefix, listTurtleFiles, quadsOfLines, readRdfFile } from '../../src/rdf/index.js'
import { builtinFolders, graphs } from '../../src/project.js'
import { MemoryStore } from '../../src/store/index.js'
import { generateCatalog } from '../../bench/catalog-generator.js'
import { engineLifecycle } from './engine-lifecycle.js'
import { asNQuads, badRuleNTriples, crossGraphNQuads, writeWithQuadCopy } from './line-files.js'

const ex = 'https://example.org/bench#'
const sym = 'https://w3id.org/symphony/ontology#'
const rdfType = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type'
const graph = `${graphs.data}1/catalog`

const { folder, open } = engineLifecycle('symphony-line-graph-')

/** The built-in graphs as the store holds them (blank nodes scoped). */
async function builtins (): Promise<Quad[]> {
  const store = new MemoryStore()
  const read = async (dir: string): Promise<Quad[]> => (await Promise.all((await listTurtleFiles(dir)).map(async file => readRdfFile(file)))).flat()
  await store.putGraphs([{ graph: graphs.ontology, quads: await read(builtinFolders.ontology) }, { graph: graphs.shapes, quads: await read(builtinFolders.shapes) }])
  return store.quads()
}

/** The file's quads as `--data` stored them as quads: named, then scoped to the graph. */
async function storedQuads (text: string, format: 'n-triples' | 'n-quads'): Promise<Quad[]> {
  const store = new MemoryStore()
  await store.putGraphs([{ graph, quads: nameServiceNodes(quadsOfLines(text, { format, source: 'catalog', blankPrefix: freshBlankPrefix() })) }])
  return store.quads()
}

/** Every byte of the compiled catalog as its compact snapshot writes it: services, facts, names, hierarchy, labels. */
function snapshotBytes (parts: CatalogParts): Buffer {
  const encoder = new CompactEncoder()
  const frames: Buffer[] = []
  for (const slice of catalogSlices(parts)) for (const body of encoder.encode(slice)) frames.push(Buffer.from(body))
  return Buffer.concat(frames)
}

describe('a file held as term ids', () => {
  for (const seed of [1, 2, 3]) {
    for (const format of ['n-triples', 'n-quads'] as const) {
      it(`compiles to the catalog its quads compile to, byte for byte (seed ${seed}, ${format})`, async () => {
        const generated = generateCatalog(1000, { seed })
        const text = format === 'n-quads' ? asNQuads(generated.ntriples) : generated.ntriples
        const base = await builtins()
        const quads = await storedQuads(text, format)
        const held = LineGraph.read({ text, format, source: 'catalog', graph })
        expect(held.triples).toBe(quads.length)
        expect(held.built).toBe(false)
        const parts = compileLineParts(base, [held])
        expect(parts).toBeDefined()
        expect(held.built).toBe(false)
        const expected = compileParts([...base, ...quads])
        expect(snapshotBytes(parts!).equals(snapshotBytes(expected))).toBe(true)
        // Names minted on ids are those minted on quads, hashed siblings included.
        const minted = [...expected.services.values()].flatMap(service => service.provides.map(node => node.id))
        // (A pointer stated twice leaves its node blank, in the N-Quads variant.)
        if (format === 'n-triples') expect(minted.every(id => !id.startsWith('_:'))).toBe(true)
        if (format === 'n-quads') expect(minted.filter(id => /^https:\/\/example\.org\/bench#S1-provides-I3-[0-9a-f]{6}(?:-2)?$/.test(id))).toHaveLength(2)
        // The quads built when read are those stored from quads, in the same order.
        const built = held.quadsNow()
        expect(built.length).toBe(quads.length)
        expect(built.every((quad, i) => quad.equals(quads[i]!))).toBe(true)
      }, 60_000)
    }
  }

  it('leaves to the quads a node that only roles stated elsewhere, or a graph shared with other graphs, make one to name', async () => {
    // `_:x` is pointed to in the default graph and described in another: not named in the file,
    // but named when the compile sees every statement of the stored graph together.
    const text = [
      `<${ex}S1> <${rdfType}> <${sym}VirtualPBX> .`,
      `<${ex}S1> <${sym}provides> _:x .`,
      `_:x <${rdfType}> <${sym}CallEventFeed> <https://g.example/1> .`
    ].join('\n') + '\n'
    const held = LineGraph.read({ text, format: 'n-quads', source: 'catalog', graph })
    expect(compileLineParts(await builtins(), [held])).toBeUndefined()
  })
})

describe('--data N-Triples and N-Quads in the engine', () => {
  it('answers, exports and counts as the same file stored as quads, building the quads only when read', async () => {
    const dir = await folder()
    const { file, copy } = await writeWithQuadCopy(dir, 'catalog.nq', asNQuads(generateCatalog(300, { seed: 7 }).ntriples))
    const lines = await open({ dataFiles: [file] })
    const stored = await open({ dataFiles: [copy] })
    expect((stored.store as MemoryStore).heldNow().some(([, content]) => content instanceof LineGraph)).toBe(false)
    const held = (lines.store as MemoryStore).heldNow().map(([, content]) => content).find(content => content instanceof LineGraph)
    expect(held).toBeInstanceOf(LineGraph)
    const request = { available: [`${ex}I1`, `${ex}I2`], wanted: [`${ex}I15`], limit: 10 }
    expect(await lines.discover(request)).toEqual(await stored.discover(request))
    expect(await lines.combinable(`${ex}S1`)).toEqual(await stored.combinable(`${ex}S1`))
    expect((held as LineGraph).built).toBe(false)
    expect(await lines.store.graphs()).toEqual(await stored.store.graphs())
    expect((held as LineGraph).built).toBe(false)
    expect(await lines.export('n-quads')).toBe(await stored.export('n-quads'))
    expect((held as LineGraph).built).toBe(true)
    expect(await lines.vocabulary()).toEqual(await stored.vocabulary())
  }, 120_000)

  it('compiles from the quads, with the same answers, when a node is left to name across graphs', async () => {
    const dir = await folder()
    const { file, copy } = await writeWithQuadCopy(dir, 'catalog.nq', crossGraphNQuads())
    const lines = await open({ dataFiles: [file] })
    const stored = await open({ dataFiles: [copy] })
    const services = async (engine: typeof lines): Promise<unknown> => [...(await engine.catalog()).services.values()]
    const answer = await services(lines)
    expect(answer).toEqual(await services(stored))
    expect(JSON.stringify(answer)).toContain(`${ex}S7-provides-I5`)
  }, 120_000)

  it('reports a stored rule that does not compile as the quad path does', async () => {
    const dir = await folder()
    const { file, copy } = await writeWithQuadCopy(dir, 'rules.nt', badRuleNTriples)
    const lines = await open({ dataFiles: [file] })
    const stored = await open({ dataFiles: [copy] })
    const failure = async (engine: typeof lines): Promise<{ code: string, messages: { en: string, de: string } }> =>
      engine.catalog().then(() => { throw new Error('compiled') }, (error: { code: string, messages: { en: string, de: string } }) => error)
    const expected = await failure(stored)
    expect(expected.code).toBe('INVALID_QUERY')
    expect(expected.messages.en.startsWith(`<${graphs.data}1/rules> <${ex}rule>:1:36: not a SPARQL query — Expecting `)).toBe(true)
    const got = await failure(lines)
    expect(got.code).toBe(expected.code)
    expect(got.messages).toEqual(expected.messages)
  })

  it('reports a syntax error at open, naming file, line and column', async () => {
    const dir = await folder()
    const file = join(dir, 'broken.nt')
    await writeFile(file, `<${ex}S1> <${rdfType}> <${sym}VirtualPBX> .\n<${ex}S2> <${rdfType}> ${sym}CRM .\n`)
    await expect(open({ dataFiles: [file] })).rejects.toMatchObject({
      code: 'PARSE_ERROR',
      messages: { en: `${file}:2: expected an object: an IRI <…>, a blank node _:… or a literal "…", at column ${`<${ex}S2> <${rdfType}> `.length + 1} (N-Triples)` }
    })
  })
})
