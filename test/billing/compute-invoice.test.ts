import { describe, expect, it } from 'vitest'
import { computeInvoice, issueIn, type BillingResult, type InvoiceDraft } from '../../src/billing/index.js'
import { component, crmProvider, customer, input, member, pbxProvider, subscription } from './fixtures.js'

function invoiceOf (result: BillingResult): InvoiceDraft {
  if (!result.ok) throw new Error(JSON.stringify(result.issues))
  return result.invoice
}

/** Each refusal's message in English and German, as an answer in either language gives it. */
const refusalTexts = (result: BillingResult): Array<[string, string]> =>
  result.ok ? [] : result.issues.map(i => [issueIn(i, 'en').message, issueIn(i, 'de-CH').message])

const lineSummary = (invoice: InvoiceDraft): Array<[string, string, string, string, number, string, number]> =>
  invoice.lines.map(l => [l.priceComponent, l.from, l.until, l.quantity, l.baseQuantity, l.unit, l.net])

describe('computeInvoice: prorating', () => {
  it('bills a whole month as months: one line per component', () => {
    const invoice = invoiceOf(computeInvoice(input([subscription([
      member('pbx', pbxProvider, [component('base', 'flat', '10.00'), component('seat', 'seats', '4.90'), component('channel', 'concurrentSeats', '2.50')])
    ])])))
    expect(lineSummary(invoice)).toEqual([
      ['base', '2026-12-01', '2026-12-31', '1', 1, 'MON', 1000],
      ['channel', '2026-12-01', '2026-12-31', '4', 1, 'MON', 1000],
      ['seat', '2026-12-01', '2026-12-31', '10', 1, 'MON', 4900]
    ])
    expect([invoice.net, invoice.tax, invoice.gross]).toEqual([6900, 1311, 8211])
  })

  it('splits a mid-month seat change into two lines at seat-days, each rounded once', () => {
    const invoice = invoiceOf(computeInvoice(input([subscription([member('pbx', pbxProvider, [component('seat', 'seats', '4.90')])], {
      seats: [{ at: '2026-12-01T00:00:00Z', seats: 10, concurrentSeats: 4 }, { at: '2026-12-15T09:30:00Z', seats: 12, concurrentSeats: 4 }]
    })])))
    // 10 seats × 14 days × 4.90 / 31 = 22.129… → 22.13; 12 × 17 × 4.90 / 31 = 32.245… → 32.25
    expect(lineSummary(invoice)).toEqual([
      ['seat', '2026-12-01', '2026-12-14', '140', 31, 'DAY', 2213],
      ['seat', '2026-12-15', '2026-12-31', '204', 31, 'DAY', 3225]
    ])
    expect(invoice.net).toBe(5438)
  })

  it('keeps a flat fee in one line across a seat change', () => {
    const invoice = invoiceOf(computeInvoice(input([subscription([member('pbx', pbxProvider, [component('base', 'flat', '10.00'), component('channel', 'concurrentSeats', '2.50')])], {
      seats: [{ at: '2026-12-01T00:00:00Z', seats: 10, concurrentSeats: 4 }, { at: '2026-12-15T09:30:00Z', seats: 12, concurrentSeats: 4 }]
    })])))
    expect(lineSummary(invoice)).toEqual([
      ['base', '2026-12-01', '2026-12-31', '1', 1, 'MON', 1000],
      ['channel', '2026-12-01', '2026-12-31', '4', 1, 'MON', 1000]
    ])
  })

  it('counts concurrent seats separately from seats', () => {
    const invoice = invoiceOf(computeInvoice(input([subscription([member('acd', pbxProvider, [component('agent', 'concurrentSeats', '30.00')])], {
      seats: [{ at: '2026-12-01T00:00:00Z', seats: 10, concurrentSeats: 2 }, { at: '2026-12-11T00:00:00Z', seats: 10, concurrentSeats: 3 }]
    })])))
    // 2 × 10 × 30 / 31 = 19.354… → 19.35; 3 × 21 × 30 / 31 = 60.967… → 60.97
    expect(lineSummary(invoice)).toEqual([
      ['agent', '2026-12-01', '2026-12-10', '20', 31, 'DAY', 1935],
      ['agent', '2026-12-11', '2026-12-31', '63', 31, 'DAY', 6097]
    ])
  })

  it('stops billing on the day of a cancellation', () => {
    const invoice = invoiceOf(computeInvoice(input([subscription([member('pbx', pbxProvider, [component('base', 'flat', '31.00')])], { cancelledAt: '2026-12-20T10:00:00Z' })])))
    expect(lineSummary(invoice)).toEqual([['base', '2026-12-01', '2026-12-19', '19', 31, 'DAY', 1900]])
  })

  it('bills a member added mid-month from the day it was added, and stops on its removal', () => {
    const invoice = invoiceOf(computeInvoice(input([subscription([
      member('crm', crmProvider, [component('crm-seat', 'seats', '6.20')], { addedAt: '2026-12-10T14:00:00Z', removedAt: '2026-12-25T08:00:00Z' })
    ])])))
    // 10 seats × 15 days (10th–24th) × 6.20 / 31 = 30.00
    expect(lineSummary(invoice)).toEqual([['crm-seat', '2026-12-10', '2026-12-24', '150', 31, 'DAY', 3000]])
  })

  it('charges a setup fee once, in the period the member starts', () => {
    const setup = component('setup', 'flat', '99.00', { period: 'once' })
    const started = invoiceOf(computeInvoice(input([subscription([member('pbx', pbxProvider, [setup], { addedAt: '2026-12-07T12:00:00Z' })])])))
    expect(lineSummary(started)).toEqual([['setup', '2026-12-07', '2026-12-07', '1', 1, 'C62', 9900]])
    const later = invoiceOf(computeInvoice(input([subscription([member('pbx', pbxProvider, [setup], { addedAt: '2026-11-07T12:00:00Z' })])])))
    expect(later.lines).toEqual([])
  })

  it('bills usage reported in the period, summed exactly', () => {
    const minutes = component('minutes', 'usage', '0.019', { unit: 'MIN' })
    const sub = subscription([member('pbx', pbxProvider, [minutes])])
    const usage = [
      { id: 'u1', subscription: sub.id, service: sub.members[0]!.service, component: 'minutes', quantity: '1200.5', at: '2026-12-03T10:00:00Z' },
      { id: 'u2', subscription: sub.id, service: sub.members[0]!.service, component: 'minutes', quantity: '300', at: '2026-12-28T10:00:00Z' },
      { id: 'u3', subscription: sub.id, service: sub.members[0]!.service, component: 'minutes', quantity: '999', at: '2027-01-01T00:00:00Z' }
    ]
    const invoice = invoiceOf(computeInvoice(input([sub], { usage })))
    // 1500.5 × 0.019 = 28.5095 → 28.51
    expect(lineSummary(invoice)).toEqual([['minutes', '2026-12-01', '2026-12-31', '1500.5', 1, 'MIN', 2851]])
  })

  it('refuses usage for a component that is not counted by usage', () => {
    const sub = subscription([member('pbx', pbxProvider, [component('seat', 'seats', '4.90')])])
    const result = computeInvoice(input([sub], { usage: [{ id: 'u1', subscription: sub.id, service: sub.members[0]!.service, component: 'seat', quantity: '3', at: '2026-12-03T10:00:00Z' }] }))
    expect(result.ok ? [] : result.issues.map(i => [i.code, i.subject])).toEqual([['UNKNOWN_USAGE_COMPONENT', 'u1']])
    expect(refusalTexts(result)).toEqual([[
      `usage record u1 names seat of ${sub.members[0]!.service}, which is no usage component of subscription ${sub.id}`,
      `der Verbrauchsdatensatz u1 nennt seat von ${sub.members[0]!.service}, das keine Verbrauchskomponente des Abonnements ${sub.id} ist`
    ]])
  })

  it('ignores other customers\' subscriptions', () => {
    const invoice = invoiceOf(computeInvoice(input([subscription([member('pbx', pbxProvider, [component('seat', 'seats', '4.90')])], { customer: 'https://w3id.org/symphony/customer/other' })])))
    expect(invoice.lines).toEqual([])
  })
})

