/** The remote store at catalog scale, on the stock Virtuoso the tests start. */
import { randomUUID } from 'node:crypto'
import { describe, expect, inject, it } from 'vitest'
import { DataFactory } from 'n3'
import type { Quad } from '@rdfjs/types'
import { SparqlEndpointStore } from '../../src/store/index.js'

const virtuoso = inject('virtuoso')
const { blankNode, literal, namedNode, quad } = DataFactory

/** `services` services of 6 triples each, 2 of them on a blank node (60k triples for 10,000). */
function catalogQuads (base: string, services: number): Quad[] {
  const quads: Quad[] = []
  const p = (name: string) => namedNode(`${base}#${name}`)
  for (let i = 0; i < services; i++) {
    const service = namedNode(`${base}service/${i}`)
    const port = blankNode(`port${i}`)
    quads.push(quad(service, p('type'), p('Service')) as Quad)
    quads.push(quad(service, p('label'), literal(`Service ${i}`, 'en')) as Quad)
    quads.push(quad(service, p('price'), literal(String(i % 97), namedNode('http://www.w3.org/2001/XMLSchema#integer'))) as Quad)
    quads.push(quad(service, p('provides'), port) as Quad)
    quads.push(quad(port, p('type'), p(`Interface${i % 200}`)) as Quad)
    quads.push(quad(port, p('index'), literal(String(i))) as Quad)
  }
  return quads
}

