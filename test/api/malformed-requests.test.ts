/**
 * Requests that are malformed below the level of a route's schema: numbers that overflow to
 * Infinity, seats beyond any price, URLs that do not decode, headers the HTTP parser refuses.
 * Each is answered 4xx with a problem document naming what is wrong, never 500 or plain JSON.
 */
import { request } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openTestApp } from './helpers.js'
import type { TestApp } from './helpers.js'

const problem = 'application/problem+json'

describe('malformed requests', () => {
  let t: TestApp
  let url: string
  beforeAll(async () => {
    t = await openTestApp()
    url = await t.app.listen({ port: 0, host: '127.0.0.1' })
  })
  afterAll(async () => { await t.close() })

  const raw = (path: string, headers: Record<string, string> = {}): Promise<{ status: number, type: string, body: Record<string, unknown> }> => new Promise((resolve, reject) => {
    const sent = request(url + path, { headers }, response => {
      let text = ''
      response.on('data', chunk => { text += chunk })
      response.on('end', () => resolve({ status: response.statusCode!, type: String(response.headers['content-type']), body: JSON.parse(text) }))
    })
    sent.on('error', reject)
    sent.end()
  })

  it('refuses numbers in the query string that overflow to Infinity', async () => {
    for (const field of ['offset', 'limit']) {
      const response = await t.app.inject({ method: 'GET', url: `/catalog/services?${field}=1e400` })
      expect([response.statusCode, response.headers['content-type']]).toEqual([400, `${problem}; charset=utf-8`])
      expect(response.json()).toMatchObject({ code: 'INVALID_REQUEST', path: `/querystring/${field}`, detail: `/querystring/${field} is Infinity: numbers must be finite; send a number within the documented range` })
    }
  })

  it('refuses numbers in a JSON body that overflow to Infinity, and seats beyond the maximum', async () => {
    const infinite = await t.app.inject({ method: 'POST', url: '/compose', headers: { 'content-type': 'application/json' }, payload: '{"serviceTypes":["https://w3id.org/symphony/ontology#VirtualPBX"],"seats":1e400}' })
    expect([infinite.statusCode, infinite.json().code]).toEqual([400, 'INVALID_REQUEST'])
    const huge = await t.app.inject({ method: 'POST', url: '/compose', payload: { serviceTypes: ['https://w3id.org/symphony/ontology#VirtualPBX'], seats: 1e308 } })
    expect([huge.statusCode, huge.json().field]).toEqual([400, '/body/seats'])
  })

  it('answers a URL that does not decode with a problem document', async () => {
    const response = await raw('/catalog/%E0%A4%A')
    expect([response.status, response.type]).toEqual([400, `${problem}; charset=utf-8`])
    expect(response.body).toMatchObject({ code: 'INVALID_REQUEST', detail: 'the URL "/catalog/%E0%A4%A" is not valid: it has a malformed percent-encoding; encode reserved and non-ASCII characters as %XX of their UTF-8 bytes' })
  })

  it('answers headers too large for the HTTP parser with 431 and a problem document, and keeps serving', async () => {
    const response = await raw('/health', { 'x-large': 'y'.repeat(32 * 1024) })
    expect([response.status, response.type, response.body.status]).toEqual([431, problem, 431])
    expect((await raw('/health')).status).toBe(200)
  })

  it('answers headers too large in the language of Accept-Language when the parser read it, else in English with the German beside it', async () => {
    const german = await raw('/health', { 'accept-language': 'de-DE', 'x-large': 'y'.repeat(32 * 1024) })
    expect(german.status).toBe(431)
    expect(german.body).toEqual({
      type: 'https://w3id.org/symphony/problems/payload-too-large', title: 'Anfrage-Header zu groß', status: 431, code: 'PAYLOAD_TOO_LARGE',
      detail: 'die Header der Anfrage sind größer, als der Server annimmt; senden Sie weniger oder kürzere Header (Cookies, Tokens)',
      messages: {
        en: 'the request headers are larger than the server accepts; send fewer or shorter headers (cookies, tokens)',
        de: 'die Header der Anfrage sind größer, als der Server annimmt; senden Sie weniger oder kürzere Header (Cookies, Tokens)'
      }
    })
    const english = await raw('/health', { 'x-large': 'y'.repeat(32 * 1024) })
    expect([english.status, english.body.title, english.body.detail, (english.body.messages as { de: string }).de]).toEqual([
      431, 'Request header fields too large', 'the request headers are larger than the server accepts; send fewer or shorter headers (cookies, tokens)',
      'die Header der Anfrage sind größer, als der Server annimmt; senden Sie weniger oder kürzere Header (Cookies, Tokens)'
    ])
  })

  it('gives Fastify\'s own refusals (body too large, unsupported media type, bad Content-Length) in both languages, saying what to send', async () => {
    const small = await openTestApp({ api: { bodyLimit: 100 } })
    try {
      const post = (headers: Record<string, string>, payload: string) => small.app.inject({ method: 'POST', url: '/compose', headers, payload })
      const body = JSON.stringify({ serviceTypes: ['https://w3id.org/symphony/ontology#' + 'VirtualPBX'.repeat(12)] })
      for (const [language, title, detail] of [
        ['de', 'Anfrage zu groß', 'der Anfragerumpf ist größer als die 100 Bytes, die der Server annimmt; senden Sie weniger Daten'],
        ['en', 'Request body too large', 'the request body is larger than the 100 bytes the server accepts; send less data']
      ]) {
        const answer = await post({ 'content-type': 'application/json', 'accept-language': language! }, body)
        expect([answer.statusCode, answer.json().code, answer.json().title, answer.json().detail]).toEqual([413, 'PAYLOAD_TOO_LARGE', title, detail])
      }
      const unsupported = await post({ 'content-type': 'application/xml', 'accept-language': 'de' }, '<a/>')
      expect([unsupported.statusCode, unsupported.json().title, unsupported.json().messages]).toEqual([415, 'Nicht unterstützter Medientyp', {
        en: 'Content-Type "application/xml" is not accepted here; the route names its media types at /openapi.json',
        de: 'Content-Type "application/xml" wird hier nicht angenommen; die Route nennt ihre Medientypen unter /openapi.json'
      }])
      const english = await post({ 'content-type': 'application/xml' }, '<a/>')
      expect([english.json().title, english.json().detail]).toEqual(['Unsupported media type', 'Content-Type "application/xml" is not accepted here; the route names its media types at /openapi.json'])
      const mismatch = await post({ 'content-type': 'application/json', 'content-length': '5', 'accept-language': 'de' }, '{"a":1, "b": 2}')
      expect([mismatch.statusCode, mismatch.json().detail, mismatch.json().messages.en]).toEqual([400,
        'der Anfragerumpf ist nicht so lang, wie Content-Length angibt; senden Sie die Länge des gesendeten Rumpfs oder lassen Sie Content-Length weg',
        'the request body is not as long as its Content-Length says; send the length of the body as sent, or leave Content-Length out'])
    } finally {
      await small.close()
    }
  })

  it('throttles failed authentication per address: 429 with Retry-After once its failures are used up (ten a minute by default)', async () => {
    const throttled = await openTestApp({ api: { authThrottle: { limit: 3, windowMs: 60_000 } } })
    try {
      const attempt = () => throttled.app.inject({ method: 'GET', url: '/orders', headers: { authorization: 'Bearer symp_guess' }, remoteAddress: '203.0.113.7' })
      expect([(await attempt()).statusCode, (await attempt()).statusCode, (await attempt()).statusCode]).toEqual([401, 401, 401])
      const blocked = await attempt()
      expect([blocked.statusCode, blocked.headers['content-type'], blocked.json().code]).toEqual([429, `${problem}; charset=utf-8`, 'TOO_MANY_REQUESTS'])
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThanOrEqual(59)
      // Other addresses are not affected.
      const other = await throttled.app.inject({ method: 'GET', url: '/orders', headers: { authorization: 'Bearer symp_guess' }, remoteAddress: '198.51.100.9' })
      expect(other.statusCode).toBe(401)
    } finally {
      await throttled.close()
    }
  })
})
