/**
 * The monthly price of a service for N seats, from its offers' price components
 * (docs/describing-services.md): `BaseMonthly + PerUserMonthly × seats +
 * PerConcurrentUserMonthly × concurrentSeats + SetupFee / minimumTermMonths` (12 months when
 * no minimum term is given). Amounts are kept in integer cents; each line is rounded to the cent.
 */
import type { Offer, Service } from '../catalog/index.js'
import { fromCents } from './names.js'
import type { PriceComponentLine, ServicePrice } from './types.js'

export interface PricingContext {
  readonly seats: number
  readonly concurrentSeats: number
  /** Only offers in this currency are used; `null`: the service is not priced. */
  readonly currency: string | null
}

/** A service's price with its monthly total in cents (`null` when it has no offer in the currency). */
export interface PricedService {
  readonly price: ServicePrice
  readonly cents: number | null
}

const defaultTermMonths = 12

/** The service's cheapest offer in the context's currency (ties: the smaller offer IRI). */
export function priceService (service: Service, context: PricingContext): PricedService {
  let best: { offer: Offer, cents: number, lines: PriceComponentLine[] } | undefined
  for (const offer of service.offers) {
    if (offer.currency !== context.currency) continue
    if (offer.prices.some(p => p.currency !== offer.currency)) continue
    const lines = offer.prices.map(p => priceLine(offer, p.component, p.price, context))
    const cents = lines.reduce((sum, line) => sum + line.cents, 0)
    if (best === undefined || cents < best.cents || (cents === best.cents && offer.id < best.offer.id)) {
      best = { offer, cents, lines: lines.map(l => l.line) }
    }
  }
  if (best !== undefined) {
    return {
      cents: best.cents,
      price: { service: service.id, offer: best.offer.id, currency: best.offer.currency, monthly: fromCents(best.cents), components: best.lines }
    }
  }
  return { cents: null, price: { service: service.id, offer: null, currency: null, monthly: null, components: [], note: unpricedNote(service, context.currency) } }
}

/** The currencies a service has usable offers in, sorted. */
export function offerCurrencies (service: Service): string[] {
  return [...new Set(service.offers.filter(o => o.prices.every(p => p.currency === o.currency)).map(o => o.currency))].sort()
}

/**
 * The currency bundles are priced in when the request has no budget: the one most services
 * have an offer in (ties: alphabetical), `null` when no service has an offer.
 */
export function prevailingCurrency (services: Iterable<Service>): string | null {
  const counts = new Map<string, number>()
  for (const service of services) {
    for (const currency of offerCurrencies(service)) counts.set(currency, (counts.get(currency) ?? 0) + 1)
  }
  let best: string | null = null
  for (const [currency, count] of counts) {
    const bestCount = best === null ? 0 : counts.get(best)!
    if (count > bestCount || (count === bestCount && best !== null && currency < best)) best = currency
  }
  return best
}

function priceLine (offer: Offer, component: PriceComponentLine['component'], unitPrice: number, context: PricingContext): { line: PriceComponentLine, cents: number } {
  switch (component) {
    case 'BaseMonthly': return line(component, unitPrice, 1, Math.round(unitPrice * 100))
    case 'PerUserMonthly': return line(component, unitPrice, context.seats, Math.round(unitPrice * context.seats * 100))
    case 'PerConcurrentUserMonthly': return line(component, unitPrice, context.concurrentSeats, Math.round(unitPrice * context.concurrentSeats * 100))
    case 'SetupFee': {
      const term = offer.minimumTermMonths !== undefined && offer.minimumTermMonths > 0 ? offer.minimumTermMonths : defaultTermMonths
      const cents = Math.round(unitPrice * 100 / term)
      return { cents, line: { component, unitPrice, quantity: 1, termMonths: term, monthly: fromCents(cents) } }
    }
  }
}

function line (component: PriceComponentLine['component'], unitPrice: number, quantity: number, cents: number): { line: PriceComponentLine, cents: number } {
  return { cents, line: { component, unitPrice, quantity, monthly: fromCents(cents) } }
}

function unpricedNote (service: Service, currency: string | null): string {
  if (service.offers.length === 0) return 'no offer (schema:offers): price unknown'
  const currencies = offerCurrencies(service)
  if (currencies.length === 0) return 'its offers mix currencies between price components: price unknown'
  return `no offer in ${currency ?? 'a common currency'}; priced only in ${currencies.join(', ')} (no conversion)`
}
