/**
 * The catalog's services for one request. Indices are positions in IRI order (the same for
 * every request of a catalog: they are the search's service ids); only the candidates — the
 * services a goal can reach through providers of required types — are priced and checked, on
 * first use, so a request costs what the part of the catalog its goals touch costs, not the
 * catalog. Prices are kept per catalog for the request parts they depend on (currency, seats,
 * concurrent seats, usage).
 */
import type { Catalog, Service } from '../catalog/index.js'
import { checkMember, type MemberVerdict } from './member-checks.js'
import { prevailingCurrency, priceService, type PricedService } from './price.js'
import { recentlyUsed } from './recently-used.js'
import type { ResolvedRequest } from './resolve-request.js'
import { catalogNamer } from './texts.js'

export interface ServiceEntry {
  readonly index: number
  readonly service: Service
  readonly priced: PricedService
  /** Violated per-member constraints and the personal-data condition (no texts). */
  readonly assessment: MemberVerdict
  /** The per-member constraint checks with their texts, computed on first use. */
  readonly verdict: MemberVerdict
}

export interface ServiceTable {
  /** Every service of the catalog, in IRI order: index → service. */
  readonly services: readonly Service[]
  readonly indexOf: ReadonlyMap<string, number>
  /**
   * The services that can matter for the request, ascending: reachable from its goals through
   * the providers of every type their requirements name (by class, before any constraint).
   * Every other service can neither meet a goal nor a candidate's requirement.
   */
  readonly candidates: readonly number[]
  /** Is the service a candidate? */
  isCandidate (service: number): boolean
  /** The service priced and checked for the request (computed on first use). */
  entry (service: number): ServiceEntry
  /**
   * What admitting services to the request's problems reads, by service index: kept with the
   * catalog for the request parts it depends on, so only services no such request assessed yet
   * need `assess`.
   */
  readonly assessments: Assessments
  /** Prices and checks the service for the request (`entry`) and writes the outcome into `assessments`. */
  assess (service: number): void
  /** The currency bundles are priced in: the budget's, else the prevailing one of the catalog. */
  readonly currency: string | null
  /**
   * False when the time ran out while the candidates were sought: `candidates` then holds only
   * part of them, and nothing may be built or concluded from the table.
   */
  readonly complete: boolean
}

/**
 * Each service's price and per-member checks as a problem admits it (`problem.ts`), by service
 * index: they depend on the catalog and on the request's prices and constraints only (not on its
 * goals, weights or available types), so requests that price and constrain alike share them.
 * A service counts only once `assessed` is 1.
 */
export interface Assessments {
  readonly assessed: Uint8Array
  /** Monthly price in cents in the table's currency, 0 when unpriced. */
  readonly cents: Float64Array
  /** Failed per-member checks (`MemberVerdict.violations`). */
  readonly violations: Uint16Array
  /** 1 when the service is `conditional` (`MemberVerdict.conditional`). */
  readonly conditional: Uint8Array
}

/** Prices kept per catalog for this many different pricing keys (most recent first out last). */
const maxPriceKeys = 16
/** Assessments kept per catalog for this many different sets of prices and constraints (the least recently used goes first). */
const maxAssessmentKeys = 8
/** Candidate lists kept per catalog for this many different sets of goals (the least recently used goes first). */
const maxGoalKeys = 16

interface CatalogOrder {
  readonly services: readonly Service[]
  readonly indexOf: ReadonlyMap<string, number>
  readonly currency: string | null
  /** Prices by pricing key, then by service index. */
  readonly prices: Map<string, Map<number, PricedService>>
  /** Indices of the services providing an interface type (subclasses included), by type. */
  readonly providers: Map<string, Int32Array>
  /** Candidates by the goals they were sought from (`goalsKey`; most recent last). */
  readonly candidates: Map<string, readonly number[]>
  /** Assessments by the request's prices and constraints (`assessmentKey`; most recent last). */
  readonly assessments: Map<string, Assessments>
}

/** Services in IRI order, their indices and prices, per catalog (it is rebuilt on publish). */
const orders = new WeakMap<Catalog, CatalogOrder>()

