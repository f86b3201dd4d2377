/**
 * The composition request and answer. Plain JSON-able data:
 * IRIs are strings, money is a number of currency units rounded to cents.
 */
import type { CountingBasis, FactConstraint } from '../catalog/index.js'

/**
 * A sentence in English and German. Beside every sentence field of the answer (`message`,
 * `text`, `detail` …) its plural (`messages`, `texts`, `details` …) holds it in both languages;
 * the singular field is in the requested language (English unless asked otherwise).
 */
export type Texts = Readonly<Record<'en' | 'de', string>>

/** A budget for the whole bundle, per month, for the requested seats. */
export interface Budget {
  readonly amount: number
  /** ISO 4217 code, e.g. `EUR`. Offers in another currency are never converted. */
  readonly currency: string
}

/**
 * How far the data-location constraint reaches.
 * - `all-data` (default, strict): every member must keep its data in the allowed locations,
 *   or state a transfer safeguard (`sym:transferSafeguard`, e.g. SCC or an adequacy decision).
 * - `personal-data`: a member outside the allowed locations without a safeguard is also
 *   accepted, as long as no link of the bundle into or out of it carries personal data
 *   (`sym:carriesData` on either end of the link).
 */
export type DataLocationScope = 'all-data' | 'personal-data'

/** Whether a member outside the allowed locations may qualify through a transfer safeguard (SCC, adequacy …). */
export type DataLocationMode = 'strict' | 'safeguarded'

/** A generic constraint on a service fact: the same tests the catalog filters by (`src/catalog/fact-tests.ts`). */
export type { FactConstraint }

/** Constraints every bundle must meet; each one is checked per member (budget: per bundle). */
export interface CompositionConstraints {
  /**
   * Allowed locations: regions (IRI, `sym:` CURIE, name or abbreviation such as "EU", "EEA")
   * expanded to their countries, and ISO 3166-1 alpha-2 country codes.
   */
  readonly dataLocation?: readonly string[]
  readonly dataLocationScope?: DataLocationScope
  /** `safeguarded` (default): outside with a transfer safeguard passes with a warning; `strict`: it fails. */
  readonly dataLocationMode?: DataLocationMode
  /** Every member offers a GDPR data-processing agreement (`sym:offersDPA true`). */
  readonly requireDPA?: boolean
  /** Every member holds each of these certifications (`sym:certification`). */
  readonly certifications?: readonly string[]
  /** Every member is suitable for professional-secrecy holders (§ 203 StGB). */
  readonly professionalSecrecy?: boolean
  /** No member comes from one of these providers (`schema:provider`). */
  readonly excludeProviders?: readonly string[]
  /** The bundle's monthly price for the seats is at most this amount, in this currency. */
  readonly budget?: Budget
  /** Generic constraints on any service fact, e.g. `{ "property": "sym:certification", "hasValue": "sym:ISO27001" }`. */
  readonly facts?: readonly FactConstraint[]
}

/**
 * Preference weights: the ranking minimises
 * `size × services + degree × plugin matches + price × monthly total (currency units)`.
 * Defaults: `size` 1, `degree` 0.5, `price` 0.01 (100 currency units a month weigh as
 * much as one more service).
 */
export interface CompositionPreferences {
  readonly degree?: number
  readonly price?: number
  readonly size?: number
}

/**
 * How members may depend on each other.
 * - `static` (default): a bundle is a set of services running side by side; a member's
 *   provided interfaces exist whether or not its own requirements are met yet, so members may
 *   need each other (a PBX feeds call events to a CRM it queries for contacts). Valid when every
 *   requirement of every member is met by another member or by `available`.
 * - `dataflow`: members are steps that provide their outputs only once their inputs are there;
 *   they must fire in some order starting from `available`, so no two members may need each
 *   other, directly or around a cycle.
 */
export type Wiring = 'static' | 'dataflow'

/** A composition request. Omitted lists are empty. */
export interface CompositionRequest {
  /** Interface types the customer already has; they act as provided interfaces without protocol, format or version constraints. */
  readonly available?: readonly string[]
  /** Interface types some member must provide (exact or plugin). */
  readonly wanted?: readonly string[]
  /** Service types some member must be an instance of (or of a subclass). */
  readonly serviceTypes?: readonly string[]
  readonly constraints?: CompositionConstraints
  readonly preferences?: CompositionPreferences
  /** Seats priced per user; default 1. */
  readonly seats?: number
  /** Concurrent users priced per concurrent user; default `seats`. */
  readonly concurrentSeats?: number
  /** How many bundles to return at most; default 5. */
  readonly limit?: number
  /**
   * Expected usage per period for price components counted by `sym:UsageQuantity`, by
   * component IRI (e.g. minutes a month); components not listed count zero.
   */
  readonly usage?: Readonly<Record<string, number>>
  /** How members may depend on each other; default `static`. */
  readonly wiring?: Wiring
  /**
   * Time budget of the search in milliseconds (default 10,000, at most 60,000). When it runs
   * out, the answer holds the best bundles found so far and says how far they may be from
   * the optimum (`RANKING_UNPROVEN`, `SEARCH_LIMIT`).
   */
  readonly timeoutMs?: number
  /**
   * States a best-first search may keep (at least 1): lowers the server's size budget for this
   * request; a value above the server's has no effect. Reaching it answers `SEARCH_CUT`.
   */
  readonly maxStates?: number
  /**
   * Coefficients the integer program may have (at least 1): lowers the server's size budget
   * for this request; a value above the server's has no effect. A larger program is not
   * built: the request is searched best-first and answers `SEARCH_CUT`.
   */
  readonly maxModelEntries?: number
}

