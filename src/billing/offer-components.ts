/**
 * Billing components from a compiled catalog offer: what each price component is counted by
 * and how often it is charged, as the vocabulary declares it (`sym:countedBy`,
 * `sym:billingPeriod`, see docs/describing-services.md).
 */
import type { Offer, PriceSpecification } from '../catalog/index.js'
import { SymphonyError } from '../errors.js'
import type { ChargePeriod, PriceComponentInput } from './types.js'

/**
 * The offer's price specifications as billing components (ids: offer IRI + the component's
 * local name). Throws `UNKNOWN_PRICE_COMPONENT` for a component the vocabulary does not declare,
 * or one charged in a period billing does not handle (only monthly and one-off charges are).
 */
export function offerComponents (offer: Offer): PriceComponentInput[] {
  return offer.prices.map(p => ({
    id: `${offer.id}#${localName(p.component)}`,
    component: p.component,
    ...billing(offer, p),
    unitPrice: p.amount,
    currency: p.currency
  }))
}

function billing (offer: Offer, spec: PriceSpecification): Pick<PriceComponentInput, 'countedBy' | 'period' | 'label'> {
  const d = spec.definition
  const period: ChargePeriod | undefined = d === undefined || d.period === null ? undefined : d.periodMonths === null ? 'once' : d.periodMonths === 1 ? 'month' : undefined
  if (d === undefined || d.countedBy === null || period === undefined) {
    const why = d === undefined || d.countedBy === null || d.period === null
      ? 'which the vocabulary does not declare (sym:countedBy and sym:billingPeriod)'
      : `charged every ${d.periodMonths ?? '?'} months; billing handles monthly and one-off charges`
    throw new SymphonyError('UNKNOWN_PRICE_COMPONENT', `offer ${offer.id} charges the price component ${spec.component}, ${why}`, { node: spec.component })
  }
  return { countedBy: d.countedBy, period, ...(Object.keys(d.label).length === 0 ? {} : { label: d.label }) }
}

function localName (iri: string): string {
  return iri.slice(Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/')) + 1)
}