describe('computeInvoice: refusals in English and German', () => {
  it('names a provider without billing details and amounts that are no decimal numbers', () => {
    const unknown = { ...pbxProvider, id: 'https://example.org/provider/unknown' }
    const result = computeInvoice(input([subscription([
      member('pbx', pbxProvider, [component('seat', 'seats', '4,90')]),
      member('fax', unknown, [component('fax', 'flat', '1.00')])
    ])], { commission: '15 %' }))
    expect(result.ok ? [] : result.issues.map(i => [i.code, i.subject])).toEqual([['INVALID_AMOUNT', 'seat'], ['UNKNOWN_PROVIDER', unknown.id], ['INVALID_AMOUNT', 'commission']])
    expect(refusalTexts(result)).toEqual([
      ['unit price "4,90" of seat is not a decimal number', 'der Stückpreis "4,90" von seat ist keine Dezimalzahl'],
      [
        `provider ${unknown.id} of https://example.org/service/fax has no billing details: its description in the catalog has no country (schema:address/schema:addressCountry); publish it with its address, then run the period again`,
        `der Anbieter ${unknown.id} von https://example.org/service/fax hat keine Rechnungsangaben: seine Beschreibung im Katalog nennt kein Land (schema:address/schema:addressCountry); veröffentlichen Sie sie mit seiner Anschrift, dann rechnen Sie den Zeitraum erneut ab`
      ],
      ['commission "15 %" is not a decimal fraction (e.g. 0.15)', 'die Provision "15 %" ist kein Dezimalbruch (z. B. 0.15)']
    ])
  })
})