/** Degrees that count as satisfying a requirement in a composition. */
export type LinkDegree = 'exact' | 'plugin'

/**
 * One wire of a bundle: a requirement of member `to` satisfied by member `from`
 * (or by an `available` interface type, then `from` is that type).
 */
export interface BundleLink {
  /** Providing member IRI, or the available interface type IRI when `available` is true. */
  readonly from: string
  /** Requiring member IRI. */
  readonly to: string
  /** The requiring side's interface node (IRI or `_:` blank-node label). */
  readonly interface: string
  /** The requiring node's interface types. */
  readonly interfaceTypes: readonly string[]
  /** The providing side's interface node; `null` when `available`. */
  readonly providedInterface: string | null
  /** The providing node's interface types (the available type when `available`). */
  readonly providedTypes: readonly string[]
  readonly degree: LinkDegree
  readonly available: boolean
  /** Personal-data categories the link carries (both ends' `sym:carriesData`). */
  readonly carriesData: readonly string[]
}

export interface PriceComponentLine {
  /** IRI of the price component (`sym:priceComponent`). */
  readonly component: string
  /** What the unit price is multiplied by (`sym:countedBy`). */
  readonly countedBy: CountingBasis
  /** The component's billing period IRI (`sym:billingPeriod`). */
  readonly period: string
  readonly unitPrice: number
  /** The seats, the concurrent seats, the expected usage, or 1 for a flat component. */
  readonly quantity: number
  /** Months a recurring charge covers (`sym:periodMonths`); a monthly price divides by it. */
  readonly periodMonths?: number
  /** Months a one-off charge is spread over (`sym:minimumTermMonths`, 12 when absent). */
  readonly termMonths?: number
  readonly monthly: number
}

/** A price specification whose component the vocabulary does not declare (or declares without counting basis or period). */
export interface UnknownPriceComponent {
  readonly service: string
  readonly offer: string
  readonly component: string
}

/** A price specification whose `schema:price` is no non-negative number (`"19,00"`, `"-5.00"`). */
export interface UnreadablePrice {
  readonly service: string
  readonly offer: string
  readonly component: string
  /** `schema:price` as written. */
  readonly amount: string
}

export interface ServicePrice {
  readonly service: string
  /** The cheapest offer in the bundle's currency; `null` when the service has none. */
  readonly offer: string | null
  readonly currency: string | null
  readonly monthly: number | null
  readonly components: readonly PriceComponentLine[]
  /** Why the service could not be priced, when `monthly` is `null`. */
  readonly note?: string
  /** `note` in English and German. */
  readonly notes?: Texts
  /** The stable code of `note`: `NO_OFFER`, `UNDECLARED_COMPONENTS`, `UNREADABLE_PRICES`, `MIXED_CURRENCIES` or `OTHER_CURRENCIES`. */
  readonly noteCode?: 'NO_OFFER' | 'UNDECLARED_COMPONENTS' | 'UNREADABLE_PRICES' | 'MIXED_CURRENCIES' | 'OTHER_CURRENCIES'
  /** Price components of its offers (in the bundle's currency) that could not be priced. */
  readonly unknownComponents?: readonly UnknownPriceComponent[]
  /** Prices of its offers (in the bundle's currency) that are no non-negative number. */
  readonly unreadablePrices?: readonly UnreadablePrice[]
}

/** Monthly price of a bundle for the requested seats. */
export interface BundlePrice {
  readonly seats: number
  readonly concurrentSeats: number
  /** The budget's currency, or the one all priced members share; `null` when they differ. */
  readonly currency: string | null
  /** Sum of the priced members' monthly prices. */
  readonly monthly: number
  /** Members that could not be priced in `currency` (their price is not in `monthly`). */
  readonly unpriced: readonly string[]
  readonly breakdown: readonly ServicePrice[]
}

export type ConstraintName =
  | 'dataLocation' | 'requireDPA' | 'certifications' | 'professionalSecrecy' | 'facts'
  | 'excludeProviders' | 'currency' | 'budget' | 'personalData'

