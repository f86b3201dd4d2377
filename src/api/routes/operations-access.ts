/**
 * Tenancy of operations records, checked once per route in a preHandler: a customer reaches
 * only its own orders, subscriptions and events; a provider only orders and subscriptions with
 * its own services (and sees only its own items); the operator everything.
 */
import type { FastifyRequest, preHandlerAsyncHookHandler } from 'fastify'
import type { Engine } from '../../engine.js'
import { SymphonyError } from '../../errors.js'
import type { ErrorMessages } from '../../errors.js'
import { orderIn, subscriptionIn } from '../../operations/index.js'
import type { Order, SeatChange, Subscription, SubscriptionMember } from '../../operations/index.js'
import type { Ticket } from '../../tickets/index.js'
import { catalogNamer } from '../../matcher/index.js'
import { ensureOwner, principalOf } from '../auth.js'
import { requestLanguage } from '../language.js'

declare module 'fastify' {
  interface FastifyRequest {
    /** The order or subscription a route is about, loaded by its access check. */
    operationsRecord?: Order | Subscription | Ticket
  }
}

/** Loads `:id` as an order and checks the caller may see it (customer: own; provider: has an item). */
export function orderAccess (engine: Engine, options: { item?: boolean } = {}): preHandlerAsyncHookHandler {
  return async request => {
    const principal = principalOf(request)
    const params = request.params as { id: string, item?: string }
    const order = await engine.operations.order(params.id)
    if (options.item === true) {
      const item = order.items.find(i => i.id === params.item)
      if (item === undefined) {
        throw new SymphonyError('NOT_FOUND', {
          en: `order ${order.id} has no item ${params.item ?? ''}`,
          de: `der Auftrag ${order.id} hat keine Position ${params.item ?? ''}`
        })
      }
      ensureOwner(principal, item.provider, { en: `item ${item.id} of order ${order.id}`, de: `die Position ${item.id} des Auftrags ${order.id}` })
    } else if (principal.role === 'provider') {
      if (!order.items.some(i => i.provider === principal.id)) ensureOwner(principal, order.customer, orderNamed(order.id))
    } else {
      ensureOwner(principal, order.customer, orderNamed(order.id))
    }
    request.operationsRecord = order
  }
}

/** Loads `:id` as a subscription and checks the caller may see (or, for customers, change) it. */
export function subscriptionAccess (engine: Engine): preHandlerAsyncHookHandler {
  return async request => {
    const principal = principalOf(request)
    const subscription = await engine.operations.subscription((request.params as { id: string }).id)
    if (principal.role === 'provider' && subscription.members.some(m => m.provider === principal.id)) {
      request.operationsRecord = subscription
      return
    }
    ensureOwner(principal, subscription.customer, subscriptionNamed(subscription.id))
    request.operationsRecord = subscription
  }
}

/** Loads `:id` as a ticket: its customer, a provider it is routed to, or the operator. */
export function ticketAccess (engine: Engine): preHandlerAsyncHookHandler {
  return async request => {
    const principal = principalOf(request)
    const ticket = await engine.tickets.ticket((request.params as { id: string }).id)
    if (principal.role === 'provider' && ticket.routes.some(r => r.provider === principal.id)) {
      request.operationsRecord = ticket
      return
    }
    if (principal.role === 'provider') {
      throw new SymphonyError('FORBIDDEN', {
        en: `ticket ${ticket.id} is not routed to ${principal.id}; a provider sees only tickets about its own services`,
        de: `die Störungsmeldung ${ticket.id} ist nicht an ${principal.id} geleitet; ein Anbieter sieht nur Störungsmeldungen zu seinen eigenen Diensten`
      })
    }
    ensureOwner(principal, ticket.customer, { en: `ticket ${ticket.id}`, de: `die Störungsmeldung ${ticket.id}` })
    request.operationsRecord = ticket
  }
}

