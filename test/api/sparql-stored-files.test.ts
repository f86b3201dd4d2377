/**
 * The SPARQL worker's copy of a data directory: a graph read from its file is given to the worker
 * as that file and digest, which the worker reads and checks itself, so the serving thread never
 * parses it; a file that no longer holds the text the store read is not used, and the worker gets
 * the store's own content as text instead.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { graphs, isPrivateGraph } from '../../src/project.js'
import { parseRdf } from '../../src/rdf/index.js'
import { MemoryStore, StoredGraph } from '../../src/store/index.js'
import { canonical, openTestApp, type TestApp } from './helpers.js'

const options = { api: { sparql: { resultCap: 100_000, timeoutMs: 30_000 } } }

/** The public graphs the store holds as read from their files, with whether each is parsed. */
function storedGraphs (t: TestApp): StoredGraph[] {
  const store = t.engine.store
  if (!(store instanceof MemoryStore)) throw new Error('expected the embedded store')
  return store.heldNow({ publicOnly: true }).map(([, held]) => held).filter((held): held is StoredGraph => held instanceof StoredGraph && held.file !== undefined)
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