describe.runIf(!('missing' in virtuoso))('SparqlEndpointStore on Virtuoso at scale', () => {
  it('writes 60,000 triples in batches and reads them back completely', async () => {
    if ('missing' in virtuoso) return
    const base = `https://example.org/scale/${randomUUID()}/`
    const store = new SparqlEndpointStore({ ...virtuoso, graphPrefix: base, batchSize: 7_000, timeoutMs: 240_000 })
    const graph = `${base}catalog`
    const services = 10_000
    await store.putGraphs([{ graph, quads: catalogQuads(base, services) }, { graph: `${base}small`, quads: catalogQuads(`${base}small`, 2) }])
    expect(await store.graphs()).toEqual([{ graph, triples: services * 6 }, { graph: `${base}small`, triples: 12 }])

    const read = await queriesOf(async () => await store.graph(graph))
    expect(read.answer).toHaveLength(services * 6)
    // Read in pages, the version is asked before and after, once each.
    expect(read.filter(query => query.includes(`GRAPH <${base}.store/version>`))).toHaveLength(2)
    // Every service's blank node is still one node with its type and index, across pages and batches.
    const indexOf = new Map(read.answer.filter(q => q.predicate.value.endsWith('#index')).map(q => [q.subject.value, q.object.value]))
    const ports = read.answer.filter(q => q.predicate.value.endsWith('#provides'))
    expect(ports).toHaveLength(services)
    expect(new Set(ports.map(q => q.object.value)).size).toBe(services)
    expect(ports.every(q => q.subject.value === `${base}service/${indexOf.get(q.object.value)!}`)).toBe(true)
    expect(read.answer.every(q => q.graph.value === graph)).toBe(true)

    const all = await store.quads()
    expect(all).toHaveLength(services * 6 + 12)
    expect(all.filter(q => q.graph.value === `${base}small`)).toHaveLength(12)
    await store.deleteGraphs([graph, `${base}small`])
    expect(await store.graphs()).toEqual([])
  }, 300_000)

  it('reads all graphs graph by graph, and starts over when a write lands between two of them', async () => {
    if ('missing' in virtuoso) return
    const base = `https://example.org/consistent/${randomUUID()}/`
    const store = new SparqlEndpointStore({ ...virtuoso, graphPrefix: base, versionCacheMs: 0 })
    const [a, b, c] = [`${base}a`, `${base}b`, `${base}c`]
    await store.putGraphs([{ graph: a, quads: catalogQuads(`${base}a`, 3) }, { graph: b, quads: catalogQuads(`${base}b`, 3) }, { graph: c, quads: catalogQuads(`${base}c`, 1) }])

    // Read undisturbed, the version is asked twice (before and after), not once more per graph.
    const undisturbed = await queriesOf(() => store.quads())
    expect(undisturbed.filter(query => query.includes(`GRAPH <${base}.store/version>`))).toHaveLength(2)

    // Once the first graph's page is answered, all three graphs are replaced in one write: the
    // answer must not mix the old first graph with the new others.
    let written = false
    const read = await queriesOf(() => store.quads(), async query => {
      if (written || !/GRAPH <[^>]+\/[abc]>/.test(query) || query.includes('COUNT')) return
      written = true
      await store.putGraphs([{ graph: a, quads: catalogQuads(`${base}a2`, 2) }, { graph: b, quads: catalogQuads(`${base}b2`, 2) }, { graph: c, quads: [] }])
    })
    expect(written).toBe(true)
    const services = new Set(read.answer.filter(q => q.predicate.value.endsWith('#label')).map(q => q.subject.value))
    expect(services).toEqual(new Set([`${base}a2service/0`, `${base}a2service/1`, `${base}b2service/0`, `${base}b2service/1`]))
    expect(read.answer).toHaveLength(2 * 2 * 6)
    await store.deleteGraphs([a, b, c])
  }, 120_000)

  it('moves a write larger than one transaction into place in batches, and deletes it so, with blank nodes kept', async () => {
    if ('missing' in virtuoso) return
    const base = `https://example.org/journal/${randomUUID()}/`
    const store = new SparqlEndpointStore({ ...virtuoso, graphPrefix: base, batchSize: 4_000, transactionLimit: 10_000 })
    const graph = `${base}catalog`
    await store.putGraphs([{ graph, quads: catalogQuads(`${base}old`, 100) }])
    // 18,000 new and 600 replaced triples: more than one update may move.
    const updates = await updatesOf(() => store.putGraphs([{ graph, quads: catalogQuads(base, 3_000) }, { graph: `${base}small`, quads: catalogQuads(`${base}small`, 2) }]))
    expect(updates.some(update => update.includes('MOVE'))).toBe(false)
    expect(updates.filter(update => update.includes('LIMIT 4000')).length).toBeGreaterThanOrEqual(18_000 / 4_000)
    expect(await store.graphs()).toEqual([{ graph, triples: 18_000 }, { graph: `${base}small`, triples: 12 }])
    const read = await store.graph(graph)
    expect(read.some(q => q.subject.value.startsWith(`${base}old`))).toBe(false)
    const indexOf = new Map(read.filter(q => q.predicate.value.endsWith('#index')).map(q => [q.subject.value, q.object.value]))
    const ports = read.filter(q => q.predicate.value.endsWith('#provides'))
    expect(new Set(ports.map(q => q.object.value)).size).toBe(3_000)
    expect(ports.every(q => q.subject.value === `${base}service/${indexOf.get(q.object.value)!}`)).toBe(true)
    expect(await storeGraphs(base)).toEqual([`${base}.store/version`])

    await store.deleteGraphs([graph, `${base}small`])
    expect(await store.graphs()).toEqual([])
    expect(await storeGraphs(base)).toEqual([`${base}.store/version`])
  }, 300_000)

  it('finishes a committed journal whose writer stopped, and its readers wait for it instead of reading half a graph', async () => {
    if ('missing' in virtuoso) return
    const base = `https://example.org/stopped/${randomUUID()}/`
    const options = { ...virtuoso, graphPrefix: base, batchSize: 2_000, transactionLimit: 5_000 }
    const graph = `${base}catalog`
    await new SparqlEndpointStore(options).putGraphs([{ graph, quads: catalogQuads(`${base}old`, 50) }])
    // The writer's process stops after its journal is committed, the old content cleared and two batches moved: no request of it arrives after that.
    const writer = new SparqlEndpointStore(options)
    const fetched = globalThis.fetch
    let updates = 0
    globalThis.fetch = async (url, init) => {
      if (init?.body?.toString().startsWith('update=') === true && ++updates > 5) throw new Error('the writer stopped')
      return await fetched(url, init)
    }
    try {
      await expect(writer.putGraphs([{ graph, quads: catalogQuads(base, 1_500) }])).rejects.toThrow(/recorded .* the next read finishes it/)
    } finally {
      globalThis.fetch = fetched
    }
    // Half moved: the target holds part of the new content.
    const half = await count(graph)
    expect(half).toBe(4_000)

    // A reader that trusts the writer to go on waits; one that takes it for stopped finishes the moves.
    const patient = new SparqlEndpointStore({ ...options, moveStallMs: 600_000 })
    const waiting = patient.graph(graph)
    await new Promise(resolve => setTimeout(resolve, 1_500))
    expect(await count(graph)).toBe(half)
    await new SparqlEndpointStore({ ...options, moveStallMs: 0 }).version()
    const read = await waiting
    expect(read).toHaveLength(9_000)
    expect(read.some(q => q.subject.value.startsWith(`${base}old`))).toBe(false)
    expect(await storeGraphs(base)).toEqual([`${base}.store/version`])
    await patient.deleteGraphs([graph])
  }, 300_000)
})