describe('computeInvoice: currencies', () => {
  const usdSeat = component('seat-usd', 'seats', '5.00', { currency: 'USD' })

  it('refuses a component in another currency without a stated rate', () => {
    const result = computeInvoice(input([subscription([member('crm', crmProvider, [usdSeat])])]))
    expect(result.ok ? [] : result.issues.map(i => [i.code, i.subject])).toEqual([['CURRENCY_WITHOUT_RATE', 'seat-usd']])
    expect(refusalTexts(result)).toEqual([[
      'seat-usd is priced in USD, the invoice in EUR; state an exchange rate USD→EUR or invoice in USD',
      'seat-usd hat einen Preis in USD, die Rechnung ist in EUR; geben Sie einen Wechselkurs USD→EUR an oder stellen Sie die Rechnung in USD'
    ]])
  })

  it('converts with the stated rate and keeps the rate on the line', () => {
    const rate = { from: 'USD', to: 'EUR', rate: '0.9213', source: 'ECB reference rate', date: '2026-11-30' }
    const invoice = invoiceOf(computeInvoice(input([subscription([member('crm', crmProvider, [usdSeat])])], { rates: [rate] })))
    // 10 × 5.00 × 0.9213 = 46.065 → 46.07
    expect(lineSummary(invoice)).toEqual([['seat-usd', '2026-12-01', '2026-12-31', '10', 1, 'MON', 4607]])
    expect(invoice.lines[0]!.unitPrice).toBe('4.6065')
    expect(invoice.lines[0]!.conversion).toEqual({ currency: 'USD', unitPrice: '5.00', rate })
  })

  it('uses the currency\'s own minor unit', () => {
    const yen = component('seat-jpy', 'seats', '550', { currency: 'JPY' })
    const invoice = invoiceOf(computeInvoice(input([subscription([member('pbx', pbxProvider, [yen])], {
      seats: [{ at: '2026-12-01T00:00:00Z', seats: 1, concurrentSeats: 0 }, { at: '2026-12-17T00:00:00Z', seats: 2, concurrentSeats: 0 }]
    })], { currency: 'JPY' })))
    // 16 × 550 / 31 = 283.87 → 284; 30 × 550 / 31 = 532.26 → 532
    expect(invoice.minorDigits).toBe(0)
    expect(invoice.lines.map(l => l.net)).toEqual([284, 532])
  })
})

