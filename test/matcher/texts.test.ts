/**
 * The sentences of matching answers: every issue and explanation code has an English and a
 * German text, the German one written in German and different from the English one, things
 * named by the namer (labels in the sentence's language); the localizing functions change only
 * the sentence fields.
 */
import { describe, expect, test } from 'vitest'
import {
  canCombine, combinableInLanguage, combinableWith, discover, discoveryInLanguage, issueTextCodes, localNamer, matchTextCodes,
  pairCheckInLanguage, type IssueTextCode, type MatchTextCode, type Namer
} from '../../src/matcher/index.js'
import { issue, say, type IssueTextParams, type MatchTextParams } from '../../src/matcher/texts.js'
import { compile, readJson } from './fixture.js'
import { sentences, structure } from './sentences.js'

const ex = 'https://example.org/x#'
const sym = 'https://w3id.org/symphony/ontology#'
const labels: Record<string, { en: string, de: string }> = {
  [`${ex}Pbx`]: { en: 'Cloud PBX', de: 'Cloud-Telefonanlage' },
  [`${sym}ContactLookupAPI`]: { en: 'Contact lookup API', de: 'Kontaktsuche-API' }
}
const namer: Namer = (iri, language) => labels[iri]?.[language] ?? localNamer(iri, language)

const lookup = `${sym}ContactLookupAPI`
const types = [{ required: lookup, provided: `${sym}ContactSearchAPI`, degree: 'plugin' as const, distance: 1, path: [`${sym}ContactSearchAPI`, lookup] }]

/** Values for every issue code: the test fails when a code is added without a sample. */
const issueSamples: { [C in IssueTextCode]: IssueTextParams<C> } = {
  UNTYPED_INTERFACE: { required: `${ex}lookup`, service: `${ex}Pbx` },
  NO_TYPE_MATCH: { provided: `${ex}dav`, service: `${ex}Crm`, offered: [`${sym}CardDAVContacts`], required: [lookup] },
  NO_PROVIDED_INTERFACE: { provider: `${ex}Crm`, required: [lookup], offered: [] },
  PROTOCOL_MISMATCH: { required: [`${sym}HTTPS_REST`, `${sym}GraphQL`], provided: [`${sym}SOAP`] },
  DATA_FORMAT_MISMATCH: { required: [`${sym}JSON`], provided: [`${sym}XML`] },
  VERSION_MISMATCH: { version: '1.4.0', versionRange: '>=2.0.0 <3.0.0' },
  INVALID_VERSION: { version: 'latest', service: `${ex}Crm` },
  INVALID_VERSION_RANGE: { versionRange: 'two or newer', service: `${ex}Pbx` }
}

const unmet = issue('VERSION_MISMATCH', issueSamples.VERSION_MISMATCH, namer)
const missing = [{ kind: 'input' as const, requirement: lookup, closest: `${sym}ContactSearchAPI`, similarity: 0.5 }]

/** Values for every explanation code. */
const samples: { [C in MatchTextCode]: MatchTextParams<C> } = {
  PAIR_COMBINABLE: { a: `${ex}Pbx`, b: `${ex}Crm`, degree: 'plugin' },
  PAIR_NOT_COMBINABLE: { a: `${ex}Pbx`, b: `${ex}Crm` },
  DIRECTION: { provider: `${ex}Crm`, consumer: `${ex}Pbx`, degree: 'fail', complete: false, requirements: 2 },
  REQUIREMENT_MET: { consumer: `${ex}Pbx`, provider: `${ex}Crm`, types: [lookup], optional: true, provided: `${ex}search`, degree: 'plugin', paths: [types[0]!.path] },
  REQUIREMENT_UNMET: { consumer: `${ex}Pbx`, provider: `${ex}Crm`, types: [lookup], optional: false, issues: [unmet] },
  LINK: { from: `${ex}Crm`, to: `${ex}Pbx`, optional: true, degree: 'subsumes', types },
  NOTHING_COMBINABLE: { service: `${ex}Pbx` },
  WANTED_PROVIDED: { wanted: lookup, degree: 'exact', path: [lookup] },
  REQUIRES_MET: { optional: false, degree: 'plugin', types },
  REQUIRES_UNMET: { optional: true, types },
  RELATED_OUTPUT: { missing: [{ ...missing[0]!, kind: 'output' }] },
  MISSING_INPUT: { missing },
  NEEDS_NOTHING_OFFERED: {},
  GENERAL_MATCH: { general: lookup },
  FULL_MATCH_NEEDS_NOTHING: {},
  FULL_MATCH: { uses: 2, available: 3 }
}

