/** Tickets in the store: one named graph each under the operations graphs, written whole. */
import type { Store } from '../store/index.js'
import { opsGraphs, opsIris, quadsToRecord, recordToQuads } from '../operations/index.js'
import type { Ticket } from './types.js'

export class TicketStore {
  readonly #store: Store

  constructor (store: Store) {
    this.#store = store
  }

  /** Writes the tickets, all or nothing, durably. */
  async write (tickets: readonly Ticket[]): Promise<void> {
    if (tickets.length === 0) return
    await this.#store.putGraphs(tickets.map(t => ({ graph: opsGraphs.ticket + t.id, quads: recordToQuads(t.iri, opsGraphs.ticket + t.id, 'Ticket', t, { jsonKeys: ['notes', 'routes', 'history'] }) })))
  }

  async ticket (id: string): Promise<Ticket | undefined> {
    const quads = await this.#store.graph(opsGraphs.ticket + id)
    return quads.length === 0 ? undefined : quadsToRecord<Ticket>(quads, opsIris.ticket + id)
  }

  /** Every ticket, oldest first. */
  async tickets (): Promise<Ticket[]> {
    const ids = (await this.#store.graphs()).map(g => g.graph).filter(g => g.startsWith(opsGraphs.ticket)).map(g => g.slice(opsGraphs.ticket.length))
    const all = await Promise.all(ids.map(id => this.ticket(id)))
    return all.filter((t): t is Ticket => t !== undefined).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
  }
}
