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

  it('sees any write to the catalog, not only those through the API, and no private graph', async () => {
    const ask = (query: string) => t.app.inject({ method: 'GET', url: `/sparql?query=${encodeURIComponent(query)}` }).then(r => r.json().boolean as boolean)
    expect(await ask('ASK { <https://example.org/direct#S> ?p ?o }')).toBe(false)
    await t.engine.store.putGraphs([
      { graph: `${graphs.imported}direct`, quads: await parseRdf('<https://example.org/direct#S> a <https://example.org/direct#T> .', { format: 'turtle' }) },
      { graph: `${graphs.operations}direct`, quads: await parseRdf('<https://example.org/direct#Order> a <https://example.org/direct#T> .', { format: 'turtle' }) }
    ])
    expect(await ask('ASK { <https://example.org/direct#S> ?p ?o }')).toBe(true)
    expect(await ask('ASK { <https://example.org/direct#Order> ?p ?o }')).toBe(false)
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

describe('SPARQL hostile queries', () => {
  const nested = (depth: number): string => 'SELECT * WHERE ' + '{'.repeat(depth) + ' ?s ?p ?o ' + '}'.repeat(depth) + ' LIMIT 1'
  const ask = `/sparql?query=${encodeURIComponent('ASK { ?s ?p ?o }')}`

  it('refuses deep nesting before parsing, and keeps answering', async () => {
    const t = await openTestApp()
    try {
      for (const query of [nested(700), nested(5000), 'SELECT * WHERE { FILTER(' + '('.repeat(40_000) + '1' + ')'.repeat(40_000) + ') }']) {
        const response = await t.app.inject({ method: 'POST', url: '/sparql', headers: { 'content-type': 'application/sparql-query' }, payload: query })
        expect(response.statusCode).toBe(400)
        expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8')
        expect(response.json().code).toBe('INVALID_QUERY')
      }
      const long = await t.app.inject({ method: 'POST', url: '/sparql', headers: { 'content-type': 'application/sparql-query' }, payload: `ASK { ?s ?p "${'x'.repeat(200_000)}" }` })
      expect(long.statusCode).toBe(413)
      expect((await t.app.inject({ method: 'GET', url: ask })).json()).toEqual({ head: {}, boolean: true })
      expect((await t.app.inject({ method: 'GET', url: '/health' })).json().sparql).toEqual({ state: 'ready', replaced: 0, queued: 0 })
    } finally {
      await t.close()
    }
  }, 60_000)

  it('replaces the worker after an engine failure and says so on /health', async () => {
    const t = await openTestApp({ api: { sparql: { maxDepth: 100_000, timeoutMs: 60_000 } } })
    try {
      const broken = await t.app.inject({ method: 'POST', url: '/sparql', headers: { 'content-type': 'application/sparql-query' }, payload: nested(1000) })
      expect(broken.statusCode).toBe(500)
      expect(broken.json().code).toBe('STORE_ERROR')
      expect((await t.app.inject({ method: 'GET', url: ask })).json()).toEqual({ head: {}, boolean: true })
      const health = (await t.app.inject({ method: 'GET', url: '/health' })).json()
      expect(health.sparql).toMatchObject({ state: 'ready', replaced: 1, queued: 0 })
      expect(health.sparql.lastFailure.reason.startsWith('engine failure: ')).toBe(true)
    } finally {
      await t.close()
    }
  }, 120_000)

  it('answers 503 with Retry-After when the queue is full', async () => {
    const t = await openTestApp({ api: { sparql: { queueCapacity: 1, timeoutMs: 3000 } } })
    try {
      const heavy = `/sparql?query=${encodeURIComponent('SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }')}`
      const responses = await Promise.all(Array.from({ length: 8 }, async () => t.app.inject({ method: 'GET', url: heavy })))
      // One query runs, one waits in the queue of one, the other six are turned away at once.
      const busy = responses.filter(r => r.json().code === 'BUSY')
      expect(busy).toHaveLength(6)
      expect(busy[0]!.statusCode).toBe(503)
      expect(busy[0]!.headers['retry-after']).toBe('3')
      expect(responses.every(r => r.statusCode === 503)).toBe(true)
      expect((await t.app.inject({ method: 'GET', url: ask })).json()).toEqual({ head: {}, boolean: true })
    } finally {
      await t.close()
    }
  }, 120_000)
})
