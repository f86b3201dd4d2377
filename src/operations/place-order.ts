/**
 * A booking request becomes an order (pure, given the composer's answer): the bundle must still
 * be one the composer answers for the request, it is priced from that answer, and split into one
 * item per provider (and adapter), each with its idempotency key.
 */
import type { Bundle, CompositionAnswer, CompositionRequest } from '../composer/index.js'
import { SymphonyError } from '../errors.js'
import type { ErrorMessages } from '../errors.js'
import type { AdapterDescription } from './adapter-description.js'
import { itemCreated } from './history-texts.js'
import { opsIris } from './names.js'
import type { Actor, ItemAction, Order, OrderItem, OrderKind, OrderLine } from './types.js'

/** What a customer sends to book a bundle. */
export interface BookingRequest {
  /** The composition request the bundle answers. */
  readonly request: CompositionRequest
  /** The bundle's member IRIs. */
  readonly services: readonly string[]
  /** Seats; default the request's, else 1. */
  readonly seats?: number
  readonly concurrentSeats?: number
  /** Stored configurations (POST /configurations) of the bundle's joint form. */
  readonly configurations?: readonly string[]
}

/** The service facts an order needs from the catalog. */
export interface ServiceFacts {
  readonly provider: string
  readonly adapter: AdapterDescription
}

/** The composer's request for the bundle, with enough answers to find it again. */
export function recheckRequest (request: CompositionRequest, seats: number, concurrentSeats: number): CompositionRequest {
  return { ...request, seats, concurrentSeats, limit: Math.max(request.limit ?? 5, 25) }
}

/** The bundle among the composer's answers with exactly these members; NOT_CONFORMING otherwise. */
export function findBundle (answer: CompositionAnswer, services: readonly string[]): Bundle {
  const wanted = [...new Set(services)].sort().join(' ')
  const bundle = answer.bundles.find(b => [...b.services].sort().join(' ') === wanted)
  if (bundle === undefined) {
    const why = (language: 'en' | 'de'): string => answer.issues.length === 0 ? '' : ` (${answer.issues.map(issue => issue.messages[language]).join('; ')})`
    const members = [...services].sort().join(', ')
    throw new SymphonyError('NOT_CONFORMING', {
      en: `the composer no longer answers the bundle ${members} for this request${why('en')}; compose again and book one of its bundles`,
      de: `die Zusammenstellung ergibt das Bündel ${members} für diese Anfrage nicht mehr${why('de')}; stellen Sie neu zusammen und buchen Sie eines der Bündel`
    }, { details: { bundles: answer.bundles.map(b => b.services) } })
  }
  return bundle
}

/** Lines per service from the bundle's price breakdown, in cents. */
export function linesOf (bundle: Bundle): OrderLine[] {
  return bundle.price.breakdown.map(price => ({
    service: price.service,
    offer: price.offer,
    monthlyCents: price.monthly === null ? null : Math.round(price.monthly * 100)
  }))
}

/** Sum of the priced lines, in cents. */
export function totalCents (lines: readonly OrderLine[]): number {
  return lines.reduce((sum, line) => sum + (line.monthlyCents ?? 0), 0)
}

/** One item per provider and adapter, numbered from 1, all `new`; `nameOf` names the services in the items' histories. */
export function splitItems (orderId: string, lines: readonly OrderLine[], action: ItemAction, factsOf: (service: string) => ServiceFacts, nameOf: (service: string) => ErrorMessages, at: string, by: Actor, firstNumber = 1): OrderItem[] {
  const groups = new Map<string, { provider: string, adapter: AdapterDescription, lines: OrderLine[] }>()
  for (const line of [...lines].sort((a, b) => a.service.localeCompare(b.service))) {
    const facts = factsOf(line.service)
    const key = `${facts.provider} ${facts.adapter.node}`
    let group = groups.get(key)
    if (group === undefined) groups.set(key, group = { provider: facts.provider, adapter: facts.adapter, lines: [] })
    group.lines.push(line)
  }
  return [...groups.values()].sort((a, b) => a.provider.localeCompare(b.provider)).map((group, index) => {
    const id = String(firstNumber + index)
    return {
      id,
      provider: group.provider,
      action,
      adapter: group.adapter,
      lines: group.lines,
      state: 'new' as const,
      idempotencyKey: `${orderId}-${id}`,
      attempts: 0,
      history: [{ at, from: null, to: 'new', by, why: itemCreated(action, group.lines.map(l => nameOf(l.service))) }]
    }
  })
}

/** What a new order is made of. */
export interface NewOrderFields {
  id: string
  kind: OrderKind
  customer: { id: string, name: string }
  subscription?: string
  request: CompositionRequest
  services: readonly string[]
  seats: number
  concurrentSeats: number
  previousSeats?: number
  previousConcurrentSeats?: number
  configurations: readonly string[]
  currency: string | null
  lines: readonly OrderLine[]
  items: readonly OrderItem[]
  at: string
  by: Actor
  why: ErrorMessages
}

/** A new order in state `acknowledged`. */
export function newOrder (fields: NewOrderFields): Order {
  return {
    id: fields.id,
    iri: opsIris.order + fields.id,
    kind: fields.kind,
    customer: fields.customer.id,
    customerName: fields.customer.name,
    ...(fields.subscription === undefined ? {} : { subscription: fields.subscription }),
    state: 'acknowledged',
    createdAt: fields.at,
    request: fields.request,
    services: [...fields.services].sort(),
    seats: fields.seats,
    concurrentSeats: fields.concurrentSeats,
    ...(fields.previousSeats === undefined ? {} : { previousSeats: fields.previousSeats }),
    ...(fields.previousConcurrentSeats === undefined ? {} : { previousConcurrentSeats: fields.previousConcurrentSeats }),
    configurations: fields.configurations,
    currency: fields.currency,
    monthlyCents: totalCents(fields.lines),
    items: fields.items,
    history: [{ at: fields.at, from: null, to: 'acknowledged', by: fields.by, why: fields.why }]
  }
}
