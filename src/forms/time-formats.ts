/**
 * `xsd-date`, `xsd-time`, `xsd-date-time` and `xsd-g-year`: the lexical spaces of xsd:date,
 * xsd:time, xsd:dateTime and xsd:gYear (XSD 1.1 Part 2 §3.3.7–3.3.11: optional time zone,
 * `24:00:00` as the end of a day, year 0000, more than four year digits), plus the form HTML time
 * pickers send (`09:00`, `2026-12-02T09:00`: seconds left out). The seconds are added when the
 * value becomes an RDF literal, so a time picked in a browser round-trips. All compare in time
 * order (for `sh:minInclusive` … as `formatMinimum` …); values without a time zone compare as if
 * in UTC, as XSD 1.1 does when both lack one.
 */
const time = '(?:([01]\\d|2[0-3]):([0-5]\\d)(?::([0-5]\\d)(\\.\\d+)?)?|(24):(00)(?::(00)(\\.0+)?)?)'
const zone = '(Z|z|[+-](?:(?:0\\d|1[0-3]):[0-5]\\d|14:00))?'
const year = '(-?(?:[1-9]\\d{3,}|0\\d{3}))'
const day = `${year}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])`
const timePattern = new RegExp(`^${time}${zone}$`)
const datePattern = new RegExp(`^${day}${zone}$`)
const dateTimePattern = new RegExp(`^${day}[Tt ]${time}${zone}$`)
const yearPattern = new RegExp(`^${year}${zone}$`)

/** The time of day of a match of `time` (groups from `first`): hours, minutes, seconds, milliseconds. */
function clock (m: RegExpExecArray, first: number): [number, number, number, number] {
  const at = (index: number): string | undefined => m[first + index] ?? m[first + index + 4]
  return [Number(at(0)), Number(at(1)), Number(at(2) ?? 0), Number(at(3) ?? 0) * 1000]
}

/** Milliseconds since the epoch of a day (UTC when a zone is given); undefined when the month has no such day (2026-02-30). */
function dayValue (yearText: string, month: string, dayText: string, hours: readonly number[] = [0, 0, 0, 0]): number | undefined {
  const date = new Date(0)
  date.setUTCFullYear(Number(yearText), Number(month) - 1, Number(dayText))
  if (date.getUTCDate() !== Number(dayText)) return undefined
  // 24:00:00 is midnight at the end of the day: setUTCHours(24) moves to the next day.
  date.setUTCHours(hours[0]!, hours[1]!, hours[2]!, hours[3]!)
  return date.getTime()
}

/** Milliseconds since midnight (UTC when a zone is given); 24:00:00 is the midnight that starts a day. */
function timeValue (text: string): number | undefined {
  const m = timePattern.exec(text)
  if (m === null) return undefined
  const [h, min, s, ms] = clock(m, 1)
  return Date.UTC(1970, 0, 1, h % 24, min, s, ms) - offset(m[9])
}

function dateValue (text: string): number | undefined {
  const m = datePattern.exec(text)
  if (m === null) return undefined
  const value = dayValue(m[1]!, m[2]!, m[3]!)
  return value === undefined ? undefined : value - offset(m[4])
}

function dateTimeValue (text: string): number | undefined {
  const m = dateTimePattern.exec(text)
  if (m === null) return undefined
  const value = dayValue(m[1]!, m[2]!, m[3]!, clock(m, 4))
  return value === undefined ? undefined : value - offset(m[12])
}

function yearValue (text: string): number | undefined {
  const m = yearPattern.exec(text)
  if (m === null) return undefined
  return (dayValue(m[1]!, '01', '01') ?? 0) - offset(m[2])
}

function offset (zone: string | undefined): number {
  if (zone === undefined || zone === 'Z' || zone === 'z') return 0
  const sign = zone.startsWith('-') ? -1 : 1
  return sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6))) * 60_000
}

function comparing (value: (text: string) => number | undefined) {
  return {
    type: 'string' as const,
    validate: (text: string): boolean => value(text) !== undefined,
    compare: (a: string, b: string): number => Math.sign((value(a) ?? 0) - (value(b) ?? 0))
  }
}

export const timeFormats = {
  'xsd-date': comparing(dateValue),
  'xsd-time': comparing(timeValue),
  'xsd-date-time': comparing(dateTimeValue),
  'xsd-g-year': comparing(yearValue)
} as const

/** Adds the seconds a time picker leaves out: `09:00` → `09:00:00`, `2026-12-02T09:00+01:00` → `…T09:00:00+01:00`. */
export function withSeconds (text: string): string {
  return text.replace(/(^|[Tt ])(\d\d:\d\d)(?=$|[Zz+-])/, '$1$2:00')
}
