/**
 * How the composer writes IRIs and money in messages and text output. IRIs are written as the
 * matcher writes them (`sym:EEA`, `<https://example.org/x#A>`), so messages read alike.
 */
export { shortName } from '../matcher/index.js'

/** `71200` cents, `EUR` → `712.00 EUR`. */
export function formatMoney (cents: number, currency: string | null): string {
  const amount = (cents / 100).toFixed(2)
  return currency === null ? amount : `${amount} ${currency}`
}

/** Currency units from cents, as a JSON number (`71250` → `712.5`). */
export function fromCents (cents: number): number {
  return Math.round(cents) / 100
}

/** Cents from currency units, rounded to the nearest cent. */
export function toCents (amount: number): number {
  return Math.round(amount * 100)
}

/** `a, b and c`. */
export function listing (items: readonly string[]): string {
  if (items.length <= 1) return items.join('')
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]!}`
}
