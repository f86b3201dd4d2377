/**
 * A credit note reverses its invoice in full, to the cent: an invoice with every kind of
 * component (per seat across a seat change, flat, one-off, usage; standard-rated and reverse
 * charge), its credit note, and the run after it, with the amounts worked out by hand.
 */
import { describe, expect, it } from 'vitest'
import { correctInvoice, memoryLedger, renderEInvoice, runBilling, type IssuedInvoice, type RunCustomer, type UsageRecord } from '../../src/billing/index.js'
import { buyer, seller } from './e-invoice-fixtures.js'
import { ciiNamespaces, ciiSchemaErrors, xpathTexts } from './e-invoice-validation.js'
import { component, crmProvider, input, member, pbxProvider, subscription } from './fixtures.js'

const pbx = member('pbx', pbxProvider, [
  component('seat', 'seats', '4.90'),
  component('base', 'flat', '19.00'),
  component('setup', 'flat', '99.00', { period: 'once' }),
  component('minutes', 'usage', '0.019', { unit: 'MIN' })
])
const crm = member('crm', crmProvider, [component('crm-seat', 'seats', '6.20')], { addedAt: '2026-12-10T00:00:00Z' })
const booked = subscription([pbx, crm], { seats: [{ at: '2026-12-01T00:00:00Z', seats: 10, concurrentSeats: 0 }, { at: '2026-12-16T10:00:00Z', seats: 13, concurrentSeats: 0 }] })
const usage: UsageRecord[] = [
  { id: 'u1', subscription: booked.id, service: pbx.service, component: 'minutes', quantity: '1000.5', at: '2026-12-08T12:00:00Z' },
  { id: 'u2', subscription: booked.id, service: pbx.service, component: 'minutes', quantity: '234', at: '2026-12-28T12:00:00Z' }
]
const customers: RunCustomer[] = [{ buyer, input: input([booked], { usage }) }]

/**
 * By hand, December (31 days); the CRM provider is in AT and the customer a German business,
 * so its lines are reverse charge (AE, 0 %), the PBX provider's German VAT (S, 19 %):
 * - CRM seats 10-15 Dec: 10 × 6 days × 6.20 / 31 = 12.00; 16-31 Dec: 13 × 16 × 6.20 / 31 = 41.60
 * - PBX base 19.00; minutes (1000.5 + 234) × 0.019 = 23.4555 → 23.46
 * - PBX seats 1-15 Dec: 10 × 15 × 4.90 / 31 = 23.709… → 23.71; 16-31 Dec: 13 × 16 × 4.90 / 31 = 32.877… → 32.88
 * - PBX setup 99.00
 * Net S 198.05, VAT 19 % 37.6295 → 37.63; net AE 53.60; net 251.65, gross 289.28.
 */
const lines = [
  ['crm-seat', '2026-12-10', '2026-12-15', '60', 'DAY', 31, 1200],
  ['crm-seat', '2026-12-16', '2026-12-31', '208', 'DAY', 31, 4160],
  ['base', '2026-12-01', '2026-12-31', '1', 'MON', 1, 1900],
  ['minutes', '2026-12-01', '2026-12-31', '1234.5', 'MIN', 1, 2346],
  ['seat', '2026-12-01', '2026-12-15', '150', 'DAY', 31, 2371],
  ['seat', '2026-12-16', '2026-12-31', '208', 'DAY', 31, 3288],
  ['setup', '2026-12-01', '2026-12-01', '1', 'C62', 1, 9900]
]
const lineAmounts = ['12.00', '41.60', '19.00', '23.46', '23.71', '32.88', '99.00']
const quantities = ['60', '208', '1', '1234.5', '150', '208', '1']

function linesOf (document: IssuedInvoice): unknown[] {
  return document.draft.lines.map(l => [l.priceComponent, l.from, l.until, l.quantity, l.unit, l.baseQuantity, l.net])
}

/** The amounts a CII document states, as decimal text. */
function ciiAmounts (xml: string): Record<string, string[]> {
  const texts = (path: string): string[] => xpathTexts(xml, path, ciiNamespaces)
  const total = (name: string): string[] => texts(`//ram:SpecifiedTradeSettlementHeaderMonetarySummation/ram:${name}`)
  return {
    lines: texts('//ram:IncludedSupplyChainTradeLineItem/ram:SpecifiedLineTradeSettlement/ram:SpecifiedTradeSettlementLineMonetarySummation/ram:LineTotalAmount'),
    quantities: texts('//ram:IncludedSupplyChainTradeLineItem/ram:SpecifiedLineTradeDelivery/ram:BilledQuantity'),
    prices: texts('//ram:NetPriceProductTradePrice/ram:ChargeAmount'),
    priceBases: texts('//ram:NetPriceProductTradePrice/ram:BasisQuantity'),
    vatBases: texts('//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax/ram:BasisAmount'),
    vatAmounts: texts('//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax/ram:CalculatedAmount'),
    lineTotal: total('LineTotalAmount'),
    taxBasis: total('TaxBasisTotalAmount'),
    tax: total('TaxTotalAmount'),
    grand: total('GrandTotalAmount'),
    due: total('DuePayableAmount')
  }
}

