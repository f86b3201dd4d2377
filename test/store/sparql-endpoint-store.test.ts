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

    const read = await store.graph(graph)
    expect(read).toHaveLength(services * 6)
    // Every service's blank node is still one node with its type and index, across pages and batches.
    const indexOf = new Map(read.filter(q => q.predicate.value.endsWith('#index')).map(q => [q.subject.value, q.object.value]))
    const ports = read.filter(q => q.predicate.value.endsWith('#provides'))
    expect(ports).toHaveLength(services)
    expect(new Set(ports.map(q => q.object.value)).size).toBe(services)
    expect(ports.every(q => q.subject.value === `${base}service/${indexOf.get(q.object.value)!}`)).toBe(true)
    expect(read.every(q => q.graph.value === graph)).toBe(true)

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
    const [a, b] = [`${base}a`, `${base}b`]
    await store.putGraphs([{ graph: a, quads: catalogQuads(`${base}a`, 3) }, { graph: b, quads: catalogQuads(`${base}b`, 3) }])
    // After the first graph is read, both graphs are replaced in one write: the answer must not
    // mix the old first graph with the new second one.
    const graph = store.graph.bind(store)
    let written = false
    store.graph = async (iri: string) => {
      const quads = await graph(iri)
      if (!written) {
        written = true
        await store.putGraphs([{ graph: a, quads: catalogQuads(`${base}a2`, 2) }, { graph: b, quads: catalogQuads(`${base}b2`, 2) }])
      }
      return quads
    }
    const read = await store.quads()
    expect(written).toBe(true)
    const services = new Set(read.filter(q => q.predicate.value.endsWith('#label')).map(q => q.subject.value))
    expect(services).toEqual(new Set([`${base}a2service/0`, `${base}a2service/1`, `${base}b2service/0`, `${base}b2service/1`]))
    expect(read).toHaveLength(2 * 2 * 6)
    await store.deleteGraphs([a, b])
  }, 120_000)
})
