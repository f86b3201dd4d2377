/**
 * Response and resolution times of a ticket against each routed provider's support promise:
 * the response ends with the provider's first action (a note or starting work), the resolution
 * when the ticket is resolved; both count in the offer's support hours from the report, and
 * once they ended, how many support hours they took is stated.
 */
import type { SupportPromise } from '../catalog/index.js'
import { addSupportHours, supportHoursBetween } from './support-time.js'
import type { RouteSla, Ticket, TicketRoute, TicketView } from './types.js'

const businessHours = 'https://w3id.org/symphony/ontology#BusinessHours'

/** The SLA state of each route of `ticket` at `now`. */
export function slaOf (ticket: Ticket, now: Date): RouteSla[] {
  return ticket.routes.filter(route => route.support !== null).map(route => routeSla(ticket, route, now))
}

/** The ticket with its SLA state at `now`. */
export function viewOf (ticket: Ticket, now: Date): TicketView {
  return { ...ticket, sla: slaOf(ticket, now) }
}

function routeSla (ticket: Ticket, route: TicketRoute, now: Date): RouteSla {
  const support = route.support as SupportPromise
  const start = new Date(ticket.createdAt)
  const due = (hours: number | undefined): Date | null => hours === undefined ? null : addSupportHours(start, hours, support.supportHours)
  const responseDue = due(support.responseTimeHours)
  const resolutionDue = due(support.resolutionTimeHours)
  const responded = route.respondedAt === undefined ? now : new Date(route.respondedAt)
  const resolvedAt = ticket.resolvedAt ?? ticket.closedAt
  const resolved = resolvedAt === undefined ? now : new Date(resolvedAt)
  return {
    provider: route.provider,
    supportHours: support.supportHours,
    responseDue: responseDue?.toISOString() ?? null,
    resolutionDue: resolutionDue?.toISOString() ?? null,
    responseBreached: responseDue !== null && responded > responseDue,
    resolutionBreached: resolutionDue !== null && resolved > resolutionDue,
    responseHours: route.respondedAt === undefined ? null : measured(start, responded, support.supportHours),
    resolutionHours: resolvedAt === undefined ? null : measured(start, resolved, support.supportHours)
  }
}

/** Support hours between two moments, to the minute (hundredths of an hour). */
function measured (start: Date, end: Date, supportHours: string): number {
  return Math.round(supportHoursBetween(start, end, supportHours) * 100) / 100
}

/** The strictest of several promises (a provider answering for two members of a link). */
export function strictest (promises: readonly SupportPromise[]): SupportPromise | null {
  if (promises.length === 0) return null
  const min = (values: Array<number | undefined>): number | undefined => {
    const known = values.filter((v): v is number => v !== undefined)
    return known.length === 0 ? undefined : Math.min(...known)
  }
  // Support around the clock is stricter than business hours.
  const hours = promises.find(p => p.supportHours !== businessHours)?.supportHours ?? businessHours
  const response = min(promises.map(p => p.responseTimeHours))
  const resolution = min(promises.map(p => p.resolutionTimeHours))
  return { supportHours: hours, ...(response === undefined ? {} : { responseTimeHours: response }), ...(resolution === undefined ? {} : { resolutionTimeHours: resolution }) }
}
