import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { graphs } from '../../src/project.js'
import { parseRdf } from '../../src/rdf/index.js'
import { acme, acmeToken, canonical, descriptionPath, fixture, openTestApp, sym } from './helpers.js'
import type { TestApp } from './helpers.js'

const count = `SELECT (COUNT(*) AS ?n) WHERE { GRAPH <${graphs.ontology}> { ?s ?p ?o } }`
const labels = `SELECT ?label WHERE { <${sym}VirtualPBX> <http://www.w3.org/2000/01/rdf-schema#label> ?label } ORDER BY ?label`

describe('SPARQL endpoint', () => {
  let t: TestApp
  let triples: number
  beforeAll(async () => {
    t = await openTestApp({ api: { sparql: { resultCap: 50, timeoutMs: 2000 } } })
    triples = (await t.engine.store.graphs()).find(g => g.graph === graphs.ontology)!.triples
  })
  afterAll(async () => { await t.close() })

  it('answers SELECT via GET as SPARQL JSON', async () => {
    const response = await t.app.inject({ method: 'GET', url: `/sparql?query=${encodeURIComponent(count)}` })
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toBe('application/sparql-results+json; charset=utf-8')
    expect(response.json()).toEqual({ head: { vars: ['n'] }, results: { bindings: [{ n: { type: 'literal', value: String(triples), datatype: 'http://www.w3.org/2001/XMLSchema#integer' } }] } })
  })

  it('answers via POST with application/sparql-query and with a form', async () => {
    const direct = await t.app.inject({ method: 'POST', url: '/sparql', headers: { 'content-type': 'application/sparql-query' }, payload: count })
    expect(direct.json().results.bindings[0].n.value).toBe(String(triples))
    const form = await t.app.inject({ method: 'POST', url: '/sparql', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `query=${encodeURIComponent(count)}` })
    expect(form.json().results.bindings[0].n.value).toBe(String(triples))
  })

  it('answers CSV and TSV when asked', async () => {
    const csv = await t.app.inject({ method: 'GET', url: `/sparql?query=${encodeURIComponent(labels)}`, headers: { accept: 'text/csv' } })
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8')
    const rows = (await t.engine.query(labels))
    if (rows.type !== 'bindings') throw new Error('expected bindings')
    expect(csv.body).toBe(['label', ...rows.rows.map(r => r.label!.value)].join('\r\n') + '\r\n')
    const tsv = await t.app.inject({ method: 'GET', url: `/sparql?query=${encodeURIComponent(labels)}&format=tsv` })
    expect(tsv.headers['content-type']).toBe('text/tab-separated-values; charset=utf-8')
    expect(tsv.body).toBe(['?label', ...rows.rows.map(r => `"${r.label!.value}"@${(r.label as { language: string }).language}`)].join('\n') + '\n')
  })

  it('answers ASK', async () => {
    const response = await t.app.inject({ method: 'GET', url: `/sparql?query=${encodeURIComponent(`ASK { <${sym}VirtualPBX> ?p ?o }`)}` })
    expect(response.json()).toEqual({ head: {}, boolean: true })
  })

  it('answers CONSTRUCT as Turtle, N-Triples or JSON-LD', async () => {
    const query = `CONSTRUCT WHERE { <${sym}VirtualPBX> ?p ?o }`
    const expected = await canonical((await t.engine.store.quads()).filter(q => q.subject.value === `${sym}VirtualPBX`))
    for (const [accept, format] of [['text/turtle', 'turtle'], ['application/n-triples', 'n-triples'], ['application/ld+json', 'json-ld']] as const) {
      const response = await t.app.inject({ method: 'GET', url: `/sparql?query=${encodeURIComponent(query)}`, headers: { accept } })
      expect(response.statusCode).toBe(200)
      expect(response.headers['content-type']).toBe(`${accept}; charset=utf-8`)
      expect(await canonical(await parseRdf(response.body, { format }))).toBe(expected)
    }
  })

  it('restricts the default graph with default-graph-uri', async () => {
    const query = 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }'
    const response = await t.app.inject({ method: 'GET', url: `/sparql?query=${encodeURIComponent(query)}&default-graph-uri=${encodeURIComponent(graphs.ontology)}` })
    expect(response.json().results.bindings[0].n.value).toBe(String(triples))
  })

  it('reports syntax errors as 400 with line and column', async () => {
    const response = await t.app.inject({ method: 'GET', url: `/sparql?query=${encodeURIComponent('SELECT * WHERE {\n  ?s ?p }')}` })
    expect(response.statusCode).toBe(400)
    expect(response.json()).toMatchObject({ code: 'INVALID_QUERY', line: 2, column: 9 })
  })

  it('refuses updates with 403, whichever way they come', async () => {
    const update = 'INSERT DATA { <urn:a> <urn:b> <urn:c> }'
    const responses = await Promise.all([
      t.app.inject({ method: 'GET', url: `/sparql?query=${encodeURIComponent(update)}` }),
      t.app.inject({ method: 'POST', url: '/sparql', headers: { 'content-type': 'application/sparql-update' }, payload: update }),
      t.app.inject({ method: 'POST', url: '/sparql', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `update=${encodeURIComponent(update)}` })
    ])
    for (const response of responses) {
      expect(response.statusCode).toBe(403)
      expect(response.json().code).toBe('UPDATE_NOT_ALLOWED')
    }
    expect((await t.engine.query('ASK { <urn:a> <urn:b> <urn:c> }'))).toEqual({ type: 'boolean', value: false })
  })

  it('answers 400 without a query and 415 for other bodies', async () => {
    const none = await t.app.inject({ method: 'GET', url: '/sparql' })
    expect(none.statusCode).toBe(400)
    expect(none.json().code).toBe('BAD_REQUEST')
    const json = await t.app.inject({ method: 'POST', url: '/sparql', headers: { 'content-type': 'application/json' }, payload: '{}' })
    expect(json.statusCode).toBe(415)
  })

  it('refuses answers over the result cap with 413', async () => {
    const response = await t.app.inject({ method: 'GET', url: `/sparql?query=${encodeURIComponent('SELECT * WHERE { ?s ?p ?o }')}` })
    expect(response.statusCode).toBe(413)
    expect(response.json()).toMatchObject({ code: 'RESULT_TOO_LARGE', detail: 'the answer has more than 50 rows; add LIMIT 50 (or less) and page with OFFSET, or narrow the query' })
    const paged = await t.app.inject({ method: 'GET', url: `/sparql?query=${encodeURIComponent('SELECT * WHERE { ?s ?p ?o } LIMIT 50 OFFSET 10')}` })
    expect(paged.json().results.bindings.length).toBe(50)
  })

  it('sees a publication in the next query', async () => {
    const before = await t.app.inject({ method: 'GET', url: `/sparql?query=${encodeURIComponent('ASK { <https://example.org/acme#CloudPBX> ?p ?o }')}` })
    expect(before.json().boolean).toBe(false)
    const published = await t.app.inject({ method: 'PUT', url: descriptionPath(acme, 'pbx'), headers: { 'content-type': 'text/turtle', authorization: `Bearer ${acmeToken}` }, payload: await fixture('acme-pbx.ttl') })
    expect(published.statusCode).toBe(201)
    const after = await t.app.inject({ method: 'GET', url: `/sparql?query=${encodeURIComponent('ASK { <https://example.org/acme#CloudPBX> ?p ?o }')}` })
    expect(after.json().boolean).toBe(true)
  })
})

describe('SPARQL timeout', () => {
  it('stops a query that runs too long with 503, and answers the next one', async () => {
    const t = await openTestApp({ api: { sparql: { timeoutMs: 300 } } })
    try {
      const heavy = 'SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }'
      const started = Date.now()
      const response = await t.app.inject({ method: 'GET', url: `/sparql?query=${encodeURIComponent(heavy)}` })
      expect(response.statusCode).toBe(503)
      expect(response.json()).toMatchObject({ code: 'QUERY_TIMEOUT', status: 503, detail: 'the query ran longer than 300 ms and was stopped; narrow it (more specific patterns, LIMIT) or ask the operator for a longer --sparql-timeout' })
      expect(Date.now() - started).toBeLessThan(10_000)
      const next = await t.app.inject({ method: 'GET', url: `/sparql?query=${encodeURIComponent('ASK { ?s ?p ?o }')}` })
      expect(next.json()).toEqual({ head: {}, boolean: true })
    } finally {
      await t.close()
    }
  })
})
