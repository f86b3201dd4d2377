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

  it('says what it cannot translate instead of failing later, in English and German', () => {
    const refused = (en: string, de: string): unknown => ({ ok: false, reason: en, reasons: { en, de } })
    expect(translateXsdPattern('\\p{IsTibetan}')).toEqual(refused('"\\p{IsTibetan}" is not a Unicode category or a supported block', '"\\p{IsTibetan}" ist weder eine Unicode-Kategorie noch ein unterstützter Block'))
    expect(translateXsdPattern('(ab)\\1', 'i')).toEqual(refused('a back-reference under the i flag cannot be translated', 'eine Rückreferenz unter dem Flag i lässt sich nicht übersetzen'))
    expect(translateXsdPattern('(ab)\\1', 'i', { caseFlag: true })).toEqual({ ok: true, source: '(ab)\\1', flags: 'i' })
    expect(translateXsdPattern('a', 'g')).toEqual(refused('unknown regular expression flag "g" (XPath allows s, m, i, x, q)', 'unbekanntes Flag "g" für reguläre Ausdrücke (XPath erlaubt s, m, i, x, q)'))
    expect(translateXsdPattern('(?=a)')).toEqual(refused('"(?" is only allowed as "(?:" (non-capturing group)', '"(?" ist nur als "(?:" erlaubt (nicht erfassende Gruppe)'))
    expect(translateXsdPattern('a{2,1}')).toEqual(refused('quantifier {2,1} has its bounds reversed', 'beim Quantor {2,1} sind die Grenzen vertauscht'))
    expect(translateXsdPattern('[a')).toEqual(refused('a character class "[" is not closed', 'eine Zeichenklasse "[" ist nicht geschlossen'))
    expect(translateXsdPattern('\\q')).toEqual(refused('"\\q" is not an escape of XML Schema regular expressions', '"\\q" ist keine Escape-Sequenz regulärer Ausdrücke von XML Schema'))
  })
})
