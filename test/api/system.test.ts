import { availableParallelism } from 'node:os'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openTestApp } from './helpers.js'
import type { TestApp } from './helpers.js'
import { docsPage } from '../../src/api/docs-page.js'

describe('API basics', () => {
  let t: TestApp
  beforeAll(async () => { t = await openTestApp({ api: { bodyLimit: 1024 } }) })
  afterAll(async () => { await t.close() })

  it('answers liveness without the store, readiness with what the store holds', async () => {
    const live = await t.app.inject({ method: 'GET', url: '/health' })
    expect([live.statusCode, live.json()]).toEqual([200, { status: 'ok', uptimeSeconds: expect.any(Number), sparql: { state: 'idle', replaced: 0, queued: 0 }, compose: { workers: Math.max(1, availableParallelism() - 1), busy: 0, queued: 0, replaced: 0 } }])
    const graphs = await t.engine.store.graphs()
    const expected = (status: string) => ({
      status,
      version: expect.any(String),
      graphs: graphs.length,
      triples: graphs.reduce((sum, g) => sum + g.triples, 0),
      uptimeSeconds: expect.any(Number)
    })
    await t.engine.catalog()
    const ready = await t.app.inject({ method: 'GET', url: '/health/ready' })
    expect([ready.statusCode, ready.json()]).toEqual([200, expected('ready')])
    await t.engine.store.putGraphs([{ graph: 'https://example.org/health/extra', quads: [] }])
    const version = ready.json().version as string
    const starting = await t.app.inject({ method: 'GET', url: '/health/ready' })
    expect([starting.statusCode, starting.json()]).toEqual([503, expected('starting')])
    expect(starting.json().version).not.toBe(version)
    await t.engine.catalog()
    expect((await t.app.inject({ method: 'GET', url: '/health/ready' })).statusCode).toBe(200)
  })

  it('gives every response a request id, and keeps a plain one the client sent', async () => {
    const generated = await t.app.inject({ method: 'GET', url: '/health' })
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/)
    const kept = await t.app.inject({ method: 'GET', url: '/health', headers: { 'x-request-id': 'trace-42' } })
    expect(kept.headers['x-request-id']).toBe('trace-42')
    const replaced = await t.app.inject({ method: 'GET', url: '/health', headers: { 'x-request-id': 'bad id <script>' } })
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('answers unknown routes with a 404 problem', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/nowhere?x=1' })
    expect(response.statusCode).toBe(404)
    expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8')
    expect(response.json()).toEqual({
      type: 'https://w3id.org/symphony/problems/not-found',
      title: 'Not found',
      status: 404,
      code: 'NOT_FOUND',
      detail: "no route GET /nowhere; the API's routes are listed at /openapi.json and /docs",
      messages: {
        en: "no route GET /nowhere; the API's routes are listed at /openapi.json and /docs",
        de: 'keine Route GET /nowhere; die Routen der API stehen unter /openapi.json und /docs'
      },
      instance: '/nowhere?x=1'
    })
  })

  it('answers problems in German for Accept-Language: de or ?lang=de, with both languages beside', async () => {
    const byHeader = await t.app.inject({ method: 'GET', url: '/nowhere', headers: { 'accept-language': 'de-DE,de;q=0.9,en;q=0.5' } })
    expect(byHeader.json()).toMatchObject({
      title: 'Nicht gefunden',
      detail: 'keine Route GET /nowhere; die Routen der API stehen unter /openapi.json und /docs'
    })
    const byQuery = await t.app.inject({ method: 'GET', url: '/catalog/services/urn%3Ax%3Anone?lang=de' })
    expect(byQuery.statusCode).toBe(404)
    const problem = byQuery.json()
    expect(problem.title).toBe('Unbekannter Dienst')
    expect(problem.detail).toBe(problem.messages.de)
    expect(problem.messages.en).not.toBe(problem.messages.de)
  })

  it('writes schema validation messages in German', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/catalog/services?limit=0&lang=de' })
    expect(response.json()).toMatchObject({
      title: 'Ungültige Anfrage',
      detail: '/querystring/limit muss >= 1 sein',
      errors: [{ field: '/querystring/limit', message: 'muss >= 1 sein', messages: { en: 'must be >= 1', de: 'muss >= 1 sein' } }]
    })
  })

  it('maps schema validation errors to 400 naming the field', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/catalog/services?limit=0' })
    expect(response.statusCode).toBe(400)
    expect(response.json()).toEqual({
      type: 'https://w3id.org/symphony/problems/invalid-request',
      title: 'Invalid request',
      status: 400,
      code: 'INVALID_REQUEST',
      detail: '/querystring/limit must be >= 1',
      messages: { en: '/querystring/limit must be >= 1', de: '/querystring/limit muss >= 1 sein' },
      instance: '/catalog/services?limit=0',
      field: '/querystring/limit',
      errors: [{ field: '/querystring/limit', message: 'must be >= 1', messages: { en: 'must be >= 1', de: 'muss >= 1 sein' } }]
    })
  })

  it('refuses bodies over the limit with 413 and unknown media types with 415', async () => {
    const large = await t.app.inject({ method: 'POST', url: '/sparql', headers: { 'content-type': 'application/sparql-query' }, payload: `ASK { ${'?s ?p ?o . '.repeat(200)} }` })
    expect(large.statusCode).toBe(413)
    expect(large.json().code).toBe('PAYLOAD_TOO_LARGE')
    const unknown = await t.app.inject({ method: 'POST', url: '/sparql', headers: { 'content-type': 'image/png' }, payload: 'x' })
    expect(unknown.statusCode).toBe(415)
    expect(unknown.json()).toMatchObject({ status: 415, code: 'UNSUPPORTED_FORMAT' })
  })

  it('reports JSON syntax errors with line and column', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/sparql', headers: { 'content-type': 'application/json' }, payload: '{\n  "query": }' })
    expect(response.statusCode).toBe(400)
    expect(response.json()).toMatchObject({ code: 'INVALID_REQUEST', line: 2, column: 12 })
    expect(response.json().detail.startsWith('request body:2:12: invalid JSON — ')).toBe(true)
  })

  it('publishes an OpenAPI 3.1 document with schemas for every route', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/openapi.json' })
    expect(response.statusCode).toBe(200)
    const document = response.json() as { openapi: string, paths: Record<string, Record<string, { responses?: Record<string, unknown>, parameters?: Array<{ in: string, name: string }>, requestBody?: unknown }>> }
    expect(document.openapi).toBe('3.1.0')
    const operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ path, method, operation })))
    expect(operations.length).toBeGreaterThanOrEqual(15)
    for (const { path, method, operation } of operations) {
      expect(operation.responses?.['200'] ?? operation.responses?.['201'] ?? operation.responses?.['204'], `${method} ${path}`).toBeDefined()
      expect(operation.responses?.['500'], `${method} ${path}`).toBeDefined()
      for (const name of [...path.matchAll(/\{(\w+)\}/g)].map(m => m[1])) {
        expect(operation.parameters?.some(p => p.in === 'path' && p.name === name), `${method} ${path} documents {${name}}`).toBe(true)
      }
      if (method === 'put' || (method === 'post' && !path.endsWith('/deprecate'))) expect(operation.requestBody, `${method} ${path}`).toBeDefined()
    }
  })

  it('serves the docs page from the package', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/docs/' })
    expect(page.statusCode).toBe(200)
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(page.body.includes('swagger-ui')).toBe(true)
    // Branded: the title, the console's colours and a wordmark that leads back to the console
    expect(page.body).toContain('<title>Symphony API</title>')
    const css = await t.app.inject({ method: 'GET', url: '/docs/static/theme/symphony.css' })
    expect(css.statusCode).toBe(200)
    expect(css.body).toContain('.swagger-ui .topbar { background: #17203a;')
    const initializer = await t.app.inject({ method: 'GET', url: '/docs/static/swagger-initializer.js' })
    expect(initializer.body).toContain(`data:image/svg+xml;base64,${Buffer.from(docsPage.logo!.content).toString('base64')}`)
    expect(initializer.body).toContain("img.href = '/'")
    const spec = await t.app.inject({ method: 'GET', url: '/docs/json' })
    expect(spec.json().openapi).toBe('3.1.0')
  })
})

describe('API failures of the server', () => {
  it('hides the details of 5xx problems', async () => {
    const t = await openTestApp()
    await t.engine.store.close()
    const response = await t.app.inject({ method: 'GET', url: '/health/ready', headers: { 'x-request-id': 'req-500' } })
    expect(response.statusCode).toBe(500)
    expect(response.json()).toEqual({
      type: 'https://w3id.org/symphony/problems/store-error',
      title: 'Storage failure',
      status: 500,
      code: 'STORE_ERROR',
      detail: 'the server could not answer this request; the operator finds the cause in the log under request id req-500',
      messages: {
        en: 'the server could not answer this request; the operator finds the cause in the log under request id req-500',
        de: 'der Server konnte diese Anfrage nicht beantworten; der Betreiber findet die Ursache im Protokoll unter der Anfrage-ID req-500'
      },
      instance: '/health/ready'
    })
    await t.app.close()
  })
})
