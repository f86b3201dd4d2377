/**
 * The state machines of orders, order items and subscriptions: one table of allowed
 * transitions each; every change appends a history entry (who, when, why). An illegal
 * transition is an ILLEGAL_TRANSITION error, never a silent overwrite.
 */
import { SymphonyError } from '../errors.js'
import type { Actor, HistoryEntry, ItemState, OrderState, SubscriptionState } from './types.js'

/** Allowed next states of an order. */
export const orderTransitions: Readonly<Record<OrderState, readonly OrderState[]>> = {
  acknowledged: ['inProgress', 'completed', 'failed'],
  inProgress: ['completed', 'failed'],
  completed: [],
  failed: []
}

/** Allowed next states of an order item. A completed item is cancelled when the order fails elsewhere. */
export const itemTransitions: Readonly<Record<ItemState, readonly ItemState[]>> = {
  new: ['acknowledged', 'inProgress', 'completed', 'failed', 'cancelled'],
  acknowledged: ['inProgress', 'completed', 'failed', 'cancelled'],
  inProgress: ['completed', 'failed', 'cancelled'],
  completed: ['cancelled'],
  failed: [],
  cancelled: []
}

/** Allowed next states of a subscription. */
export const subscriptionTransitions: Readonly<Record<SubscriptionState, readonly SubscriptionState[]>> = {
  active: ['cancelling', 'cancelled'],
  cancelling: ['cancelled', 'active'],
  cancelled: []
}

/** Is `state` one from which nothing moves any more? */
export function isFinal<S extends string> (table: Readonly<Record<S, readonly S[]>>, state: S): boolean {
  return table[state].length === 0
}

/** Item states that need no further action in a running order. */
export function isSettled (state: ItemState): boolean {
  return state === 'completed' || state === 'failed' || state === 'cancelled'
}

/**
 * The entity with its new state and one more history entry; throws ILLEGAL_TRANSITION when the
 * table does not allow the step. Re-entering the current state is a no-op (duplicate reports).
 *
 * @example
 * const next = transition(itemTransitions, 'item 2 of order 7', item, 'completed', { at, by, why: 'provider callback' })
 */
export function transition<S extends string, T extends { readonly state: S, readonly history: readonly HistoryEntry[] }> (
  table: Readonly<Record<S, readonly S[]>>,
  what: string,
  entity: T,
  to: S,
  change: { readonly at: string, readonly by: Actor, readonly why: string }
): T {
  if (entity.state === to) return entity
  if (!table[entity.state].includes(to)) {
    throw new SymphonyError('ILLEGAL_TRANSITION', `${what} is ${entity.state}; it cannot become ${to} (allowed: ${table[entity.state].join(', ') || 'none, it is final'})`)
  }
  const entry: HistoryEntry = { at: change.at, from: entity.state, to, by: change.by, why: change.why }
  return { ...entity, state: to, history: [...entity.history, entry] }
}
