/**
 * Marketplace operations: booking a bundle, driving its items through the providers' adapters
 * until the order completes or fails (then undoing what succeeded), subscriptions and their
 * changes, and each customer's event feed. State lives in the operations graphs of the store;
 * every step is written before the next one starts, so a restart resumes where it stopped
 * (`resume`) and the idempotency keys make sure nothing is ordered twice. Running orders are
 * in `order-driver.ts`, subscription changes in `subscription-changes.ts`.
 *
 * @example
 * const operations = new Operations({ store, compose, catalog, checkConfiguration, secrets, callbackBase: 'http://localhost:8080' })
 * const order = await operations.book({ id: customer, name: 'Kanzlei Weber' }, { request, services, seats: 12 })
 * await operations.resume()
 */
import { randomUUID } from 'node:crypto'
import type { Catalog } from '../catalog/index.js'
import type { BundleLink, CompositionAnswer, CompositionRequest } from '../composer/index.js'
import { SymphonyError } from '../errors.js'
import * as texts from './event-texts.js'
import { newEvent } from './event-texts.js'
import { booked, quoted, reportedStatus } from './history-texts.js'
import { stateOfAnswer } from './item-dispatch.js'
import { moveItem, withItem } from './order-progress.js'
import { OrderContext, checkSeats } from './order-context.js'
import type { ConfigurationCheck } from './order-context.js'
import { OrderDriver, providerFailure } from './order-driver.js'
import { OperationsStore } from './operations-store.js'
import { findBundle, linesOf, newOrder, recheckRequest, splitItems } from './place-order.js'
import type { BookingRequest } from './place-order.js'
import type { ProviderStatus, RetryPolicy } from './provider-call.js'
import { providerReportedFailure } from './reasons.js'
import type { SecretLookup } from './secrets.js'
import type { EndpointAddress } from './endpoint-address.js'
import { providerEgress } from './provider-egress.js'
import type { AddressLookup, EgressGuard } from './provider-egress.js'
import { notifyServiceChange } from './service-changes.js'
import type { ServiceChange } from './service-changes.js'
import { SubscriptionChanges, storedSubscription } from './subscription-changes.js'
import { currentMembers } from './subscription-record.js'
import { CustomerWebhooks } from './webhooks.js'
import type { Actor, OperationsEvent, Order, Subscription } from './types.js'
import type { Store } from '../store/index.js'

