/**
 * Changes of an active subscription, each an order through the providers' adapters: seats
 * (one `modify` item per provider, re-priced by the composer), members (new ones ordered
 * first, removed ones cancelled after) and cancellation (one cancellation item per provider).
 * Only one change runs at a time per subscription.
 */
import { randomUUID } from 'node:crypto'
import type { CompositionAnswer, CompositionRequest } from '../composer/index.js'
import { SymphonyError } from '../errors.js'
import * as texts from './event-texts.js'
import { byOrder, cancelRequested, membersChanged, seatsChanged } from './history-texts.js'
import { newEvent } from './event-texts.js'
import { subscriptionNamed, subscriptionTransitions, transition } from './lifecycle.js'
import { checkSeats } from './order-context.js'
import type { OrderContext } from './order-context.js'
import type { OperationsStore } from './operations-store.js'
import { findBundle, linesOf, newOrder, recheckRequest, splitItems } from './place-order.js'
import type { NewOrderFields, ServiceFacts } from './place-order.js'
import { currentMembers } from './subscription-record.js'
import type { Actor, ItemAction, Order, OrderItem, OrderLine, Subscription } from './types.js'

export interface ChangeDependencies {
  readonly records: OperationsStore
  readonly compose: (request: CompositionRequest) => Promise<CompositionAnswer>
  readonly context: OrderContext
  readonly now: () => string
  /** Starts driving a stored order. */
  readonly drive: (id: string) => void
}

/** A subscription; NOT_FOUND when there is none. */
export async function storedSubscription (records: OperationsStore, id: string): Promise<Subscription> {
  const subscription = await records.subscription(id)
  if (subscription === undefined) throw new SymphonyError('NOT_FOUND', { en: `no subscription ${id}`, de: `kein Abonnement ${id}` })
  return subscription
}

export class SubscriptionChanges {
  readonly #deps: ChangeDependencies

  constructor (deps: ChangeDependencies) {
    this.#deps = deps
  }