/** What a constraint check found: a stable code per outcome (its sentence is `detail`). */
export type ConstraintCheckCode =
  | 'LOCATION_WITHIN' | 'LOCATION_SAFEGUARDED' | 'LOCATION_SAFEGUARD_REFUSED' | 'LOCATION_WITHOUT_PERSONAL_DATA' | 'LOCATION_OUTSIDE'
  | 'DPA_OFFERED' | 'DPA_MISSING' | 'CERTIFIED' | 'CERTIFICATION_MISSING' | 'SECRECY_SUITABLE' | 'SECRECY_NOT_DECLARED'
  | 'PROVIDER_NOT_STATED' | 'PROVIDER_EXCLUDED' | 'PROVIDER_NOT_EXCLUDED'
  | 'FACT_NOT_STATED' | 'FACT_NOT_IN' | 'FACT_NOT_VALUE' | 'FACT_OUT_OF_BOUNDS' | 'FACT_HOLDS'
  | 'PRICED_IN_CURRENCY' | 'NOT_PRICED_IN_CURRENCY' | 'BUDGET' | 'BUDGET_UNCHECKED' | 'NO_PERSONAL_DATA' | 'PERSONAL_DATA'

/** One constraint checked for one member (or, for `budget` and `personalData`, the bundle or a link). */
export interface ConstraintCheck {
  readonly constraint: ConstraintName
  readonly service?: string
  readonly ok: boolean
  /** Passed, but only with a caveat a person should see (data outside the region under a transfer safeguard). */
  readonly warning?: true
  readonly code: ConstraintCheckCode
  /** The values `detail` is written from (IRIs, country codes, amounts in cents). */
  readonly params: Readonly<Record<string, unknown>>
  readonly detail: string
  /** `detail` in English and German. */
  readonly details: Texts
}

/** Why a member is in the bundle. */
export type MemberReason =
  | { readonly reason: 'serviceType', readonly serviceType: string }
  | { readonly reason: 'wanted', readonly wanted: string, readonly interface: string, readonly degree: LinkDegree }
  | { readonly reason: 'requirement', readonly of: string, readonly interface: string, readonly interfaceTypes: readonly string[] }

export interface MemberExplanation {
  readonly service: string
  readonly why: readonly MemberReason[]
  /** The reasons as a sentence (codes `REASON_SERVICE_TYPE`, `REASON_WANTED`, `REASON_REQUIREMENT`, joined by `; `). */
  readonly text: string
  readonly texts: Texts
}

export interface LinkExplanation {
  readonly from: string
  readonly to: string
  readonly interface: string
  readonly degree: LinkDegree
  /** Class path proving the match, from the provided type to the required type. */
  readonly path: readonly string[]
  /**
   * The consumer (`to`) also feeds the provider (`from`), directly or through other members:
   * the two need each other (static wiring only).
   */
  readonly mutual: boolean
  /** The link seen from the provider's side (code `LINK`). */
  readonly text: string
  readonly texts: Texts
  /** The same link seen from the consumer's side: what it requires and who meets it (code `LINK_CONSUMER`). */
  readonly consumerText: string
  readonly consumerTexts: Texts
}

/** The terms of the ranking cost (see `CompositionPreferences`). */
export interface CostExplanation {
  readonly services: number
  readonly pluginMatches: number
  readonly price: number
  readonly total: number
}

export interface BundleExplanation {
  readonly members: readonly MemberExplanation[]
  readonly links: readonly LinkExplanation[]
  readonly constraints: readonly ConstraintCheck[]
  /**
   * An order in which the members can be wired, providers first; members that need each other
   * (see `cycles`) are adjacent, in IRI order.
   */
  readonly wiringOrder: readonly string[]
  /** Groups of members that need each other (around a cycle of links), each sorted; empty in dataflow wiring. */
  readonly cycles: ReadonlyArray<readonly string[]>
  readonly wiring: Wiring
  readonly cost: CostExplanation
}

/** A minimal set of services that meets the goal and the constraints. */
export interface Bundle {
  /** Member IRIs, sorted. */
  readonly services: readonly string[]
  readonly links: readonly BundleLink[]
  readonly price: BundlePrice
  /** `1 / (1 + cost)`, rounded to 9 decimals: higher is better; equal scores are ordered by the sorted member IRIs. */
  readonly score: number
  readonly explanation: BundleExplanation
}

/** What a goal is: an interface type to provide or a service type to cover. */
export interface Goal {
  readonly kind: 'wanted' | 'serviceType'
  readonly type: string
}