describe('credit notes', () => {
  it('reverse the invoice line by line and in every total, to the cent; the next run issues the month anew', async () => {
    const ledger = memoryLedger()
    const [outcome] = await runBilling(customers, { seller, ledger, issueDate: '2027-01-02' })
    if (outcome?.status !== 'issued') throw new Error(`not issued: ${JSON.stringify(outcome)}`)
    const invoice = outcome.invoice
    expect(linesOf(invoice)).toEqual(lines)
    expect([invoice.draft.net, invoice.draft.tax, invoice.draft.gross]).toEqual([25165, 3763, 28928])
    expect(invoice.draft.vat.map(v => [v.category, v.rate, v.taxable, v.tax])).toEqual([['AE', '0', 5360, 0], ['S', '19', 19805, 3763]])

    const note = await correctInvoice(ledger, invoice.number, { issueDate: '2027-01-05', reason: 'Seats counted from the wrong day' })
    expect([note?.number, note?.kind, note?.corrects, note?.reason]).toEqual(['CN-2026-12-acme', 'creditNote', { number: 'INV-2026-12-acme', issueDate: '2027-01-02' }, 'Seats counted from the wrong day'])
    // The same lines, VAT groups and totals: a credit note (type 381) states the reversed amounts
    // as they were invoiced, and its type turns them into a credit of exactly that much.
    expect(linesOf(note!)).toEqual(lines)
    expect([note!.draft.net, note!.draft.tax, note!.draft.gross, note!.draft.vat, note!.draft.shares]).toEqual([25165, 3763, 28928, invoice.draft.vat, invoice.draft.shares])

    const invoiceXml = await renderEInvoice(invoice, 'xrechnung-cii') as string
    const noteXml = await renderEInvoice(note!, 'xrechnung-cii') as string
    expect([ciiSchemaErrors(invoiceXml), ciiSchemaErrors(noteXml)]).toEqual([[], []])
    const expected = {
      lines: lineAmounts,
      quantities,
      // 0.019 per minute is stated as 0.19 per 10 minutes (the model takes two decimals)
      prices: ['6.20', '6.20', '19.00', '0.19', '4.90', '4.90', '99.00'],
      priceBases: ['31', '31', '10', '31', '31'],
      vatBases: ['53.60', '198.05'],
      vatAmounts: ['0.00', '37.63'],
      lineTotal: ['251.65'],
      taxBasis: ['251.65'],
      tax: ['37.63'],
      grand: ['289.28'],
      due: ['289.28']
    }
    expect(ciiAmounts(invoiceXml)).toEqual(expected)
    expect(ciiAmounts(noteXml)).toEqual(expected)
    expect([invoiceXml, noteXml].map(xml => xpathTexts(xml, '//rsm:ExchangedDocument/ram:TypeCode', ciiNamespaces))).toEqual([['380'], ['381']])
    expect(xpathTexts(noteXml, '//rsm:ExchangedDocument/ram:IncludedNote/ram:Content', ciiNamespaces)).toEqual(['Corrects invoice INV-2026-12-acme of 2027-01-02. Seats counted from the wrong day'])

    // The month is open again: the next run issues it anew under the next number, with the same
    // amounts (nothing changed), and the run after that leaves it as it is.
    const [again] = await runBilling(customers, { seller, ledger, issueDate: '2027-01-06' })
    if (again?.status !== 'issued') throw new Error(`not issued again: ${JSON.stringify(again)}`)
    expect([again.invoice.number, again.invoice.issueDate, linesOf(again.invoice), again.invoice.draft.gross]).toEqual(['INV-2026-12-acme-2', '2027-01-06', lines, 28928])
    expect((await runBilling(customers, { seller, ledger, issueDate: '2027-01-07' })).map(o => [o.status, 'invoice' in o ? o.invoice.number : ''])).toEqual([['unchanged', 'INV-2026-12-acme-2']])
    // A credit note is not corrected by another, and an invoice is reversed once.
    expect(await correctInvoice(ledger, 'CN-2026-12-acme', { issueDate: '2027-01-07', reason: 'again' })).toBeUndefined()
    expect((await ledger.list()).map(d => [d.number, d.kind])).toEqual([['CN-2026-12-acme', 'creditNote'], ['INV-2026-12-acme', 'invoice'], ['INV-2026-12-acme-2', 'invoice']])
  }, 120_000)
})
