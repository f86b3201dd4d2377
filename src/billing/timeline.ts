/**
 * Which days of a period a member is billed for, and with which seat counts: consecutive days
 * with the same counts form one segment (one invoice line per monthly component).
 */
import { endOfDay, instant, periodDays } from './period.js'
import type { BillingPeriod, MemberInput, SeatChange, SubscriptionInput } from './types.js'

/** Consecutive billed days with the same counts; `from` and `until` inclusive. */
export interface Segment {
  readonly from: string
  readonly until: string
  readonly days: number
  readonly seats: number
  readonly concurrentSeats: number
}

/** The member's billed segments in the period, in day order. */
export function memberSegments (subscription: SubscriptionInput, member: MemberInput, period: BillingPeriod): Segment[] {
  const changes = [...subscription.seats].sort((a, b) => instant(a.at) - instant(b.at))
  const added = instant(member.addedAt)
  const removed = Math.min(
    member.removedAt === undefined ? Infinity : instant(member.removedAt),
    subscription.cancelledAt === undefined ? Infinity : instant(subscription.cancelledAt)
  )
  const segments: Segment[] = []
  for (const day of periodDays(period)) {
    const at = endOfDay(day)
    if (added >= at || removed < at) continue
    const counts = countsAt(changes, at)
    if (counts === undefined) continue
    const last = segments.at(-1)
    if (last !== undefined && last.seats === counts.seats && last.concurrentSeats === counts.concurrentSeats && isNextDay(last.until, day)) {
      segments[segments.length - 1] = { ...last, until: day, days: last.days + 1 }
    } else {
      segments.push({ from: day, until: day, days: 1, seats: counts.seats, concurrentSeats: counts.concurrentSeats })
    }
  }
  return segments
}

/** The seat counts in force just before `at` (the last change strictly before it). */
function countsAt (changes: readonly SeatChange[], at: number): SeatChange | undefined {
  let current: SeatChange | undefined
  for (const change of changes) {
    if (instant(change.at) < at) current = change
    else break
  }
  return current
}

function isNextDay (previous: string, day: string): boolean {
  return endOfDay(previous) === Date.parse(`${day}T00:00:00Z`)
}
