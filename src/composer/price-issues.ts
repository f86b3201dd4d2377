/**
 * `UNKNOWN_PRICE_COMPONENT` issues: price components of the answer's members that the
 * vocabulary does not declare, and `UNREADABLE_PRICE` issues: prices that are no non-negative
 * number, so that a service never looks cheaper than it is unnoticed.
 */
import { say, type Namer } from './texts.js'
import type { Bundle, CompositionIssue } from './types.js'

/** One issue per service, offer and component among the bundles' members (and a nearest bundle's), sorted. */
export function unknownPriceComponentIssues (bundles: readonly Bundle[], issues: readonly CompositionIssue[], namer: Namer): CompositionIssue[] {
  const all = [...bundles, ...issues.flatMap(issue => issue.code === 'NEAREST_BUNDLE' ? [issue.bundle] : [])]
  const seen = new Map<string, { service: string, offer: string, component: string }>()
  for (const bundle of all) {
    for (const price of bundle.price.breakdown) {
      for (const unknown of price.unknownComponents ?? []) {
        seen.set(`${unknown.service} ${unknown.offer} ${unknown.component}`, unknown)
      }
    }
  }
  const unknownIssues = [...seen.entries()].sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0).map(([, { service, offer, component }]): CompositionIssue => {
    const messages = say('UNKNOWN_PRICE_COMPONENT', { service, offer, component }, namer)
    return { code: 'UNKNOWN_PRICE_COMPONENT', service, offer, component, message: messages.en, messages }
  })
  const unreadable = new Map<string, { service: string, offer: string, component: string, amount: string }>()
  for (const bundle of all) {
    for (const price of bundle.price.breakdown) {
      for (const u of price.unreadablePrices ?? []) unreadable.set(`${u.service} ${u.offer} ${u.component} ${u.amount}`, u)
    }
  }
  const unreadableIssues = [...unreadable.entries()].sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0).map(([, { service, offer, component, amount }]): CompositionIssue => {
    const messages = say('UNREADABLE_PRICE', { service, offer, component, amount }, namer)
    return { code: 'UNREADABLE_PRICE', service, offer, component, amount, message: messages.en, messages }
  })
  return [...unknownIssues, ...unreadableIssues]
}
