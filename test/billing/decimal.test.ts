import { describe, expect, it } from 'vitest'
import { allocate, formatExact, formatMinor, parseDecimal, roundHalfAwayFromZero } from '../../src/billing/decimal.js'
import { parsePeriod } from '../../src/billing/index.js'

describe('decimal', () => {
  it('reads decimal text exactly and rounds halves away from zero', () => {
    expect(roundHalfAwayFromZero(parseDecimal('2.5'))).toBe(3n)
    expect(roundHalfAwayFromZero(parseDecimal('-2.5'))).toBe(-3n)
    expect(roundHalfAwayFromZero(parseDecimal('2.4999'))).toBe(2n)
    expect(() => parseDecimal('1e3')).toThrow(RangeError)
  })

  it('formats minor units and terminating fractions', () => {
    expect([formatMinor(1990, 2), formatMinor(-5, 2), formatMinor(284, 0)]).toEqual(['19.90', '-0.05', '284'])
    expect([formatExact({ num: 1n, den: 8n }), formatExact({ num: 1n, den: 3n }), formatExact({ num: 49n, den: 10n }, 2)]).toEqual(['0.125', undefined, '4.90'])
  })

  it('allocates a total in proportion, summing exactly', () => {
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33])
    expect(allocate(931, [4900, 0])).toEqual([931, 0])
    expect(allocate(0, [0, 0])).toEqual([0, 0])
  })
})

describe('parsePeriod', () => {
  it('reads a month, its days and its bounds', () => {
    expect(parsePeriod('2026-12')).toEqual({ id: '2026-12', start: '2026-12-01', end: '2027-01-01', days: 31 })
    expect(parsePeriod('2028-02').days).toBe(29)
  })

  it('refuses anything else', () => {
    expect(() => parsePeriod('2026-13')).toThrow(/not a month YYYY-MM/)
  })
})