describe('computeInvoice: VAT', () => {
  it('charges domestic VAT within a country and reverse-charges across borders for a business', () => {
    const invoice = invoiceOf(computeInvoice(input([subscription([
      member('pbx', pbxProvider, [component('seat', 'seats', '4.90')]),
      member('crm', crmProvider, [component('crm-seat', 'seats', '6.20')])
    ])])))
    expect(invoice.lines.map(l => [l.provider, l.vat])).toEqual([
      [crmProvider.id, { category: 'AE', rate: '0', reason: 'reverse-charge' }],
      [pbxProvider.id, { category: 'S', rate: '19', reason: 'domestic' }]
    ])
    expect(invoice.vat).toEqual([
      { category: 'AE', rate: '0', taxable: 6200, tax: 0 },
      { category: 'S', rate: '19', taxable: 4900, tax: 931 }
    ])
  })

  it('charges the customer country\'s rate to a consumer abroad', () => {
    const consumer = { id: customer.id, name: 'Erika Mustermann', country: 'DE', business: false }
    const invoice = invoiceOf(computeInvoice(input([subscription([member('crm', crmProvider, [component('crm-seat', 'seats', '6.20')])])], { customer: consumer })))
    expect(invoice.lines[0]!.vat).toEqual({ category: 'S', rate: '19', reason: 'customer-country' })
  })

  it('refuses a country without a VAT rate', () => {
    const swiss = { id: customer.id, name: 'Muster AG', country: 'CH', business: false }
    const result = computeInvoice(input([subscription([member('crm', crmProvider, [component('crm-seat', 'seats', '6.20')])])], { customer: swiss }))
    expect(result.ok ? [] : result.issues.map(i => i.code)).toEqual(['VAT_RATE_UNKNOWN'])
    const service = result.ok ? '' : result.issues[0]!.subject
    expect(refusalTexts(result)).toEqual([[
      `no VAT rate for country CH (${service}); add it to the VAT rates of the billing settings (vatRates)`,
      `kein Umsatzsteuersatz für das Land CH (${service}); ergänzen Sie ihn in den Steuersätzen der Abrechnungseinstellungen (vatRates)`
    ]])
  })
})

describe('computeInvoice: rounding and shares', () => {
  it('rounds each line once, sums the lines, and computes VAT once per rate on the sum', () => {
    // Three lines of 0.333… each: rounded per line to 0.33, summed 0.99 (not 1.00); VAT 19 % of 0.99 = 0.1881 → 0.19.
    const thirds = ['a', 'b', 'c'].map(id => component(id, 'flat', '1.00'))
    const invoice = invoiceOf(computeInvoice(input([subscription([member('pbx', pbxProvider, thirds, { addedAt: '2026-12-21T12:00:00Z', removedAt: '2026-12-31T12:00:00Z' })])], {
      period: { id: '2026-12', start: '2026-12-01', end: '2027-01-01', days: 31 }
    })))
    // 10 days of 31 at 1.00 = 0.3225… → 0.32 each
    expect(invoice.lines.map(l => l.net)).toEqual([32, 32, 32])
    expect([invoice.net, invoice.tax, invoice.gross]).toEqual([96, 18, 114])
  })

  it('rounds halves away from zero', () => {
    const invoice = invoiceOf(computeInvoice(input([subscription([member('pbx', pbxProvider, [component('half', 'flat', '0.125', { period: 'once' })])])])))
    expect(invoice.lines[0]!.net).toBe(13)
  })

  it('gives each provider its share; shares add up to the invoice', () => {
    const invoice = invoiceOf(computeInvoice(input([subscription([
      member('pbx', pbxProvider, [component('seat', 'seats', '4.90'), component('setup', 'flat', '99.00', { period: 'once' })]),
      member('crm', crmProvider, [component('crm-seat', 'seats', '6.20')])
    ])], { commission: '0.15' })))
    expect(invoice.shares).toEqual([
      { provider: crmProvider.id, name: 'CRM GmbH', net: 6200, tax: 0, gross: 6200, commission: 930, payout: 5270 },
      { provider: pbxProvider.id, name: 'Tel AG', net: 14800, tax: 2812, gross: 17612, commission: 2220, payout: 12580 }
    ])
    expect(invoice.shares.reduce((s, p) => s + p.gross, 0)).toBe(invoice.gross)
  })
})
