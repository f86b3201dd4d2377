/**
 * Hostile input on every route of the API, taken from its own OpenAPI document so that new
 * routes are covered as they come: nested, oversized, truncated and mis-typed bodies, poisoned
 * keys, unusable numbers, path parameters and query strings built to break parsers. Each answer
 * is a 2xx for input that happens to be legal, otherwise a 4xx (never a 5xx) with a problem
 * document; afterwards the server still answers, and no prototype was polluted. A seeded
 * generator (hostile-values.ts) builds documents from each route's own schemas with one part
 * poisoned, so the input gets past validation; framing only the HTTP parser sees goes over a
 * real connection.
 */
import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { InjectOptions } from 'fastify'
import { defaults } from '../../src/api/options.js'
import { acmeToken, bergToken, operatorToken, openTestApp } from './helpers.js'
import type { TestApp } from './helpers.js'
import { hostileBodies, hostileUrls, seeded } from './hostile-values.js'
import type { Operation } from './hostile-values.js'

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
  json('one byte over the body limit', JSON.stringify({ name: 'x'.repeat(defaults.bodyLimit - 10) })),
  json('more than the body limit', JSON.stringify({ name: 'x'.repeat(6 * 1024 * 1024) })),
  json('numbers that are no numbers', '{"seats": "NaN", "limit": -0, "offset": "-0", "concurrentSeats": "Infinity"}'),
  { name: 'invalid UTF-8', contentType: 'application/json', payload: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]) },
  { name: 'Turtle nested 10,000 deep', contentType: 'text/turtle', payload: '<urn:a> <urn:b> ' + '('.repeat(deep) + ')'.repeat(deep) + ' .' },
  { name: 'Turtle blank nodes nested 10,000 deep', contentType: 'text/turtle', payload: '<https://example.org/acme#X> <urn:p> ' + '[ <urn:p> '.repeat(deep) + '"x"' + ' ]'.repeat(deep) + ' .' },
  { name: 'JSON-LD with a remote context', contentType: 'application/ld+json', payload: JSON.stringify({ '@context': 'http://10.255.255.1/context.jsonld', '@id': 'https://example.org/acme#X', 'https://schema.org/name': 'x' }) },
  { name: 'JSON-LD importing a remote context', contentType: 'application/ld+json', payload: JSON.stringify({ '@context': { '@import': 'http://10.255.255.1/context.jsonld' }, '@id': 'https://example.org/acme#X' }) },
  { name: 'JSON-LD lists nested 10,000 deep', contentType: 'application/ld+json', payload: '{"@id":"https://example.org/acme#X","urn:p":{"@list":' + '['.repeat(deep) + ']'.repeat(deep) + '}}' },
  { name: 'JSON-LD with prototype terms', contentType: 'application/ld+json', payload: JSON.stringify({ '@context': { ['__proto__']: 'https://schema.org/', constructor: 'https://schema.org/name' }, '@id': 'https://example.org/acme#X', constructor: 'x' }) },
  { name: 'a SPARQL query nested 10,000 deep', contentType: 'application/sparql-query', payload: 'SELECT * WHERE ' + '{'.repeat(deep) + '}'.repeat(deep) },
  { name: 'a SPARQL query over the length limit', contentType: 'application/sparql-query', payload: `SELECT * WHERE { ?s ?p "${'x'.repeat(defaults.maxQueryLength)}" }` },
  { name: 'a SPARQL form nested 10,000 deep', contentType: 'application/x-www-form-urlencoded', payload: 'query=' + encodeURIComponent('ASK ' + '{'.repeat(deep) + '}'.repeat(deep)) },
  { name: 'a SPARQL form with a query expression nested 10,000 deep', contentType: 'application/x-www-form-urlencoded', payload: 'query=' + encodeURIComponent('ASK { FILTER(' + '('.repeat(deep) + '1' + ')'.repeat(deep) + ') }') },
  { name: 'a form with repeated and prototype fields', contentType: 'application/x-www-form-urlencoded', payload: Array.from({ length: 1000 }, () => 'query=ASK%7B%7D').join('&') + '&__proto__=1&constructor=1' },
  { name: 'a content type with hostile parameters', contentType: 'application/json; charset=x-evil; ' + 'a=b;'.repeat(1000), payload: '{}' },
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
  `query=${encodeURIComponent('SELECT * WHERE ' + '{'.repeat(5000) + '}'.repeat(5000))}`,
  `query=${encodeURIComponent(`ASK { ?s ?p "${'x'.repeat(defaults.maxQueryLength)}" }`)}`,
  'limit=-0&offset=NaN&since=Infinity&dryRun=-0&minDegree=1e400&version=NaN'
]

