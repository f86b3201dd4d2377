/**
 * Every catalog service once per request, in IRI order, with its price for the requested
 * seats and its per-member constraint verdict. Indices into this table are the search's
 * service ids.
 */
import type { Catalog, Service } from '../catalog/index.js'
import { checkMember, type MemberVerdict } from './member-checks.js'
import { prevailingCurrency, priceService, type PricedService } from './price.js'
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
  readonly entries: readonly ServiceEntry[]
  readonly indexOf: ReadonlyMap<string, number>
  /** The currency bundles are priced in: the budget's, else the prevailing one of the catalog. */
  readonly currency: string | null
}

/** Services in IRI order and their indices, per catalog (it is rebuilt on publish). */
const orders = new WeakMap<Catalog, { services: readonly Service[], indexOf: ReadonlyMap<string, number>, currency: string | null }>()

export function buildServiceTable (catalog: Catalog, request: ResolvedRequest): ServiceTable {
  let order = orders.get(catalog)
  if (order === undefined) {
    const services = [...catalog.services.values()].sort((a, b) => a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
    order = { services, indexOf: new Map(services.map((s, i) => [s.id, i])), currency: prevailingCurrency(services) }
    orders.set(catalog, order)
  }
  const currency = request.budget?.currency ?? order.currency
  const context = { seats: request.seats, concurrentSeats: request.concurrentSeats, usage: request.usage, currency, namer: catalogNamer(catalog) }
  const entries = order.services.map((service, index) => new Entry(index, service, priceService(service, context), request, catalog))
  return { entries, indexOf: order.indexOf, currency }
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
