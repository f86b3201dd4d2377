/**
 * The EN 16931 business rules on totals, standard rate and reverse charge hold for our
 * invoices and credit notes in both syntaxes (XRechnung UBL and CII), and each check finds
 * the rule a changed document breaks.
 */
import { describe, expect, it } from 'vitest'
import { computeInvoice, creditNoteFor, issueInvoice, renderEInvoice, type BillingInput, type IssuedInvoice } from '../../src/billing/index.js'
import { buyer, seller } from './e-invoice-fixtures.js'
import { brokenRules, businessRules, readTerms, type Syntax } from './en16931-rules.js'
import { component, crmProvider, customer, input, member, pbxProvider, subscription } from './fixtures.js'

function issue (billing: BillingInput): IssuedInvoice {
  const result = computeInvoice(billing)
  if (!result.ok) throw new Error(JSON.stringify(result.issues))
  return issueInvoice(result.invoice, { seller, buyer, issueDate: '2027-01-02' })
}

const pbx = member('pbx', pbxProvider, [
  component('seat', 'seats', '4.90'),
  component('base', 'flat', '19.00'),
  component('setup', 'flat', '99.00', { period: 'once' }),
  component('minutes', 'usage', '0.019', { unit: 'MIN' })
])
const crm = member('crm', crmProvider, [component('crm-seat', 'seats', '6.20')], { addedAt: '2026-12-10T00:00:00Z' })
const booked = subscription([pbx, crm], { seats: [{ at: '2026-12-01T00:00:00Z', seats: 10, concurrentSeats: 0 }, { at: '2026-12-16T10:00:00Z', seats: 13, concurrentSeats: 0 }] })
const usage = [{ id: 'u1', subscription: booked.id, service: pbx.service, component: 'minutes', quantity: '1000.5', at: '2026-12-08T12:00:00Z' }]
/** A German business: the German provider's lines at 19 % (S), the Austrian provider's reverse charge (AE). */
const mixed = issue(input([booked], { usage }))
/** A consumer in Austria: every line at the Austrian rate (S), no reverse charge. */
const consumer = issue(input([booked], { usage, customer: { id: customer.id, name: 'Eva Berger', country: 'AT', business: false } }))

const documents: ReadonlyArray<[string, IssuedInvoice]> = [
  ['an invoice with standard-rated and reverse-charge lines', mixed],
  ['its credit note', creditNoteFor(mixed, { issueDate: '2027-01-05', reason: 'Seats counted from the wrong day' })],
  ['an invoice to a consumer in another country', consumer]
]
const formats = { ubl: 'xrechnung-ubl', cii: 'xrechnung-cii' } as const

