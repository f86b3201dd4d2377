/** Operations data (orders, subscriptions, invoices, tickets) never leaves through public routes. */
import { DataFactory } from 'n3'
import type { Quad } from '@rdfjs/types'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { buildApp } from '../../src/api/index.js'
import { openEngine } from '../../src/engine.js'
import type { Engine } from '../../src/engine.js'
import { graphs } from '../../src/project.js'
import { openTestApp } from './helpers.js'
import type { TestApp } from './helpers.js'

const { namedNode, literal, quad } = DataFactory
const secretGraph = `${graphs.operations}orders/test`
/** A stored configuration holds names and addresses: as private as an order. */
const configurationGraph = `${graphs.configuration}test`
const secret = [
  quad(namedNode('https://example.org/order/1'), namedNode('https://schema.org/price'), literal('secret-price-4711'), namedNode(secretGraph)) as Quad,
  quad(namedNode(configurationGraph), namedNode('https://schema.org/price'), literal('secret-price-4711 of Anna Schmidt'), namedNode(configurationGraph)) as Quad
]
const secretGraphs = [secretGraph, configurationGraph].map(graph => ({ graph, quads: secret.filter(q => q.graph.value === graph) }))
/** Queries over every graph the endpoint has: answered, without the private data. */
const queries = [
  'SELECT * WHERE { ?s <https://schema.org/price> ?o }',
  'SELECT * WHERE { GRAPH ?g { ?s <https://schema.org/price> ?o } }',
  `SELECT ?o WHERE { BIND(IRI("${configurationGraph}") AS ?g) GRAPH ?g { ?s ?p ?o } }`,
  'DESCRIBE <https://example.org/order/1>',
  'CONSTRUCT { ?s ?p ?o } WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } FILTER(isLiteral(?o) && CONTAINS(STR(?o), "secret")) }'
]
/**
 * Queries that name a private graph (or a node under its prefix): refused by the prefix alone, the
 * same whether the graph exists or not (a remote store answers a constant GRAPH outside the
 * dataset as it likes: Virtuoso says true to any ASK about it).
 */
const naming = [
  `SELECT * FROM <${secretGraph}> FROM <${configurationGraph}> WHERE { ?s ?p ?o }`,
  `SELECT * FROM NAMED <${secretGraph}> WHERE { GRAPH ?g { ?s ?p ?o } }`,
  `ASK { GRAPH <${configurationGraph}> { ?s ?p ?o FILTER(CONTAINS(?o, "Anna Schmidt")) } }`,
  `ASK { GRAPH <${graphs.configuration}never-stored> { ?s ?p ?o } }`,
  `SELECT (COUNT(*) AS ?n) WHERE { VALUES ?g { <${secretGraph}> } GRAPH ?g { ?s ?p ?o } }`,
  `DESCRIBE <${configurationGraph}>`
]

async function sparqlAnswers (app: TestApp['app'], query: string, dataset = ''): Promise<string> {
  const response = await app.inject({ method: 'GET', url: `/sparql?query=${encodeURIComponent(query)}${dataset}`, headers: { accept: 'application/sparql-results+json, application/n-triples' } })
  expect([query, response.statusCode]).toEqual([query, 200])
  return response.body
}

