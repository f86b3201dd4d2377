/** Billing over the API: settings, profiles, an idempotent run, invoices in every format, credit notes, tenancy. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BookedSubscription } from '../../src/billing/index.js'
import { ciiNamespaces, ciiSchemaErrors, embeddedXml, xpathTexts } from '../billing/e-invoice-validation.js'
import { seller } from '../billing/e-invoice-fixtures.js'
import { berg, bergToken, openTestApp, operatorToken, sonneToken } from './helpers.js'
import type { TestApp } from './helpers.js'

const telvana = 'https://example.org/telvana#'
const kundenwerk = 'https://example.org/kundenwerk#'
const subscriptionIri = 'https://w3id.org/symphony/subscription/berg-1'
const auth = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` })

describe('billing API', () => {
  let t: TestApp
  const booked: BookedSubscription[] = []
  beforeAll(async () => {
    t = await openTestApp({ seedExamples: true, api: { billing: { subscriptions: async () => booked, now: () => new Date('2027-01-02T08:00:00Z') } } })
    const catalog = await t.engine.catalog()
    const offerOf = (service: string): string => catalog.services.get(service)!.offers[0]!.id
    booked.push({
      iri: subscriptionIri,
      customer: berg,
      startedAt: '2026-12-01T09:00:00Z',
      seats: 12,
      concurrentSeats: 0,
      members: [
        { service: `${telvana}CloudPBX`, provider: `${telvana}Telvana`, offer: offerOf(`${telvana}CloudPBX`), addedAt: '2026-12-01T09:00:00Z' },
        { service: `${kundenwerk}CRM`, provider: `${kundenwerk}Kundenwerk`, offer: offerOf(`${kundenwerk}CRM`), addedAt: '2026-12-01T09:00:00Z' },
        // Withdrawn from the catalog since the booking: the run must say it is not billed.
        { service: `${kundenwerk}Withdrawn`, provider: `${kundenwerk}Kundenwerk`, offer: null, addedAt: '2026-12-01T09:00:00Z' }
      ],
      seatChanges: [{ at: '2026-12-01T09:00:00Z', seats: 10, concurrentSeats: 0 }, { at: '2026-12-16T10:00:00Z', seats: 12, concurrentSeats: 0 }]
    })
  }, 120_000)
  afterAll(async () => { await t.close() })

  it('refuses a run before the operator set the seller', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/billing/runs', headers: auth(operatorToken), payload: { period: '2026-12' } })
    expect([response.statusCode, response.json().code]).toEqual([409, 'CONFLICT'])
  })

  it('bills December once: one line per component and stretch of seats, each provider\'s share', async () => {
    expect((await t.app.inject({ method: 'PUT', url: '/billing/settings', headers: auth(operatorToken), payload: { seller, currency: 'EUR' } })).json()).toEqual({ seller, currency: 'EUR' })
    const profile = { name: 'Kanzlei Berg', country: 'DE', vatId: 'DE123456789', business: true, address: { street: 'Ring 1', city: 'Köln', postcode: '50667', country: 'DE' }, email: 'rechnung@berg.example' }
    expect((await t.app.inject({ method: 'PUT', url: '/billing/profile', headers: auth(bergToken), payload: profile })).json()).toEqual(profile)

    const first = await t.app.inject({ method: 'POST', url: '/billing/runs', headers: auth(operatorToken), payload: { period: '2026-12' } })
    const second = await t.app.inject({ method: 'POST', url: '/billing/runs', headers: auth(operatorToken), payload: { period: '2026-12' } })
    expect(first.json().outcomes.map((o: { status: string }) => o.status)).toEqual(['issued'])
    expect(first.headers.warning).toBe('199 symphony "1 charge(s) not billed; see warnings in the outcomes"')
    expect(first.json().outcomes[0].warnings.map((w: { code: string, subject: string }) => [w.code, w.subject])).toEqual([['UNPRICED_MEMBER', `${kundenwerk}Withdrawn`]])
    expect(second.json().outcomes.map((o: { status: string }) => o.status)).toEqual(['unchanged'])
    expect(first.json().outcomes[0].warnings[0].message).toMatch(/^https:\/\/example\.org\/kundenwerk#Withdrawn of https:\/\/w3id\.org\/symphony\/subscription\/berg-1 is not billed: /)
    // The warnings in the request's language, as the other texts of the API
    for (const asked of [{ url: '/billing/runs?lang=de', headers: auth(operatorToken) }, { url: '/billing/runs', headers: { ...auth(operatorToken), 'accept-language': 'de-DE,de;q=0.9' } }]) {
      const german = await t.app.inject({ method: 'POST', ...asked, payload: { period: '2026-12' } })
      expect(german.headers.warning).toBe('199 symphony "1 Posten nicht abgerechnet; siehe warnings in den Ergebnissen"')
      expect(german.json().outcomes[0].warnings).toEqual([{
        code: 'UNPRICED_MEMBER',
        subject: `${kundenwerk}Withdrawn`,
        message: `${kundenwerk}Withdrawn von ${subscriptionIri} wird nicht abgerechnet: der Katalog hat den Dienst nicht mehr; veröffentlichen Sie sein Angebot erneut oder berichtigen Sie das Abonnement, dann rechnen Sie den Zeitraum erneut ab`
      }])
    }

    const invoice = (await t.app.inject({ method: 'GET', url: '/invoices/INV-2026-12-kanzlei-berg', headers: auth(bergToken) })).json()
    expect(invoice.draft.lines.map((l: { provider: string, component: string, from: string, until: string }) => [l.provider.replace(/#.*/, ''), l.component.replace(/^.*#/, ''), l.from, l.until]))
      .toEqual([
        ['https://example.org/kundenwerk', 'PerUserMonthly', '2026-12-01', '2026-12-15'],
        ['https://example.org/kundenwerk', 'PerUserMonthly', '2026-12-16', '2026-12-31'],
        ['https://example.org/kundenwerk', 'SetupFee', '2026-12-01', '2026-12-01'],
        ['https://example.org/telvana', 'BaseMonthly', '2026-12-01', '2026-12-31'],
        ['https://example.org/telvana', 'PerUserMonthly', '2026-12-01', '2026-12-15'],
        ['https://example.org/telvana', 'PerUserMonthly', '2026-12-16', '2026-12-31'],
        ['https://example.org/telvana', 'SetupFee', '2026-12-01', '2026-12-01']
      ])
    expect(invoice.draft.shares.map((s: { provider: string, net: number }) => s.provider)).toEqual([`${kundenwerk}Kundenwerk`, `${telvana}Telvana`])
    expect(invoice.draft.shares.reduce((sum: number, s: { gross: number }) => sum + s.gross, 0)).toBe(invoice.draft.gross)
    const list = (await t.app.inject({ method: 'GET', url: '/invoices', headers: auth(bergToken) })).json()
    expect(list.invoices.map((i: { number: string }) => i.number)).toEqual(['INV-2026-12-kanzlei-berg'])
  }, 120_000)

  it('serves the invoice as XRechnung XML and ZUGFeRD PDF that validate, and as RDF', async () => {
    const xml = await t.app.inject({ method: 'GET', url: '/invoices/INV-2026-12-kanzlei-berg', headers: { ...auth(bergToken), accept: 'application/xml' } })
    expect(xml.headers['content-type']).toBe('application/xml; charset=utf-8')
    expect(ciiSchemaErrors(xml.body)).toEqual([])
    const pdf = await t.app.inject({ method: 'GET', url: '/invoices/INV-2026-12-kanzlei-berg?format=zugferd&lang=de', headers: auth(bergToken) })
    expect(pdf.headers['content-type']).toBe('application/pdf')
    const embedded = [...(await embeddedXml(new Uint8Array(pdf.rawPayload))).values()]
    expect(embedded.map(ciiSchemaErrors)).toEqual([[]])
    expect(xpathTexts(embedded[0]!, '//rsm:ExchangedDocument/ram:ID', ciiNamespaces)).toEqual(['INV-2026-12-kanzlei-berg'])
    const turtle = await t.app.inject({ method: 'GET', url: '/invoices/INV-2026-12-kanzlei-berg', headers: { ...auth(bergToken), accept: 'text/turtle' } })
    expect(turtle.body).toContain('schema:Invoice')
  }, 120_000)

  it('keeps invoices to their customer', async () => {
    // Invoice numbers are made of the customer's name and the month: another customer's is
    // answered as one that does not exist, so nobody learns who was billed when.
    const other = await t.app.inject({ method: 'GET', url: '/invoices/INV-2026-12-kanzlei-berg?lang=de', headers: auth(sonneToken) })
    const none = await t.app.inject({ method: 'GET', url: '/invoices/INV-2026-12-kanzlei-nord?lang=de', headers: auth(sonneToken) })
    expect([other.statusCode, other.json().code, other.json().messages]).toEqual([404, 'NOT_FOUND', { en: 'no invoice INV-2026-12-kanzlei-berg', de: 'keine Rechnung INV-2026-12-kanzlei-berg' }])
    const shape = (body: Record<string, unknown>) => ({ ...body, detail: undefined, messages: undefined, instance: undefined })
    expect([none.statusCode, shape(none.json())]).toEqual([404, shape(other.json())])
    for (const format of ['xrechnung-ubl', 'zugferd']) {
      const document = await t.app.inject({ method: 'GET', url: `/invoices/INV-2026-12-kanzlei-berg?format=${format}`, headers: auth(sonneToken) })
      expect([format, document.statusCode, document.json().code]).toEqual([format, 404, 'NOT_FOUND'])
    }
    expect((await t.app.inject({ method: 'GET', url: '/invoices', headers: auth(sonneToken) })).json()).toEqual({ invoices: [] })
    expect((await t.app.inject({ method: 'POST', url: '/billing/runs', headers: auth(bergToken), payload: { period: '2026-12' } })).statusCode).toBe(403)
  })

  it('corrects an invoice with a credit note; the next run issues the month anew', async () => {
    const note = await t.app.inject({ method: 'POST', url: '/invoices/INV-2026-12-kanzlei-berg/credit-notes', headers: auth(operatorToken), payload: { reason: 'Seats were counted from the wrong day' } })
    expect([note.statusCode, note.json().number, note.json().corrects]).toEqual([201, 'CN-2026-12-kanzlei-berg', 'INV-2026-12-kanzlei-berg'])
    const again = await t.app.inject({ method: 'POST', url: '/invoices/INV-2026-12-kanzlei-berg/credit-notes', headers: auth(operatorToken), payload: { reason: 'twice' } })
    expect(again.statusCode).toBe(409)
    const rerun = await t.app.inject({ method: 'POST', url: '/billing/runs', headers: auth(operatorToken), payload: { period: '2026-12' } })
    expect(rerun.json().outcomes.map((o: { status: string, invoice?: { number: string } }) => [o.status, o.invoice?.number])).toEqual([['issued', 'INV-2026-12-kanzlei-berg-2']])
  }, 120_000)

  it('refuses a customer whose country has no VAT rate, saying why in the request\'s language', async () => {
    const swiss = { name: 'Kanzlei Berg', country: 'CH', business: false, address: { street: 'Ring 1', city: 'Basel', postcode: '4051', country: 'CH' }, email: 'rechnung@berg.example' }
    expect((await t.app.inject({ method: 'PUT', url: '/billing/profile', headers: auth(bergToken), payload: swiss })).statusCode).toBe(200)
    const run = async (url: string, headers: Record<string, string> = {}): Promise<Array<{ status: string, issues: unknown[] }>> =>
      (await t.app.inject({ method: 'POST', url, headers: { ...auth(operatorToken), ...headers }, payload: { period: '2026-12' } })).json().outcomes
    const english = await run('/billing/runs')
    expect(english.map(o => o.status)).toEqual(['refused'])
    expect(english[0]!.issues).toEqual([`${telvana}CloudPBX`, `${kundenwerk}CRM`].map(service => ({
      code: 'VAT_RATE_UNKNOWN',
      subject: service,
      message: `no VAT rate for country CH (${service}); add it to the VAT rates of the billing settings (vatRates)`
    })))
    const german = [`${telvana}CloudPBX`, `${kundenwerk}CRM`].map(service => ({
      code: 'VAT_RATE_UNKNOWN',
      subject: service,
      message: `kein Umsatzsteuersatz für das Land CH (${service}); ergänzen Sie ihn in den Steuersätzen der Abrechnungseinstellungen (vatRates)`
    }))
    expect((await run('/billing/runs?lang=de'))[0]!.issues).toEqual(german)
    expect((await run('/billing/runs', { 'accept-language': 'de-CH, en;q=0.5' }))[0]!.issues).toEqual(german)
  }, 120_000)
})