function orderOf (catalog: Catalog): CatalogOrder {
  let order = orders.get(catalog)
  if (order === undefined) {
    const services = [...catalog.services.values()].sort((a, b) => a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
    order = { services, indexOf: new Map(services.map((s, i) => [s.id, i])), currency: prevailingCurrency(services), prices: new Map(), providers: new Map(), candidates: new Map(), assessments: new Map() }
    orders.set(catalog, order)
  }
  return order
}

/**
 * The request's table. `out` is polled while the candidates are sought (a deadline's poller):
 * once it says the time has run out, the search for them stops and the table is not `complete`.
 */
export function buildServiceTable (catalog: Catalog, request: ResolvedRequest, out: () => boolean = never): ServiceTable {
  const order = orderOf(catalog)
  const currency = request.budget?.currency ?? order.currency
  const pricing = { seats: request.seats, concurrentSeats: request.concurrentSeats, usage: request.usage, currency, namer: catalogNamer(catalog) }
  const priceKey = pricingKey(request, currency)
  const prices = pricesFor(order, priceKey)
  const assessments = recentlyUsed(order.assessments, assessmentKey(request, priceKey), maxAssessmentKeys, () => emptyAssessments(order.services.length))
  const found = candidatesFor(catalog, order, request, out)
  const complete = found !== undefined
  const candidates = found ?? []
  const candidateSet = new Uint8Array(order.services.length)
  for (const s of candidates) candidateSet[s] = 1
  const entries = new Map<number, Entry>()
  const entry = (s: number): Entry => {
    let found = entries.get(s)
    if (found === undefined) {
      const service = order.services[s]!
      let priced = prices.get(s)
      if (priced === undefined) prices.set(s, priced = priceService(service, pricing))
      entries.set(s, found = new Entry(s, service, priced, request, catalog))
    }
    return found
  }
  return {
    services: order.services,
    indexOf: order.indexOf,
    candidates,
    currency,
    complete,
    isCandidate: s => candidateSet[s] === 1,
    entry,
    assessments,
    assess (s) {
      const { priced, assessment } = entry(s)
      assessments.cents[s] = priced.cents ?? 0
      assessments.violations[s] = assessment.violations
      assessments.conditional[s] = assessment.conditional ? 1 : 0
      assessments.assessed[s] = 1
    }
  }
}

function emptyAssessments (n: number): Assessments {
  return { assessed: new Uint8Array(n), cents: new Float64Array(n), violations: new Uint16Array(n), conditional: new Uint8Array(n) }
}

/**
 * What a service's assessment depends on in the request (`checkMember` without texts, and
 * whether it is priced): its prices, and every per-member constraint as the checks read it.
 */
function assessmentKey (request: ResolvedRequest, priceKey: string): string {
  const sorted = (values: Iterable<string>): string[] => [...values].sort()
  const locations = request.locations === undefined ? null : [sorted(request.locations.countries), request.locations.scope, request.locations.mode]
  return JSON.stringify([
    priceKey, locations, request.requireDPA, sorted(request.certifications), request.professionalSecrecy,
    sorted(request.excludeProviders), request.facts, request.budget === undefined ? null : request.budget.currency
  ])
}

function never (): boolean {
  return false
}

/** What a price depends on in the request. */
function pricingKey (request: ResolvedRequest, currency: string | null): string {
  const usage = [...request.usage].sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0)
  return JSON.stringify([currency, request.seats, request.concurrentSeats, usage])
}

function pricesFor (order: CatalogOrder, key: string): Map<number, PricedService> {
  return recentlyUsed(order.prices, key, maxPriceKeys, () => new Map<number, PricedService>())
}

/**
 * The request's candidates: they depend on its goals only, so they are kept per catalog for the
 * last `maxGoalKeys` sets of goals and found again only for other goals.
 */
function candidatesFor (catalog: Catalog, order: CatalogOrder, request: ResolvedRequest, out: () => boolean): readonly number[] | undefined {
  // The clock is looked at once even when they are known: a budget already spent stops the table.
  if (out()) return undefined
  return recentlyUsed(order.candidates, JSON.stringify([request.serviceTypes, request.wanted]), maxGoalKeys, () => candidatesOf(catalog, order, request, out))
}

/**
 * Backward from the goals: the instances of each wanted service type, the providers of each
 * wanted interface type, then, for every service found, the providers of every type its
 * requirements name (subclasses included). Class-based, so a superset of what any link or the
 * relaxation can use. Undefined when `out` says the time has run out first; the providers of a
 * type are kept for the catalog only once all of them are found.
 */
function candidatesOf (catalog: Catalog, order: CatalogOrder, request: ResolvedRequest, out: () => boolean): number[] | undefined {
  const found = new Uint8Array(order.services.length)
  const stack: number[] = []
  const add = (id: string): void => {
    const s = order.indexOf.get(id)
    if (s !== undefined && found[s] === 0) { found[s] = 1; stack.push(s) }
  }
  const push = (s: number): void => {
    if (found[s] === 0) { found[s] = 1; stack.push(s) }
  }
  const providers = (type: string): Int32Array | undefined => {
    let indices = order.providers.get(type)
    if (indices === undefined) {
      const found: number[] = []
      for (const node of catalog.providersOf(type)) {
        if (out()) return undefined
        const s = order.indexOf.get(node.service)
        if (s !== undefined) found.push(s)
      }
      indices = Int32Array.from(found)
      order.providers.set(type, indices)
    }
    return indices
  }
  /** Pushes the providers of a type; false when the time ran out. */
  const pushProviders = (type: string): boolean => {
    const indices = providers(type)
    if (indices === undefined) return false
    for (const s of indices) {
      if (out()) return false
      push(s)
    }
    return true
  }
  for (const type of request.serviceTypes) {
    for (const service of catalog.servicesOfType(type)) {
      if (out()) return undefined
      add(service.id)
    }
  }
  for (const type of request.wanted) if (!pushProviders(type)) return undefined
  const seenTypes = new Set<string>()
  while (stack.length > 0) {
    if (out()) return undefined
    for (const node of order.services[stack.pop()!]!.requires) {
      for (const type of node.types) {
        if (seenTypes.has(type)) continue
        seenTypes.add(type)
        if (!pushProviders(type)) return undefined
      }
    }
  }
  const candidates: number[] = []
  for (let s = 0; s < found.length; s++) if (found[s] === 1) candidates.push(s)
  return candidates
}

class Entry implements ServiceEntry {
  readonly assessment: MemberVerdict
  private checked: MemberVerdict | undefined

  constructor (readonly index: number, readonly service: Service, readonly priced: PricedService, private readonly request: ResolvedRequest, private readonly catalog: Catalog) {
    this.assessment = checkMember(service, request, priced, false, catalog)
  }

  get verdict (): MemberVerdict {
    this.checked ??= checkMember(this.service, this.request, this.priced, true, this.catalog)
    return this.checked
  }
}