/** Accept headers that no media type matches, or that are built to slow a parser down. */
const accepts = ['x/y;q=NaN, */*;q=-0', 'text/turtle;q=1e400, application/json;q=-1', 'a/b,'.repeat(10_000), ';;;,,,/;q=', '*/*;q=0']


describe('hostile input on every route', () => {
  let t: TestApp
  let operations: Array<{ path: string, method: Method }>
  const failures: string[] = []

  beforeAll(async () => {
    // Every probe comes from one address: without a higher limit, the throttle of failed
    // authentication would answer all of them 429 after the first ten and test nothing else.
    t = await openTestApp({ fixtures: ['acme-pbx.ttl', 'globex-crm.ttl'], api: { authThrottle: { limit: 1_000_000, windowMs: 60_000 } } })
    // Orders, subscriptions, events and tickets are open as under `serve`; providers are not reachable.
    await t.engine.openOperations({ callbackBase: 'http://127.0.0.1:9', env: {} })
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
    // Readiness answers 503 "starting" while the catalog compiles again after a write of a probe.
    const recompiling = answer.statusCode === 503 && options.url?.toString().startsWith('/health/ready') === true && answer.json().status === 'starting'
    if (recompiling) return
    if (answer.statusCode >= 500) failures.push(`${what}: ${answer.statusCode} ${answer.body.slice(0, 200)}`)
    else if (answer.statusCode === 429) failures.push(`${what}: throttled, so the route was not reached`)
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

  it('answers documents shaped by each route\'s own schemas, one part poisoned, with a 2xx or a 4xx problem', async () => {
    const document = (await t.app.inject({ url: '/openapi.json' })).json() as { paths: Record<string, Record<string, Operation>>, components?: { schemas?: Record<string, object> } }
    const schemas = document.components?.schemas ?? {}
    const callers = [undefined, operatorToken, acmeToken, bergToken]
    // One seed for the whole run: the same requests every time, so a failure can be replayed.
    const random = seeded(0x5eed)
    let sent = 0
    let expected = 0
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const [lower, operation] of Object.entries(methods)) {
        const method = lower.toUpperCase() as Method
        const headers = (token: string | undefined): Record<string, string> => token === undefined ? {} : { authorization: `Bearer ${token}` }
        const urls = hostileUrls(path, operation, random, 6)
        const json = operation.requestBody?.content['application/json']
        expected += callers.length * (urls.length + accepts.length + (json === undefined ? 0 : 12))
        for (const token of callers) {
          for (const { what, url } of urls) {
            await probe(`${method} ${path} with ${what}`, { method, url, headers: headers(token) })
            sent++
          }
          for (const accept of accepts) {
            await probe(`${method} ${path} with Accept ${accept.slice(0, 30)}`, { method, url: urls[0]!.url, headers: { ...headers(token), accept } })
            sent++
          }
        }
        if (json === undefined) continue
        const generated = hostileBodies(json.schema as never, schemas as never, random, 12)
        for (const token of callers) {
          for (const { what, body } of generated) {
            await probe(`${method} ${path} with a body with ${what}: ${body!.slice(0, 120)}`, { method, url: urls[0]!.url, headers: { ...headers(token), 'content-type': 'application/json' }, payload: body })
            sent++
          }
        }
      }
    }
    // Every operation got its URLs and Accept headers, and its generated bodies when it takes JSON.
    expect(sent).toBe(expected)
    expect(failures).toEqual([])
  }, 600_000)

  it('answers requests the HTTP parser sees first over a real connection, and keeps serving', async () => {
    const url = new URL(await t.app.listen({ port: 0, host: '127.0.0.1' }))
    /** Sends raw bytes, returns the status line's code and the content type of the first answer. */
    const send = (bytes: string | Buffer, rest?: Buffer): Promise<{ status: number, type: string, text: string }> => new Promise((resolve, reject) => {
      const socket = connect(Number(url.port), url.hostname)
      let text = ''
      socket.on('data', chunk => { text += chunk.toString('latin1') })
      // The server may answer and close before the whole body is sent.
      socket.on('error', error => { if (text === '') reject(error) })
      socket.on('close', () => {
        const status = /^HTTP\/1\.1 (\d{3})/.exec(text)
        const type = /\r\ncontent-type: ([^\r]*)/i.exec(text)
        resolve({ status: Number(status?.[1] ?? 0), type: type?.[1] ?? '', text })
      })
      socket.write(bytes)
      if (rest !== undefined) socket.write(rest, () => socket.end())
      else socket.end()
    })
    const post = (headers: string): string => `POST /compose HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Type: application/json\r\n${headers}\r\n`
    const over = Buffer.alloc(defaults.bodyLimit + 1, 0x20)
    const cases: Array<[string, Promise<{ status: number, type: string, text: string }>, number]> = [
      ['a body one byte over the limit', send(post(`Content-Length: ${over.length}\r\n`), over), 413],
      ['a chunked body over the limit', send(post('Transfer-Encoding: chunked\r\n'), Buffer.concat([Buffer.from(`${over.length.toString(16)}\r\n`), over, Buffer.from('\r\n0\r\n\r\n')])), 413],
      ['a malformed chunk size', send(post('Transfer-Encoding: chunked\r\n') + 'zz\r\n{}\r\n0\r\n\r\n'), 400],
      ['both Content-Length and Transfer-Encoding', send(post('Content-Length: 2\r\nTransfer-Encoding: chunked\r\n') + '2\r\n{}\r\n0\r\n\r\n'), 400],
      ['a body shorter than its Content-Length', send(post('Content-Length: 100\r\n') + '{"serviceTypes":'), 400],
      ['a URL of 100,000 characters', send(`GET /catalog/services?q=${'a'.repeat(100_000)} HTTP/1.1\r\nHost: localhost\r\n\r\n`), 431],
      ['a NUL byte in a header', send('GET /health HTTP/1.1\r\nHost: localhost\r\nX-Evil: a\u0000b\r\n\r\n'), 400],
      ['bytes that are no HTTP', send(Buffer.from([0x16, 0x03, 0x01, 0x00, 0xff, 0x0d, 0x0a, 0x0d, 0x0a])), 400],
      ['invalid UTF-8 in the path', send(Buffer.concat([Buffer.from('GET /catalog/services/'), Buffer.from([0xff, 0xfe]), Buffer.from(' HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n')])), 400]
    ]
    const answers = await Promise.all(cases.map(async ([what, answer, status]) => [what, (await answer).status, (await answer).type.split(';')[0], status] as const))
    expect(answers.map(([what, status, type]) => [what, status, type])).toEqual(answers.map(([what, , , status]) => [what, status, 'application/problem+json']))
  }, 120_000)

  it('still serves afterwards, and no prototype was polluted', async () => {
    expect((await t.app.inject({ url: '/health' })).statusCode).toBe(200)
    const services = await t.app.inject({ url: '/catalog/services' })
    expect([services.statusCode, services.json().services.length]).toEqual([200, 2])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined()
  })
})
