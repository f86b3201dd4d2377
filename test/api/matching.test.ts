import { afterAll, beforeAll, describe, expect, it } from 'vitest'
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
