/**
 * Orders, their items and subscriptions: plain JSON-able data. Money is in integer minor units
 * (cents) of the order's currency; timestamps are UTC ISO 8601 strings.
 */
import type { CompositionRequest } from '../composer/index.js'
import type { ErrorMessages } from '../errors.js'
import type { AdapterDescription } from './adapter-description.js'
import type { Reason } from './reasons.js'

/** Who changed something: a customer, a provider, the operator, or the platform itself. */
export interface Actor {
  readonly role: 'customer' | 'provider' | 'operator' | 'platform'
  readonly id: string
}

/** One state change, kept for ever. */
export interface HistoryEntry {
  readonly at: string
  readonly from: string | null
  readonly to: string
  readonly by: Actor
  /** Why, in English and German (a plain string in records written before). */
  readonly why: Reason
}

export type OrderState = 'acknowledged' | 'inProgress' | 'completed' | 'failed'

/**
 * `new`: stored, not yet accepted by the provider; `cancelled`: undone after a failure
 * elsewhere in the order (compensation) or never sent because the order failed first.
 */
export type ItemState = 'new' | 'acknowledged' | 'inProgress' | 'completed' | 'failed' | 'cancelled'

/** What an order does: book a bundle, change a subscription's seats or members, or end it. */
export type OrderKind = 'book' | 'changeSeats' | 'changeMembers' | 'cancel'

/** What an item asks of its provider. */
export type ItemAction = 'order' | 'modify' | 'cancel'

export interface OrderLine {
  readonly service: string
  /** The offer the composer priced the service with: its IRI, or the stable name an unnamed offer gets (docs/describing-services.md). */
  readonly offer: string | null
  /** Monthly price of the service for the seats, in cents; `null` when it has no offer in the currency. */
  readonly monthlyCents: number | null
}

export interface OrderItem {
  /** Unique within the order: `1`, `2`, … */
  readonly id: string
  readonly provider: string
  readonly action: ItemAction
  /** How the item reaches the provider, as described when the order was placed. */
  readonly adapter: AdapterDescription
  readonly lines: readonly OrderLine[]
  readonly state: ItemState
  /** Sent with every request for this item, so a provider never acts twice on it. */
  readonly idempotencyKey: string
  /** The provider's own reference, once it answered. */
  readonly reference?: string
  /** Requests made for this item (retries included). */
  readonly attempts: number
  /**
   * Compensation after a failure elsewhere in the order: `requested` is stored before the undo
   * request goes out (it uses `<idempotencyKey>:undo`), `failed` when the provider refused it.
   */
  readonly undo?: 'requested' | 'failed'
  /** Why it failed or could not be undone, in English and German (a plain string in records written before). */
  readonly reason?: Reason
  readonly history: readonly HistoryEntry[]
}

export interface Order {
  readonly id: string
  readonly iri: string
  readonly kind: OrderKind
  readonly customer: string
  readonly customerName: string
  /** The subscription a change or cancellation order belongs to. */
  readonly subscription?: string
  readonly state: OrderState
  /** Why it failed, in English and German (a plain string in records written before). */
  readonly reason?: Reason
  readonly createdAt: string
  /** The composition request the bundle answers (re-checked on every change). */
  readonly request: CompositionRequest
  readonly services: readonly string[]
  readonly seats: number
  readonly concurrentSeats: number
  /** Seats before a seat change (what an undo restores). */
  readonly previousSeats?: number
  readonly previousConcurrentSeats?: number
  readonly configurations: readonly string[]
  readonly currency: string | null
  readonly monthlyCents: number
  readonly items: readonly OrderItem[]
  readonly history: readonly HistoryEntry[]
}

export type SubscriptionState = 'active' | 'cancelling' | 'cancelled'

/**
 * The seat counts in force from `at` until the next entry (what billing prorates from): the
 * first entry is the booking, then one per completed seat change, member change (re-priced) and
 * the cancellation (0 seats). `monthlyCents` is the subscription's monthly total from `at` on.
 */
export interface SeatChange {
  readonly at: string
  readonly seats: number
  readonly concurrentSeats: number
  readonly monthlyCents: number
  /** The order that made the change. */
  readonly order: string
  readonly by: Actor
}

export interface SubscriptionMember {
  readonly service: string
  readonly provider: string
  readonly offer: string | null
  readonly monthlyCents: number | null
  /** The provider's reference of the item that booked it. */
  readonly reference?: string
  readonly adapter: AdapterDescription
  /** When it joined the subscription (UTC). */
  readonly addedAt: string
  /** When it left (member removed or subscription cancelled); members are kept for billing. */
  readonly removedAt?: string
}

export interface Subscription {
  readonly id: string
  readonly iri: string
  readonly customer: string
  readonly customerName: string
  readonly state: SubscriptionState
  /** The booking order, then every change and cancellation order, oldest first. */
  readonly orders: readonly string[]
  readonly request: CompositionRequest
  /** Every member ever booked; the current ones have no `removedAt`. */
  readonly members: readonly SubscriptionMember[]
  readonly seats: number
  readonly concurrentSeats: number
  readonly configurations: readonly string[]
  readonly currency: string | null
  readonly monthlyCents: number
  readonly startedAt: string
  readonly cancelledAt?: string
  readonly seatChanges: readonly SeatChange[]
  readonly history: readonly HistoryEntry[]
}

/** A notice for a customer: an order's progress, a provider's deprecation or new version. */
export interface OperationsEvent {
  readonly id: string
  readonly at: string
  readonly customer: string
  readonly type: 'order.state' | 'item.state' | 'subscription.changed' | 'service.deprecated' | 'service.newVersion'
  readonly subject: string
  /** The English text; `messages` has it in English and German (absent on events stored before it existed). */
  readonly message: string
  readonly messages?: ErrorMessages
  readonly data: Readonly<Record<string, string | number | boolean | null>>
}

/** Where a customer's events go besides the feed, and how far delivery got. */
export interface CustomerWebhook {
  readonly id: string
  readonly iri: string
  readonly customer: string
  readonly url: string
  /** Key of the `Symphony-Signature` HMAC; shown to the customer only when it is set. */
  readonly secret: string
  readonly createdAt: string
  /** The events delivered or given up, newest last; absent while there were none. */
  readonly cursor?: WebhookCursor
  readonly lastDelivery?: WebhookDelivery
}

/**
 * How far delivery got: the time of the newest event handled, and every event handled in the
 * minute before it (so an event whose write landed a little after a newer one is still sent).
 */
export interface WebhookCursor {
  readonly at: string
  readonly recent: ReadonlyArray<{ readonly event: string, readonly at: string }>
}

/** The outcome of the latest delivery. */
export interface WebhookDelivery {
  readonly event: string
  readonly at: string
  readonly ok: boolean
  /** The receiver's last HTTP status, when it answered. */
  readonly status?: number
  /** Why it was given up, in English and German (a plain string in records written before). */
  readonly reason?: Reason
}
