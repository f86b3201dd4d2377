/**
 * What a ticket's history and its deliveries say, in English and German, and a ticket as a
 * reader sees it: why each state changed and why a delivery was given up, in one language. A
 * summary or reason someone wrote is quoted as it came.
 */
import type { ErrorMessages } from '../errors.js'
import { historyIn, reasonIn } from '../operations/index.js'
import type { Ticket } from './types.js'

/** A customer reported the fault; `summary`: as written. */
export function reported (summary: string): ErrorMessages {
  return { en: `reported: ${summary}`, de: `gemeldet: ${summary}` }
}

/** The customer reopened a resolved ticket. */
export const reopened: ErrorMessages = { en: 'reopened', de: 'wieder geöffnet' }

/** Someone moved the ticket without saying why. */
export function movedBy (role: string, to: string): ErrorMessages {
  return { en: `${role} moved it to ${to}`, de: `${role} hat sie nach ${to} bewegt` }
}

/** The platform closed a resolved ticket nobody confirmed or reopened in time. */
export function closedAutomatically (days: number): ErrorMessages {
  return {
    en: `closed automatically ${days} days after it was resolved without confirmation or reopening`,
    de: `automatisch geschlossen ${days} Tage nach der Lösung, ohne Bestätigung oder erneutes Öffnen`
  }
}

/** The ticket with its history and its deliveries' reasons in a language (German for `de…`, else English). */
export function ticketIn<T extends Ticket> (ticket: T, language: string | undefined): T {
  return {
    ...ticket,
    routes: ticket.routes.map(route => ({
      ...route,
      deliveries: route.deliveries.map(delivery => delivery.reason === undefined ? delivery : { ...delivery, reason: reasonIn(delivery.reason, language) })
    })),
    history: historyIn(ticket.history, language)
  }
}
