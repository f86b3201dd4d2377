/**
 * Running orders: one driver per open order sends its items through their adapters, polls the
 * providers that are polled, undoes what succeeded once an item failed, and wakes when a
 * provider reports. Every change goes through `apply`, under the order's lock, and is written
 * with what follows from it (item and order events, the subscription) all or nothing.
 *
 * @example
 * const driver = new OrderDriver({ records, dispatch, now, providerName })
 * driver.drive(order.id)
 * await driver.settled(order.id)
 */
import type { ErrorMessages } from '../errors.js'
import { SymphonyError } from '../errors.js'
import * as texts from './event-texts.js'
import { newEvent } from './event-texts.js'
import { answered, manualCancelled, neverSent, polledStatus, quoted, undoneAfterFailure } from './history-texts.js'
import { isPolled, pollItem, sendItem, stateOfAnswer, undoItem } from './item-dispatch.js'
import type { DispatchContext } from './item-dispatch.js'
import { KeyedLock } from './keyed-lock.js'
import { itemTransitions } from './lifecycle.js'
import { isFailing, itemsToSend, itemsToUndo, moveItem, settleOrder, withItem } from './order-progress.js'
import type { OperationsStore, OperationsWrite } from './operations-store.js'
import { notUndone, providerRefusedItem, providerRefusedUndo, providerReported, providerReportedFailure } from './reasons.js'
import { applyOrder, subscriptionOf } from './subscription-record.js'
import type { Actor, OperationsEvent, Order } from './types.js'

/** What the driver needs: the records, how to reach providers, the clock and providers' names. */
export interface DriverDependencies {
  readonly records: OperationsStore
  readonly dispatch: DispatchContext
  readonly now: () => string
  /** A provider's name in English and German, for the reasons it is quoted in. */
  readonly providerName: (provider: string) => Promise<ErrorMessages>
  /** Milliseconds between status requests to polled providers (default 2000). */
  readonly pollIntervalMs?: number
}

/** The platform itself, as the actor of the changes it makes. */
export const platformActor: Actor = { role: 'platform', id: 'symphony' }

/** Why a provider failed an item: its own words quoted, or that it gave none. */
export function providerFailure (name: ErrorMessages, words: string | undefined, without: (name: ErrorMessages) => ErrorMessages): ErrorMessages {
  return words === undefined ? without(name) : providerReported(name, words)
}

export class OrderDriver {
  readonly #deps: DriverDependencies
  readonly #locks = new KeyedLock()
  readonly #drivers = new Map<string, Promise<void>>()
  readonly #wakers = new Map<string, () => void>()
  #closed = false

  constructor (deps: DriverDependencies) {
    this.#deps = deps
  }

  /** One order; NOT_FOUND when there is none. */
  async order (id: string): Promise<Order> {
    const order = await this.#deps.records.order(id)
    if (order === undefined) throw new SymphonyError('NOT_FOUND', { en: `no order ${id}`, de: `kein Auftrag ${id}` })
    return order
  }