  /** Changes the seats of a subscription: re-priced by the composer, one `modify` item per provider. */
  async changeSeats (subscriptionId: string, change: { seats: number, concurrentSeats?: number }, by: Actor): Promise<Order> {
    const subscription = await this.#changeable(subscriptionId)
    const concurrentSeats = change.concurrentSeats ?? change.seats
    checkSeats(change.seats, concurrentSeats)
    if (change.seats === subscription.seats && concurrentSeats === subscription.concurrentSeats) {
      throw new SymphonyError('INVALID_REQUEST', { en: `subscription ${subscriptionId} already has ${change.seats} seats`, de: `das Abonnement ${subscriptionId} hat bereits ${change.seats} Plätze` })
    }
    const services = currentMembers(subscription).map(m => m.service)
    const bundle = findBundle(await this.#deps.compose(recheckRequest(subscription.request, change.seats, concurrentSeats)), services)
    const lines = linesOf(bundle)
    return this.#placeChange(subscription, {
      kind: 'changeSeats', request: subscription.request, services, seats: change.seats, concurrentSeats,
      previousSeats: subscription.seats, previousConcurrentSeats: subscription.concurrentSeats, configurations: [],
      currency: bundle.price.currency, lines, changed: [{ lines, action: 'modify' }], by, why: seatsChanged(subscription.seats, change.seats)
    })
  }

  /**
   * Adds or removes members: the new member set must be a bundle the composer answers for the
   * (updated) request; new members are ordered first, removed ones cancelled after.
   */
  async changeMembers (subscriptionId: string, change: { request?: CompositionRequest, services: readonly string[], configurations?: readonly string[] }, by: Actor): Promise<Order> {
    const subscription = await this.#changeable(subscriptionId)
    const request = change.request ?? subscription.request
    const bundle = findBundle(await this.#deps.compose(recheckRequest(request, subscription.seats, subscription.concurrentSeats)), change.services)
    const current = new Set(currentMembers(subscription).map(m => m.service))
    const lines = linesOf(bundle)
    const added = lines.filter(line => !current.has(line.service))
    const removed = currentMembers(subscription).filter(m => !bundle.services.includes(m.service))
    if (added.length === 0 && removed.length === 0) throw new SymphonyError('INVALID_REQUEST', { en: `subscription ${subscriptionId} already has exactly these members`, de: `das Abonnement ${subscriptionId} hat bereits genau diese Bestandteile` })
    return this.#deps.context.withConfigurations(async () => this.#placeChange(subscription, {
      kind: 'changeMembers', request, services: bundle.services, seats: subscription.seats, concurrentSeats: subscription.concurrentSeats,
      configurations: await this.#deps.context.checkConfigurations(change.configurations ?? [], bundle.services, { customer: subscription.customer, by }),
      currency: bundle.price.currency, lines,
      changed: [{ lines: added, action: 'order' }, { lines: removed.map(m => ({ service: m.service, offer: m.offer, monthlyCents: m.monthlyCents })), action: 'cancel' }],
      by,
      why: membersChanged(added.map(l => l.service), removed.map(m => m.service))
    }))
  }

  /** Cancels a subscription: one cancellation item per provider. */
  async cancel (subscriptionId: string, by: Actor, reason?: string): Promise<Order> {
    const subscription = await this.#changeable(subscriptionId)
    const members = currentMembers(subscription)
    const lines = members.map(m => ({ service: m.service, offer: m.offer, monthlyCents: m.monthlyCents }))
    return this.#placeChange(subscription, {
      kind: 'cancel', request: subscription.request, services: members.map(m => m.service),
      seats: subscription.seats, concurrentSeats: subscription.concurrentSeats, configurations: [], currency: subscription.currency,
      lines, changed: [{ lines, action: 'cancel' }], by, why: cancelRequested(reason)
    })
  }

  async #changeable (id: string): Promise<Subscription> {
    const subscription = await storedSubscription(this.#deps.records, id)
    if (subscription.state !== 'active') {
      throw new SymphonyError('ILLEGAL_TRANSITION', {
        en: `subscription ${id} is ${subscription.state}; only an active subscription can be changed`,
        de: `das Abonnement ${id} ist im Zustand ${subscription.state}; nur ein aktives Abonnement lässt sich ändern`
      })
    }
    const open = (await this.#deps.records.orders()).find(o => o.subscription === id && o.state !== 'completed' && o.state !== 'failed')
    if (open !== undefined) {
      throw new SymphonyError('CONFLICT', {
        en: `order ${open.id} is still changing subscription ${id}; wait until it completes or fails`,
        de: `der Auftrag ${open.id} ändert das Abonnement ${id} noch; warten Sie, bis er abgeschlossen oder gescheitert ist`
      })
    }
    return subscription
  }

  async #placeChange (subscription: Subscription, change: Omit<NewOrderFields, 'id' | 'customer' | 'subscription' | 'items' | 'at'> & {
    changed: ReadonlyArray<{ lines: readonly OrderLine[], action: ItemAction }>
  }): Promise<Order> {
    const { changed, ...fields } = change
    const id = randomUUID()
    const at = this.#deps.now()
    const members = new Map(currentMembers(subscription).map(m => [m.service, m]))
    const newServices = changed.flatMap(c => c.lines.map(l => l.service)).filter(s => !members.has(s))
    const facts = await this.#deps.context.facts(newServices)
    const names = await this.#deps.context.names()
    const factsOf = (service: string): ServiceFacts => {
      const member = members.get(service)
      return member !== undefined ? { provider: member.provider, adapter: member.adapter } : facts.get(service)!
    }
    const items: OrderItem[] = []
    for (const { lines, action } of changed) {
      if (lines.length === 0) continue
      const split = splitItems(id, lines, action, factsOf, names, at, change.by, items.length + 1)
      items.push(...split.map(item => {
        const reference = item.lines.map(l => members.get(l.service)?.reference).find(r => r !== undefined)
        return action === 'order' || reference === undefined ? item : { ...item, reference }
      }))
    }
    const order = newOrder({ ...fields, id, customer: { id: subscription.customer, name: subscription.customerName }, subscription: subscription.id, items, at })
    const updated = change.kind === 'cancel'
      ? transition(subscriptionTransitions, subscriptionNamed(subscription.id), subscription, 'cancelling', { at, by: change.by, why: byOrder(id) })
      : subscription
    await this.#deps.records.write({
      orders: [order],
      subscriptions: [{ ...updated, orders: [...updated.orders, id] }],
      events: [newEvent(order.customer, at, 'order.state', order.iri, texts.orderAcknowledged(id, change.kind), { order: id, state: order.state, subscription: subscription.id })]
    })
    this.#deps.drive(id)
    return order
  }
}
