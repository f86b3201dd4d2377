/** A point in time given on the command line: a date (midnight UTC) or an ISO 8601 time with its zone. */
import { SymphonyError } from '../errors.js'

/**
 * `value` of `--<option>` as a UTC ISO 8601 time; `2026-12-01` is midnight UTC of that day.
 *
 * @example
 * instantArgument('since', '2026-12-01') // '2026-12-01T00:00:00.000Z'
 */
export function instantArgument (option: string, value: string): string {
  const at = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value)
  if (Number.isNaN(at.getTime())) {
    throw new SymphonyError('BAD_REQUEST', {
      en: `--${option} ${value} is not a date (2026-12-01) or UTC time (2026-12-01T00:00:00Z)`,
      de: `--${option} ${value} ist kein Datum (2026-12-01) und keine UTC-Zeit (2026-12-01T00:00:00Z)`
    })
  }
  return at.toISOString()
}
