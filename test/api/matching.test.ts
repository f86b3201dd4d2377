import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { projectRoot } from '../../src/project.js'
import { inLanguage } from '../../src/composer/index.js'
import { openTestApp, sym } from './helpers.js'
import type { TestApp } from './helpers.js'

const pbx = 'https://example.org/acme#CloudPBX'
const crm = 'https://example.org/globex#CallCRM'

describe('matching and composition routes', () => {
  let t: TestApp
  beforeAll(async () => { t = await openTestApp({ fixtures: ['acme-pbx.ttl', 'globex-crm.ttl'] }) })
  afterAll(async () => { await t.close() })

  it('discovers the services that provide a wanted type, as the engine ranks them', async () => {
    const request = { wanted: [`${sym}CallEventFeed`], limit: 10 }
    const response = await t.app.inject({ method: 'POST', url: '/discover', payload: request })
    expect(response.statusCode).toBe(200)
    const { labels, ...answer } = response.json()
    expect(answer).toEqual(JSON.parse(JSON.stringify(await t.engine.discover(request))))
    expect(answer.results.map((r: { service: string, match: string, degree: string }) => [r.service, r.match, r.degree])).toEqual([[pbx, 'full', 'exact']])
    expect(labels[pbx]).toBe('ACME Cloud PBX')
  })

  it('refuses a discovery request with unknown fields (400 naming the field)', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/discover', payload: { wanted: [], colour: 'red' } })
    expect(response.statusCode).toBe(400)
    expect(response.json()).toMatchObject({ code: 'INVALID_REQUEST', field: '/body/colour' })
  })

  it('refuses a discovery or combinable limit above 10,000 with 400 naming the parameter, the maximum and how to page', async () => {
    const discover = await t.app.inject({ method: 'POST', url: '/discover', payload: { wanted: [`${sym}CallEventFeed`], limit: 10_001 } })
    expect(discover.statusCode).toBe(400)
    expect(discover.json()).toMatchObject({
      code: 'INVALID_REQUEST',
      path: 'limit',
      maximum: 10_000,
      detail: 'limit 10001 is more than 10000, the most results one answer lists; page through them instead: limit 10000 with offset 0, then offset 10000, 20000, … until an answer lists fewer'
    })
    const combinable = await t.app.inject({ method: 'GET', url: `/catalog/services/${encodeURIComponent(pbx)}/combinable?limit=20000&lang=de` })
    expect(combinable.statusCode).toBe(400)
    expect(combinable.json()).toMatchObject({
      code: 'INVALID_REQUEST',
      path: 'limit',
      maximum: 10_000,
      detail: 'limit 20000 ist mehr als 10000, die meisten Ergebnisse, die eine Antwort auflistet; blättern Sie stattdessen: limit 10000 mit offset 0, dann offset 10000, 20000, … bis eine Antwort weniger auflistet'
    })
    expect((await t.app.inject({ method: 'POST', url: '/discover', payload: { wanted: [`${sym}CallEventFeed`], limit: 10_000 } })).statusCode).toBe(200)
  })

  it('checks whether A fits B', async () => {
    const response = await t.app.inject({ method: 'GET', url: `/match?a=${encodeURIComponent(pbx)}&b=${encodeURIComponent(crm)}` })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual(JSON.parse(JSON.stringify(await t.engine.match(pbx, crm))))
    const missing = await t.app.inject({ method: 'GET', url: `/match?a=${encodeURIComponent(pbx)}` })
    expect(missing.statusCode).toBe(400)
    expect(missing.json().field).toBe('/querystring/b')
    const unknown = await t.app.inject({ method: 'GET', url: `/match?a=${encodeURIComponent(pbx)}&b=${encodeURIComponent('https://example.org/none')}` })
    expect(unknown.statusCode).toBe(404)
    expect(unknown.json().code).toBe('UNKNOWN_SERVICE')
  })

  it('lists what can be combined with a service', async () => {
    const response = await t.app.inject({ method: 'GET', url: `/catalog/services/${encodeURIComponent(pbx)}/combinable?limit=5` })
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8')
    expect(response.json()).toEqual({ service: pbx, combinable: JSON.parse(JSON.stringify(await t.engine.combinable(pbx, { limit: 5, minDegree: 'subsumes' }))) })
    expect(response.json().combinable.map((c: { service: string, degree: string }) => [c.service, c.degree])).toEqual([[crm, 'exact']])
  })

  it('composes bundles with labels for display', async () => {
    const request = { serviceTypes: [`${sym}VirtualPBX`, `${sym}CRM`], seats: 10, limit: 3 }
    const response = await t.app.inject({ method: 'POST', url: '/compose?lang=de', payload: request })
    expect(response.statusCode).toBe(200)
    const body = response.json()
    const { labels, ...answer } = body
    expect(answer).toEqual(JSON.parse(JSON.stringify(inLanguage(await t.engine.compose(request), 'de'))))
    expect(body.bundles.map((b: { services: string[] }) => b.services)).toEqual([[pbx, crm]])
    expect(body.bundles[0].price.monthly).toBe(19 + 6.5 * 10 + 12 * 10)
    expect(labels).toEqual({ [pbx]: 'ACME Cloud-Telefonanlage', [crm]: 'Globex CRM', [`${sym}CallEventFeed`]: expect.any(String) })
  })

  it('answers "no bundle" with issues, and 400 for an unknown class', async () => {
    const none = await t.app.inject({ method: 'POST', url: '/compose', payload: { serviceTypes: [`${sym}ArchivingService`] } })
    expect(none.statusCode).toBe(200)
    expect(none.json().bundles).toEqual([])
    expect(none.json().issues.map((i: { code: string, message: string }) => [i.code, i.message]))
      .toEqual([['GOAL_UNREACHABLE', 'no service in the catalog is of type Archiving service']])
    const unknown = await t.app.inject({ method: 'POST', url: '/compose', payload: { serviceTypes: [`${sym}Nope`] } })
    expect(unknown.statusCode).toBe(400)
    expect(unknown.json()).toMatchObject({ code: 'UNKNOWN_CLASS', path: 'serviceTypes[0]', node: `${sym}Nope` })
  })
  it('refuses a limit above 100 and more than 32 wanted types with 400 naming the field', async () => {
    const limit = await t.app.inject({ method: 'POST', url: '/compose', payload: { serviceTypes: [`${sym}VirtualPBX`], limit: 101 } })
    expect(limit.statusCode).toBe(400)
    expect(limit.json()).toMatchObject({ code: 'INVALID_REQUEST', field: '/body/limit' })
    const wanted = await t.app.inject({ method: 'POST', url: '/compose', payload: { wanted: Array.from({ length: 33 }, () => `${sym}CallEventFeed`) } })
    expect(wanted.statusCode).toBe(400)
    expect(wanted.json()).toMatchObject({ code: 'INVALID_REQUEST', field: '/body/wanted' })
  })
})