async function expectHidden (app: TestApp['app'], engine: Engine, endpointUrl?: string): Promise<void> {
  for (const query of queries) expect([query, (await sparqlAnswers(app, query)).includes('secret-price-4711')]).toEqual([query, false])
  const refusals = []
  for (const query of naming) refusals.push(await app.inject({ method: 'GET', url: `/sparql?query=${encodeURIComponent(query)}`, headers: { accept: 'application/sparql-results+json, application/n-triples' } }))
  for (const parameter of ['default-graph-uri', 'named-graph-uri']) {
    refusals.push(await app.inject({ method: 'GET', url: `/sparql?query=${encodeURIComponent('SELECT * WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } } LIMIT 5')}&${parameter}=${encodeURIComponent(secretGraph)}` }))
  }
  expect(refusals.map(r => [r.statusCode, r.json().code, r.body.includes('secret-price-4711')])).toEqual(refusals.map(() => [403, 'FORBIDDEN', false]))
  const named = refusals[2]!.json()
  expect(named.messages).toEqual({
    en: `<${configurationGraph}> is private (orders, subscriptions, invoices, tickets and stored configurations are answered only to their owners, by the routes such as /orders and /configurations, with a token): this endpoint answers over the ontology, the shapes and the catalog`,
    de: `<${configurationGraph}> ist privat (Aufträge, Abonnements, Rechnungen, Störungsmeldungen und gespeicherte Konfigurationen erhalten nur ihre Eigentümer, über Routen wie /orders und /configurations, mit einem Token): dieser Endpunkt antwortet über die Ontologie, die Shapes und den Katalog`
  })
  // A graph that was never stored is answered the same way: the answer tells nothing about what exists.
  expect({ ...refusals[3]!.json(), detail: undefined, messages: undefined, instance: undefined }).toEqual({ ...named, detail: undefined, messages: undefined, instance: undefined })
  // Federation would let the store run a query of its own choosing, also against itself.
  const federated = `SELECT * WHERE { SERVICE <${endpointUrl ?? 'http://127.0.0.1:8890/sparql'}?default-graph-uri=${encodeURIComponent(secretGraph)}> { ?s ?p ?o } }`
  const refused = await app.inject({ method: 'GET', url: `/sparql?query=${encodeURIComponent(federated)}`, headers: { accept: 'application/sparql-results+json' } })
  expect([refused.statusCode, refused.json().code, refused.body.includes('secret-price-4711')]).toEqual([403, 'SERVICE_NOT_ALLOWED', false])
  expect(await engine.export('n-quads')).not.toContain('secret-price-4711')
  expect(await engine.catalogGraphs()).not.toContain(secretGraph)
  expect(await engine.catalogGraphs()).not.toContain(configurationGraph)
}

/**
 * Readiness is public: what it reports (version, graphs, triples) moves with the catalog only, so
 * nobody watches it to learn when orders, tickets or configurations are written.
 */
async function expectReadinessUnmoved (app: TestApp['app'], engine: Engine): Promise<void> {
  await engine.catalog()
  const shown = async () => {
    const { version, graphs, triples } = (await app.inject({ method: 'GET', url: '/health/ready' })).json()
    return { version, graphs, triples }
  }
  const before = await shown()
  const order = `${graphs.operations}orders/readiness`
  const configuration = `${graphs.configuration}readiness`
  await engine.store.putGraphs([
    { graph: order, quads: [quad(namedNode('https://example.org/order/2'), namedNode('https://schema.org/price'), literal('4712'), namedNode(order)) as Quad] },
    { graph: configuration, quads: [quad(namedNode(configuration), namedNode('https://schema.org/name'), literal('Anna Schmidt'), namedNode(configuration)) as Quad] }
  ])
  expect(await shown()).toEqual(before)
  await engine.store.deleteGraphs([order, configuration])
  expect(await shown()).toEqual(before)
}

describe('operations graphs on the embedded store', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await openTestApp()
    await t.engine.store.putGraphs(secretGraphs, { durable: false })
  })
  afterAll(async () => { await t.close() })

  it('are in the store but not in SPARQL answers, exports or the catalog', async () => {
    expect((await t.engine.store.graph(secretGraph)).length).toBe(1)
    expect((await t.engine.store.graph(configurationGraph)).length).toBe(1)
    await expectHidden(t.app, t.engine)
  })

  it('leave what /health/ready reports as it is', async () => {
    await expectReadinessUnmoved(t.app, t.engine)
  })
})

const virtuoso = inject('virtuoso')

describe.runIf(!('missing' in virtuoso))('operations graphs on a remote store', () => {
  let engine: Engine
  let app: TestApp['app']
  beforeAll(async () => {
    if ('missing' in virtuoso) return
    engine = await openEngine({ endpoint: virtuoso })
    await engine.store.putGraphs(secretGraphs)
    app = buildApp(engine, { console: false })
  })
  afterAll(async () => {
    await engine?.store.deleteGraphs([secretGraph, configurationGraph])
    await app?.close()
    await engine?.close()
  })

  it('are in the endpoint but not in answers of the API, exports or the catalog', async () => {
    expect((await engine.store.graph(secretGraph)).length).toBe(1)
    expect((await engine.store.graph(configurationGraph)).length).toBe(1)
    await expectHidden(app, engine, 'queryUrl' in virtuoso ? virtuoso.queryUrl : undefined)
  })

  it('leave what /health/ready reports as it is', async () => {
    await expectReadinessUnmoved(app, engine)
  })
})
