/**
 * Input and output of an invoice computation. The inputs are deliberately small: a
 * subscription's history (members added and removed, seat changes, cancellation), the price
 * components of each member's offer, usage reported by providers, and the parties' countries.
 * Timestamps are UTC ISO 8601; amounts in the output are integer minor units of the invoice
 * currency; unit prices and quantities in the input are decimal strings, never binary floats.
 */
import type { LangText } from '../catalog/index.js'
import type { ErrorMessages } from '../errors.js'

/** What a price component is multiplied by. */
export type CountedBy = 'seats' | 'concurrentSeats' | 'flat' | 'usage'

/** How often a component is charged: every month (prorated to the day), or once when the member starts. */
export type ChargePeriod = 'month' | 'once'

/** One charge of an offer, e.g. 4.90 EUR per seat and month. */
export interface PriceComponentInput {
  /** Stable identifier of the charge: the price specification's IRI, or the offer IRI plus the component. */
  readonly id: string
  /** The kind of charge (an IRI such as `sym:PerUserMonthly`). */
  readonly component: string
  readonly label?: LangText
  readonly countedBy: CountedBy
  readonly period: ChargePeriod
  /** Price per unit (per seat and month, per month, once, or per unit of usage), decimal text. */
  readonly unitPrice: string
  /** ISO 4217 code. */
  readonly currency: string
  /** UN/ECE Recommendation 20 unit code for usage components (default `C62`, "one"). */
  readonly unit?: string
}

/** A service of a subscription, booked with one offer of one provider. */
export interface MemberInput {
  readonly service: string
  readonly label?: LangText
  readonly provider: string
  readonly offer: string
  readonly components: readonly PriceComponentInput[]
  /** When the member was added (for members booked with the order: the subscription's start). */
  readonly addedAt: string
  /** When the member was removed, if it was. */
  readonly removedAt?: string
}

/** The seat counts in force from `at` until the next change. */
export interface SeatChange {
  readonly at: string
  readonly seats: number
  readonly concurrentSeats: number
}

/** A subscription's history, as far as billing needs it. */
export interface SubscriptionInput {
  readonly id: string
  readonly customer: string
  /** Seat counts in time order; the first one is in force from the subscription's start. */
  readonly seats: readonly SeatChange[]
  readonly members: readonly MemberInput[]
  readonly cancelledAt?: string
}

/** A quantity of a usage component reported by the provider. */
export interface UsageRecord {
  readonly id: string
  readonly subscription: string
  readonly service: string
  /** `PriceComponentInput.id` of a component counted by usage. */
  readonly component: string
  readonly quantity: string
  readonly at: string
}

/** Customer or provider: who they are and where, for VAT. */
export interface PartyInput {
  readonly id: string
  readonly name: string
  /** ISO 3166-1 alpha-2 code, upper case. */
  readonly country: string
  readonly vatId?: string
  /** A business (B2B) rather than a consumer. */
  readonly business: boolean
}

/** An explicit exchange rate: 1 `from` = `rate` `to`, as stated by `source` on `date`. */
export interface ExchangeRate {
  readonly from: string
  readonly to: string
  readonly rate: string
  readonly source: string
  readonly date: string
}

/** A calendar month in UTC: `start` inclusive, `end` exclusive (dates `YYYY-MM-DD`). */
export interface BillingPeriod {
  /** `YYYY-MM`. */
  readonly id: string
  readonly start: string
  readonly end: string
  readonly days: number
}

/** Everything one invoice is computed from. */
export interface BillingInput {
  readonly customer: PartyInput
  /** The providers of the members, by IRI. */
  readonly providers: ReadonlyMap<string, PartyInput>
  readonly period: BillingPeriod
  /** The invoice currency; components in another currency need a rate in `rates`. */
  readonly currency: string
  readonly subscriptions: readonly SubscriptionInput[]
  readonly usage?: readonly UsageRecord[]
  readonly rates?: readonly ExchangeRate[]
  /** Standard VAT rates in percent by country; defaults to `standardVatRates`. */
  readonly vatRates?: Readonly<Record<string, string>>
  /** The platform's commission as a decimal fraction of each provider's net (default `0`). */
  readonly commission?: string
}