/** What the nearest bundle lacks to be valid. */
export interface BundleNeed {
  readonly kind: 'constraint' | 'requirement' | 'goal' | 'budget'
  readonly code: 'NEED_BUDGET_AT_LEAST' | 'NEED_LARGER_BUDGET' | 'NEED_CONSTRAINT' | 'NEED_REQUIREMENT' | 'NEED_GOAL'
  readonly service?: string
  /** For a `constraint` need: the violated constraint. */
  readonly constraint?: ConstraintName
  readonly message: string
  readonly messages: Texts
}

/**
 * Why no (or not enough) bundles came back. `code` discriminates:
 * - `GOAL_UNREACHABLE`: a wanted type or service type cannot be covered (`blockedBy` says why);
 * - `NO_VALID_WIRING`: each goal is reachable alone, but no set of members wires together;
 * - `WIRING_CYCLE`: in dataflow wiring, a bundle exists only with members that need each other
 *   (`services`, `cycles`); static wiring accepts it;
 * - `OVER_BUDGET`: valid bundles exist, the cheapest costs more than the budget;
 * - `CURRENCY_MISMATCH`: members priced only in another currency than the budget's;
 * - `SEARCH_LIMIT`: the time budget ran out with fewer bundles than asked for; `bound` is the
 *   least cost any bundle not listed can have;
 * - `RANKING_UNPROVEN`: the bundles are valid and minimal, but the time budget ran out before
 *   proving that no cheaper one exists; `bound` is the least cost any other bundle has, `gap`
 *   how far above it the last listed bundle may be;
 * - both with `solverStatus` (HiGHS's model status, e.g. `solveError`): not the time ran out,
 *   the integer solver stopped without a proof for that reason, which a larger `timeoutMs`
 *   does not change; their message names the share of the time a solver call stopped at, when
 *   a call on a large program stopped there with time left (a larger `timeoutMs` enlarges it);
 * - `SEARCH_CUT`: the search reached its size budget (the request reaches too much of the
 *   catalog): `found` of `limit` bundles came back, valid and minimal but not proven cheapest;
 *   `bound` is the least cost any bundle not listed can have, and `gap` (when `limit` bundles
 *   came back) how far above it the last listed bundle may be;
 * - `NEAREST_BUNDLE`: the best bundle with relaxed constraints, and what it would need;
 * - `UNKNOWN_PRICE_COMPONENT`: a member's offer charges a price component the vocabulary does
 *   not declare (no `sym:countedBy` / `sym:billingPeriod`): that offer is not used for pricing;
 * - `UNREADABLE_PRICE`: a member's offer states a `schema:price` that is no non-negative number
 *   (`"19,00"`, `-5.00`): that offer is not used for pricing.
 *
 * Every issue has `messages` in English and German; `message` is in the requested language.
 */
export type CompositionIssue =
  | { readonly code: 'GOAL_UNREACHABLE', readonly goal: Goal, readonly blockedBy: 'catalog' | 'constraints' | 'requirement', readonly message: string, readonly messages: Texts }
  | { readonly code: 'NO_VALID_WIRING', readonly wiring: Wiring, readonly message: string, readonly messages: Texts }
  | { readonly code: 'WIRING_CYCLE', readonly services: readonly string[], readonly cycles: ReadonlyArray<readonly string[]>, readonly message: string, readonly messages: Texts }
  | { readonly code: 'OVER_BUDGET', readonly cheapest: number, readonly budget: Budget, readonly seats: number, readonly message: string, readonly messages: Texts }
  | { readonly code: 'CURRENCY_MISMATCH', readonly services: readonly string[], readonly currency: string, readonly message: string, readonly messages: Texts }
  | { readonly code: 'SEARCH_LIMIT', readonly timeoutMs: number, readonly bound: number, readonly found: number, readonly limit: number, readonly solverStatus?: string, readonly message: string, readonly messages: Texts }
  | { readonly code: 'RANKING_UNPROVEN', readonly timeoutMs: number, readonly bound: number, readonly gap: number, readonly solverStatus?: string, readonly message: string, readonly messages: Texts }
  | { readonly code: 'SEARCH_CUT', readonly found: number, readonly limit: number, readonly bound: number, readonly gap?: number, readonly message: string, readonly messages: Texts }
  | { readonly code: 'NEAREST_BUNDLE', readonly bundle: Bundle, readonly needs: readonly BundleNeed[], readonly message: string, readonly messages: Texts }
  | { readonly code: 'UNKNOWN_PRICE_COMPONENT', readonly service: string, readonly offer: string, readonly component: string, readonly message: string, readonly messages: Texts }
  | { readonly code: 'UNREADABLE_PRICE', readonly service: string, readonly offer: string, readonly component: string, readonly amount: string, readonly message: string, readonly messages: Texts }

/** The composer's answer: bundles best first, and issues when fewer than asked for were found. */
export interface CompositionAnswer {
  readonly bundles: readonly Bundle[]
  readonly issues: readonly CompositionIssue[]
}
