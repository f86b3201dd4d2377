/**
 * Tickets (fault reports) and their parts: plain JSON-able data; timestamps are UTC ISO 8601.
 */
import type { Actor, HistoryEntry, Reason } from '../operations/index.js'
import type { SupportPromise } from '../catalog/index.js'

export type TicketState = 'acknowledged' | 'inProgress' | 'resolved' | 'closed'

/** What the fault is about: the whole subscription, one member, or the link between two members. */
export type TicketScope = 'subscription' | 'member' | 'link'

/** A text in English and German. */
export interface Bilingual {
  readonly en: string
  readonly de: string
}

/** A file attached to a note, base64-encoded. */
export interface Attachment {
  readonly name: string
  readonly mediaType: string
  /** Decoded size in bytes. */
  readonly size: number
  readonly content: string
}

export interface TicketNote {
  /** `1`, `2`, … within the ticket. */
  readonly id: string
  readonly at: string
  readonly by: Actor
  readonly text: string
  readonly attachments: readonly Attachment[]
}

/** One webhook delivery to a provider's ticket endpoint, stored once it is done. */
export interface Delivery {
  readonly event: 'ticket.opened' | 'ticket.note'
  readonly idempotencyKey: string
  readonly at: string
  readonly ok: boolean
  readonly attempts: number
  /** Why it was given up, in English and German (a plain string in tickets written before). */
  readonly reason?: Reason
}

/** How a provider's ticket endpoint is reached, as its service describes it in RDF. */
export type TicketDesk =
  | {
    readonly kind: 'http'
    readonly endpoint: string
    readonly auth: 'bearer' | 'apiKey' | 'none'
    readonly authHeader: string
    readonly secretName?: string
    readonly timeoutMs?: number
  }
  | { readonly kind: 'manual' }

/** A provider the ticket is routed to, the services it answers for and why. */
export interface TicketRoute {
  readonly provider: string
  readonly services: readonly string[]
  readonly why: Bilingual
  /** The promise of the offer the service was booked with; the strictest when several. */
  readonly support: SupportPromise | null
  readonly desk: TicketDesk
  /** The provider's first action (a note or starting work), which ends its response time. */
  readonly respondedAt?: string
  readonly deliveries: readonly Delivery[]
}

export interface Ticket {
  readonly id: string
  readonly iri: string
  readonly customer: string
  readonly subscription: string
  readonly scope: TicketScope
  /** The member (one) or the link's two ends (two); empty for the whole subscription. */
  readonly services: readonly string[]
  readonly summary: string
  readonly state: TicketState
  readonly createdAt: string
  readonly resolvedAt?: string
  readonly closedAt?: string
  readonly routes: readonly TicketRoute[]
  readonly notes: readonly TicketNote[]
  readonly history: readonly HistoryEntry[]
}

/** Due times and breaches of one route, as of a moment. */
export interface RouteSla {
  readonly provider: string
  readonly supportHours: string
  readonly responseDue: string | null
  readonly resolutionDue: string | null
  readonly responseBreached: boolean
  readonly resolutionBreached: boolean
  /** Support hours from the report to the provider's first action; `null` until it acts. */
  readonly responseHours: number | null
  /** Support hours from the report to the resolution; `null` until the ticket is resolved. */
  readonly resolutionHours: number | null
}

/** A ticket as the API shows it: with the SLA state of every route at the time of asking. */
export interface TicketView extends Ticket {
  readonly sla: readonly RouteSla[]
}
