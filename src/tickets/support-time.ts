/**
 * Time counted in support hours. Business hours are Monday to Friday 08:00–18:00 in
 * Europe/Berlin (wall-clock time, so summer time moves them in UTC; public holidays are not
 * left out); always-on support counts every hour.
 */
const hourMs = 3_600_000
const dayMs = 24 * hourMs
const opens = 8 * hourMs
const closes = 18 * hourMs
const businessHours = 'https://w3id.org/symphony/ontology#BusinessHours'
const weekdays: Readonly<Record<string, number>> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 }

const berlin = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', weekday: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })

/** Weekday (1 = Monday) and milliseconds since local midnight in Berlin. */
function berlinTime (at: number): { weekday: number, ms: number } {
  const parts = Object.fromEntries(berlin.formatToParts(new Date(at)).map(p => [p.type, p.value]))
  const ms = Number(parts.hour) * hourMs + Number(parts.minute) * 60_000 + Number(parts.second) * 1000 + new Date(at).getUTCMilliseconds()
  return { weekday: weekdays[parts.weekday ?? ''] ?? 1, ms }
}

/** The next opening of business hours at or after `at` when `at` is outside them (wall-clock 08:00 Berlin); `at` itself inside them. */
function nextOpening (at: number): number {
  const local = berlinTime(at)
  if (local.weekday <= 5 && local.ms >= opens && local.ms < closes) return at
  const days = local.weekday <= 5 && local.ms < opens ? 0 : local.weekday >= 5 ? 8 - local.weekday : 1
  // Jump in wall-clock time, then correct for a summer-time change on the way.
  const next = at + days * dayMs + opens - local.ms
  return next + opens - berlinTime(next).ms
}

/**
 * The support hours between `start` and `end` (0 when `end` is not after `start`).
 *
 * @example
 * supportHoursBetween(new Date('2026-12-04T16:00:00Z'), new Date('2026-12-07T09:30:00Z'), sym('BusinessHours')) // 3.5: Friday 17–18, Monday 08–10:30 Berlin
 */
export function supportHoursBetween (start: Date, end: Date, supportHours: string): number {
  const until = end.getTime()
  if (supportHours !== businessHours) return Math.max(0, until - start.getTime()) / hourMs
  let at = start.getTime()
  let counted = 0
  while (at < until) {
    at = nextOpening(at)
    if (at >= until) break
    const use = Math.min(until - at, closes - berlinTime(at).ms)
    counted += use
    at += use
  }
  return counted / hourMs
}

/**
 * The moment `hours` support hours after `start`.
 *
 * @example
 * addSupportHours(new Date('2026-12-04T16:00:00Z'), 4, sym('BusinessHours')) // Monday 2026-12-07 09:00 Berlin
 */
export function addSupportHours (start: Date, hours: number, supportHours: string): Date {
  if (supportHours !== businessHours) return new Date(start.getTime() + hours * hourMs)
  let at = start.getTime()
  let left = Math.round(hours * hourMs)
  for (;;) {
    const local = berlinTime(at)
    if (local.weekday <= 5 && local.ms >= opens && local.ms < closes) {
      const use = Math.min(left, closes - local.ms)
      at += use
      left -= use
      if (left === 0) return new Date(at)
      continue
    }
    at = nextOpening(at)
  }
}
