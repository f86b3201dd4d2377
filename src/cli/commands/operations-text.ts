/** Orders and subscriptions as short text for people (`--format text`). */
import type { Order, Subscription } from '../../operations/index.js'

export function money (cents: number, currency: string | null): string {
  return `${(cents / 100).toFixed(2)} ${currency ?? ''}`.trim()
}

export function orderText (order: Order): string {
  const lines = [`order ${order.id} (${order.kind}): ${order.state}${order.reason === undefined ? '' : ` — ${order.reason}`}`,
    `  ${order.seats} seats, ${money(order.monthlyCents, order.currency)} a month`]
  for (const item of order.items) {
    lines.push(`  item ${item.id} ${item.action} → ${item.provider}: ${item.state}${item.reference === undefined ? '' : ` [${item.reference}]`}${item.reason === undefined ? '' : ` — ${item.reason}`}`)
    for (const line of item.lines) lines.push(`      ${line.service}${line.monthlyCents === null ? '' : `  ${money(line.monthlyCents, order.currency)}`}`)
  }
  return lines.join('\n') + '\n'
}

export function subscriptionText (subscription: Subscription): string {
  const lines = [`subscription ${subscription.id}: ${subscription.state}, ${subscription.seats} seats, ${money(subscription.monthlyCents, subscription.currency)} a month, since ${subscription.startedAt}`]
  for (const member of subscription.members) {
    lines.push(`  ${member.service} (${member.provider})${member.removedAt === undefined ? '' : ` removed ${member.removedAt}`}`)
  }
  for (const change of subscription.seatChanges) lines.push(`  ${change.at}: ${change.seats} seats, ${money(change.monthlyCents, subscription.currency)} a month (order ${change.order})`)
  return lines.join('\n') + '\n'
}
