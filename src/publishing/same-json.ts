/**
 * Whether two values would serialize to the same JSON text, answered without serializing them:
 * comparing what a catalog derives about 100,000 services, twice, as JSON texts built the
 * strings of every service on every publication (seconds of the event loop's time).
 */

/**
 * True only when `JSON.stringify(a) === JSON.stringify(b)`: the same value, or arrays and plain
 * objects with the same keys in the same order whose values are so in turn. Anything else (a
 * `Map`, a `Date`, a `toJSON`) answers false, as does the same text reached by different values
 * (`NaN` and `null`), so a caller that must be exact compares the texts when this says false.
 */
export function sameJson (a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false
    return true
  }
  if (!isPlain(a) || !isPlain(b)) return false
  const keys = Object.keys(a)
  const other = Object.keys(b)
  if (keys.length !== other.length) return false
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!
    if (key !== other[i] || !sameJson(a[key], b[key])) return false
  }
  return true
}

function isPlain (value: object): value is Record<string, unknown> {
  const prototype: unknown = Object.getPrototypeOf(value)
  return (prototype === Object.prototype || prototype === null) && !('toJSON' in value)
}
