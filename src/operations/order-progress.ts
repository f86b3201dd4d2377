/**
 * Where an order stands, from its items alone (pure): which items still need a request, which
 * must be undone after a failure, and the order state that follows. All or nothing: when one
 * item fails, every other item is cancelled (undone if it already happened) and the order ends
 * `failed` with that item's reason (in English and German, in its history as well).
 */
import { itemTransitions, orderNamed, orderTransitions, transition } from './lifecycle.js'
import { everyItemCompleted, providerTookUp } from './history-texts.js'
import { orderFailed } from './reasons.js'
import type { Reason } from './reasons.js'
import type { Actor, Order, OrderItem } from './types.js'

const platform: Actor = { role: 'platform', id: 'symphony' }

/** Has some item failed, so the order must be undone? */
export function isFailing (order: Order): boolean {
  return order.items.some(item => item.state === 'failed')
}

/** An item that needs no more work once the order is failing. */
function doneAfterFailure (item: OrderItem): boolean {
  return item.state === 'failed' || item.state === 'cancelled' || item.undo === 'failed'
}

/**
 * Items a running (not failing) order may send now. Cancellation items of a member change wait
 * until the new members are in, so a failed addition leaves the old members untouched.
 */
export function itemsToSend (order: Order): OrderItem[] {
  // Cancelling a subscription is not all or nothing: every provider is told, whatever the others say.
  if (order.kind === 'cancel') return order.items.filter(item => item.state === 'new')
  if (isFailing(order)) return []
  const sendable = order.items.filter(item => item.state === 'new')
  if (order.kind !== 'changeMembers') return sendable
  const additionsDone = order.items.filter(item => item.action !== 'cancel').every(item => item.state === 'completed')
  return sendable.filter(item => item.action !== 'cancel' || additionsDone)
}

/** Items a failing order must still undo (or cancel before they were ever sent). */
export function itemsToUndo (order: Order): OrderItem[] {
  if (!isFailing(order) || order.kind === 'cancel') return []
  return order.items.filter(item => !doneAfterFailure(item) && item.undo !== 'requested')
}

/** The order with its state brought in line with its items (a new history entry per change). */
export function settleOrder (order: Order, at: string): Order {
  const items = order.items
  let next = order
  if (isFailing(order)) {
    const settled = order.kind === 'cancel' ? items.every(item => item.state === 'completed' || doneAfterFailure(item)) : items.every(doneAfterFailure)
    if (settled && order.state !== 'failed') {
      const failed = items.filter(item => item.state === 'failed')
      const undone = items.filter(item => item.undo === 'failed').map(item => item.id)
      const reason = orderFailed(order.kind === 'cancel' ? 'cancel' : 'other', failed, undone)
      next = transition(orderTransitions, orderNamed(order.id), next, 'failed', { at, by: platform, why: reason })
      next = { ...next, reason }
    }
    return next
  }
  if (items.every(item => item.state === 'completed')) {
    return transition(orderTransitions, orderNamed(order.id), next, 'completed', { at, by: platform, why: everyItemCompleted })
  }
  if (order.state === 'acknowledged' && items.some(item => item.state !== 'new')) {
    return transition(orderTransitions, orderNamed(order.id), next, 'inProgress', { at, by: platform, why: providerTookUp })
  }
  return next
}

/** The order with one item replaced by `change(item)`. */
export function withItem (order: Order, itemId: string, change: (item: OrderItem) => OrderItem): Order {
  return { ...order, items: order.items.map(item => item.id === itemId ? change(item) : item) }
}

/** Moves an item to `to` (legal transitions only; the same state again is a no-op). */
export function moveItem (order: Order, item: OrderItem, to: OrderItem['state'], change: { at: string, by: Actor, why: Reason }): OrderItem {
  return transition(itemTransitions, { en: `item ${item.id} of order ${order.id}`, de: `die Position ${item.id} des Auftrags ${order.id}` }, item, to, change)
}
