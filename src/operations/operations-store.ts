/**
 * Orders, subscriptions and events in the store: one named graph each under the operations
 * graph base, written all or nothing (several records in one `putGraphs`), read back as typed
 * records. Works on every `Store` (embedded, in memory, SPARQL endpoint).
 */
import type { Store } from '../store/index.js'
import { quadsToRecord, recordToQuads } from './json-rdf.js'
import { opsGraphs, opsIris } from './names.js'
import type { OperationsEvent, Order, Subscription } from './types.js'

/** A set of records to write together. */
export interface OperationsWrite {
  readonly orders?: readonly Order[]
  readonly subscriptions?: readonly Subscription[]
  readonly events?: readonly OperationsEvent[]
  /** Other graphs removed in the same write (stored configurations an order no longer needs). */
  readonly removeGraphs?: readonly string[]
}

export class OperationsStore {
  readonly #store: Store
  readonly #onEvents: ((events: readonly OperationsEvent[]) => void) | undefined

  /** `onEvents` hears of the events of each write once it is stored. */
  constructor (store: Store, options: { onEvents?: (events: readonly OperationsEvent[]) => void } = {}) {
    this.#store = store
    this.#onEvents = options.onEvents
  }

  /** Writes the records and removes `removeGraphs`, all or nothing, durably. */
  async write (write: OperationsWrite): Promise<void> {
    const graphs = [
      ...(write.orders ?? []).map(order => ({ graph: opsGraphs.order + order.id, quads: recordToQuads(order.iri, opsGraphs.order + order.id, 'Order', order, { jsonKeys: ['request'] }) })),
      ...(write.subscriptions ?? []).map(s => ({ graph: opsGraphs.subscription + s.id, quads: recordToQuads(s.iri, opsGraphs.subscription + s.id, 'Subscription', s, { jsonKeys: ['request'] }) })),
      ...(write.events ?? []).map(e => ({ graph: opsGraphs.event + e.id, quads: recordToQuads(opsIris.event + e.id, opsGraphs.event + e.id, 'Event', e, { jsonKeys: ['data', 'messages'] }) })),
      // An empty graph is a removed one: `putGraphs` replaces every graph all or nothing.
      ...(write.removeGraphs ?? []).map(graph => ({ graph, quads: [] }))
    ]
    if (graphs.length === 0) return
    await this.#store.putGraphs(graphs)
    if (write.events !== undefined && write.events.length > 0) this.#onEvents?.(write.events)
  }

  async order (id: string): Promise<Order | undefined> {
    const quads = await this.#store.graph(opsGraphs.order + id)
    return quads.length === 0 ? undefined : quadsToRecord<Order>(quads, opsIris.order + id)
  }

  async subscription (id: string): Promise<Subscription | undefined> {
    const quads = await this.#store.graph(opsGraphs.subscription + id)
    return quads.length === 0 ? undefined : quadsToRecord<Subscription>(quads, opsIris.subscription + id)
  }

  /** Every order, oldest first. */
  async orders (): Promise<Order[]> {
    const ids = await this.#ids(opsGraphs.order)
    const orders = await Promise.all(ids.map(id => this.order(id)))
    return orders.filter((o): o is Order => o !== undefined).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
  }

  /** Every subscription, oldest first. */
  async subscriptions (): Promise<Subscription[]> {
    const ids = await this.#ids(opsGraphs.subscription)
    const all = await Promise.all(ids.map(id => this.subscription(id)))
    return all.filter((s): s is Subscription => s !== undefined).sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.id.localeCompare(b.id))
  }

  /** Every event, oldest first. */
  async events (): Promise<OperationsEvent[]> {
    const ids = await this.#ids(opsGraphs.event)
    const all = await Promise.all(ids.map(async id => quadsToRecord<OperationsEvent>(await this.#store.graph(opsGraphs.event + id), opsIris.event + id)))
    return all.sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id))
  }

  async #ids (base: string): Promise<string[]> {
    return (await this.#store.graphs()).map(g => g.graph).filter(g => g.startsWith(base)).map(g => g.slice(base.length))
  }
}
