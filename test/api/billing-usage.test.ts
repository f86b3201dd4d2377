/**
 * `POST /usage`: providers report usage only for components of the member's offer counted by
 * usage; anything else is a 400 problem naming the component, the offer and what is expected.
 * Accepted reports are billed exactly in the month's run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BookedSubscription } from '../../src/billing/index.js'
import { seller } from '../billing/e-invoice-fixtures.js'
import { acme, acmeToken, berg, bergToken, globex, globexToken, openTestApp, operatorToken } from './helpers.js'
import type { TestApp } from './helpers.js'

const ex = 'https://example.org/acme#'
const sym = 'https://w3id.org/symphony/ontology#'
const globexTrunk = 'https://example.org/globex#MeteredTrunk'
const subscription = 'https://w3id.org/symphony/subscription/berg-usage'
const auth = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` })

describe('usage reports', () => {
  let t: TestApp
  let trunkOffer: string
  const booked: BookedSubscription[] = []
  beforeAll(async () => {
    t = await openTestApp({ fixtures: ['usage-priced.ttl'], api: { billing: { subscriptions: async () => booked, now: () => new Date('2027-01-02T08:00:00Z') } } })
    const catalog = await t.engine.catalog()
    trunkOffer = catalog.services.get(`${ex}MeteredTrunk`)!.offers[0]!.id
    booked.push({
      iri: subscription,
      customer: berg,
      startedAt: '2026-12-01T09:00:00Z',
      seats: 4,
      concurrentSeats: 2,
      members: [
        { service: `${ex}MeteredTrunk`, provider: acme, offer: trunkOffer, addedAt: '2026-12-01T09:00:00Z' },
        { service: `${ex}FlatFax`, provider: acme, offer: catalog.services.get(`${ex}FlatFax`)!.offers[0]!.id, addedAt: '2026-12-01T09:00:00Z' },
        { service: globexTrunk, provider: globex, offer: catalog.services.get(globexTrunk)!.offers[0]!.id, addedAt: '2026-12-01T09:00:00Z' }
      ],
      seatChanges: [{ at: '2026-12-01T09:00:00Z', seats: 4, concurrentSeats: 2 }]
    })
  }, 120_000)
  afterAll(async () => { await t.close() })

  const report = async (token: string, body: Record<string, unknown>) => await t.app.inject({
    method: 'POST',
    url: '/usage',
    headers: auth(token),
    payload: { id: 'r1', subscription, service: `${ex}MeteredTrunk`, quantity: '10', at: '2026-12-05T10:00:00Z', ...body }
  })

  it('refuses a component charged per seat, naming component, offer and the usage components expected', async () => {
    const response = await report(acmeToken, { component: `${sym}PerConcurrentUserMonthly` })
    const problem = response.json()
    expect([response.statusCode, problem.code, problem.field, problem.service, problem.offer, problem.component, problem.expected])
      .toEqual([400, 'INVALID_REQUEST', '/body/component', `${ex}MeteredTrunk`, trunkOffer, `${sym}PerConcurrentUserMonthly`, [`${trunkOffer}#${ex}PerMinute`]])
    expect(problem.detail).toBe(`usage for ${ex}MeteredTrunk: component ${sym}PerConcurrentUserMonthly of offer ${trunkOffer} is charged per concurrent seat, not by usage; report usage for one of: ${trunkOffer}#${ex}PerMinute`)
    expect(problem.messages.de).toBe(`Nutzung für ${ex}MeteredTrunk: Bestandteil ${sym}PerConcurrentUserMonthly des Angebots ${trunkOffer} wird pro gleichzeitigem Arbeitsplatz berechnet, nicht nach Nutzung; Nutzung für einen dieser Bestandteile melden: ${trunkOffer}#${ex}PerMinute`)
  })

  it('refuses a component the offer does not have, and any usage for a member whose offer has no usage component', async () => {
    const unknown = (await report(acmeToken, { component: `${sym}SetupFee` })).json()
    expect([unknown.status, unknown.detail]).toEqual([400, `usage for ${ex}MeteredTrunk: component ${sym}SetupFee is no price component of offer ${trunkOffer}; report usage for one of: ${trunkOffer}#${ex}PerMinute`])
    const fax = await report(acmeToken, { service: `${ex}FlatFax`, component: `${sym}BaseMonthly` })
    expect([fax.statusCode, fax.json().expected]).toEqual([400, []])
    expect(fax.json().detail).toContain(`the offer of ${ex}FlatFax has no component counted by usage (sym:countedBy sym:UsageQuantity), so it takes no usage reports`)
  })

  it('keeps usage to the member\'s provider', async () => {
    const other = await report(globexToken, { component: `${ex}PerMinute` })
    expect([other.statusCode, other.json().code]).toEqual([403, 'FORBIDDEN'])
  })

  it('takes the component by its IRI or full id and bills the reported minutes exactly', async () => {
    const byIri = await report(acmeToken, { id: 'r1', component: `${ex}PerMinute`, quantity: '120.5' })
    expect([byIri.statusCode, byIri.json()]).toEqual([200, { accepted: 'r1', component: `${trunkOffer}#${ex}PerMinute` }])
    const byId = await report(acmeToken, { id: 'r2', component: `${trunkOffer}#${ex}PerMinute`, quantity: '79.5', at: '2026-12-20T10:00:00Z' })
    expect(byId.statusCode).toBe(200)
    // Another provider of the subscription reporting under the same id replaces only its own report.
    const globexReport = await report(globexToken, { id: 'r1', service: globexTrunk, component: `${ex}PerMinute`, quantity: '1000' })
    expect(globexReport.statusCode).toBe(200)

    await t.app.inject({ method: 'PUT', url: '/billing/settings', headers: auth(operatorToken), payload: { seller, currency: 'EUR' } })
    await t.app.inject({ method: 'PUT', url: '/billing/profile', headers: auth(bergToken), payload: { name: 'Kanzlei Berg', country: 'DE', business: true, address: { street: 'Ring 1', city: 'Köln', postcode: '50667', country: 'DE' }, email: 'rechnung@berg.example' } })
    const run = (await t.app.inject({ method: 'POST', url: '/billing/runs', headers: auth(operatorToken), payload: { period: '2026-12' } })).json()
    expect(run.outcomes.map((o: { status: string }) => o.status)).toEqual(['issued'])
    const invoice = (await t.app.inject({ method: 'GET', url: '/invoices/INV-2026-12-kanzlei-berg', headers: auth(bergToken) })).json()
    const minutes = invoice.draft.lines.find((l: { component: string }) => l.component === `${ex}PerMinute`)
    // 120.5 + 79.5 = 200 minutes at 0.019 = 3.80
    expect([minutes.quantity, minutes.unitPrice, minutes.net]).toEqual(['200', '0.019', 380])
    const globexMinutes = invoice.draft.lines.find((l: { service: string, component: string }) => l.service === globexTrunk && l.component === `${ex}PerMinute`)
    // 1000 minutes at 0.010 = 10.00
    expect([globexMinutes.quantity, globexMinutes.unitPrice, globexMinutes.net]).toEqual(['1000', '0.01', 1000])
  }, 120_000)
})
