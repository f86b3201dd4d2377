/**
 * A link's sentence put together from parts kept per type match (`linkParts`, `linkFrame`,
 * `framedSentence`) is the sentence `say('LINK', …)` writes, with either service named first and
 * for mandatory and optional requirements alike, in both languages.
 */
import { describe, expect, test } from 'vitest'
import { catalogNamer, typeMatch, type Texts } from '../../src/matcher/index.js'
import { framedSentence, linkFrame, linkParts, say } from '../../src/matcher/texts.js'
import { compile } from './fixture.js'

const sym = 'https://w3id.org/symphony/ontology#'
const ex = 'https://example.org/m#'

describe('link sentences from parts', () => {
  const catalog = compile('combinable-both-directions')
  const namer = catalogNamer(catalog)
  const names = (iri: string): Texts => ({ en: namer(iri, 'en'), de: namer(iri, 'de') })
  const pairs: Array<[string, string]> = [
    [sym + 'CTIInterface', sym + 'CallEventFeed'], // plugin, with a class chain
    [sym + 'CallEventFeed', sym + 'CallEventFeed'], // exact
    [sym + 'CallEventFeed', sym + 'CTIInterface'] // subsumes
  ]

  test.each(pairs)('required %s, provided %s', (required, provided) => {
    const match = typeMatch(required, provided, catalog.hierarchy)
    const parts = linkParts(match, namer)
    expect(parts.types).toEqual([match])
    expect(linkParts(match, namer)).toBe(parts)
    const from = ex + 'PBX'
    const to = ex + 'CRM'
    for (const optional of [false, true]) {
      const expected = say('LINK', { from, to, optional, degree: match.degree, types: [match] }, namer)
      // X provides: its name is fixed, the consumer's added; X requires: the other way round.
      expect(framedSentence(linkFrame(parts, optional, names(from), true), names(to))).toEqual(expected)
      expect(framedSentence(linkFrame(parts, optional, names(to), false), names(from))).toEqual(expected)
    }
  })
})
