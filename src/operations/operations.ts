/**
 * Marketplace operations: booking a bundle, driving its items through the providers' adapters
 * until the order completes or fails (then undoing what succeeded), subscriptions and their
 * changes, and each customer's event feed. State lives in the operations graphs of the store;
 * every step is written before the next one starts, so a restart resumes where it stopped
 * (`resume`) and the idempotency keys make sure nothing is ordered twice.
 *
 * @example
 * const operations = new Operations({ store, compose, catalog, checkConfiguration, secrets, callbackBase: 'http://localhost:8080' })
 * const order = await operations.book({ id: customer, name: 'Kanzlei Weber' }, { request, services, seats: 12 })
 * await operations.resume()
 */
import { randomUUID } from 'node:crypto'
import type { Quad } from '@rdfjs/types'
import type { Catalog } from '../catalog/index.js'
import { nameServiceNodes } from '../catalog/service-node-names.js'
import type { BundleLink, CompositionAnswer, CompositionRequest } from '../composer/index.js'
import { SymphonyError, type ErrorMessages } from '../errors.js'
import * as texts from './event-texts.js'
import type { Store } from '../store/index.js'
import { adapterOf } from './adapter-description.js'
import { isPolled, pollItem, sendItem, stateOfAnswer, undoItem } from './item-dispatch.js'
import type { DispatchContext } from './item-dispatch.js'
import { itemTransitions, subscriptionNamed, subscriptionTransitions, transition } from './lifecycle.js'
import { isFailing, itemsToSend, itemsToUndo, moveItem, settleOrder, withItem } from './order-progress.js'
import { OperationsStore } from './operations-store.js'
import type { OperationsWrite } from './operations-store.js'
import { findBundle, linesOf, newOrder, recheckRequest, splitItems } from './place-order.js'
import type { NewOrderFields } from './place-order.js'
import type { BookingRequest, ServiceFacts } from './place-order.js'
import type { ProviderStatus, RetryPolicy } from './provider-call.js'
import type { SecretLookup } from './secrets.js'
import { applyOrder, currentMembers, subscriptionOf } from './subscription-record.js'
import { CustomerWebhooks } from './webhooks.js'
import type { Actor, ItemAction, OperationsEvent, Order, OrderItem, OrderLine, Subscription } from './types.js'

/** What operations need from the rest of the engine. */
export interface OperationsDependencies {
  readonly store: Store
  readonly compose: (request: CompositionRequest) => Promise<CompositionAnswer>
  readonly catalog: () => Promise<Catalog>
  /** SHACL check of a stored configuration; `configures`: the services it is about. */
  readonly checkConfiguration: (id: string) => Promise<{ ok: boolean, configures: readonly string[], issues: readonly string[], quads: readonly Quad[] }>
  readonly secrets: SecretLookup
  /** Base URL providers call back to (`<base>/orders/<id>/items/<item>/status`). */
  readonly callbackBase: string
  /** Current time; tests move it. */
  readonly clock?: () => Date
  /** How long to wait (backoff, polling); injected so tests control it. */
  readonly sleep?: (ms: number) => Promise<void>
  readonly policy?: Partial<Omit<RetryPolicy, 'sleep'>>
  /** Milliseconds between status requests to polled providers. */
  readonly pollIntervalMs?: number
  /** Customers' webhooks may point at `localhost` and loopback, link-local and private IP literals (default false). */
  readonly allowPrivateWebhooks?: boolean
  /** Retries of webhook deliveries to customers (default: as `policy`). */
  readonly webhookPolicy?: Partial<Omit<RetryPolicy, 'sleep'>>
}

/** A provider's report on one item (callback or manual confirmation). */
export interface ItemReport {
  readonly status: ProviderStatus
  readonly reason?: string
  readonly reference?: string
}

export interface Customer {
  readonly id: string
  readonly name: string
}