/** Checks that the subscription a new ticket names (`subscription` in the body) is the caller's. */
export function ticketSubscriptionAccess (engine: Engine): preHandlerAsyncHookHandler {
  return async request => {
    const principal = principalOf(request)
    const subscription = await engine.operations.subscription((request.body as { subscription: string }).subscription)
    ensureOwner(principal, subscription.customer, subscriptionNamed(subscription.id))
    request.operationsRecord = subscription
  }
}

function orderNamed (id: string): ErrorMessages {
  return { en: `order ${id}`, de: `der Auftrag ${id}` }
}

function subscriptionNamed (id: string): ErrorMessages {
  return { en: `subscription ${id}`, de: `das Abonnement ${id}` }
}

/**
 * The labels, in the request's language, of the services and providers a record names: what a
 * client shows instead of IRIs (an IRI the catalog no longer has keeps its local name).
 */
export async function namesOf (engine: Engine, iris: Iterable<string>, language: string): Promise<Record<string, string>> {
  const named = catalogNamer(await engine.catalog())
  const names: Record<string, string> = {}
  for (const iri of iris) names[iri] ??= named(iri, language === 'de' ? 'de' : 'en')
  return names
}

/**
 * What the caller may see of an order, its reasons in the request's language: providers only
 * their own items. `names` labels its services and providers.
 */
export async function orderView (engine: Engine, request: FastifyRequest, order: Order): Promise<Order & { names: Record<string, string> }> {
  const principal = principalOf(request)
  const language = requestLanguage(request)
  const shown = orderIn(order, language)
  const named = (items: readonly Order['items'][number][]) => [...order.services, ...items.flatMap(item => [item.provider, ...item.lines.map(line => line.service)])]
  if (principal.role !== 'provider') return { ...shown, names: await namesOf(engine, named(shown.items), language) }
  // Another provider's items, prices and references are not this provider's concern: its own
  // items, and their total as the order's.
  const items = shown.items.filter(item => item.provider === principal.id)
  const monthlyCents = items.flatMap(item => item.lines).reduce((sum, line) => sum + (line.monthlyCents ?? 0), 0)
  return { ...shown, items, monthlyCents, names: await namesOf(engine, named(items), language) }
}

/** What a reader is shown of a subscription (a provider: less of the members it does not provide). */
export type SubscriptionView = Omit<Subscription, 'members' | 'seatChanges'> & {
  readonly members: ReadonlyArray<SubscriptionMember | Pick<SubscriptionMember, 'service' | 'provider' | 'addedAt' | 'removedAt'>>
  readonly seatChanges: ReadonlyArray<SeatChange | Omit<SeatChange, 'monthlyCents'>>
  readonly names: Record<string, string>
}

/**
 * A subscription as its reader sees it: its history in the request's language, `names` labelling
 * its members and their providers. A provider sees every member (a fault may be on a link to
 * another's), but the offer, price and reference of its own members only, its own share as the
 * monthly total, and the seat changes without the totals.
 */
export async function subscriptionView (engine: Engine, request: FastifyRequest, subscription: Subscription): Promise<SubscriptionView> {
  const principal = principalOf(request)
  const language = requestLanguage(request)
  const named = subscription.members.flatMap(member => [member.service, member.provider])
  const shown = subscriptionIn(subscription, language)
  const names = await namesOf(engine, named, language)
  if (principal.role !== 'provider') return { ...shown, names }
  const own = (member: SubscriptionMember) => member.provider === principal.id
  const members = shown.members.map(member => own(member)
    ? member
    : { service: member.service, provider: member.provider, addedAt: member.addedAt, ...(member.removedAt === undefined ? {} : { removedAt: member.removedAt }) })
  const monthlyCents = shown.members.filter(member => own(member) && member.removedAt === undefined).reduce((sum, member) => sum + (member.monthlyCents ?? 0), 0)
  const seatChanges = shown.seatChanges.map(({ monthlyCents: _total, ...change }) => change)
  return { ...shown, members, monthlyCents, seatChanges, names }
}
