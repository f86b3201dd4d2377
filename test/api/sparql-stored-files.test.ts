/**
 * The SPARQL worker's copy of the store: a graph read from a data directory's file is given to
 * the worker as that file and digest, which the worker reads and checks itself, and a `--data`
 * file held as term ids as its N-Quads bytes, so the serving thread never parses either; a file
 * that no longer holds the text the store read is not used, and the worker gets the store's own
 * content as text instead.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Quad } from '@rdfjs/types'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { graphs, isPrivateGraph } from '../../src/project.js'
import { parseRdf, serializeRdf } from '../../src/rdf/index.js'
import { LineGraph } from '../../src/catalog/index.js'
import { MemoryStore, StoredGraph } from '../../src/store/index.js'
import { canonical, openTestApp, type TestApp } from './helpers.js'

const options = { api: { sparql: { resultCap: 100_000, timeoutMs: 30_000 } } }

/** The public graphs of the store as held. */
function held (t: TestApp): Array<readonly [string, unknown]> {
  const store = t.engine.store
  if (!(store instanceof MemoryStore)) throw new Error('expected the embedded store')
  return store.heldNow({ publicOnly: true })
}

/** The public graphs the store holds as read from their files, with whether each is parsed. */
function storedGraphs (t: TestApp): StoredGraph[] {
  return held(t).map(([, content]) => content).filter((content): content is StoredGraph => content instanceof StoredGraph && content.file !== undefined)
}

const constructGraph = (graph: string): string => `CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <${graph}> { ?s ?p ?o } }`

/** A graph's triples as the SPARQL endpoint answers them, canonical. */
async function answered (t: TestApp, graph: string): Promise<string> {
  const query = constructGraph(graph)
  const response = await t.app.inject({ method: 'GET', url: `/sparql?query=${encodeURIComponent(query)}`, headers: { accept: 'application/n-triples' } })
  expect(response.statusCode).toBe(200)
  return canonical(await parseRdf(response.body, { format: 'n-triples' }))
}

describe('the SPARQL worker reads a data directory\'s graph files itself', () => {
  let dataDir: string
  /** The quads of one example graph with blank nodes, as the first process held them. */
  let brueckenwerk: Quad[]
  /**
   * Each public graph's triples as the first process's own query view answers them (oxigraph too,
   * which writes decimals in their canonical form), canonical.
   */
  const expected = new Map<string, string>()

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'symphony-sparql-files-'))
    const first = await openTestApp({ dataDir, seedExamples: true })
    for (const { graph } of await first.engine.store.graphs()) {
      if (isPrivateGraph(graph)) continue
      const result = await first.engine.query(constructGraph(graph))
      if (result.type !== 'quads') throw new Error('expected quads')
      expected.set(graph, await canonical(result.quads))
    }
    brueckenwerk = await first.engine.store.graph(`${graphs.imported}brueckenwerk`)
    await first.close()
  })
  afterAll(async () => { await rm(dataDir, { recursive: true, force: true }) })

  it('answers from the files, with their blank nodes, and leaves the stored graphs unparsed', async () => {
    const t = await openTestApp({ dataDir, ...options })
    try {
      const stored = storedGraphs(t)
      // Every public graph but the built-in ontology and shapes (given as text) is read from its
      // file: the example catalog's 18 and the reference requests; none is parsed at the start.
      expect(stored.map(g => g.graph).sort()).toEqual([...expected.keys()].filter(g => g !== graphs.ontology && g !== graphs.shapes).sort())
      expect(stored).toHaveLength(19)
      expect(stored.map(g => g.parsed)).toEqual(stored.map(() => false))
      for (const graph of expected.keys()) expect(await answered(t, graph)).toBe(expected.get(graph))
      expect(stored.map(g => g.parsed)).toEqual(stored.map(() => false))
    } finally {
      await t.close()
    }
  })

  it('a --data N-Triples file held as term ids is given as its N-Quads bytes: its quads are never built', async () => {
    const file = join(dataDir, 'brueckenwerk.nt')
    await writeFile(file, await serializeRdf(brueckenwerk, 'n-triples'))
    const t = await openTestApp({ dataFiles: [file], ...options })
    try {
      const lines = held(t).filter((entry): entry is readonly [string, LineGraph] => entry[1] instanceof LineGraph)
      expect(lines.map(([, graph]) => [graph.triples, graph.built])).toEqual([[brueckenwerk.length, false]])
      expect(await answered(t, lines[0]![0])).toBe(expected.get(`${graphs.imported}brueckenwerk`))
      expect(lines[0]![1].built).toBe(false)
    } finally {
      await t.close()
    }
  })

  it('does not use a file that no longer holds the text the store read: the store\'s own content answers', async () => {
    const t = await openTestApp({ dataDir, ...options })
    const stored = storedGraphs(t)
    const changed = stored[0]!
    const original = await readFile(changed.file!)
    try {
      await writeFile(changed.file!, Buffer.concat([original, Buffer.from(`<urn:x:added> <urn:x:p> <urn:x:o> <${changed.graph}> .\n`)]))
      for (const graph of expected.keys()) expect(await answered(t, graph)).toBe(expected.get(graph))
      const added = await t.app.inject({ method: 'GET', url: `/sparql?query=${encodeURIComponent('ASK { GRAPH ?g { <urn:x:added> ?p ?o } }')}` })
      expect(added.json()).toEqual({ head: {}, boolean: false })
    } finally {
      await writeFile(changed.file!, original)
      await t.close()
    }
  })
})
