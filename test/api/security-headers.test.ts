/**
 * Security headers on every answer (the console and /docs with content policies that keep them
 * working), the Host check against DNS rebinding, and request logging that can be turned off.
 */
import { Writable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openTestApp } from './helpers.js'
import type { TestApp } from './helpers.js'
import { hostCheck, hostNameOf, servedHostNames } from '../../src/api/host-check.js'

const problem = 'application/problem+json; charset=utf-8'

describe('security headers', () => {
  let t: TestApp
  beforeAll(async () => { t = await openTestApp({ fixtures: ['acme-pbx.ttl'] }) })
  afterAll(async () => { await t?.close() })

  it('sends a closed content policy, nosniff, no framing and no referrer with API answers and problems alike', async () => {
    for (const url of ['/health', '/services/nothing-here']) {
      const { headers } = await t.app.inject({ url })
      expect(headers['content-security-policy']).toBe("default-src 'none';base-uri 'none';form-action 'none';frame-ancestors 'none'")
      expect([headers['x-content-type-options'], headers['x-frame-options'], headers['referrer-policy'], headers['cross-origin-opener-policy']]).toEqual(['nosniff', 'SAMEORIGIN', 'no-referrer', 'same-origin'])
      expect(headers['x-powered-by']).toBeUndefined()
    }
  })

  it('sends the same full set of headers with every API answer, in one order', async () => {
    const names = ['content-security-policy', 'cross-origin-opener-policy', 'cross-origin-resource-policy', 'origin-agent-cluster', 'referrer-policy', 'x-content-type-options',
      'x-dns-prefetch-control', 'x-download-options', 'x-frame-options', 'x-permitted-cross-domain-policies', 'x-xss-protection']
    for (const url of ['/health', '/health/ready', '/openapi.json', '/services/nothing-here']) {
      const { headers } = await t.app.inject({ url })
      expect([url, Object.entries(headers).filter(([name]) => names.includes(name))]).toEqual([url, [
        ['content-security-policy', "default-src 'none';base-uri 'none';form-action 'none';frame-ancestors 'none'"],
        ['cross-origin-opener-policy', 'same-origin'],
        ['cross-origin-resource-policy', 'same-origin'],
        ['origin-agent-cluster', '?1'],
        ['referrer-policy', 'no-referrer'],
        ['x-content-type-options', 'nosniff'],
        ['x-dns-prefetch-control', 'off'],
        ['x-download-options', 'noopen'],
        ['x-frame-options', 'SAMEORIGIN'],
        ['x-permitted-cross-domain-policies', 'none'],
        ['x-xss-protection', '0']
      ]])
    }
  })

  it('lets the console load its own scripts, styles and data, and nothing from elsewhere', async () => {
    for (const url of ['/', '/console/app.js']) {
      const policy = String((await t.app.inject({ url })).headers['content-security-policy']).split(';')
      expect(policy).toEqual(["default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "connect-src 'self'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'"])
      expect(policy).toEqual(expect.arrayContaining(["default-src 'self'", "script-src 'self'", "style-src 'self'", "connect-src 'self'", "frame-ancestors 'none'"]))
      expect(policy.join(';')).not.toMatch(/unsafe-inline|unsafe-eval|\*/)
    }
  })

  it('serves the API docs under their own policy, without upgrading requests to HTTPS the server may not speak', async () => {
    const answer = await t.app.inject({ url: '/docs/' })
    expect(answer.statusCode).toBe(200)
    const policy = String(answer.headers['content-security-policy'])
    expect(policy).toContain("script-src 'self'")
    expect(policy).not.toContain('upgrade-insecure-requests')
    expect(policy).not.toMatch(/script-src[^;]*unsafe/)
  })
})

describe('Host check', () => {
  let t: TestApp
  beforeAll(async () => { t = await openTestApp({ fixtures: ['acme-pbx.ttl'], api: { allowedHosts: ['localhost', 'Symphony.Example.org', '::1'] } }) })
  afterAll(async () => { await t?.close() })

  it('answers the hosts it is reached by, with any port and in any case', async () => {
    for (const host of ['localhost', 'localhost:8080', 'symphony.example.org', 'SYMPHONY.example.org:443', '[::1]:8080']) {
      expect([host, (await t.app.inject({ url: '/health', headers: { host } })).statusCode]).toEqual([host, 200])
    }
  })

  it('refuses any other host before a route runs: 421 problem naming the flag that admits it', async () => {
    for (const host of ['evil.example', 'localhost.evil.example', '127.0.0.1', 'symphony.example.org.evil.example:80']) {
      const answer = await t.app.inject({ url: '/services', headers: { host } })
      expect([host, answer.statusCode, answer.headers['content-type'], answer.json().code]).toEqual([host, 421, problem, 'MISDIRECTED_REQUEST'])
      expect(answer.json().detail).toContain(`--allowed-host ${hostNameOf(host)}`)
      expect(answer.headers['content-security-policy']).toBe("default-src 'none';base-uri 'none';form-action 'none';frame-ancestors 'none'")
    }
  })

  it('normalizes host names as requests carry them', () => {
    expect(['Example.ORG:8080', 'example.org.', '[::1]:80', '::1', '127.0.0.1:9'].map(hostNameOf)).toEqual(['example.org', 'example.org', '[::1]', '[::1]', '127.0.0.1'])
    expect(() => hostCheck(['example.org'])(undefined)).toThrow(/no Host header/)
  })

  it('answers by default for loopback, the listening address and the public URL; on every interface also for the machine', () => {
    const machine = { hostname: 'box', addresses: ['10.0.0.7', 'fe80::1'] }
    expect(servedHostNames('127.0.0.1', undefined, machine).sort()).toEqual(['127.0.0.1', '[::1]', 'localhost'])
    expect(servedHostNames('192.168.1.5', 'https://symphony.example.org', machine).sort()).toEqual(['127.0.0.1', '192.168.1.5', '[::1]', 'localhost', 'symphony.example.org'])
    expect(servedHostNames('0.0.0.0', undefined, machine).sort()).toEqual(['10.0.0.7', '127.0.0.1', '[::1]', '[fe80::1]', 'box', 'localhost'])
  })
})

describe('request logging', () => {
  async function logLines (requestLog: boolean | undefined): Promise<Array<Record<string, unknown>>> {
    const lines: Array<Record<string, unknown>> = []
    const stream = new Writable({ write (chunk: Buffer, _encoding, done) { lines.push(...chunk.toString().trim().split('\n').map(line => JSON.parse(line) as Record<string, unknown>)); done() } })
    const t = await openTestApp({ fixtures: ['acme-pbx.ttl'], api: { logger: { level: 'info', stream }, allowedHosts: ['localhost'], ...(requestLog === undefined ? {} : { requestLog }) } })
    try {
      await t.app.inject({ url: '/health', headers: { 'x-request-id': 'liveness' } })
      await t.app.inject({ url: '/health/?lang=de', headers: { 'x-request-id': 'liveness-again' } })
      await t.app.inject({ url: '/health/ready', headers: { 'x-request-id': 'readiness' } })
      await t.app.inject({ url: '/health/ready/?lang=de', headers: { 'x-request-id': 'readiness-again' } })
      await t.app.inject({ url: '/services/nothing-here', headers: { 'x-request-id': 'missing' } })
      await t.app.inject({ url: '/health/nothing-here', headers: { 'x-request-id': 'not-a-probe' } })
      await t.app.inject({ url: '/health', headers: { 'x-request-id': 'refused', host: 'evil.example' } })
      await t.app.inject({ url: '/health/ready', headers: { 'x-request-id': 'refused-readiness', host: 'evil.example' } })
    } finally {
      await t.close()
    }
    return lines
  }

  it('logs each request and answer by default, with the request id', async () => {
    const messages = (await logLines(undefined)).map(line => [line.msg, typeof line.requestId])
    expect(messages).toEqual(expect.arrayContaining([['incoming request', 'string'], ['request completed', 'string']]))
  })

  it('leaves out the answers to the probes (liveness and readiness), asked every few seconds, but not a refused one', async () => {
    const requests = (await logLines(undefined)).filter(line => typeof line.requestId === 'string').map(line => [line.requestId, line.msg])
    expect(requests).toEqual([
      ['missing', 'incoming request'], ['missing', 'request rejected'], ['missing', 'request completed'],
      ['not-a-probe', 'incoming request'], ['not-a-probe', 'request rejected'], ['not-a-probe', 'request completed'],
      ['refused', 'request rejected'],
      ['refused-readiness', 'request rejected']
    ])
  })

  it('can be turned off, leaving the other log lines', async () => {
    const messages = (await logLines(false)).map(line => line.msg)
    expect(messages).not.toContain('incoming request')
    expect(messages).not.toContain('request completed')
    // A refused request is still logged, with its code.
    expect(messages).toContain('request rejected')
  })
})
