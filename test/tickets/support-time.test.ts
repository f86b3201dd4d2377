import { describe, expect, it } from 'vitest'
import { addSupportHours, supportHoursBetween } from '../../src/tickets/index.js'

const business = 'https://w3id.org/symphony/ontology#BusinessHours'
const always = 'https://w3id.org/symphony/ontology#AlwaysOn'
const add = (start: string, hours: number, support = business): string => addSupportHours(new Date(start), hours, support).toISOString()
const between = (start: string, end: string, support = business): number => supportHoursBetween(new Date(start), new Date(end), support)

describe('support hours', () => {
  it('counts every hour around the clock', () => {
    expect(add('2026-12-04T16:00:00.000Z', 8, always)).toBe('2026-12-05T00:00:00.000Z')
  })

  it('counts Monday to Friday 08:00–18:00 Berlin time and skips nights and weekends', () => {
    // Friday 17:00 Berlin (CET): one hour on Friday, three on Monday from 08:00.
    expect(add('2026-12-04T16:00:00.000Z', 4)).toBe('2026-12-07T10:00:00.000Z')
    // 16 hours: 1 on Friday, 10 on Monday, 5 on Tuesday.
    expect(add('2026-12-04T16:00:00.000Z', 16)).toBe('2026-12-08T12:00:00.000Z')
    // Reported on Sunday night: starts Monday 08:00.
    expect(add('2026-12-06T22:30:00.000Z', 1.5)).toBe('2026-12-07T08:30:00.000Z')
    // Early on a weekday: waits for 08:00 the same day.
    expect(add('2026-12-08T05:00:00.000Z', 2)).toBe('2026-12-08T09:00:00.000Z')
    // Ends exactly at closing time.
    expect(add('2026-12-08T16:00:00.000Z', 1)).toBe('2026-12-08T17:00:00.000Z')
  })

  it('follows summer time: opening stays 08:00 Berlin across the change', () => {
    // Friday 27 March 2026 17:00 CET (16:00Z), summer time from Sunday 29 March: Monday 08:00 CEST is 06:00Z.
    expect(add('2026-03-27T16:00:00.000Z', 2)).toBe('2026-03-30T07:00:00.000Z')
    // And back in October: Friday 23 October 17:00 CEST (15:00Z), Monday 26 October 08:00 CET is 07:00Z.
    expect(add('2026-10-23T15:00:00.000Z', 2)).toBe('2026-10-26T08:00:00.000Z')
  })

  it('measures the support hours between two moments, the inverse of adding them', () => {
    expect(between('2026-12-04T16:00:00.000Z', '2026-12-08T11:00:00.000Z', always)).toBe(91)
    // Friday 17:00–18:00 and Monday 08:00–10:30 Berlin; the weekend and the nights do not count.
    expect(between('2026-12-04T16:00:00.000Z', '2026-12-07T09:30:00.000Z')).toBe(3.5)
    // Both ends outside business hours: Saturday to Sunday is none, Sunday night to Monday 08:30 half an hour.
    expect([between('2026-12-05T10:00:00.000Z', '2026-12-06T10:00:00.000Z'), between('2026-12-06T22:30:00.000Z', '2026-12-07T07:30:00.000Z')]).toEqual([0, 0.5])
    // An end before the start is none.
    expect(between('2026-12-08T11:00:00.000Z', '2026-12-08T10:00:00.000Z')).toBe(0)
    for (const [start, hours] of [['2026-12-04T16:00:00.000Z', 16], ['2026-03-27T16:00:00.000Z', 2], ['2026-10-23T15:00:00.000Z', 2]] as const) {
      expect(between(start, add(start, hours))).toBe(hours)
    }
  })
})