export class Operations {
  readonly records: OperationsStore
  /** Customers' webhooks: where their events are pushed. */
  readonly webhooks: CustomerWebhooks
  readonly #deps: OperationsDependencies
  readonly #dispatch: DispatchContext
  readonly #locks = new Map<string, Promise<unknown>>()
  readonly #drivers = new Map<string, Promise<void>>()
  readonly #wakers = new Map<string, () => void>()
  #closed = false

  constructor (deps: OperationsDependencies) {
    this.#deps = deps
    this.records = new OperationsStore(deps.store, { onEvents: events => this.webhooks.notify(events) })
    const sleep = deps.sleep ?? (ms => new Promise<void>(resolve => setTimeout(resolve, ms)))
    const policy = { timeoutMs: deps.policy?.timeoutMs ?? 10_000, attempts: deps.policy?.attempts ?? 4, backoffMs: deps.policy?.backoffMs ?? 500, sleep }
    this.webhooks = new CustomerWebhooks({
      store: deps.store,
      events: () => this.records.events(),
      policy: { ...policy, ...deps.webhookPolicy },
      allowPrivate: deps.allowPrivateWebhooks ?? false,
      ...(deps.clock === undefined ? {} : { clock: deps.clock })
    })
    this.#dispatch = {
      secrets: deps.secrets,
      policy,
      callbackUrl: (order, item) => `${deps.callbackBase.replace(/\/+$/, '')}/orders/${order.id}/items/${item.id}/status`,
      contextQuads: (order, item) => this.#contextQuads(order, item)
    }
  }

  #now (): string {
    return (this.#deps.clock?.() ?? new Date()).toISOString()
  }

  // ── Booking ─────────────────────────────────────────────────────────────────────────────

  /**
   * Books a bundle: re-checks it with the composer and its configurations with SHACL, prices
   * it, stores the order with one item per provider, and starts sending the items.
   */
  async book (customer: Customer, booking: BookingRequest): Promise<Order> {
    const seats = booking.seats ?? booking.request.seats ?? 1
    const concurrentSeats = booking.concurrentSeats ?? booking.request.concurrentSeats ?? seats
    checkSeats(seats, concurrentSeats)
    if (booking.services.length === 0) throw new SymphonyError('INVALID_REQUEST', { en: 'name the bundle\'s services to book', de: 'nennen Sie die Dienste des Bündels, das Sie buchen' })
    const bundle = findBundle(await this.#deps.compose(recheckRequest(booking.request, seats, concurrentSeats)), booking.services)
    const configurations = await this.#checkConfigurations(booking.configurations ?? [], bundle.services)
    const id = randomUUID()
    const at = this.#now()
    const by: Actor = { role: 'customer', id: customer.id }
    const lines = linesOf(bundle)
    const facts = await this.#facts(bundle.services)
    const order = newOrder({
      id, kind: 'book', customer, request: booking.request, services: bundle.services, seats, concurrentSeats, configurations,
      currency: bundle.price.currency, lines, items: splitItems(id, lines, 'order', s => facts.get(s)!, at, by), at, by, why: 'booked'
    })
    await this.records.write({ orders: [order], events: [event(order.customer, at, 'order.state', order.iri, texts.orderAcknowledged(order.id), { order: order.id, state: order.state })] })
    this.#drive(order.id)
    return order
  }

  /** One order; NOT_FOUND when there is none. */
  async order (id: string): Promise<Order> {
    const order = await this.records.order(id)
    if (order === undefined) throw new SymphonyError('NOT_FOUND', { en: `no order ${id}`, de: `kein Auftrag ${id}` })
    return order
  }

  /** Orders of a customer, with items of a provider, or all (operator), oldest first. */
  async orders (filter: { customer?: string, provider?: string } = {}): Promise<Order[]> {
    return (await this.records.orders()).filter(order =>
      (filter.customer === undefined || order.customer === filter.customer) &&
      (filter.provider === undefined || order.items.some(item => item.provider === filter.provider)))
  }

  /**
   * A provider's report on its item (callback, or confirmation of a manual item). A report of
   * the state the item already has changes nothing (duplicate callbacks); a step back is an
   * ILLEGAL_TRANSITION.
   */
  async report (orderId: string, itemId: string, report: ItemReport, by: Actor): Promise<Order> {
    const order = await this.#apply(orderId, current => {
      const item = current.items.find(i => i.id === itemId)
      if (item === undefined) throw new SymphonyError('NOT_FOUND', { en: `order ${orderId} has no item ${itemId}`, de: `der Auftrag ${orderId} hat keine Position ${itemId}` })
      const to = stateOfAnswer(item.action, { ok: true, attempts: 0, status: report.status })
      const why = report.reason ?? `${by.role} reported ${report.status}`
      return withItem(current, itemId, i => ({
        ...moveItem(current, i, to, { at: this.#now(), by, why }),
        ...(report.reference === undefined ? {} : { reference: report.reference }),
        ...(to === 'failed' ? { reason: report.reason ?? 'the provider reported a failure' } : {})
      }))
    })
    this.#drive(orderId)
    return order
  }

  // ── Subscriptions ───────────────────────────────────────────────────────────────────────

  async subscription (id: string): Promise<Subscription> {
    const subscription = await this.records.subscription(id)
    if (subscription === undefined) throw new SymphonyError('NOT_FOUND', { en: `no subscription ${id}`, de: `kein Abonnement ${id}` })
    return subscription
  }

  /** Subscriptions of a customer, with members of a provider, or all, oldest first. */
  async subscriptions (filter: { customer?: string, provider?: string, service?: string } = {}): Promise<Subscription[]> {
    return (await this.records.subscriptions()).filter(s =>
      (filter.customer === undefined || s.customer === filter.customer) &&
      (filter.provider === undefined || s.members.some(m => m.provider === filter.provider)) &&
      (filter.service === undefined || currentMembers(s).some(m => m.service === filter.service)))
  }

  /**
   * The links between the current members of a subscription, as the composer answers its bundle
   * today (which member's requirement the other meets, through which interface).
   */
  async links (subscriptionId: string): Promise<readonly BundleLink[]> {
    const subscription = await this.subscription(subscriptionId)
    const services = currentMembers(subscription).map(m => m.service)
    const bundle = findBundle(await this.#deps.compose(recheckRequest(subscription.request, subscription.seats, subscription.concurrentSeats)), services)
    return bundle.links
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
      currency: bundle.price.currency, lines, changed: [{ lines, action: 'modify' }], by, why: `seats ${subscription.seats} → ${change.seats}`
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
    const configurations = await this.#checkConfigurations(change.configurations ?? [], bundle.services)
    return this.#placeChange(subscription, {
      kind: 'changeMembers', request, services: bundle.services, seats: subscription.seats, concurrentSeats: subscription.concurrentSeats,
      configurations, currency: bundle.price.currency, lines,
      changed: [{ lines: added, action: 'order' }, { lines: removed.map(m => ({ service: m.service, offer: m.offer, monthlyCents: m.monthlyCents })), action: 'cancel' }],
      by,
      why: [added.length > 0 ? `add ${added.map(l => l.service).join(', ')}` : '', removed.length > 0 ? `remove ${removed.map(m => m.service).join(', ')}` : ''].filter(Boolean).join('; ')
    })
  }

  /** Cancels a subscription: one cancellation item per provider. */
  async cancel (subscriptionId: string, by: Actor, reason?: string): Promise<Order> {
    const subscription = await this.#changeable(subscriptionId)
    const members = currentMembers(subscription)
    const lines = members.map(m => ({ service: m.service, offer: m.offer, monthlyCents: m.monthlyCents }))
    return this.#placeChange(subscription, {
      kind: 'cancel', request: subscription.request, services: members.map(m => m.service),
      seats: subscription.seats, concurrentSeats: subscription.concurrentSeats, configurations: [], currency: subscription.currency,
      lines, changed: [{ lines, action: 'cancel' }], by, why: reason === undefined || reason === '' ? 'cancel the subscription' : `cancel the subscription: ${reason}`
    })
  }

  // ── Events ──────────────────────────────────────────────────────────────────────────────

  /** A customer's events (all customers' for the operator), oldest first, after `since` when given. */
  async events (filter: { customer?: string, since?: string } = {}): Promise<OperationsEvent[]> {
    return (await this.records.events()).filter(e =>
      (filter.customer === undefined || e.customer === filter.customer) && (filter.since === undefined || e.at > filter.since))
  }

  /**
   * A provider deprecated a description version or published a new one: every active
   * subscription with one of the services gets an event for its customer. Returns the
   * subscriptions affected.
   */
  async serviceChanged (change: { type: 'service.deprecated' | 'service.newVersion', services: readonly string[], version: number, provider: string }): Promise<Subscription[]> {
    const services = new Set(change.services)
    const affected = (await this.records.subscriptions()).filter(s => s.state !== 'cancelled' && currentMembers(s).some(m => services.has(m.service)))
    const at = this.#now()
    const events = affected.map(s => {
      const members = currentMembers(s).filter(m => services.has(m.service)).map(m => m.service)
      return event(s.customer, at, change.type, s.iri, texts.serviceChanged(change.provider, change.type, change.version, members, s.id),
        { subscription: s.id, provider: change.provider, version: change.version, services: members.join(' ') })
    })
    await this.records.write({ events })
    return affected
  }

  // ── Running orders ──────────────────────────────────────────────────────────────────────

  /** Picks up every order that is not finished (after a restart) and starts delivering to customers' webhooks from their cursors. */
  async resume (): Promise<string[]> {
    const open = (await this.records.orders()).filter(order => order.state !== 'completed' && order.state !== 'failed')
    for (const order of open) this.#drive(order.id)
    await this.webhooks.start()
    return open.map(order => order.id)
  }

  /** Resolves once the order is completed or failed (or operations close). */
  async settled (id: string): Promise<Order> {
    for (;;) {
      const order = await this.order(id)
      if (order.state === 'completed' || order.state === 'failed' || this.#closed) return order
      const driver = this.#drivers.get(id)
      if (driver === undefined) {
        this.#drive(id)
        continue
      }
      await driver
    }
  }

  /** Stops driving orders (requests in flight finish, their outcome is stored) and delivering to webhooks. */
  async close (): Promise<void> {
    this.#closed = true
    for (const wake of this.#wakers.values()) wake()
    await Promise.allSettled([...this.#drivers.values()])
    await this.webhooks.close()
  }

  #drive (id: string): void {
    if (this.#closed) return
    if (this.#drivers.has(id)) {
      this.#wakers.get(id)?.()
      return
    }
    const run = this.#run(id).catch(() => { /* the stored state is the truth; the next resume retries */ }).finally(() => { this.#drivers.delete(id) })
    this.#drivers.set(id, run)
  }

  async #run (id: string): Promise<void> {
    const pollInterval = this.#deps.pollIntervalMs ?? 2000
    while (!this.#closed) {
      const order = await this.records.order(id)
      if (order === undefined || order.state === 'completed' || order.state === 'failed') return
      const work = [
        ...itemsToSend(order).filter(item => item.adapter.kind === 'http').map(item => this.#send(id, item.id)),
        ...itemsToUndo(order).map(item => this.#undo(id, item.id))
      ]
      if (work.length > 0) {
        await Promise.all(work)
        continue
      }
      const polled = isFailing(order) ? [] : order.items.filter(item => (item.state === 'acknowledged' || item.state === 'inProgress') && isPolled(item))
      const woken = await this.#sleepUntilWoken(id, polled.length > 0 ? pollInterval : undefined)
      if (!woken && polled.length > 0) await Promise.all(polled.map(item => this.#poll(id, item.id)))
    }
  }

  /** Waits for a report on the order (true) or, when given, `ms` (false). */
  #sleepUntilWoken (id: string, ms: number | undefined): Promise<boolean> {
    return new Promise<boolean>(resolve => {
      let timer: NodeJS.Timeout | undefined
      const wake = () => {
        if (timer !== undefined) clearTimeout(timer)
        this.#wakers.delete(id)
        resolve(true)
      }
      this.#wakers.set(id, wake)
      if (ms !== undefined) {
        timer = setTimeout(() => {
          this.#wakers.delete(id)
          resolve(false)
        }, ms)
      }
    })
  }

  async #send (id: string, itemId: string): Promise<void> {
    // The attempt is stored before the request: after a crash, the item is known to be possibly sent.
    const before = await this.#apply(id, order => withItem(order, itemId, item => item.state === 'new' ? { ...item, attempts: item.attempts + 1 } : item))
    const item = before.items.find(i => i.id === itemId)!
    if (item.state !== 'new') return
    const outcome = await sendItem(before, item, this.#dispatch)
    await this.#apply(id, order => withItem(order, itemId, current => {
      const attempts = current.attempts + Math.max(outcome.attempts - 1, 0)
      const recorded = { ...current, attempts, ...(outcome.ok && outcome.reference !== undefined ? { reference: outcome.reference } : {}) }
      if (current.state !== 'new') return recorded // a callback overtook the answer
      const by: Actor = { role: 'provider', id: current.provider }
      if (!outcome.ok) return { ...moveItem(order, recorded, 'failed', { at: this.#now(), by: platformActor, why: outcome.reason }), reason: outcome.reason }
      const to = stateOfAnswer(current.action, outcome)
      const why = outcome.reason ?? `answered ${outcome.status}`
      return { ...moveItem(order, recorded, to, { at: this.#now(), by, why }), ...(to === 'failed' ? { reason: outcome.reason ?? 'the provider refused the item' } : {}) }
    }))
  }

  async #poll (id: string, itemId: string): Promise<void> {
    const order = await this.records.order(id)
    const item = order?.items.find(i => i.id === itemId)
    if (order === undefined || item === undefined || (item.state !== 'acknowledged' && item.state !== 'inProgress')) return
    const outcome = await pollItem(item, this.#dispatch)
    if (!outcome.ok) return // asked again at the next interval
    await this.#apply(id, current => withItem(current, itemId, i => {
      const to = stateOfAnswer(i.action, outcome)
      if (i.state === to || !itemTransitions[i.state].includes(to)) return i
      return { ...moveItem(current, i, to, { at: this.#now(), by: { role: 'provider', id: i.provider }, why: outcome.reason ?? `status ${outcome.status}` }), ...(to === 'failed' ? { reason: outcome.reason ?? 'the provider reported a failure' } : {}) }
    }))
  }

  async #undo (id: string, itemId: string): Promise<void> {
    const at = () => this.#now()
    const marked = await this.#apply(id, order => withItem(order, itemId, item => {
      // Never sent, or nothing to call: cancelled at once.
      if ((item.state === 'new' && item.attempts === 0) || item.adapter.kind === 'manual') {
        return moveItem(order, item, 'cancelled', { at: at(), by: platformActor, why: item.adapter.kind === 'manual' ? 'order failed; the provider sees the cancellation in its items' : 'order failed before the item was sent' })
      }
      return { ...item, undo: 'requested' as const }
    }))
    const item = marked.items.find(i => i.id === itemId)!
    if (item.undo !== 'requested' || item.state === 'cancelled') return
    const outcome = await undoItem(marked, item, this.#dispatch)
    await this.#apply(id, order => withItem(order, itemId, current => {
      if (current.state === 'cancelled' || current.state === 'failed') return current
      if (outcome.ok && outcome.status !== 'failed') {
        return moveItem(order, current, 'cancelled', { at: at(), by: { role: 'provider', id: current.provider }, why: 'undone after a failure elsewhere in the order' })
      }
      const reason = outcome.ok ? outcome.reason ?? 'the provider refused the cancellation' : outcome.reason
      return { ...current, undo: 'failed' as const, reason: `could not be undone: ${reason}` }
    }))
  }

  /**
   * Changes an order under its lock: reads the stored order, applies `change`, settles the
   * order state, and writes the order with what follows from it (subscription, events) all or
   * nothing. Wakes the order's driver.
   */
  async #apply (id: string, change: (order: Order) => Order): Promise<Order> {
    const previous = this.#locks.get(id) ?? Promise.resolve()
    const next = previous.catch(() => undefined).then(async () => {
      const order = await this.order(id)
      const changed = settleOrder(change(order), this.#now())
      const write = await this.#consequences(order, changed)
      await this.records.write({ ...write, orders: [changed] })
      return changed
    })
    this.#locks.set(id, next)
    try {
      return await next
    } finally {
      if (this.#locks.get(id) === next) this.#locks.delete(id)
      this.#wakers.get(id)?.()
    }
  }

  async #consequences (before: Order, after: Order): Promise<OperationsWrite> {
    const at = this.#now()
    const events: OperationsEvent[] = []
    for (const item of after.items) {
      const old = before.items.find(i => i.id === item.id)
      if (old !== undefined && old.state !== item.state) {
        events.push(event(after.customer, at, 'item.state', after.iri, texts.itemState(item.provider, item.id, after.id, item.state), { order: after.id, item: item.id, provider: item.provider, state: item.state }))
      }
    }
    if (before.state === after.state) return { events }
    events.push(event(after.customer, at, 'order.state', after.iri, texts.orderState(after.id, after.state, after.reason), { order: after.id, state: after.state }))
    if (after.state !== 'completed' && after.state !== 'failed') return { events }
    if (after.kind === 'book') {
      if (after.state !== 'completed') return { events }
      const subscription = subscriptionOf(after, at)
      events.push(event(after.customer, at, 'subscription.changed', subscription.iri, texts.subscriptionActive(subscription.id), { subscription: subscription.id, state: 'active' }))
      return { events, subscriptions: [subscription] }
    }
    const subscription = after.subscription === undefined ? undefined : await this.records.subscription(after.subscription)
    if (subscription === undefined) return { events }
    const updated = applyOrder(subscription, after, at)
    events.push(event(after.customer, at, 'subscription.changed', updated.iri, texts.subscriptionChanged(updated.id, after.kind, after.state), { subscription: updated.id, state: updated.state, order: after.id }))
    const removeGraphs = after.kind === 'changeMembers' && after.state === 'failed' ? await this.#unheldConfigurations(after) : []
    return { events, subscriptions: [updated], ...(removeGraphs.length === 0 ? {} : { removeGraphs }) }
  }

  /**
   * The stored configurations only this failed order used: no subscription holds them and no
   * other order names them. A refused member change takes its new members' configuration with it.
   */
  async #unheldConfigurations (order: Order): Promise<string[]> {
    const held = new Set([
      ...(await this.records.subscriptions()).flatMap(s => s.configurations),
      ...(await this.records.orders()).filter(o => o.id !== order.id).flatMap(o => o.configurations)
    ])
    return order.configurations.filter(id => !held.has(id))
  }

  async #changeable (id: string): Promise<Subscription> {
    const subscription = await this.subscription(id)
    if (subscription.state !== 'active') {
      throw new SymphonyError('ILLEGAL_TRANSITION', {
        en: `subscription ${id} is ${subscription.state}; only an active subscription can be changed`,
        de: `das Abonnement ${id} ist im Zustand ${subscription.state}; nur ein aktives Abonnement lässt sich ändern`
      })
    }
    const open = (await this.records.orders()).find(o => o.subscription === id && o.state !== 'completed' && o.state !== 'failed')
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
    const at = this.#now()
    const members = new Map(currentMembers(subscription).map(m => [m.service, m]))
    const newServices = changed.flatMap(c => c.lines.map(l => l.service)).filter(s => !members.has(s))
    const facts = await this.#facts(newServices)
    const factsOf = (service: string): ServiceFacts => {
      const member = members.get(service)
      return member !== undefined ? { provider: member.provider, adapter: member.adapter } : facts.get(service)!
    }
    const items: OrderItem[] = []
    for (const { lines, action } of changed) {
      if (lines.length === 0) continue
      const split = splitItems(id, lines, action, factsOf, at, change.by, items.length + 1)
      items.push(...split.map(item => {
        const reference = item.lines.map(l => members.get(l.service)?.reference).find(r => r !== undefined)
        return action === 'order' || reference === undefined ? item : { ...item, reference }
      }))
    }
    const order = newOrder({ ...fields, id, customer: { id: subscription.customer, name: subscription.customerName }, subscription: subscription.id, items, at })
    const updated = change.kind === 'cancel'
      ? transition(subscriptionTransitions, subscriptionNamed(subscription.id), subscription, 'cancelling', { at, by: change.by, why: `order ${id}` })
      : subscription
    await this.records.write({
      orders: [order],
      subscriptions: [{ ...updated, orders: [...updated.orders, id] }],
      events: [event(order.customer, at, 'order.state', order.iri, texts.orderAcknowledged(id, change.kind), { order: id, state: order.state, subscription: subscription.id })]
    })
    this.#drive(id)
    return order
  }

  async #checkConfigurations (ids: readonly string[], services: readonly string[]): Promise<string[]> {
    const members = new Set(services)
    for (const id of ids) {
      const check = await this.#deps.checkConfiguration(id)
      const foreign = check.configures.filter(s => !members.has(s))
      if (foreign.length > 0) {
        throw new SymphonyError('INVALID_REQUEST', {
          en: `configuration ${id} configures ${foreign.join(', ')}, which is not in the bundle`,
          de: `die Konfiguration ${id} konfiguriert ${foreign.join(', ')}, das nicht zum Bündel gehört`
        })
      }
      if (!check.ok) {
        // The issues are the shapes' own messages: quoted as they are in both languages.
        const issues = check.issues.join('; ')
        throw new SymphonyError('NOT_CONFORMING', {
          en: `configuration ${id} no longer conforms: ${issues}`,
          de: `die Konfiguration ${id} ist nicht mehr konform: ${issues}`
        }, { details: { issues: check.issues } })
      }
    }
    return [...ids]
  }

  async #facts (services: readonly string[]): Promise<Map<string, ServiceFacts>> {
    const catalog = await this.#deps.catalog()
    const graphs = new Map<string, Quad[]>()
    const facts = new Map<string, ServiceFacts>()
    for (const iri of services) {
      const service = catalog.services.get(iri)
      if (service === undefined) throw new SymphonyError('UNKNOWN_SERVICE', { en: `${iri} is not in the catalog`, de: `${iri} ist nicht im Katalog` })
      const graph = service.graph ?? ''
      if (!graphs.has(graph)) graphs.set(graph, graph === '' ? [] : await this.#deps.store.graph(graph))
      facts.set(iri, { provider: service.provider ?? iri, adapter: adapterOf(graphs.get(graph)!, iri) })
    }
    return facts
  }

  async #contextQuads (order: Order, item: OrderItem): Promise<Quad[]> {
    const quads: Quad[] = []
    for (const id of order.configurations) quads.push(...(await this.#deps.checkConfiguration(id)).quads)
    const catalog = await this.#deps.catalog()
    const seen = new Set<string>()
    for (const line of item.lines) {
      const graph = catalog.services.get(line.service)?.graph
      if (graph === undefined || seen.has(graph)) continue
      seen.add(graph)
      // Interfaces and offers named as in the catalog: a line's offer is found in its description.
      quads.push(...nameServiceNodes(await this.#deps.store.graph(graph), catalog.serviceNodeRoles))
    }
    return quads
  }
}

const platformActor: Actor = { role: 'platform', id: 'symphony' }

function checkSeats (seats: number, concurrentSeats: number): void {
  for (const [name, value] of [['seats', seats], ['concurrentSeats', concurrentSeats]] as const) {
    if (!Number.isInteger(value) || value < 1) {
      throw new SymphonyError('INVALID_REQUEST', {
        en: `${name} must be a whole number of at least 1, not ${value}`,
        de: `${name} muss eine ganze Zahl von mindestens 1 sein, nicht ${value}`
      })
    }
  }
}

function event (customer: string, at: string, type: OperationsEvent['type'], subject: string, messages: ErrorMessages, data: OperationsEvent['data']): OperationsEvent {
  return { id: randomUUID(), at, customer, type, subject, message: messages.en, messages, data }
}