  /** Starts driving the order, or wakes its driver. */
  drive (id: string): void {
    if (this.#closed) return
    if (this.#drivers.has(id)) {
      this.#wakers.get(id)?.()
      return
    }
    const run = this.#run(id).catch(() => { /* the stored state is the truth; the next resume retries */ }).finally(() => { this.#drivers.delete(id) })
    this.#drivers.set(id, run)
  }

  /** Resolves once the order is completed or failed (or the driver closes). */
  async settled (id: string): Promise<Order> {
    for (;;) {
      const order = await this.order(id)
      if (order.state === 'completed' || order.state === 'failed' || this.#closed) return order
      const driver = this.#drivers.get(id)
      if (driver === undefined) {
        this.drive(id)
        continue
      }
      await driver
    }
  }

  /** Stops driving orders; requests in flight finish and their outcome is stored. */
  async close (): Promise<void> {
    this.#closed = true
    for (const wake of this.#wakers.values()) wake()
    await Promise.allSettled([...this.#drivers.values()])
  }

  /**
   * Changes an order under its lock: reads the stored order, applies `change`, settles the
   * order state, and writes the order with what follows from it (subscription, events) all or
   * nothing. Wakes the order's driver.
   */
  async apply (id: string, change: (order: Order) => Order): Promise<Order> {
    try {
      return await this.#locks.run(id, async () => {
        const order = await this.order(id)
        const changed = settleOrder(change(order), this.#deps.now())
        const write = await this.#consequences(order, changed)
        await this.#deps.records.write({ ...write, orders: [changed] })
        return changed
      })
    } finally {
      this.#wakers.get(id)?.()
    }
  }

  async #run (id: string): Promise<void> {
    const pollInterval = this.#deps.pollIntervalMs ?? 2000
    while (!this.#closed) {
      const order = await this.#deps.records.order(id)
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
    const before = await this.apply(id, order => withItem(order, itemId, item => item.state === 'new' ? { ...item, attempts: item.attempts + 1 } : item))
    const item = before.items.find(i => i.id === itemId)!
    if (item.state !== 'new') return
    const outcome = await sendItem(before, item, this.#deps.dispatch)
    const name = await this.#deps.providerName(item.provider)
    await this.apply(id, order => withItem(order, itemId, current => {
      const attempts = current.attempts + Math.max(outcome.attempts - 1, 0)
      const recorded = { ...current, attempts, ...(outcome.ok && outcome.reference !== undefined ? { reference: outcome.reference } : {}) }
      if (current.state !== 'new') return recorded // a callback overtook the answer
      const by: Actor = { role: 'provider', id: current.provider }
      if (!outcome.ok) return { ...moveItem(order, recorded, 'failed', { at: this.#deps.now(), by: platformActor, why: outcome.reason }), reason: outcome.reason }
      const to = stateOfAnswer(current.action, outcome)
      const why = outcome.reason === undefined ? answered(outcome.status) : quoted(outcome.reason)
      return { ...moveItem(order, recorded, to, { at: this.#deps.now(), by, why }), ...(to === 'failed' ? { reason: providerFailure(name, outcome.reason, providerRefusedItem) } : {}) }
    }))
  }

  async #poll (id: string, itemId: string): Promise<void> {
    const order = await this.#deps.records.order(id)
    const item = order?.items.find(i => i.id === itemId)
    if (order === undefined || item === undefined || (item.state !== 'acknowledged' && item.state !== 'inProgress')) return
    const outcome = await pollItem(item, this.#deps.dispatch)
    if (!outcome.ok && outcome.refused === true) {
      // A status endpoint the platform may not call stays refused: the item fails with why, as a refused order does.
      await this.apply(id, current => withItem(current, itemId, i => i.state !== 'acknowledged' && i.state !== 'inProgress'
        ? i
        : { ...moveItem(current, i, 'failed', { at: this.#deps.now(), by: platformActor, why: outcome.reason }), reason: outcome.reason }))
      return
    }
    if (!outcome.ok) return // asked again at the next interval
    const name = await this.#deps.providerName(item.provider)
    await this.apply(id, current => withItem(current, itemId, i => {
      const to = stateOfAnswer(i.action, outcome)
      if (i.state === to || !itemTransitions[i.state].includes(to)) return i
      const why = outcome.reason === undefined ? polledStatus(outcome.status) : quoted(outcome.reason)
      return { ...moveItem(current, i, to, { at: this.#deps.now(), by: { role: 'provider', id: i.provider }, why }), ...(to === 'failed' ? { reason: providerFailure(name, outcome.reason, providerReportedFailure) } : {}) }
    }))
  }

  async #undo (id: string, itemId: string): Promise<void> {
    const at = () => this.#deps.now()
    const marked = await this.apply(id, order => withItem(order, itemId, item => {
      // Never sent, or nothing to call: cancelled at once.
      if ((item.state === 'new' && item.attempts === 0) || item.adapter.kind === 'manual') {
        return moveItem(order, item, 'cancelled', { at: at(), by: platformActor, why: item.adapter.kind === 'manual' ? manualCancelled : neverSent })
      }
      return { ...item, undo: 'requested' as const }
    }))
    const item = marked.items.find(i => i.id === itemId)!
    if (item.undo !== 'requested' || item.state === 'cancelled') return
    const outcome = await undoItem(marked, item, this.#deps.dispatch)
    const name = await this.#deps.providerName(item.provider)
    await this.apply(id, order => withItem(order, itemId, current => {
      if (current.state === 'cancelled' || current.state === 'failed') return current
      if (outcome.ok && outcome.status !== 'failed') {
        return moveItem(order, current, 'cancelled', { at: at(), by: { role: 'provider', id: current.provider }, why: undoneAfterFailure })
      }
      const reason = outcome.ok ? providerFailure(name, outcome.reason, providerRefusedUndo) : outcome.reason
      return { ...current, undo: 'failed' as const, reason: notUndone(reason) }
    }))
  }

  async #consequences (before: Order, after: Order): Promise<OperationsWrite> {
    const at = this.#deps.now()
    const events: OperationsEvent[] = []
    for (const item of after.items) {
      const old = before.items.find(i => i.id === item.id)
      if (old !== undefined && old.state !== item.state) {
        const provider = await this.#deps.providerName(item.provider)
        events.push(newEvent(after.customer, at, 'item.state', after.iri, texts.itemState(provider, item.id, after.id, item.state), { order: after.id, item: item.id, provider: item.provider, state: item.state }))
      }
    }
    if (before.state === after.state) return { events }
    events.push(newEvent(after.customer, at, 'order.state', after.iri, texts.orderState(after.id, after.state, after.reason), { order: after.id, state: after.state }))
    if (after.state !== 'completed' && after.state !== 'failed') return { events }
    const records = this.#deps.records
    if (after.kind === 'book') {
      if (after.state !== 'completed') return { events }
      const subscription = subscriptionOf(after, at)
      events.push(newEvent(after.customer, at, 'subscription.changed', subscription.iri, texts.subscriptionActive(subscription.id), { subscription: subscription.id, state: 'active' }))
      return { events, subscriptions: [subscription] }
    }
    const subscription = after.subscription === undefined ? undefined : await records.subscription(after.subscription)
    if (subscription === undefined) return { events }
    const updated = applyOrder(subscription, after, at)
    events.push(newEvent(after.customer, at, 'subscription.changed', updated.iri, texts.subscriptionChanged(updated.id, after.kind, after.state), { subscription: updated.id, state: updated.state, order: after.id }))
    const removeGraphs = after.kind === 'changeMembers' && after.state === 'failed' ? await this.#unheldConfigurations(after) : []
    return { events, subscriptions: [updated], ...(removeGraphs.length === 0 ? {} : { removeGraphs }) }
  }

  /**
   * The stored configurations only this failed order used: no subscription holds them and no
   * other order names them. A refused member change takes its new members' configuration with it.
   */
  async #unheldConfigurations (order: Order): Promise<string[]> {
    const records = this.#deps.records
    const held = new Set([
      ...(await records.subscriptions()).flatMap(s => s.configurations),
      ...(await records.orders()).filter(o => o.id !== order.id).flatMap(o => o.configurations)
    ])
    return order.configurations.filter(id => !held.has(id))
  }
}
