/**
 * The SLA report: per provider, the tickets reported in a period routed to it with a promise,
 * how many were answered and resolved, and how many missed their targets (as of `now`).
 */
import { slaOf } from './sla.js'
import type { Ticket } from './types.js'

export interface ProviderSlaReport {
  readonly provider: string
  readonly tickets: number
  /** Tickets the provider has acted on. */
  readonly responded: number
  readonly responseBreached: number
  /** Tickets resolved or closed. */
  readonly resolved: number
  readonly resolutionBreached: number
}

/** Per provider (sorted by IRI), the tickets created in [from, to). */
export function slaReport (tickets: readonly Ticket[], period: { from: string, to: string }, now: Date, provider?: string): ProviderSlaReport[] {
  const rows = new Map<string, { provider: string, tickets: number, responded: number, responseBreached: number, resolved: number, resolutionBreached: number }>()
  for (const ticket of tickets) {
    if (ticket.createdAt < period.from || ticket.createdAt >= period.to) continue
    for (const sla of slaOf(ticket, now)) {
      if (provider !== undefined && sla.provider !== provider) continue
      const route = ticket.routes.find(r => r.provider === sla.provider)!
      const row = rows.get(sla.provider) ?? { provider: sla.provider, tickets: 0, responded: 0, responseBreached: 0, resolved: 0, resolutionBreached: 0 }
      row.tickets++
      if (route.respondedAt !== undefined) row.responded++
      if (sla.responseBreached) row.responseBreached++
      if (ticket.state === 'resolved' || ticket.state === 'closed') row.resolved++
      if (sla.resolutionBreached) row.resolutionBreached++
      rows.set(sla.provider, row)
    }
  }
  return [...rows.values()].sort((a, b) => a.provider < b.provider ? -1 : a.provider > b.provider ? 1 : 0)
}