/**
 * The queries sent while `read` runs, and its answer; `after` runs once each query is answered
 * (its own requests are not recorded).
 */
async function queriesOf<T> (read: () => Promise<T>, after?: (query: string) => Promise<void>): Promise<string[] & { answer: T }> {
  const fetched = globalThis.fetch
  const queries: string[] = []
  let inside = false
  globalThis.fetch = async (url, init) => {
    const body = init?.body?.toString() ?? ''
    const response = await fetched(url, init)
    if (inside || !body.startsWith('query=')) return response
    const query = new URLSearchParams(body).get('query')!
    queries.push(query)
    inside = true
    try {
      await after?.(query)
    } finally {
      inside = false
    }
    return response
  }
  try {
    return Object.assign(queries, { answer: await read() })
  } finally {
    globalThis.fetch = fetched
  }
}

/** The update requests sent while `write` runs. */
async function updatesOf (write: () => Promise<void>): Promise<string[]> {
  const fetched = globalThis.fetch
  const updates: string[] = []
  globalThis.fetch = async (url, init) => {
    const body = init?.body?.toString() ?? ''
    if (body.startsWith('update=')) updates.push(new URLSearchParams(body).get('update')!)
    return await fetched(url, init)
  }
  try {
    await write()
  } finally {
    globalThis.fetch = fetched
  }
  return updates
}

/** The store's own graphs under `base` (the version graph, and staging graphs left behind). */
async function storeGraphs (base: string): Promise<string[]> {
  if ('missing' in virtuoso) return []
  const query = `SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), ${JSON.stringify(`${base}.store/`)})) }`
  const response = await fetch(`${virtuoso.queryUrl}?query=${encodeURIComponent(query)}`, { headers: { accept: 'application/sparql-results+json' } })
  const json = await response.json() as { results: { bindings: Array<{ g: { value: string } }> } }
  return json.results.bindings.map(b => b.g.value).sort()
}

/** Triples in a graph, counted by the endpoint itself. */
async function count (graph: string): Promise<number> {
  if ('missing' in virtuoso) return 0
  const query = `SELECT (COUNT(*) AS ?n) WHERE { GRAPH <${graph}> { ?s ?p ?o } }`
  const response = await fetch(`${virtuoso.queryUrl}?query=${encodeURIComponent(query)}`, { headers: { accept: 'application/sparql-results+json' } })
  const json = await response.json() as { results: { bindings: Array<{ n: { value: string } }> } }
  return Number(json.results.bindings[0]!.n.value)
}