describe('EN 16931 business rules', () => {
  it.each(documents.flatMap(([name, document]) => (['ubl', 'cii'] as const).map(syntax => [name, syntax, document] as const)))('%s in %s keeps every rule', async (_name, syntax, document) => {
    const xml = await renderEInvoice(document, formats[syntax]) as string
    expect(brokenRules(xml, syntax)).toEqual({})
  }, 60_000)

  it('reads the same business terms from UBL and CII', async () => {
    for (const [, document] of documents) {
      const [ubl, cii] = await Promise.all([renderEInvoice(document, 'xrechnung-ubl'), renderEInvoice(document, 'xrechnung-cii')]) as [string, string]
      const terms = (xml: string, syntax: Syntax): unknown => {
        const read = readTerms(xml, syntax)
        // Lines in either syntax's order (CII and UBL both keep ours, but the rules do not depend on it)
        return { ...read, lines: [...read.lines].sort((a, b) => `${a.category}${a.net}`.localeCompare(`${b.category}${b.net}`)) }
      }
      expect(terms(ubl, 'ubl')).toEqual(terms(cii, 'cii'))
    }
    const read = readTerms(await renderEInvoice(mixed, 'xrechnung-cii') as string, 'cii')
    expect([read.lines.length, read.breakdowns.map(b => [b.category, b.rate]).sort(), read.terms.due]).toEqual([mixed.draft.lines.length, [['AE', '0'], ['S', '19']], [(mixed.draft.gross / 100).toFixed(2)]])
    expect(readTerms(await renderEInvoice(consumer, 'xrechnung-ubl') as string, 'ubl').breakdowns.map(b => [b.category, b.rate])).toEqual([['S', '20']])
  }, 60_000)

  // Each change to the invoice with S and AE lines, in each syntax, and the rules it breaks.
  const changes: ReadonlyArray<{ change: string, ubl: (xml: string) => string, cii: (xml: string) => string, breaks: string[] }> = [
    {
      change: 'a reverse-charge line net amount raised by 10.00',
      ubl: xml => xml.replace(/(<cac:InvoiceLine>[\s\S]*?<cbc:LineExtensionAmount currencyID="EUR">)(\d+\.\d\d)/, (_m, head: string, amount: string) => head + (Number(amount) + 10).toFixed(2)),
      cii: xml => xml.replace(/(<ram:SpecifiedTradeSettlementLineMonetarySummation>\s*<ram:LineTotalAmount>)(\d+\.\d\d)/, (_m, head: string, amount: string) => head + (Number(amount) + 10).toFixed(2)),
      breaks: ['BR-AE-08', 'BR-CO-10', 'BR-CO-13']
    },
    {
      change: 'a reverse-charge line at 19 %',
      ubl: xml => xml.replace(/(<cac:ClassifiedTaxCategory>\s*<cbc:ID>AE<\/cbc:ID>\s*<cbc:Percent>)0</, '$119<'),
      cii: xml => xml.replace(/(<ram:CategoryCode>AE<\/ram:CategoryCode>\s*<ram:RateApplicablePercent>)0</, '$119<'),
      breaks: ['BR-AE-05']
    },
    {
      change: 'the standard-rated VAT amount 0.10 higher',
      ubl: xml => xml.replace(/(<cac:TaxSubtotal>(?:(?!<\/cac:TaxSubtotal>)[\s\S])*?<cbc:TaxAmount currencyID="EUR">)(\d+\.\d\d)(<\/cbc:TaxAmount>\s*<cac:TaxCategory>\s*<cbc:ID>S<)/, (_m, head: string, amount: string, tail: string) => head + (Number(amount) + 0.1).toFixed(2) + tail),
      cii: xml => xml.replace(/(<ram:ApplicableTradeTax>\s*<ram:CalculatedAmount>)(\d+\.\d\d)(<\/ram:CalculatedAmount>\s*<ram:TypeCode>VAT<\/ram:TypeCode>\s*<ram:BasisAmount>[\d.]+<\/ram:BasisAmount>\s*<ram:CategoryCode>S<)/, (_m, head: string, amount: string, tail: string) => head + (Number(amount) + 0.1).toFixed(2) + tail),
      breaks: ['BR-CO-14', 'BR-CO-17', 'BR-S-09']
    },
    {
      change: 'the total with VAT 1.00 higher',
      ubl: xml => xml.replace(/(<cbc:TaxInclusiveAmount currencyID="EUR">)(\d+\.\d\d)/, (_m, head: string, amount: string) => head + (Number(amount) + 1).toFixed(2)),
      cii: xml => xml.replace(/(<ram:GrandTotalAmount>)(\d+\.\d\d)/, (_m, head: string, amount: string) => head + (Number(amount) + 1).toFixed(2)),
      breaks: ['BR-CO-15', 'BR-CO-16']
    },
    {
      change: 'no exemption reason for reverse charge',
      ubl: xml => xml.replace(/\s*<cbc:TaxExemptionReasonCode>[^<]*<\/cbc:TaxExemptionReasonCode>\s*<cbc:TaxExemptionReason>[^<]*<\/cbc:TaxExemptionReason>/, ''),
      cii: xml => xml.replace(/\s*<ram:ExemptionReason>[^<]*<\/ram:ExemptionReason>/, '').replace(/\s*<ram:ExemptionReasonCode>[^<]*<\/ram:ExemptionReasonCode>/, ''),
      breaks: ['BR-AE-10']
    },
    {
      change: "no buyer's VAT identifier",
      ubl: xml => xml.replace(/(<cac:AccountingCustomerParty>[\s\S]*?)<cac:PartyTaxScheme>[\s\S]*?<\/cac:PartyTaxScheme>/, '$1'),
      cii: xml => xml.replace(/(<ram:BuyerTradeParty>[\s\S]*?)<ram:SpecifiedTaxRegistration>[\s\S]*?<\/ram:SpecifiedTaxRegistration>/, '$1'),
      breaks: ['BR-AE-02']
    },
    {
      change: "no seller's VAT identifier",
      ubl: xml => xml.replace(/(<cac:AccountingSupplierParty>[\s\S]*?)<cac:PartyTaxScheme>[\s\S]*?<\/cac:PartyTaxScheme>/, '$1'),
      cii: xml => xml.replace(/(<ram:SellerTradeParty>[\s\S]*?)<ram:SpecifiedTaxRegistration>[\s\S]*?<\/ram:SpecifiedTaxRegistration>/, '$1'),
      breaks: ['BR-AE-02', 'BR-S-02']
    }
  ]
  it.each(changes.flatMap(c => (['ubl', 'cii'] as const).map(syntax => [c.change, syntax, c] as const)))('finds what %s breaks in %s', async (_change, syntax, c) => {
    const xml = await renderEInvoice(mixed, formats[syntax]) as string
    const changed = c[syntax](xml)
    expect(changed).not.toBe(xml)
    expect(Object.keys(brokenRules(changed, syntax)).sort()).toEqual(c.breaks)
  }, 60_000)

  it('states each rule once, under its EN 16931 identifier', () => {
    const ids = businessRules.map(r => r.id)
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids.every(id => /^BR-(CO|S|AE)-\d\d$/.test(id))).toBe(true)
  })
})
