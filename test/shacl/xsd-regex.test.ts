/** XPath/XSD regular expressions (sh:pattern) → ECMAScript `u` expressions, and what cannot be translated. */
import { describe, expect, it } from 'vitest'
import { translateXsdPattern } from '../../src/shacl/index.js'

const matches = (pattern: string, flags: string, text: string): boolean => {
  const translated = translateXsdPattern(pattern, flags)
  if (!translated.ok) throw new Error(translated.reason)
  return new RegExp(translated.source, 'u').test(text)
}

describe('translateXsdPattern', () => {
  it.each([
    ['^\\+[1-9]\\d{1,14}$', '', '^\\+[1-9]\\p{Nd}{1,14}$'],
    ['[a-z-[aeiou]]+', '', '(?:(?![aeiou])[a-z])+'],
    ['^[a-f0-9]{2}$', 'i', '^[0-9A-Fa-f]{2}$'],
    ['ab', 'i', '[Aa][Bb]'],
    ['^ [0-9]{5} $', 'x', '^[0-9]{5}$'],
    ['a.b*', 'q', 'a\\.b\\*'],
    ['^x$', 'm', '(?:^|(?<=\\n))x(?:$|(?=\\n))'],
    ['a.c', '', 'a[^\\n\\r]c'],
    ['a.c', 's', 'a[\\s\\S]c'],
    ['\\s', '', '[\\t\\n\\r ]'],
    ['\\w+', '', '[^\\p{P}\\p{Z}\\p{C}]+'],
    ['\\p{Lu}\\P{Nd}', '', '\\p{Lu}\\P{Nd}'],
    ['\\p{IsBasicLatin}', '', '[\\u{0}-\\u{7F}]'],
    ['[-a]', '', '[\\-a]'],
    ['\\-\\$/', '', '-\\$\\/'],
    ['(a)(?:b)\\1', '', '(a)(?:b)\\1'],
    ['[^\\s\\d]', '', '[^\\t\\n\\r \\p{Nd}]'],
    ['[\\w-]', '', '(?:[\\-]|[^\\p{P}\\p{Z}\\p{C}])']
  ])('%s (flags "%s") → %s', (pattern, flags, source) => {
    expect(translateXsdPattern(pattern, flags)).toEqual({ ok: true, source, flags: '' })
  })

  it('keeps XSD meanings that ECMAScript does not share', () => {
    expect(matches('^\\d+$', '', '٣٤')).toBe(true) // Arabic-Indic digits are \d in XSD
    expect(matches('^\\w+$', '', 'Größe')).toBe(true)
    expect(matches('^\\s$', '', '\u00a0')).toBe(false) // only space, tab, CR, LF
    expect(matches('^\\i\\c*$', '', 'xs:element-1')).toBe(true)
    expect(matches('^\\i\\c*$', '', '1abc')).toBe(false)
    expect(matches('^[a-z-[aeiou]]+$', '', 'xyz')).toBe(true)
    expect(matches('^[a-z-[aeiou]]+$', '', 'xaz')).toBe(false)
    expect(matches('^[^a-z-[0]]$', '', '1')).toBe(true) // (not a–z) minus 0
    expect(matches('^[^a-z-[0]]$', '', '0')).toBe(false)
    expect(matches('^[^a-z-[0]]$', '', 'x')).toBe(false)
    expect(matches('^[\\I]$', '', '1')).toBe(true)
    expect(matches('a.b', 'q', 'xa.by')).toBe(true) // q: every character stands for itself
    expect(matches('a.b', 'q', 'axb')).toBe(false)
    expect(matches('^b$', 'm', 'a\nb\nc')).toBe(true)
  })

  it('says what it cannot translate instead of failing later', () => {
    expect(translateXsdPattern('\\p{IsTibetan}')).toEqual({ ok: false, reason: '"\\p{IsTibetan}" is not a Unicode category or a supported block' })
    expect(translateXsdPattern('(ab)\\1', 'i')).toEqual({ ok: false, reason: 'a back-reference under the i flag cannot be translated' })
    expect(translateXsdPattern('(ab)\\1', 'i', { caseFlag: true })).toEqual({ ok: true, source: '(ab)\\1', flags: 'i' })
    expect(translateXsdPattern('a', 'g')).toEqual({ ok: false, reason: 'unknown regular expression flag "g" (XPath allows s, m, i, x, q)' })
    expect(translateXsdPattern('(?=a)')).toEqual({ ok: false, reason: '"(?" is only allowed as "(?:" (non-capturing group)' })
    expect(translateXsdPattern('a{2,1}')).toEqual({ ok: false, reason: 'quantifier {2,1} has its bounds reversed' })
    expect(translateXsdPattern('[a')).toEqual({ ok: false, reason: 'a character class "[" is not closed' })
    expect(translateXsdPattern('\\q')).toEqual({ ok: false, reason: '"\\q" is not an escape of XML Schema regular expressions' })
  })
})
