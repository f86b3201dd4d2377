/**
 * Subscriptions from completed orders (pure): a completed booking starts one; a completed seat
 * change, member change or cancellation updates it. Removed members stay with `removedAt`, and
 * every change of seats or price appends to `seatChanges`, so billing can prorate any period.
 */
import { bookingCompleted, cancellationIncomplete, cancelledBy } from './history-texts.js'
import { subscriptionNamed, subscriptionTransitions, transition } from './lifecycle.js'
import { opsIris } from './names.js'
import type { Actor, Order, SeatChange, Subscription, SubscriptionMember } from './types.js'

const platform: Actor = { role: 'platform', id: 'symphony' }

/** The members in force (not removed). */
export function currentMembers (subscription: Subscription): SubscriptionMember[] {
  return subscription.members.filter(member => member.removedAt === undefined)
}

/** The subscription a completed booking order starts (same id as the order). */
export function subscriptionOf (order: Order, at: string): Subscription {
  return {
    id: order.id,
    iri: opsIris.subscription + order.id,
    customer: order.customer,
    customerName: order.customerName,
    state: 'active',
    orders: [order.id],
    request: order.request,
    members: membersOf(order, at),
    seats: order.seats,
    concurrentSeats: order.concurrentSeats,
    configurations: order.configurations,
    currency: order.currency,
    monthlyCents: order.monthlyCents,
    startedAt: at,
    seatChanges: [{ at, seats: order.seats, concurrentSeats: order.concurrentSeats, monthlyCents: order.monthlyCents, order: order.id, by: actorOf(order) }],
    history: [{ at, from: null, to: 'active', by: actorOf(order), why: bookingCompleted(order.id) }]
  }
}

/** The subscription after one of its change orders ended (completed or failed). */
export function applyOrder (subscription: Subscription, order: Order, at: string): Subscription {
  const orders = subscription.orders.includes(order.id) ? subscription.orders : [...subscription.orders, order.id]
  if (order.kind === 'cancel') {
    const cancelled = new Set(order.items.filter(item => item.state === 'completed').flatMap(item => item.lines.map(line => line.service)))
    const members = subscription.members.map(m => m.removedAt === undefined && cancelled.has(m.service) ? { ...m, removedAt: at } : m)
    const remaining = members.filter(m => m.removedAt === undefined)
    const monthlyCents = remaining.reduce((sum, m) => sum + (m.monthlyCents ?? 0), 0)
    const ended = remaining.length === 0
    const next = transition(subscriptionTransitions, subscriptionNamed(subscription.id), subscription, ended ? 'cancelled' : 'active', {
      at, by: platform, why: ended ? cancelledBy(order.id) : cancellationIncomplete(order.reason)
    })
    const seats = ended ? 0 : subscription.seats
    const concurrentSeats = ended ? 0 : subscription.concurrentSeats
    return {
      ...next,
      orders,
      members,
      monthlyCents,
      ...(ended ? { cancelledAt: at } : {}),
      seatChanges: [...subscription.seatChanges, { at, seats, concurrentSeats, monthlyCents, order: order.id, by: actorOf(order) }]
    }
  }
  if (order.state !== 'completed') return { ...subscription, orders }
  if (order.kind === 'changeSeats') {
    const prices = new Map(order.items.flatMap(item => item.lines).map(line => [line.service, line.monthlyCents]))
    return {
      ...subscription,
      orders,
      seats: order.seats,
      concurrentSeats: order.concurrentSeats,
      monthlyCents: order.monthlyCents,
      members: subscription.members.map(m => m.removedAt === undefined && prices.has(m.service) ? { ...m, monthlyCents: prices.get(m.service) ?? null } : m),
      seatChanges: [...subscription.seatChanges, change(order, at, order.seats, order.concurrentSeats)]
    }
  }
  if (order.kind === 'changeMembers') {
    const keep = new Set(order.services)
    const members = [
      ...subscription.members.map(m => m.removedAt === undefined && !keep.has(m.service) ? { ...m, removedAt: at } : m),
      ...membersOf(order, at)
    ]
    return {
      ...subscription,
      orders,
      request: order.request,
      members,
      configurations: [...new Set([...subscription.configurations, ...order.configurations])],
      monthlyCents: order.monthlyCents,
      seatChanges: [...subscription.seatChanges, change(order, at, subscription.seats, subscription.concurrentSeats)]
    }
  }
  return { ...subscription, orders }
}

function membersOf (order: Order, at: string): SubscriptionMember[] {
  return order.items.filter(item => item.action === 'order').flatMap(item => item.lines.map(line => ({
    service: line.service,
    provider: item.provider,
    offer: line.offer,
    monthlyCents: line.monthlyCents,
    adapter: item.adapter,
    ...(item.reference === undefined ? {} : { reference: item.reference }),
    addedAt: at
  })))
}

function change (order: Order, at: string, seats: number, concurrentSeats: number): SeatChange {
  return { at, seats, concurrentSeats, monthlyCents: order.monthlyCents, order: order.id, by: actorOf(order) }
}

function actorOf (order: Order): Actor {
  return order.history[0]?.by ?? { role: 'customer', id: order.customer }
}