/** EN 16931 VAT category codes used here (UNTDID 5305): standard rate, reverse charge. */
export type VatCategory = 'S' | 'AE'

export interface LineVat {
  readonly category: VatCategory
  /** Percent, decimal text. */
  readonly rate: string
  /** Why this category: `domestic`, `customer-country` (supplied to a consumer abroad), `reverse-charge`. */
  readonly reason: 'domestic' | 'customer-country' | 'reverse-charge'
}

/** A line in another currency converted with a stated rate. */
export interface Conversion {
  readonly currency: string
  readonly unitPrice: string
  readonly rate: ExchangeRate
}

/** One line of the invoice: one component of one member for one stretch of days. */
export interface InvoiceLine {
  /** Stable within the invoice: subscription, service, component and first day. */
  readonly id: string
  readonly subscription: string
  readonly provider: string
  readonly providerName: string
  readonly service: string
  readonly serviceLabel?: LangText
  readonly offer: string
  /** `PriceComponentInput.id`. */
  readonly priceComponent: string
  /** The kind of charge (`PriceComponentInput.component`). */
  readonly component: string
  readonly componentLabel?: LangText
  readonly countedBy: CountedBy
  /** First and last day billed, inclusive. */
  readonly from: string
  readonly until: string
  /** Billed days (monthly components); the period's length for the others. */
  readonly days: number
  /** The count in force (seats, concurrent seats, 1, or the usage quantity). */
  readonly count: string
  /** Invoiced quantity (EN 16931 BT-129) and its unit (BT-130). */
  readonly quantity: string
  readonly unit: string
  /** Price per `baseQuantity` units, in the invoice currency (BT-146, BT-149). */
  readonly unitPrice: string
  readonly baseQuantity: number
  /** Net amount in minor units: `quantity × unitPrice / baseQuantity`, rounded once. */
  readonly net: number
  readonly vat: LineVat
  readonly conversion?: Conversion
}

/** VAT totals per category and rate (EN 16931 BG-23). */
export interface VatBreakdown {
  readonly category: VatCategory
  readonly rate: string
  readonly taxable: number
  readonly tax: number
}

/** What one provider's lines add up to and what the platform pays it out. */
export interface ProviderShare {
  readonly provider: string
  readonly name: string
  readonly net: number
  /** Its part of the invoice's VAT (the breakdown's tax split by net, largest remainder). */
  readonly tax: number
  readonly gross: number
  readonly commission: number
  /** `net − commission`: what the platform settles with the provider. */
  readonly payout: number
}

/** The computed invoice, before it is numbered and issued. */
export interface InvoiceDraft {
  readonly customer: PartyInput
  readonly period: BillingPeriod
  readonly currency: string
  /** Digits of the currency's minor unit (2 for EUR). */
  readonly minorDigits: number
  readonly lines: readonly InvoiceLine[]
  readonly vat: readonly VatBreakdown[]
  readonly net: number
  readonly tax: number
  readonly gross: number
  readonly shares: readonly ProviderShare[]
}

export type BillingIssueCode =
  | 'CURRENCY_WITHOUT_RATE'
  | 'VAT_RATE_UNKNOWN'
  | 'UNKNOWN_PROVIDER'
  | 'UNKNOWN_USAGE_COMPONENT'
  | 'INVALID_AMOUNT'
  /** A warning, not a refusal: a member with no price component the billing understands is left off the invoice. */
  | 'UNPRICED_MEMBER'
  /** A warning: a price component whose count or charge period the vocabulary does not declare is left off the invoice. */
  | 'UNBILLABLE_COMPONENT'

/** A refusal or warning of a billing run: `message` is the English text, `messages` has it in English and German. */
export interface BillingIssue {
  readonly code: BillingIssueCode
  readonly message: string
  readonly messages: ErrorMessages
  /** The subscription, member, component or record concerned. */
  readonly subject: string
}

export type BillingResult =
  | { readonly ok: true, readonly invoice: InvoiceDraft }
  | { readonly ok: false, readonly issues: readonly BillingIssue[] }