/** English words that must not appear in a German sentence. */
const english = /\b(the|provides?|requires?|requirement|needs?|offers?|met|not|of|and|or|which|is|type|interface|state|version in|similarity|match)\b/

/** A property or class of the vocabulary by its prefixed name, which a reader cannot look up. */
const vocabularyTerm = /\b(sym|symsh|sh|rdf|rdfs|owl|xsd):[A-Za-z]/

/** A sentence without prefixed names (`rdf:type`) and quoted values: the words of its language. */
const withoutTerms = (text: string): string => text.replace(/\b\w+:\w+|"[^"]*"/g, '')

describe('matching sentences', () => {
  test.each(issueTextCodes)('issue %s has a message and a fix in English and in German, each its own', code => {
    const i = issue(code, issueSamples[code] as never, namer)
    expect(i.code).toBe(code === 'NO_PROVIDED_INTERFACE' ? 'NO_TYPE_MATCH' : code)
    for (const texts of [i.messages, i.fixes]) {
      expect(texts.en).not.toBe('')
      expect(texts.de).not.toBe('')
      expect(texts.de).not.toBe(texts.en)
      expect(withoutTerms(texts.de)).not.toMatch(english)
      expect(`${texts.en} ${texts.de}`).not.toMatch(vocabularyTerm)
    }
    expect([i.message, i.fix]).toEqual([i.messages.en, i.fixes.en])
  })

  test.each(matchTextCodes)('explanation %s is written in English and in German, each its own', code => {
    const texts = say(code, samples[code] as never, namer)
    expect(texts.en).not.toBe('')
    expect(texts.de).not.toBe(texts.en)
    expect(withoutTerms(texts.de)).not.toMatch(english)
  })

  test('sentences name things by their labels in the sentence\'s language, else by their local names', () => {
    const met = say('REQUIREMENT_MET', samples.REQUIREMENT_MET, namer)
    expect(met.en).toBe('requirement Contact lookup API of Cloud PBX (optional): met by search of Crm, plugin (more specific) (ContactSearchAPI ⊑ Contact lookup API)')
    expect(met.de).toBe('Anforderung Kontaktsuche-API von Cloud-Telefonanlage (optional): erfüllt durch search von Crm, Plug-in (spezieller) (ContactSearchAPI ⊑ Kontaktsuche-API)')
    const protocol = issue('PROTOCOL_MISMATCH', issueSamples.PROTOCOL_MISMATCH, namer)
    expect(protocol.messages.de).toBe('die Anforderung braucht das Protokoll HTTPS_REST oder GraphQL; die gelieferte Schnittstelle bietet SOAP')
    expect(protocol.fixes).toEqual({ en: 'provide HTTPS_REST or GraphQL', de: 'bieten Sie HTTPS_REST oder GraphQL an' })
    expect(say('MISSING_INPUT', samples.MISSING_INPUT, namer).de).toBe('Knapp daneben: braucht Kontaktsuche-API, Sie haben ContactSearchAPI (Ähnlichkeit 0,50).')
  })
})



describe('answers in one language', () => {
  test.each([
    ['pair-protocol-mismatch', 'pair check'],
    ['pair-version-mismatch', 'pair check'],
    ['combinable-both-directions', 'combinable'],
    ['discover-rank-missing-inputs', 'discovery']
  ])('%s (%s): German sentences, the same structured fields', name => {
    const catalog = compile(name)
    const request = readJson(name, 'request.json') as { operation: string, a?: string, b?: string, service?: string, request?: unknown }
    const localize = (language: string): unknown => {
      if (request.operation === 'canCombine') return pairCheckInLanguage(canCombine(catalog, request.a!, request.b!), language)
      if (request.operation === 'combinableWith') return combinableInLanguage(combinableWith(catalog, request.service!), language)
      return discoveryInLanguage(discover(catalog, request.request), language)
    }
    const en = localize('en')
    const de = localize('de-DE')
    expect(structure(de)).toEqual(structure(en))
    const german = sentences(de, 'de')
    expect(german.length).toBeGreaterThanOrEqual(3)
    for (const [text, expected] of german) expect(text).toBe(expected)
    for (const [text, expected] of sentences(en, 'en')) expect(text).toBe(expected)
    expect(german.map(([text]) => text)).not.toEqual(sentences(en, 'en').map(([text]) => text))
  })
})
