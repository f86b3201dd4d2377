/**
 * The ticket state machine: one table of allowed steps. A customer reopens a resolved ticket
 * (back to inProgress) or confirms it (closed); the platform closes resolved tickets after the
 * confirmation period.
 */
import type { TicketState } from './types.js'

/** Allowed next states of a ticket. */
export const ticketTransitions: Readonly<Record<TicketState, readonly TicketState[]>> = {
  acknowledged: ['inProgress', 'resolved'],
  inProgress: ['resolved'],
  resolved: ['inProgress', 'closed'],
  closed: []
}

/** Which roles may take which step: providers work the ticket, customers confirm or reopen it. */
export const stepRoles: Readonly<Record<TicketState, Readonly<Partial<Record<TicketState, readonly string[]>>>>> = {
  acknowledged: { inProgress: ['provider', 'operator'], resolved: ['provider', 'operator'] },
  inProgress: { resolved: ['provider', 'operator'] },
  resolved: { inProgress: ['customer', 'operator'], closed: ['customer', 'operator', 'platform'] },
  closed: {}
}
