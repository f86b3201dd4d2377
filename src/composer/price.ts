/**
 * The monthly price of a service for N seats, from its offers' price components
 * (docs/describing-services.md). Each component declares in the vocabulary what it is counted
 * by (`sym:countedBy`: flat, seats, concurrent seats, usage) and how often it is charged
 * (`sym:billingPeriod`); its monthly share is `price × quantity / periodMonths`, or, for a
 * one-off period, `price × quantity / minimumTermMonths` (12 months when no minimum term is
 * given). Amounts are kept in integer cents; each line is rounded to the cent. An offer with a
 * component the vocabulary does not declare, or with a price that is no non-negative number, is
 * not used, and the component or price is reported.
 */
import type { CountingBasis, Offer, PriceSpecification, Service } from '../catalog/index.js'
import { fromCents } from './names.js'
import { localNamer, say, type Namer } from './texts.js'
import type { PriceComponentLine, ServicePrice, UnknownPriceComponent, UnreadablePrice } from './types.js'

export interface PricingContext {
  readonly seats: number
  readonly concurrentSeats: number
  /** Expected usage per period of components counted by usage, by component IRI. */
  readonly usage?: ReadonlyMap<string, number>
  /** Only offers in this currency are used; `null`: the service is not priced. */
  readonly currency: string | null
  /** How notes name price components (default: by local name). */
  readonly namer?: Namer
}

/** A service's price with its monthly total in cents (`null` when it has no offer in the currency). */
export interface PricedService {
  readonly price: ServicePrice
  readonly cents: number | null
}

const defaultTermMonths = 12

/** The service's cheapest fully priceable offer in the context's currency (ties: the smaller offer IRI). */
export function priceService (service: Service, context: PricingContext): PricedService {
  let best: { offer: Offer, cents: number, lines: PriceComponentLine[] } | undefined
  const unknown: UnknownPriceComponent[] = []
  const unreadable: UnreadablePrice[] = []
  for (const offer of service.offers) {
    if (offer.currency !== context.currency) continue
    if (offer.prices.some(p => p.currency !== offer.currency)) continue
    const unreadablePrices = offer.prices.filter(p => p.unreadable === true)
    if (unreadablePrices.length > 0) {
      for (const p of unreadablePrices) unreadable.push({ service: service.id, offer: offer.id, component: p.component, amount: p.amount })
      continue
    }
    const unpriceable = offer.prices.filter(p => !isPriceable(p))
    if (unpriceable.length > 0) {
      for (const p of unpriceable) unknown.push({ service: service.id, offer: offer.id, component: p.component })
      continue
    }
    const lines = offer.prices.map(p => priceLine(offer, p, context))
    const cents = lines.reduce((sum, line) => sum + line.cents, 0)
    if (best === undefined || cents < best.cents || (cents === best.cents && offer.id < best.offer.id)) {
      best = { offer, cents, lines: lines.map(l => l.line) }
    }
  }
  const unknownComponents = { ...(unknown.length === 0 ? {} : { unknownComponents: unknown }), ...(unreadable.length === 0 ? {} : { unreadablePrices: unreadable }) }
  if (best !== undefined) {
    return {
      cents: best.cents,
      price: { service: service.id, offer: best.offer.id, currency: best.offer.currency, monthly: fromCents(best.cents), components: best.lines, ...unknownComponents }
    }
  }
  return {
    cents: null,
    price: { service: service.id, offer: null, currency: null, monthly: null, components: [], ...unpricedNote(service, context.currency, unknown, unreadable, context.namer ?? localNamer), ...unknownComponents }
  }
}

/** Does the vocabulary declare the component with a counting basis and a billing period? */
export function isPriceable (spec: PriceSpecification): boolean {
  return spec.definition !== undefined && spec.definition.countedBy !== null && spec.definition.period !== null
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

function quantity (basis: CountingBasis, component: string, context: PricingContext): number {
  switch (basis) {
    case 'flat': return 1
    case 'seats': return context.seats
    case 'concurrentSeats': return context.concurrentSeats
    case 'usage': return context.usage?.get(component) ?? 0
  }
}

function priceLine (offer: Offer, spec: PriceSpecification, context: PricingContext): { line: PriceComponentLine, cents: number } {
  const definition = spec.definition!
  const countedBy = definition.countedBy!
  const count = quantity(countedBy, spec.component, context)
  const base = { component: spec.component, countedBy, period: definition.period!, unitPrice: spec.price, quantity: count }
  if (definition.periodMonths !== null) {
    const cents = Math.round(spec.price * count * 100 / definition.periodMonths)
    return { cents, line: { ...base, ...(definition.periodMonths === 1 ? {} : { periodMonths: definition.periodMonths }), monthly: fromCents(cents) } }
  }
  const term = offer.minimumTermMonths !== undefined && offer.minimumTermMonths > 0 ? offer.minimumTermMonths : defaultTermMonths
  const cents = Math.round(spec.price * count * 100 / term)
  return { cents, line: { ...base, termMonths: term, monthly: fromCents(cents) } }
}

function unpricedNote (service: Service, currency: string | null, unknown: readonly UnknownPriceComponent[], unreadable: readonly UnreadablePrice[], namer: Namer): Pick<ServicePrice, 'note' | 'notes' | 'noteCode'> {
  const note = (noteCode: NonNullable<ServicePrice['noteCode']>, notes: ServicePrice['notes'] & object): Pick<ServicePrice, 'note' | 'notes' | 'noteCode'> =>
    ({ note: notes.en, notes, noteCode })
  if (service.offers.length === 0) return note('NO_OFFER', say('NO_OFFER', {}, namer))
  if (unreadable.length > 0) {
    return note('UNREADABLE_PRICES', say('UNREADABLE_PRICES', { currency, amounts: [...new Set(unreadable.map(u => u.amount))] }, namer))
  }
  if (unknown.length > 0) {
    return note('UNDECLARED_COMPONENTS', say('UNDECLARED_COMPONENTS', { currency, components: [...new Set(unknown.map(u => u.component))] }, namer))
  }
  const currencies = offerCurrencies(service)
  if (currencies.length === 0) return note('MIXED_CURRENCIES', say('MIXED_CURRENCIES', {}, namer))
  return note('OTHER_CURRENCIES', say('OTHER_CURRENCIES', { currency, currencies }, namer))
}
