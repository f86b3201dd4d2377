/**
 * Graphs read from a data directory are parsed on first use: opening only hashes and counts the
 * stored text, and every read path then sees exactly what an eagerly parsed store holds.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Quad, Term } from '@rdfjs/types'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { parseRdf } from '../../src/rdf/index.js'
import { EmbeddedStore, MemoryStore } from '../../src/store/index.js'
import type { GraphContent } from '../../src/store/index.js'
import { toNQuads } from '../../src/store/n-quads.js'
import { StoredGraph } from '../../src/store/stored-graph.js'

const ex = 'https://example.org/'
const turtle = (text: string) => parseRdf(`@prefix ex: <${ex}> .\n${text}`, { format: 'turtle' })
const termKey = (t: Term): string => `${t.termType}|${t.value}|${t.termType === 'Literal' ? `${t.language}|${t.datatype.value}` : ''}`
const quadKey = (q: Quad): string => [q.subject, q.predicate, q.object, q.graph].map(termKey).join(' ')
const keys = (quads: readonly Quad[]): string[] => quads.map(quadKey).sort()

/** Three public graphs (one with blank nodes and escaped line breaks) and one private (an order). */
async function contents (): Promise<GraphContent[]> {
  const lines = Array.from({ length: 4000 }, (_, i) => `ex:s${i} ex:label "line ${i}\\nsecond line"@en ; ex:part [ ex:n ${i} ] .`)
  return [
    { graph: `${ex}big`, quads: await turtle(lines.join('\n')) },
    { graph: `${ex}small`, quads: await turtle('ex:a ex:p ex:b , "text" .') },
    { graph: `${ex}other`, quads: await turtle('ex:c a ex:Thing .') },
    { graph: 'https://w3id.org/symphony/graph/ops/order/o1', quads: await turtle('ex:o1 ex:status "open" .') }
  ]
}