describe('paging discovery and combinable answers', () => {
  let t: TestApp
  beforeAll(async () => { t = await openTestApp({ seedExamples: true }) })
  afterAll(async () => { await t.close() })

  it('offset skips the best results: pages put together are the unpaged answer', async () => {
    const request = JSON.parse(await readFile(join(projectRoot, 'examples/requests/discover-crm-for-pbx.json'), 'utf8')) as Record<string, unknown>
    const discover = async (body: Record<string, unknown>): Promise<string[]> =>
      (await t.app.inject({ method: 'POST', url: '/discover', payload: { ...request, ...body } })).json().results.map((r: { service: string }) => r.service)
    const all = await discover({})
    expect(all).toHaveLength(4)
    expect([...await discover({ limit: 3 }), ...await discover({ limit: 3, offset: 3 })]).toEqual(all)
    expect(await discover({ offset: 4 })).toEqual([])
    const crm = encodeURIComponent('https://example.org/kundenwerk#CRM')
    const combinable = async (query: string): Promise<string[]> =>
      (await t.app.inject({ method: 'GET', url: `/catalog/services/${crm}/combinable?${query}` })).json().combinable.map((c: { service: string }) => c.service)
    const best = await combinable('limit=4')
    expect(best).toHaveLength(4)
    expect([...await combinable('limit=2'), ...await combinable('limit=2&offset=2')]).toEqual(best)
  })
})
