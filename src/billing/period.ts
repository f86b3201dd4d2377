/**
 * Billing periods and days. A period is a calendar month in UTC. Prorating is by the day:
 * each day is billed with the state in force at its end (UTC midnight), so a member added on
 * the 10th pays from the 10th, a seat change on the 15th counts from the 15th, and a
 * cancellation on the 20th bills up to and including the 19th.
 */
import { SymphonyError } from '../errors.js'
import type { BillingPeriod } from './types.js'

const periodPattern = /^(\d{4})-(0[1-9]|1[0-2])$/
const dayMs = 86_400_000

/** The month `YYYY-MM` as a period; throws `BAD_REQUEST` for anything else. */
export function parsePeriod (id: string): BillingPeriod {
  const match = periodPattern.exec(id)
  if (match === null) {
    throw new SymphonyError('BAD_REQUEST', {
      en: `billing period "${id}" is not a month YYYY-MM (e.g. 2026-12)`,
      de: `der Abrechnungszeitraum "${id}" ist kein Monat JJJJ-MM (z. B. 2026-12)`
    })
  }
  const year = Number(match[1])
  const month = Number(match[2])
  const start = Date.UTC(year, month - 1, 1)
  const end = Date.UTC(year, month, 1)
  return { id, start: isoDate(start), end: isoDate(end), days: Math.round((end - start) / dayMs) }
}

/** The period containing a UTC instant. */
export function periodOf (instant: string): BillingPeriod {
  return parsePeriod(instant.slice(0, 7))
}

/** The period after `period`. */
export function nextPeriod (period: BillingPeriod): BillingPeriod {
  return parsePeriod(period.end.slice(0, 7))
}

/** The days of a period as `YYYY-MM-DD`, in order. */
export function periodDays (period: BillingPeriod): string[] {
  const start = Date.parse(`${period.start}T00:00:00Z`)
  return Array.from({ length: period.days }, (_, i) => isoDate(start + i * dayMs))
}

/** The end of a day: the instant (ms) the day's billed state is read at. */
export function endOfDay (day: string): number {
  return Date.parse(`${day}T00:00:00Z`) + dayMs
}

/** Milliseconds of a UTC ISO 8601 timestamp; throws `BAD_REQUEST` when it is not one. */
export function instant (timestamp: string): number {
  const ms = Date.parse(timestamp)
  if (Number.isNaN(ms)) throw new SymphonyError('BAD_REQUEST', { en: `"${timestamp}" is not an ISO 8601 timestamp`, de: `"${timestamp}" ist kein Zeitstempel nach ISO 8601` })
  return ms
}

/** Is the timestamp inside the period (`start` inclusive, `end` exclusive)? */
export function inPeriod (timestamp: string, period: BillingPeriod): boolean {
  const ms = instant(timestamp)
  return ms >= Date.parse(`${period.start}T00:00:00Z`) && ms < Date.parse(`${period.end}T00:00:00Z`)
}

function isoDate (ms: number): string {
  return new Date(ms).toISOString().slice(0, 10)
}
