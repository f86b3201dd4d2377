/**
 * `xsd-time` and `xsd-date-time`: the lexical spaces of xsd:time and xsd:dateTime, plus the
 * form HTML time pickers send (`09:00`, `2026-12-02T09:00`: seconds left out). The seconds are
 * added when the value becomes an RDF literal, so a time picked in a browser round-trips.
 * Both compare in time order (for `sh:minInclusive` … as `formatMinimum` …); values without a
 * time zone compare as if in UTC, as XSD 1.1 does when both lack one.
 */
const time = '([01]\\d|2[0-3]):([0-5]\\d)(?::([0-5]\\d)(\\.\\d+)?)?'
const zone = '(Z|z|[+-](?:0\\d|1[0-4]):[0-5]\\d)?'
const timePattern = new RegExp(`^${time}${zone}$`)
const dateTimePattern = new RegExp(`^(-?\\d{4,})-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])[Tt ]${time}${zone}$`)

/** Milliseconds since midnight (UTC when a zone is given). */
function timeValue (text: string): number | undefined {
  const m = timePattern.exec(text)
  if (m === null) return undefined
  return Date.UTC(1970, 0, 1, Number(m[1]), Number(m[2]), Number(m[3] ?? 0), Number(m[4] ?? 0) * 1000) - offset(m[5])
}

/** Milliseconds since the epoch (UTC when a zone is given). */
function dateTimeValue (text: string): number | undefined {
  const m = dateTimePattern.exec(text)
  if (m === null) return undefined
  const date = new Date(0)
  date.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]))
  date.setUTCHours(Number(m[4]), Number(m[5]), Number(m[6] ?? 0), Number(m[7] ?? 0) * 1000)
  if (date.getUTCDate() !== Number(m[3])) return undefined // 2026-02-30
  return date.getTime() - offset(m[8])
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
  'xsd-time': comparing(timeValue),
  'xsd-date-time': comparing(dateTimeValue)
} as const

/** Adds the seconds a time picker leaves out: `09:00` → `09:00:00`, `2026-12-02T09:00+01:00` → `…T09:00:00+01:00`. */
export function withSeconds (text: string): string {
  return text.replace(/(^|[Tt ])(\d\d:\d\d)(?=$|[Zz+-])/, '$1$2:00')
}
