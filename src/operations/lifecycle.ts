/**
 * The state machines of orders, order items and subscriptions: one table of allowed
 * transitions each; every change appends a history entry (who, when, why). An illegal
 * transition is an ILLEGAL_TRANSITION error, never a silent overwrite.
 */
import { SymphonyError } from '../errors.js'
import type { ErrorMessages } from '../errors.js'
import type { Reason } from './reasons.js'
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

/** An order as messages name it: "order <id>", "der Auftrag <id>". */
export function orderNamed (id: string): ErrorMessages {
  return { en: `order ${id}`, de: `der Auftrag ${id}` }
}

/** A subscription as messages name it: "subscription <id>", "das Abonnement <id>". */
export function subscriptionNamed (id: string): ErrorMessages {
  return { en: `subscription ${id}`, de: `das Abonnement ${id}` }
}

/**
 * The entity with its new state and one more history entry; throws ILLEGAL_TRANSITION when the
 * table does not allow the step. Re-entering the current state is a no-op (duplicate reports).
 *
 * @example
 * const next = transition(itemTransitions, { en: 'item 2 of order 7', de: 'die Position 2 des Auftrags 7' }, item, 'completed', { at, by, why: { en: 'provider callback', de: 'Rückmeldung des Anbieters' } })
 */
export function transition<S extends string, T extends { readonly state: S, readonly history: readonly HistoryEntry[] }> (
  table: Readonly<Record<S, readonly S[]>>,
  what: ErrorMessages,
  entity: T,
  to: S,
  change: { readonly at: string, readonly by: Actor, readonly why: Reason }
): T {
  if (entity.state === to) return entity
  if (!table[entity.state].includes(to)) {
    const allowed = table[entity.state].join(', ')
    throw new SymphonyError('ILLEGAL_TRANSITION', {
      en: `${what.en} is ${entity.state}; it cannot become ${to} (allowed: ${allowed || 'none, it is final'})`,
      de: `${what.de} ist im Zustand ${entity.state} und kann nicht in ${to} wechseln (erlaubt: ${allowed || 'keiner, der Zustand ist endgültig'})`
    })
  }
  const entry: HistoryEntry = { at: change.at, from: entity.state, to, by: change.by, why: change.why }
  return { ...entity, state: to, history: [...entity.history, entry] }
}
