/**
 * How the console writes durations, times and days a configuration stores: in the reader's
 * words and format, never as the stored lexical form ("PT30M", "09:00:00").
 */
import { afterEach, describe, expect, test } from 'vitest'

// The console's modules are plain browser JavaScript without declarations: typed here by use.
const consoleModule = async <T>(name: string): Promise<T> => await import(`../../console/${name}`) as T
const { dateText, durationText, timeText } = await consoleModule<Record<'dateText' | 'durationText' | 'timeText', (value: string) => string>>('format.js')
const { setLang } = await consoleModule<{ setLang: (language: 'en' | 'de') => void }>('i18n.js')

afterEach(() => setLang('en'))

describe('values of a saved configuration in the reader\'s language', () => {
  test('durations in words', () => {
    setLang('en')
    expect(['PT30M', 'P1DT2H', 'PT1H30M15S', 'P2W', 'PT0S'].map(durationText)).toEqual(['30 minutes', '1 day and 2 hours', '1 hour, 30 minutes, and 15 seconds', '2 weeks', '0 minutes'])
    setLang('de')
    expect(['PT30M', 'P1DT2H', 'P1Y6M'].map(durationText)).toEqual(['30 Minuten', '1 Tag und 2 Stunden', '1 Jahr und 6 Monate'])
  })

  test('a value that is no duration stays as stored', () => {
    expect(['P', 'PT', '30 minutes', 'P1H'].map(durationText)).toEqual(['P', 'PT', '30 minutes', 'P1H'])
  })

  test('times as the language writes them, with the zone named when one is stored', () => {
    setLang('en')
    expect(['09:00:00', '17:30:00Z', '09:00:15'].map(timeText)).toEqual(['9:00 AM', '5:30 PM UTC', '9:00:15 AM'])
    setLang('de')
    expect(['09:00:00', '17:30:00+01:00', 'nine'].map(timeText)).toEqual(['09:00', '17:30 UTC+01:00', 'nine'])
  })

  test('days as the language writes them', () => {
    setLang('en')
    expect([dateText('2026-12-05'), dateText('2026-12-05T23:10:00Z')]).toEqual(['Dec 5, 2026', 'Dec 5, 2026'])
    setLang('de')
    expect(dateText('2026-12-05')).toBe('05.12.2026')
  })
})
