/**
 * Each provider's share of an invoice: the net of its lines, its part of the VAT, the
 * platform's commission and the payout the platform settles with it.
 */
import { allocate, integer, multiply, toMinorUnits, type Fraction } from './decimal.js'
import type { InvoiceLine, PartyInput, ProviderShare, VatBreakdown } from './types.js'

/** Provider shares in provider order; their taxes sum to the invoice's VAT exactly. */
export function settle (lines: readonly InvoiceLine[], vat: readonly VatBreakdown[], providers: ReadonlyMap<string, PartyInput>, commission: Fraction): ProviderShare[] {
  const ids = [...new Set(lines.map(l => l.provider))].sort()
  const tax = new Map<string, number>(ids.map(id => [id, 0]))
  for (const group of vat) {
    const nets = ids.map(id => lines.filter(l => l.provider === id && l.vat.category === group.category && l.vat.rate === group.rate).reduce((s, l) => s + l.net, 0))
    allocate(group.tax, nets).forEach((part, i) => tax.set(ids[i]!, tax.get(ids[i]!)! + part))
  }
  return ids.map(id => {
    const net = lines.filter(l => l.provider === id).reduce((s, l) => s + l.net, 0)
    const providerTax = tax.get(id)!
    // Minor units × fraction, then back to minor units: round once.
    const fee = toMinorUnits(multiply(integer(net), commission), 0)
    return { provider: id, name: providers.get(id)?.name ?? id, net, tax: providerTax, gross: net + providerTax, commission: fee, payout: net - fee }
  })
}
