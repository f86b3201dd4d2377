/**
 * Exact decimal arithmetic for money: decimal text is read into a fraction of big integers,
 * multiplied exactly, and rounded once to an integer (minor units). The one rounding rule of
 * billing lives here: half away from zero (EN 16931 amounts have two decimals; a line's net is
 * rounded once, then lines are summed).
 */

/** A non-reduced fraction `num / den` with `den > 0`. */
export interface Fraction {
  readonly num: bigint
  readonly den: bigint
}

const decimalPattern = /^-?\d+(\.\d+)?$/

/** Is `text` a plain decimal number (`12`, `4.90`, `-0.5`)? */
export function isDecimal (text: string): boolean {
  return decimalPattern.test(text)
}

/** Reads a plain decimal text exactly; throws a `RangeError` for anything else (callers check with `isDecimal`). */
export function parseDecimal (text: string): Fraction {
  if (!isDecimal(text)) throw new RangeError(`not a decimal number: ${text}`)
  const negative = text.startsWith('-')
  const [whole = '0', fraction = ''] = (negative ? text.slice(1) : text).split('.')
  const num = BigInt(whole + fraction) * (negative ? -1n : 1n)
  return { num, den: 10n ** BigInt(fraction.length) }
}

/** The fraction of an integer. */
export function integer (value: number | bigint): Fraction {
  return { num: BigInt(value), den: 1n }
}

/** The exact product of the factors. */
export function multiply (...factors: readonly Fraction[]): Fraction {
  return factors.reduce((a, b) => ({ num: a.num * b.num, den: a.den * b.den }), { num: 1n, den: 1n })
}

/** `a / b` exactly (`b` not zero). */
export function divide (a: Fraction, b: Fraction): Fraction {
  const sign = b.num < 0n ? -1n : 1n
  return { num: a.num * b.den * sign, den: a.den * b.num * sign }
}

/** Rounds to the nearest integer, halves away from zero. */
export function roundHalfAwayFromZero (value: Fraction): bigint {
  const negative = value.num < 0n
  const abs = negative ? -value.num : value.num
  const rounded = (abs * 2n + value.den) / (value.den * 2n)
  return negative ? -rounded : rounded
}

/** `value` in minor units of a currency with `digits` decimals, rounded once. */
export function toMinorUnits (value: Fraction, digits: number): number {
  return Number(roundHalfAwayFromZero(multiply(value, integer(10n ** BigInt(digits)))))
}

/** Minor units as decimal text with the currency's digits: `formatMinor(1990, 2)` is `'19.90'`. */
export function formatMinor (minor: number, digits: number): string {
  const negative = minor < 0
  const text = String(Math.abs(minor)).padStart(digits + 1, '0')
  const whole = digits === 0 ? text : text.slice(0, -digits)
  const fraction = digits === 0 ? '' : `.${text.slice(-digits)}`
  return `${negative ? '-' : ''}${whole}${fraction}`
}

/**
 * A fraction as decimal text when it terminates within `maxDigits` decimals (trailing zeros
 * dropped, at least `minDigits`), otherwise `undefined`.
 */
export function formatExact (value: Fraction, minDigits = 0, maxDigits = 12): string | undefined {
  for (let digits = minDigits; digits <= maxDigits; digits++) {
    const scaled = value.num * 10n ** BigInt(digits)
    if (scaled % value.den === 0n) return formatMinorBig(scaled / value.den, digits)
  }
  return undefined
}

function formatMinorBig (minor: bigint, digits: number): string {
  const negative = minor < 0n
  const text = (negative ? -minor : minor).toString().padStart(digits + 1, '0')
  const whole = digits === 0 ? text : text.slice(0, -digits)
  return `${negative ? '-' : ''}${whole}${digits === 0 ? '' : `.${text.slice(-digits)}`}`
}

/** The number of decimals of a currency's minor unit (ISO 4217 via `Intl`): 2 for EUR, 0 for JPY. */
export function minorDigits (currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
}

/**
 * Splits `total` over `weights` in proportion, in integers that sum to `total` exactly
 * (largest remainder; ties go to the earlier weight).
 */
export function allocate (total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0)
  if (sum === 0) return weights.map(() => 0)
  const exact = weights.map(w => BigInt(total) * BigInt(w))
  const floors = exact.map(e => floorDiv(e, BigInt(sum)))
  let rest = BigInt(total) - floors.reduce((a, b) => a + b, 0n)
  const order = exact
    .map((e, index) => ({ index, remainder: e - floors[index]! * BigInt(sum) }))
    .sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : (b.remainder > a.remainder ? 1 : -1)))
  const result = floors.map(Number)
  for (const { index } of order) {
    if (rest <= 0n) break
    result[index]! += 1
    rest -= 1n
  }
  return result
}

function floorDiv (a: bigint, b: bigint): bigint {
  const q = a / b
  return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? q - 1n : q
}
