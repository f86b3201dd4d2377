/**
 * Sends one order item through its adapter, asks a provider for an item's state, or undoes an
 * item (compensation). Only HTTP adapters make requests; manual items wait for the provider.
 * Every request carries the item's idempotency key, so a retry or a restart never orders twice.
 */
import type { Quad } from '@rdfjs/types'
import type { AdapterDescription } from './adapter-description.js'
import { asDescribed } from './endpoint-address.js'
import type { EndpointAddress } from './endpoint-address.js'
import { payloadLines } from './payload.js'
import { payloadQueryFailed } from './reasons.js'
import type { Payload } from './payload.js'
import { callProvider } from './provider-call.js'
import type { CallOutcome, RetryPolicy } from './provider-call.js'
import type { EgressGuard } from './provider-egress.js'
import { credentialHeaders } from './secrets.js'
import type { SecretLookup } from './secrets.js'
import type { ItemAction, ItemState, Order, OrderItem } from './types.js'

export interface DispatchContext {
  readonly secrets: SecretLookup
  readonly policy: RetryPolicy
  /** Where the provider reports progress for an item. */
  readonly callbackUrl: (order: Order, item: OrderItem) => string
  /** RDF the payload query sees besides the item: its configurations and the service descriptions. */
  readonly contextQuads: (order: Order, item: OrderItem) => Promise<Quad[]>
  /** Where a described endpoint is actually requested (default: where it says). */
  readonly address?: EndpointAddress
  /** Which URLs may be requested (`provider-egress.ts`). */
  readonly guard: EgressGuard
}

type HttpAdapter = Extract<AdapterDescription, { kind: 'http' }>

/** Sends the item's action (order, modify or cancel). */
export async function sendItem (order: Order, item: OrderItem, context: DispatchContext): Promise<CallOutcome> {
  return post(order, item, item.action, item.idempotencyKey, context)
}

/**
 * Undoes an item: a booked item is cancelled, a seat change is modified back to the previous
 * seats. The request uses `<idempotencyKey>:undo`.
 */
export async function undoItem (order: Order, item: OrderItem, context: DispatchContext): Promise<CallOutcome> {
  if (item.action === 'modify' && order.previousSeats !== undefined) {
    const previous: Order = { ...order, seats: order.previousSeats, concurrentSeats: order.previousConcurrentSeats ?? order.previousSeats }
    return post(previous, item, 'modify', `${item.idempotencyKey}:undo`, context)
  }
  return post(order, item, 'cancel', `${item.idempotencyKey}:undo`, context)
}

/** Asks the status endpoint for the item's state (GET <statusEndpoint>/<reference>). */
export async function pollItem (item: OrderItem, context: DispatchContext): Promise<CallOutcome> {
  const adapter = item.adapter as HttpAdapter
  const url = `${addressOf(context)(adapter.statusEndpoint!).replace(/\/+$/, '')}/${encodeURIComponent(item.reference ?? item.idempotencyKey)}`
  const auth = credentialHeaders(adapter, item.provider, url, context.secrets)
  if (!auth.ok) return { ok: false, reason: auth.reason, attempts: 0 }
  return callProvider({ method: 'GET', url, idempotencyKey: item.idempotencyKey, headers: auth.headers }, policyOf(adapter, context.policy), { guard: context.guard })
}

/** Does the platform poll this item (rather than wait for a callback or a manual confirmation)? */
export function isPolled (item: OrderItem): boolean {
  return item.adapter.kind === 'http' && item.adapter.statusEndpoint !== undefined
}

/**
 * The item state a provider's answer means. For a cancellation item, "cancelled" means it is
 * done; for an order or change, a provider that cancels has failed it.
 */
export function stateOfAnswer (action: ItemAction, status: CallOutcome & { ok: true }): ItemState {
  if (status.status === 'cancelled') return action === 'cancel' ? 'completed' : 'failed'
  return status.status
}

async function post (order: Order, item: OrderItem, action: ItemAction, key: string, context: DispatchContext): Promise<CallOutcome> {
  const adapter = item.adapter as HttpAdapter
  const auth = credentialHeaders(adapter, item.provider, adapter.orderEndpoint, context.secrets)
  if (!auth.ok) return { ok: false, reason: auth.reason, attempts: 0 }
  let lines
  try {
    lines = await payloadLines(adapter.payloadQuery, order, item, await context.contextQuads(order, item))
  } catch (error) {
    return { ok: false, reason: payloadQueryFailed(item.provider, (error as Error).message), attempts: 0 }
  }
  const body: Payload = {
    order: order.iri,
    item: item.id,
    action,
    idempotencyKey: key,
    customer: order.customer,
    customerName: order.customerName,
    seats: order.seats,
    concurrentSeats: order.concurrentSeats,
    callback: context.callbackUrl(order, item),
    ...(item.reference === undefined ? {} : { reference: item.reference }),
    lines
  }
  return callProvider({ method: 'POST', url: addressOf(context)(adapter.orderEndpoint), idempotencyKey: key, headers: auth.headers, body }, policyOf(adapter, context.policy), { guard: context.guard })
}

function addressOf (context: DispatchContext): EndpointAddress {
  return context.address ?? asDescribed
}

function policyOf (adapter: HttpAdapter, policy: RetryPolicy): RetryPolicy {
  return adapter.timeoutMs === undefined ? policy : { ...policy, timeoutMs: Math.min(policy.timeoutMs, adapter.timeoutMs) }
}
