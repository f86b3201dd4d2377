/**
 * Hostile input on every route of the API, taken from its own OpenAPI document so that new
 * routes are covered as they come: nested, oversized, truncated and mis-typed bodies, poisoned
 * keys, unusable numbers, path parameters and query strings built to break parsers. Each answer
 * is a 2xx for input that happens to be legal, otherwise a 4xx (never a 5xx) with a problem
 * document; afterwards the server still answers, and no prototype was polluted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { InjectOptions } from 'fastify'
import { acmeToken, bergToken, operatorToken, openTestApp } from './helpers.js'
import type { TestApp } from './helpers.js'

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

interface Body { readonly name: string, readonly contentType: string, readonly payload: string | Buffer }

const deep = 10_000
const json = (name: string, payload: string): Body => ({ name, contentType: 'application/json', payload })

/** Bodies that no route accepts as they are. */
const bodies: readonly Body[] = [
  json('arrays nested 10,000 deep', '['.repeat(deep) + ']'.repeat(deep)),
  json('objects nested 10,000 deep', '{"a":'.repeat(deep) + '1' + '}'.repeat(deep)),
  json('truncated JSON', '{"services": ["https://example.org/a#B", '),
  json('an array where an object belongs', '[]'),
  json('a bare string', '"hello"'),
  json('numbers beyond double', '{"seats": 1e400, "limit": -1e400, "offset": 1e400}'),
  json('prototype keys', '{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}'),
  json('a 4 MiB string', JSON.stringify({ name: 'x'.repeat(4 * 1024 * 1024) })),
  json('more than the body limit', JSON.stringify({ name: 'x'.repeat(6 * 1024 * 1024) })),
  { name: 'invalid UTF-8', contentType: 'application/json', payload: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]) },
  { name: 'Turtle nested 10,000 deep', contentType: 'text/turtle', payload: '<urn:a> <urn:b> ' + '('.repeat(deep) + ')'.repeat(deep) + ' .' },
  { name: 'plain text', contentType: 'text/plain', payload: 'hello' },
  { name: 'an unknown media type', contentType: 'application/x-evil', payload: '\u0000\u0001' }
]

/** Values for path parameters. */
const pathValues = ['%00', '..%2F..%2Fetc%2Fpasswd', 'a'.repeat(5000), 'https%3A%2F%2Fexample.org%2F%3E%20%3Cx%3E', '%E0%A4%A', '%F0%9F%92%A9']

/** Query strings for every route. */
const queries = [
  'limit=1e400&offset=-1&lang=xx&format=%00',
  Array.from({ length: 1000 }, (_, i) => `service=${i}`).join('&'),
  `q=${'%7B'.repeat(5000)}`,
  `query=${encodeURIComponent('SELECT * WHERE ' + '{'.repeat(5000) + '}'.repeat(5000))}`
]

describe('hostile input on every route', () => {
  let t: TestApp
  let operations: Array<{ path: string, method: Method }>
  const failures: string[] = []

  beforeAll(async () => {
    t = await openTestApp({ fixtures: ['acme-pbx.ttl', 'globex-crm.ttl'] })
    // Compiled first, so /health/ready answers 200 rather than its 503 "starting".
    await t.engine.catalog()
    const document = (await t.app.inject({ url: '/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> }
    operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map(method => ({ path, method: method.toUpperCase() as Method })))
  })
  afterAll(async () => { await t?.close() })

  /** Sends one request; records it when the answer is a server error or an error that is no problem document. */
  let probes = 0
  async function probe (what: string, options: InjectOptions): Promise<void> {
    probes++
    const answer = await t.app.inject(options)
    const type = String(answer.headers['content-type'] ?? '')
    if (answer.statusCode >= 500) failures.push(`${what}: ${answer.statusCode} ${answer.body.slice(0, 200)}`)
    else if (answer.statusCode >= 400 && (!type.startsWith('application/problem+json') || typeof answer.json().code !== 'string')) {
      failures.push(`${what}: ${answer.statusCode} without a problem document (${type})`)
    }
  }

  it('answers every route with a 2xx or a 4xx problem, never a 5xx', async () => {
    // The document lists the routes of every part of the API, the protected ones included.
    expect(operations).toEqual(expect.arrayContaining([
      { path: '/compose', method: 'POST' }, { path: '/orders', method: 'POST' }, { path: '/tickets', method: 'POST' }, { path: '/sparql', method: 'GET' }
    ]))
    const callers = { anonymous: undefined, operator: operatorToken, provider: acmeToken, customer: bergToken }
    const expectedProbes = operations.reduce((sum, { path, method }) => sum + Object.keys(callers).length *
      ((path.includes('{') ? pathValues.length : 0) + queries.length + (method === 'GET' || method === 'DELETE' ? 0 : bodies.length)), 0)
    for (const { path, method } of operations) {
      for (const [who, token] of Object.entries(callers)) {
        const headers = token === undefined ? {} : { authorization: `Bearer ${token}` }
        // Path parameters, one hostile value at a time for all of them.
        const concrete = path.replace(/\{[^}]+\}/g, 'x')
        if (path.includes('{')) {
          for (const value of pathValues) {
            await probe(`${who} ${method} ${path} with ${value.slice(0, 40)}`, { method, url: path.replace(/\{[^}]+\}/g, value), headers })
          }
        }
        for (const query of queries) {
          await probe(`${who} ${method} ${path}?${query.slice(0, 40)}`, { method, url: `${concrete}?${query}`, headers })
        }
        if (method === 'GET' || method === 'DELETE') continue
        for (const body of bodies) {
          await probe(`${who} ${method} ${path} with ${body.name}`, { method, url: concrete, headers: { ...headers, 'content-type': body.contentType }, payload: body.payload })
        }
      }
    }
    // Every route got every family of input, once per caller.
    expect(probes).toBe(expectedProbes)
    expect(failures).toEqual([])
  }, 600_000)

  it('still serves afterwards, and no prototype was polluted', async () => {
    expect((await t.app.inject({ url: '/health' })).statusCode).toBe(200)
    const services = await t.app.inject({ url: '/catalog/services' })
    expect([services.statusCode, services.json().services.length]).toEqual([200, 2])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined()
  })
})