describe('a data directory opened lazily', () => {
  let dataDir: string
  /** What was written, held by a store that never read a file. */
  let eager: MemoryStore
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'symphony-lazy-'))
    const writer = await EmbeddedStore.open(dataDir)
    await writer.putGraphs(await contents())
    eager = new MemoryStore()
    for (const { graph } of await writer.graphs()) await eager.putGraphs([{ graph, quads: await writer.graph(graph) }])
    await writer.close()
  })
  afterEach(async () => {
    await eager.close()
    await rm(dataDir, { recursive: true, force: true })
  })

  it('parses no graph on open, yet lists them with their sizes and counts them', async () => {
    for (const readOnly of [false, true]) {
      const store = await EmbeddedStore.open(dataDir, { readOnly })
      expect(store.parsedGraphs()).toEqual({ parsed: 0, unparsed: 4 })
      expect(await store.graphs()).toEqual(await eager.graphs())
      expect(store.counts()).toEqual(eager.counts())
      expect(store.parsedGraphs()).toEqual({ parsed: 0, unparsed: 4 })
      await store.close()
    }
  })

  it('parses a graph when first read, once, and every read path sees what an eager store holds', async () => {
    const store = await EmbeddedStore.open(dataDir)
    try {
      expect(keys(await store.graph(`${ex}small`))).toEqual(keys(await eager.graph(`${ex}small`)))
      expect(store.parsedGraphs()).toEqual({ parsed: 1, unparsed: 3 })
      expect(keys(await store.quads({ publicOnly: true }))).toEqual(keys(await eager.quads({ publicOnly: true })))
      expect(store.parsedGraphs()).toEqual({ parsed: 3, unparsed: 1 })
      expect(keys(await store.quads())).toEqual(keys(await eager.quads()))
      expect(store.parsedGraphs()).toEqual({ parsed: 4, unparsed: 0 })
      // The same quads every time: parsed once.
      const first = await store.graph(`${ex}big`)
      expect((await store.graph(`${ex}big`)).every((q, i) => q === first[i])).toBe(true)
    } finally {
      await store.close()
    }
  })

  it('answers SPARQL and dumps graphs over graphs not parsed yet', async () => {
    const store = await EmbeddedStore.open(dataDir, { readOnly: true })
    try {
      const query = `SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } FILTER(!isBlank(?s) && !isBlank(?o)) }`
      const rows = async (s: MemoryStore): Promise<string[]> => {
        const result = await s.query(query)
        if (result.type !== 'bindings') throw new Error('expected bindings')
        return result.rows.map(row => ['g', 's', 'p', 'o'].map(name => termKey(row[name]!)).join(' ')).sort()
      }
      const expected = await rows(eager)
      expect(expected).toHaveLength(4000 + 2 + 1 + 1)
      expect(await rows(store)).toEqual(expected)
      expect(store.parsedGraphs()).toEqual({ parsed: 4, unparsed: 0 })
    } finally {
      await store.close()
    }
    const dumping = await EmbeddedStore.open(dataDir, { readOnly: true })
    try {
      const dumps = async (s: MemoryStore) => { const all = []; for await (const dump of s.graphDumps()) all.push(dump); return all }
      expect(await dumps(dumping)).toEqual(await dumps(eager))
    } finally {
      await dumping.close()
    }
  })

  it('keeps the digest of the stored text, and replaces a graph without parsing the old content', async () => {
    const writer = await EmbeddedStore.open(dataDir)
    const digest = writer.publicContent().digest
    await writer.putGraphs([{ graph: `${ex}big`, quads: await turtle('ex:new ex:p ex:q .') }])
    expect(writer.parsedGraphs()).toEqual({ parsed: 0, unparsed: 3 })
    const changed = writer.publicContent().digest
    expect(changed).not.toBe(digest)
    expect(keys(await writer.graph(`${ex}big`))).toEqual([`NamedNode|${ex}new| NamedNode|${ex}p| NamedNode|${ex}q| NamedNode|${ex}big|`])
    await writer.close()
    // Written and held in memory, then read back from the file: the same digest.
    const reopened = await EmbeddedStore.open(dataDir, { readOnly: true })
    expect(reopened.publicContent().digest).toBe(changed)
    await reopened.close()
  })

  it('takes the digest of a graph kept in memory only in slices, the same as in one piece, and keeps a write\'s made meanwhile', async () => {
    const builtIn = `${ex}built-in`
    const [big, small] = await contents()
    const held = async (quads: readonly Quad[]) => {
      const store = await EmbeddedStore.open(dataDir, { readOnly: true })
      await store.putGraphs([{ graph: builtIn, quads }], { durable: false })
      return store
    }
    const [inPieces, inOnePiece, written] = await Promise.all([held(big!.quads), held(big!.quads), held(small!.quads)])
    try {
      await inPieces.takeDigests()
      expect(inPieces.publicContent().digest).toBe(inOnePiece.publicContent().digest)
      const writer = await held(big!.quads)
      const taking = writer.takeDigests()
      await writer.putGraphs([{ graph: builtIn, quads: small!.quads }], { durable: false })
      await taking
      expect(writer.publicContent().digest).toBe(written.publicContent().digest)
      expect(writer.publicContent().digest).not.toBe(inOnePiece.publicContent().digest)
      await writer.close()
    } finally {
      await Promise.all([inPieces, inOnePiece, written].map(store => store.close()))
    }
  })

  it('gives the public quads of the moment publicContent was asked, even after a later write', async () => {
    const writer = await EmbeddedStore.open(dataDir)
    try {
      const before = keys(await eager.quads({ publicOnly: true }))
      const content = writer.publicContent()
      await writer.deleteGraphs([`${ex}small`])
      expect(keys(await content.quads())).toEqual(before)
      expect(keys(await writer.quads({ publicOnly: true }))).not.toEqual(before)
    } finally {
      await writer.close()
    }
  })

  it('fails the first read of a corrupt graph with STORE_ERROR naming the data directory, graph and line', async () => {
    const folder = join(dataDir, 'graphs')
    for (const name of await readdir(folder)) {
      const text = await readFile(join(folder, name), 'utf8')
      if (!text.startsWith(`# graph <${ex}small>\n`)) continue
      const lines = text.split('\n')
      lines[2] = '<https://example.org/a> <https://example.org/p> "unterminated .'
      await writeFile(join(folder, name), lines.join('\n'))
    }
    const store = await EmbeddedStore.open(dataDir, { readOnly: true })
    try {
      // Counted in the graph's N-Quads, after the file's header line.
      await expect(store.graph(`${ex}small`)).rejects.toThrow(`${dataDir}: the stored graph <${ex}small> is corrupt (<${ex}small>:2:`)
      await expect(store.quads()).rejects.toMatchObject({ code: 'STORE_ERROR', location: { file: dataDir } })
      await expect(store.query('ASK { ?s ?p ?o }')).rejects.toMatchObject({ code: 'STORE_ERROR' })
      // The other graphs read as ever.
      expect(keys(await store.graph(`${ex}other`))).toEqual(keys(await eager.graph(`${ex}other`)))
    } finally {
      await store.close()
    }
  })
})

describe('StoredGraph', () => {
  it('counts the statements of its text without parsing it, and a synchronous read finishes a parse under way', async () => {
    const quads = await turtle(Array.from({ length: 30_000 }, (_, i) => `ex:s${i} ex:p "${'x'.repeat(20)} ${i}" .`).join('\n'))
    const text = toNQuads(quads)
    const stored = await StoredGraph.read('/data', `${ex}g`, Buffer.from(text))
    expect(stored.triples).toBe(30_000)
    expect(stored.parsed).toBe(false)
    const parsing = stored.quads()
    const now = stored.quadsNow()
    expect(await parsing).toBe(now)
    expect(now).toHaveLength(30_000)
    expect(stored.parsed).toBe(true)
  })
})