/** What operations need from the rest of the engine. */
export interface OperationsDependencies {
  readonly store: Store
  readonly compose: (request: CompositionRequest) => Promise<CompositionAnswer>
  readonly catalog: () => Promise<Catalog>
  /** SHACL check of a stored configuration; `configures`: the services it is about. */
  readonly checkConfiguration: ConfigurationCheck
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
  /** Where a described provider endpoint is actually requested (default: where it says). */
  readonly endpointAddress?: EndpointAddress
  /**
   * Provider endpoints may be on `localhost` and loopback, link-local, private and other
   * non-public addresses, named or resolved (default false: such requests are refused).
   */
  readonly allowPrivateProviders?: boolean
  /** Origins called even on a private address: providers the server runs itself (the sandbox of `serve`). */
  readonly providerOrigins?: readonly string[]
  /** How provider host names are resolved for that check (default: `dns.lookup` with `all: true`). */
  readonly lookupAddresses?: AddressLookup
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
  /** Which provider URLs may be requested: every order, status, cancellation and ticket request is checked. */
  readonly egress: EgressGuard
  readonly #deps: OperationsDependencies
  readonly #context: OrderContext
  readonly #driver: OrderDriver
  readonly #changes: SubscriptionChanges

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
      guard: providerEgress({
        allowPrivate: deps.allowPrivateWebhooks ?? false,
        audience: 'webhook',
        ...(deps.lookupAddresses === undefined ? {} : { lookup: deps.lookupAddresses })
      }),
      ...(deps.clock === undefined ? {} : { clock: deps.clock })
    })
    this.egress = providerEgress({
      allowPrivate: deps.allowPrivateProviders ?? false,
      ...(deps.providerOrigins === undefined ? {} : { allowedOrigins: deps.providerOrigins }),
      ...(deps.lookupAddresses === undefined ? {} : { lookup: deps.lookupAddresses })
    })
    const now = () => this.#now()
    this.#context = new OrderContext(deps)
    this.#driver = new OrderDriver({
      records: this.records,
      now,
      providerName: provider => this.#context.providerName(provider),
      dispatch: {
        secrets: deps.secrets,
        policy,
        callbackUrl: (order, item) => `${deps.callbackBase.replace(/\/+$/, '')}/orders/${order.id}/items/${item.id}/status`,
        contextQuads: (order, item) => this.#context.contextQuads(order, item),
        guard: this.egress,
        ...(deps.endpointAddress === undefined ? {} : { address: deps.endpointAddress })
      },
      ...(deps.pollIntervalMs === undefined ? {} : { pollIntervalMs: deps.pollIntervalMs })
    })
    this.#changes = new SubscriptionChanges({ records: this.records, compose: deps.compose, context: this.#context, now, drive: id => this.#driver.drive(id) })
  }

  #now (): string {
    return (this.#deps.clock?.() ?? new Date()).toISOString()
  }

  // ── Orders ──────────────────────────────────────────────────────────────────────────────

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
    const order = await this.#context.withConfigurations(async () => {
      const by: Actor = { role: 'customer', id: customer.id }
      const configurations = await this.#context.checkConfigurations(booking.configurations ?? [], bundle.services, { customer: customer.id, by })
      const id = randomUUID()
      const at = this.#now()
      const lines = linesOf(bundle)
      const facts = await this.#context.facts(bundle.services)
      const names = await this.#context.names()
      const created = newOrder({
        id, kind: 'book', customer, request: booking.request, services: bundle.services, seats, concurrentSeats, configurations,
        currency: bundle.price.currency, lines, items: splitItems(id, lines, 'order', s => facts.get(s)!, names, at, by), at, by, why: booked
      })
      await this.records.write({ orders: [created], events: [newEvent(created.customer, at, 'order.state', created.iri, texts.orderAcknowledged(created.id), { order: created.id, state: created.state })] })
      return created
    })
    this.#driver.drive(order.id)
    return order
  }

  /** One order; NOT_FOUND when there is none. */
  async order (id: string): Promise<Order> {
    return this.#driver.order(id)
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
   * ILLEGAL_TRANSITION. A failure's reason quotes the provider's own words.
   */
  async report (orderId: string, itemId: string, report: ItemReport, by: Actor): Promise<Order> {
    const provider = (await this.records.order(orderId))?.items.find(i => i.id === itemId)?.provider
    const name = provider === undefined ? undefined : await this.#context.providerName(provider)
    const order = await this.#driver.apply(orderId, current => {
      const item = current.items.find(i => i.id === itemId)
      if (item === undefined) throw new SymphonyError('NOT_FOUND', { en: `order ${orderId} has no item ${itemId}`, de: `der Auftrag ${orderId} hat keine Position ${itemId}` })
      const to = stateOfAnswer(item.action, { ok: true, attempts: 0, status: report.status })
      const why = report.reason === undefined ? reportedStatus(by.role, report.status) : quoted(report.reason)
      return withItem(current, itemId, i => ({
        ...moveItem(current, i, to, { at: this.#now(), by, why }),
        ...(report.reference === undefined ? {} : { reference: report.reference }),
        ...(to === 'failed' ? { reason: providerFailure(name ?? { en: i.provider, de: i.provider }, report.reason, providerReportedFailure) } : {})
      }))
    })
    this.#driver.drive(orderId)
    return order
  }

  // ── Subscriptions ───────────────────────────────────────────────────────────────────────

  async subscription (id: string): Promise<Subscription> {
    return storedSubscription(this.records, id)
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
    return this.#changes.changeSeats(subscriptionId, change, by)
  }

  /**
   * Adds or removes members: the new member set must be a bundle the composer answers for the
   * (updated) request; new members are ordered first, removed ones cancelled after.
   */
  async changeMembers (subscriptionId: string, change: { request?: CompositionRequest, services: readonly string[], configurations?: readonly string[] }, by: Actor): Promise<Order> {
    return this.#changes.changeMembers(subscriptionId, change, by)
  }

  /** Cancels a subscription: one cancellation item per provider. */
  async cancel (subscriptionId: string, by: Actor, reason?: string): Promise<Order> {
    return this.#changes.cancel(subscriptionId, by, reason)
  }

  /**
   * Deletes a stored configuration (`remove`) unless an order or a subscription names it
   * (CONFLICT): checked and deleted while no booking or member change checks and stores its own.
   */
  async deleteConfiguration (id: string, remove: () => Promise<void>): Promise<void> {
    await this.#context.withConfigurations(async () => {
      const held = (await this.records.subscriptions()).some(s => s.configurations.includes(id)) ||
        (await this.records.orders()).some(o => o.configurations.includes(id))
      if (held) {
        throw new SymphonyError('CONFLICT', {
          en: `configuration <${id}> belongs to an order or a subscription and stays; only one nothing was booked or changed with can be deleted`,
          de: `die Konfiguration <${id}> gehört zu einem Auftrag oder Abonnement und bleibt; löschen lässt sich nur eine, mit der nichts gebucht oder geändert wurde`
        })
      }
      await remove()
    })
  }

  // ── Events ──────────────────────────────────────────────────────────────────────────────

  /** A customer's events (all customers' for the operator), oldest first, after `since` when given. */
  async events (filter: { customer?: string, since?: string } = {}): Promise<OperationsEvent[]> {
    return (await this.records.events()).filter(e =>
      (filter.customer === undefined || e.customer === filter.customer) && (filter.since === undefined || e.at > filter.since))
  }

  /**
   * A provider deprecated a description version or published a new one: every subscription with
   * one of the services that is not cancelled gets an event for its customer. Returns the
   * subscriptions affected.
   */
  async serviceChanged (change: ServiceChange): Promise<Subscription[]> {
    return notifyServiceChange({ records: this.records, catalog: this.#deps.catalog, now: () => this.#now() }, change)
  }

  // ── Running ─────────────────────────────────────────────────────────────────────────────

  /** Picks up every order that is not finished (after a restart) and starts delivering to customers' webhooks from their cursors. */
  async resume (): Promise<string[]> {
    const open = (await this.records.orders()).filter(order => order.state !== 'completed' && order.state !== 'failed')
    for (const order of open) this.#driver.drive(order.id)
    await this.webhooks.start()
    return open.map(order => order.id)
  }

  /** Resolves once the order is completed or failed (or operations close). */
  async settled (id: string): Promise<Order> {
    return this.#driver.settled(id)
  }

  /** Stops driving orders (requests in flight finish, their outcome is stored) and delivering to webhooks. */
  async close (): Promise<void> {
    await this.#driver.close()
    await this.webhooks.close()
  }
}
