/** From booking to one invoice: a bundle booked through real adapters is billed across its providers. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { seller } from '../billing/e-invoice-fixtures.js'
import { ciiNamespaces, ciiSchemaErrors, embeddedXml, xpathTexts } from '../billing/e-invoice-validation.js'
import { openHarness, settled, t } from './harness.js'
import type { Harness } from './harness.js'

describe('a booked bundle on the invoice', () => {
  let h: Harness
  // Billing runs after the month: the clock stands on the first of the next month.
  let now = new Date()
  beforeEach(async () => { h = await openHarness({ now: () => now }) })
  afterEach(async () => { await h.close() })

  it('bills the month of the booking once, with one line per provider component and each provider\'s share', async () => {
    const placed = await h.call('POST', '/orders', 'symp_customer-a', { request: h.request, services: ['AlphaPBX', 'BetaCRM', 'GammaArchive'].map(s => t + s), seats: 3 })
    const order = await settled(h, placed.body.id)
    expect(order.state).toBe('completed')
    const [subscription] = (await h.call('GET', '/subscriptions', 'symp_customer-a')).body as Array<{ startedAt: string }>
    const started = new Date(subscription!.startedAt)
    const period = subscription!.startedAt.slice(0, 7)
    now = new Date(Date.UTC(started.getUTCFullYear(), started.getUTCMonth() + 1, 1, 8))

    expect((await h.call('PUT', '/billing/settings', 'symp_operator', { seller, currency: 'EUR' })).status).toBe(200)
    const profile = { name: 'Kanzlei Weber', country: 'DE', vatId: 'DE999999999', business: true, address: { street: 'Markt 2', city: 'Bonn', postcode: '53111', country: 'DE' }, email: 'rechnung@weber.example' }
    expect((await h.call('PUT', '/billing/profile', 'symp_customer-a', profile)).status).toBe(200)
    const run = await h.call('POST', '/billing/runs', 'symp_operator', { period })
    expect(run.body.outcomes.map((o: { status: string }) => o.status), JSON.stringify(run.body)).toEqual(['issued'])
    const again = await h.call('POST', '/billing/runs', 'symp_operator', { period })
    expect(again.body.outcomes.map((o: { status: string }) => o.status)).toEqual(['unchanged'])

    const [summary] = (await h.call('GET', '/invoices', 'symp_customer-a')).body.invoices as Array<{ number: string }>
    const invoice = (await h.call('GET', `/invoices/${summary!.number}`, 'symp_customer-a')).body
    const providers = [...new Set((invoice.draft.lines as Array<{ provider: string }>).map(line => line.provider))].sort()
    expect(providers).toEqual([`${t}Alpha`, `${t}Beta`, `${t}Gamma`])
    expect((invoice.draft.shares as Array<{ provider: string }>).map(share => share.provider).sort()).toEqual(providers)
    expect((await h.call('GET', `/invoices/${summary!.number}`, 'symp_customer-b')).status).toBe(404)

    // Downloadable as XRechnung XML and as ZUGFeRD PDF whose embedded XML is that same, schema-valid CII.
    const headers = { authorization: 'Bearer symp_customer-a' }
    const xml = await fetch(`${h.url}/invoices/${summary!.number}`, { headers: { ...headers, accept: 'application/xml' } })
    expect([xml.status, xml.headers.get('content-type')]).toEqual([200, 'application/xml; charset=utf-8'])
    const cii = await xml.text()
    expect(ciiSchemaErrors(cii)).toEqual([])
    expect(xpathTexts(cii, '//ram:IncludedSupplyChainTradeLineItem', ciiNamespaces)).toHaveLength(invoice.draft.lines.length)
    const pdf = await fetch(`${h.url}/invoices/${summary!.number}?format=zugferd&lang=de`, { headers })
    expect([pdf.status, pdf.headers.get('content-type')]).toEqual([200, 'application/pdf'])
    expect([...(await embeddedXml(new Uint8Array(await pdf.arrayBuffer()))).values()]).toEqual([cii])
  })
})
