/**
 * Billing components from a compiled catalog offer: what each of the catalog's price
 * components is counted by and how often it is charged.
 */
import type { Offer, PriceComponent } from '../catalog/index.js'
import { iri } from '../rdf/index.js'
import type { ChargePeriod, CountedBy, PriceComponentInput } from './types.js'

/** How each catalog price component is billed. */
export const componentBilling: Readonly<Record<PriceComponent, { countedBy: CountedBy, period: ChargePeriod }>> = {
  BaseMonthly: { countedBy: 'flat', period: 'month' },
  PerUserMonthly: { countedBy: 'seats', period: 'month' },
  PerConcurrentUserMonthly: { countedBy: 'concurrentSeats', period: 'month' },
  SetupFee: { countedBy: 'flat', period: 'once' }
}

/** The offer's price specifications as billing components (ids: offer IRI + component name). */
export function offerComponents (offer: Offer): PriceComponentInput[] {
  return offer.prices.map(p => ({
    id: `${offer.id}#${p.component}`,
    component: iri('sym', p.component),
    ...componentBilling[p.component],
    unitPrice: decimalText(p.price),
    currency: p.currency
  }))
}

/** A catalog price (an `xsd:decimal` read as a number) back as decimal text, without binary noise. */
function decimalText (price: number): string {
  return String(Number(price.toFixed(6)))
}
