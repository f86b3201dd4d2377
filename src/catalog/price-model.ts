/**
 * The price model of the catalog: per offer, its price components with their amounts, what they
 * are counted by and how often they are charged, as the vocabulary declares them. Pure data,
 * for anything that computes charges (composition prices, invoices).
 *
 * @example
 * const model = offerPriceModels(catalog, 'https://example.org/acme#AcmePBX')
 * model[0]?.components[0] // { component: sym + 'BaseMonthly', amount: '19.00', minorUnits: 1900, currency: 'EUR', countedBy: 'flat', period: sym + 'Monthly', periodMonths: 1, … }
 */
import type { Catalog, CountingBasis, LangText, Offer, PriceSpecification, Service } from './types.js'

/** One price component of an offer. */
export interface PriceModelComponent {
  /** IRI of the `sym:priceComponent`. */
  readonly component: string
  /** The component's labels (`rdfs:label`), empty when it is not declared. */
  readonly label: LangText
  /** The amount as a decimal string in currency units, e.g. `"6.50"`. */
  readonly amount: string
  /**
   * The amount in the currency's minor units (cents for EUR, yen for JPY) as an integer;
   * `null` when the amount has more decimals than the currency has.
   */
  readonly minorUnits: number | null
  /** ISO 4217 code. */
  readonly currency: string
  /** `sym:countedBy`; `null` when the vocabulary does not declare one the engine knows. */
  readonly countedBy: CountingBasis | null
  /** `sym:billingPeriod` IRI; `null` when not declared. */
  readonly period: string | null
  /** Months per period (`sym:periodMonths`); `null` for a one-off period (or none declared). */
  readonly periodMonths: number | null
  /** Declared with a counting basis and a period: the component can be charged. */
  readonly declared: boolean
  /**
   * `true` when `schema:price` is no non-negative number (`"19,00"`, `"-5.00"`): `amount` is
   * then the text as written, `minorUnits` is `null`, and the component cannot be charged.
   */
  readonly unreadable?: true
}

/** One offer of a service with its components. */
export interface OfferPriceModel {
  readonly service: string
  readonly offer: string
  /** The offer's `schema:priceCurrency`. */
  readonly currency: string
  /** `sym:minimumTermMonths`, when stated. */
  readonly minimumTermMonths?: number
  readonly components: readonly PriceModelComponent[]
  /** IRIs of components the vocabulary does not declare (the offer cannot be charged exactly). */
  readonly unknownComponents: readonly string[]
}

/** Every offer of every service, sorted by service, then offer. */
export function priceModel (catalog: Pick<Catalog, 'services'>): OfferPriceModel[] {
  const services = [...catalog.services.values()].sort((a, b) => compare(a.id, b.id))
  return services.flatMap(serviceOffers)
}

/** The offers of one service (empty when the catalog does not know it or it has no offer). */
export function offerPriceModels (catalog: Pick<Catalog, 'services'>, service: string): OfferPriceModel[] {
  const found = catalog.services.get(service)
  return found === undefined ? [] : serviceOffers(found)
}

function serviceOffers (service: Service): OfferPriceModel[] {
  return [...service.offers].sort((a, b) => compare(a.id, b.id)).map(offer => offerModel(service, offer))
}

function offerModel (service: Service, offer: Offer): OfferPriceModel {
  const components = offer.prices.map(componentModel)
  return {
    service: service.id,
    offer: offer.id,
    currency: offer.currency,
    ...(offer.minimumTermMonths === undefined ? {} : { minimumTermMonths: offer.minimumTermMonths }),
    components,
    unknownComponents: [...new Set(components.filter(c => !c.declared).map(c => c.component))].sort()
  }
}

function componentModel (spec: PriceSpecification): PriceModelComponent {
  const d = spec.definition
  if (spec.unreadable === true) {
    return { component: spec.component, label: d?.label ?? {}, amount: spec.amount, minorUnits: null, currency: spec.currency, countedBy: d?.countedBy ?? null, period: d?.period ?? null, periodMonths: d?.periodMonths ?? null, declared: d !== undefined && d.countedBy !== null && d.period !== null, unreadable: true }
  }
  const amount = decimalString(spec)
  return {
    component: spec.component,
    label: d?.label ?? {},
    amount,
    minorUnits: toMinorUnits(amount, minorDigits(spec.currency)),
    currency: spec.currency,
    countedBy: d?.countedBy ?? null,
    period: d?.period ?? null,
    periodMonths: d?.periodMonths ?? null,
    declared: d !== undefined && d.countedBy !== null && d.period !== null
  }
}

const plainDecimal = /^[+-]?(\d+)(?:\.(\d*))?$|^[+-]?\.(\d+)$/

/** The amount as written when it is a plain decimal, else the number's shortest decimal form. */
function decimalString (spec: PriceSpecification): string {
  const written = spec.amount.replace(/^\+/, '')
  if (plainDecimal.test(written)) return written
  const text = String(spec.price)
  return /e/i.test(text) ? spec.price.toFixed(20).replace(/\.?0+$/, '') : text
}

const digitsCache = new Map<string, number>()

/** Minor-unit digits of an ISO 4217 currency (2 when the runtime does not know the code). */
export function minorDigits (currency: string): number {
  let digits = digitsCache.get(currency)
  if (digits === undefined) {
    try {
      digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
    } catch {
      digits = 2
    }
    digitsCache.set(currency, digits)
  }
  return digits
}

/** Exact conversion of a decimal string to integer minor units; `null` when it does not fit exactly. */
export function toMinorUnits (amount: string, digits: number): number | null {
  const match = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(amount)
  if (match === null) return null
  const [, sign, whole = '', fraction = ''] = match
  const extra = fraction.slice(digits)
  if (/[1-9]/.test(extra)) return null
  const units = Number((whole === '' ? '0' : whole) + fraction.slice(0, digits).padEnd(digits, '0'))
  if (!Number.isSafeInteger(units)) return null
  return sign === '-' ? -units : units
}

function compare (a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
