/**
 * The sentences of composition answers: every code has an English and a German text, the German
 * one written in German (its own words and number format), things named by their labels; and
 * every sentence the golden cases produce exists in both languages, with `inLanguage` changing
 * only the sentence fields.
 */
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { inLanguage, say, textCodes, type CompositionAnswer, type TextCode } from '../../src/composer/index.js'
import { localNamer, type Namer } from '../../src/composer/texts.js'
import { fixturesFolder, runCase } from './fixture-runner.js'

const ex = 'https://example.org/x#'
const sym = 'https://w3id.org/symphony/ontology#'
const labels: Record<string, { en: string, de: string }> = {
  [`${ex}Pbx`]: { en: 'Cloud PBX', de: 'Cloud-Telefonanlage' },
  [`${sym}VirtualPBX`]: { en: 'Virtual PBX', de: 'Virtuelle Telefonanlage' }
}
const namer: Namer = (iri, language) => labels[iri]?.[language] ?? localNamer(iri, language)

const note = say('OTHER_CURRENCIES', { currency: 'EUR', currencies: ['USD'] }, namer)
const detail = say('DPA_MISSING', {}, namer)
const item = { kind: 'requires' as const, types: [`${sym}ContactLookupAPI`] }
const location = { locations: ['DE', 'US'], outside: ['US'], allowed: [`${sym}EEA`, 'CH'], safeguards: [`${sym}StandardContractualClauses`] }
const link = { from: `${ex}Crm`, to: `${ex}Pbx`, available: false, provided: [`${sym}ContactSearchAPI`], required: [`${sym}ContactLookupAPI`], degree: 'plugin' as const, path: [`${sym}ContactSearchAPI`, `${sym}ContactLookupAPI`], mutual: true }
const node = { id: `${ex}lookup`, service: `${ex}Pbx`, protocols: [`${sym}HTTPS_REST`], dataFormats: [`${sym}JSON`], versionRange: '>=2.0.0 <3.0.0' }
const provided = { id: `${ex}dav`, service: `${ex}Crm`, types: [`${sym}CardDAVContacts`], protocols: [`${sym}CardDAV`], dataFormats: [`${sym}VCard`], version: '1.4.0' }

/** Values for every sentence code: the test fails when a code is added without a sample. */
const samples: { [C in TextCode]: Parameters<typeof say<C>>[1] } = {
  REASON_SERVICE_TYPE: { serviceType: `${sym}VirtualPBX` },
  REASON_WANTED: { wanted: `${sym}CallEventFeed`, degree: 'exact' },
  REASON_REQUIREMENT: { interfaceTypes: [`${sym}ContactLookupAPI`], of: `${ex}Pbx` },
  LINK: link,
  LINK_CONSUMER: link,
  LOCATION_WITHIN: { ...location, outside: [] },
  LOCATION_SAFEGUARDED: location,
  LOCATION_SAFEGUARD_REFUSED: location,
  LOCATION_WITHOUT_PERSONAL_DATA: { ...location, safeguards: [] },
  LOCATION_OUTSIDE: { ...location, locations: [], outside: [], safeguards: [] },
  DPA_OFFERED: {},
  DPA_MISSING: {},
  CERTIFIED: { certifications: [`${sym}ISO27001`, `${sym}BSIC5`] },
  CERTIFICATION_MISSING: { missing: [`${sym}ISO27001`] },
  SECRECY_SUITABLE: {},
  SECRECY_NOT_DECLARED: {},
  PROVIDER_NOT_STATED: {},
  PROVIDER_EXCLUDED: { provider: `${ex}Acme` },
  PROVIDER_NOT_EXCLUDED: { provider: `${ex}Acme` },
  FACT_NOT_STATED: { property: `${ex}sla` },
  FACT_NOT_IN: { property: `${ex}hosting`, values: [`${ex}TierII`], in: [`${ex}TierIII`, 'Tier IV'] },
  FACT_NOT_VALUE: { property: `${sym}certification`, values: [`${sym}ISO27001`], hasValue: `${sym}BSIC5` },
  FACT_OUT_OF_BOUNDS: { property: `${ex}sla`, values: [99.5], min: 99.95 },
  FACT_HOLDS: { property: `${ex}sla`, values: [99.99, true] },
  PRICED_IN_CURRENCY: { currency: 'EUR', offer: `${ex}PbxTariff` },
  NOT_PRICED_IN_CURRENCY: { currency: 'EUR', note },
  BUDGET: { monthly: 123450, currency: 'EUR', seats: 12, budget: 100000, budgetCurrency: 'EUR' },
  BUDGET_UNCHECKED: { unpriced: [`${ex}Crm`], monthly: 2000, currency: 'EUR', seats: 1, budget: 50000, budgetCurrency: 'EUR' },
  NO_PERSONAL_DATA: { place: { kind: 'link', from: `${ex}Fax`, to: `${ex}Pbx`, types: [`${sym}FaxGateway`] } },
  PERSONAL_DATA: { place: { kind: 'wanted', type: `${sym}CallEventFeed` }, data: [`${sym}ContactData`] },
  NO_OFFER: {},
  UNDECLARED_COMPONENTS: { currency: 'EUR', components: [`${ex}PerMailbox`] },
  UNREADABLE_PRICES: { currency: 'EUR', amounts: ['19,00'] },
  MIXED_CURRENCIES: {},
  OTHER_CURRENCIES: { currency: 'EUR', currencies: ['CHF', 'USD'] },
  NEED_BUDGET_AT_LEAST: { cheapest: 64300, budget: 60000, currency: 'EUR' },
  NEED_LARGER_BUDGET: { detail: say('BUDGET', { monthly: 64300, currency: 'EUR', seats: 12, budget: 60000, budgetCurrency: 'EUR' }, namer) },
  NEED_CONSTRAINT: { service: `${ex}Crm`, constraint: 'requireDPA', detail },
  NEED_REQUIREMENT: { service: `${ex}Pbx`, interfaceTypes: [`${sym}FaxGateway`], why: say('WHY_NO_PROVIDER', { item: { kind: 'requires', types: [`${sym}FaxGateway`] } }, namer) },
  NEED_GOAL: { why: say('WHY_NO_PROVIDER', { item: { kind: 'serviceType', types: [`${sym}VirtualPBX`] } }, namer) },
  WHY_NO_PROVIDER: { item },
  WHY_INCOMPATIBLE: { item, mismatches: [{ service: `${ex}Crm`, issues: ['PROTOCOL_MISMATCH', 'DATA_FORMAT_MISMATCH', 'VERSION_MISMATCH'], degree: 'fail', required: node, provided, requiredTypes: item.types }], more: 2 },
  WHY_CONSTRAINTS: { item: { kind: 'serviceType', types: [`${sym}VirtualPBX`] }, constraints: [say('PHRASE_DPA', {}, namer)], candidates: [{ service: `${ex}Pbx`, failed: [detail] }, { service: `${ex}Crm`, failed: [] }], more: 1 },
  WHY_REQUIREMENTS_OPEN: { item: { kind: 'wanted', types: [`${sym}CallEventFeed`] }, provider: `${ex}Pbx`, others: 2 },
  WHY_REQUIREMENT_BLOCKED: { item: { kind: 'serviceType', types: [`${sym}VirtualPBX`] }, provider: `${ex}Pbx`, others: 1, requirement: [`${sym}FaxGateway`], below: say('WHY_NO_PROVIDER', { item: { kind: 'requires', types: [`${sym}FaxGateway`] } }, namer) },
  PHRASE_DATA_LOCATION: { allowed: [`${sym}EEA`] },
  PHRASE_DPA: {},
  PHRASE_CERTIFICATIONS: { certifications: [`${sym}ISO27001`] },
  PHRASE_SECRECY: {},
  PHRASE_PROVIDER: {},
  PHRASE_CURRENCY: { currency: 'EUR' },
  PHRASE_FACTS: { facts: [{ property: `${ex}sla`, min: 99.9 }, { property: `${sym}certification`, hasValue: `${sym}ISO27001` }, { property: `${ex}hosting`, in: [`${ex}TierIII`] }] },
  PHRASE_BUDGET: {},
  PHRASE_PERSONAL_DATA: {},
  OVER_BUDGET: { cheapest: 123450, budget: 100000, currency: 'EUR', seats: 12 },
  NEAREST_BUNDLE_BUDGET: { services: [`${ex}Crm`, `${ex}Pbx`], cheapest: 64300, currency: 'EUR' },
  NEAREST_BUNDLE: { services: [`${ex}Crm`, `${ex}Pbx`], needs: [detail] },
  NO_VALID_WIRING: { wiring: 'dataflow' },
  WIRING_CYCLE: { services: [`${ex}Crm`, `${ex}Pbx`], cycles: [[`${ex}Crm`, `${ex}Pbx`]], needs: [say('LINK_CONSUMER', link, namer)] },
  CURRENCY_MISMATCH: { services: [`${ex}Crm`, `${ex}Fax`], currency: 'EUR' },
  SEARCH_LIMIT: { timeoutMs: 10000, found: 1, limit: 5, bound: 2.5, raisable: true },
  SEARCH_CUT: { found: 2, limit: 5, bound: 2.5 },
  RANKING_UNPROVEN: { timeoutMs: 10000, bound: 2.5, last: 3.25, gap: 0.75, raisable: true },
  UNKNOWN_PRICE_COMPONENT: { service: `${ex}Crm`, offer: `${ex}CrmTariff`, component: `${ex}PerMailbox` },
  UNREADABLE_PRICE: { service: `${ex}Crm`, offer: `${ex}CrmTariff`, component: `${ex}PerMailbox`, amount: '-5.00' }
}

/** English words that have no business in a German sentence (names in the samples avoid them). */
/** An IRI or a prefixed name of the vocabularies, which a person reading the sentence cannot look up. */
const iriOrCurie = /https?:\/\/|\b(sym|symsh|sh|xsd|rdf|rdfs|owl|schema|dcterms):[A-Za-z]/

const english = /\b(the|is|are|of|and|with|not|no|provides|requires|service|bundle|would|need|priced|within|outside|carries|offer|link|via|which|but|a)\b/

describe('sentence codes', () => {
  test('every code has a sample', () => {
    expect(Object.keys(samples).sort()).toEqual([...textCodes].sort())
  })

  test.each(textCodes)('%s has a German text of its own', code => {
    const texts = say(code, samples[code] as never, namer)
    expect(texts.en.trim()).not.toBe('')
    expect(texts.de.trim()).not.toBe('')
    expect(texts.de).not.toBe(texts.en)
    expect(texts.de).not.toMatch(english)
    expect(texts.de).not.toMatch(iriOrCurie)
    expect(texts.en).not.toMatch(iriOrCurie)
  })

  test('a member outside the allowed region without a safeguard is told in words, not by a property name', () => {
    expect(say('LOCATION_OUTSIDE', { ...location, safeguards: [] }, namer)).toEqual({
      en: 'keeps data in DE, US; US is outside EEA, CH, and it states no transfer safeguard (such as standard contractual clauses)',
      de: 'speichert Daten in DE, US; US liegt außerhalb der erlaubten Standorte (EEA, CH), und es nennt keine Übermittlungsgarantie (etwa Standardvertragsklauseln)'
    })
  })

  test('amounts and numbers are written as each language writes them', () => {
    const over = say('OVER_BUDGET', samples.OVER_BUDGET, namer)
    expect(over.en).toBe('cheapest valid bundle costs €1,234.50 a month for 12 seats, budget €1,000.00')
    expect(over.de).toBe('das günstigste gültige Bündel kostet 1.234,50\u00a0€ pro Monat für 12 Plätze, Budget 1.000,00\u00a0€')
    expect(say('RANKING_UNPROVEN', samples.RANKING_UNPROVEN, namer).de).toContain('mindestens 2,5 (die aufgeführten kosten bis zu 3,25, ein Abstand von 0,75)')
    expect(say('FACT_OUT_OF_BOUNDS', samples.FACT_OUT_OF_BOUNDS, namer)).toEqual({ en: 'sla 99.5 does not meet ≥ 99.95', de: 'sla 99,5 erfüllt nicht ≥ 99,95' })
  })

  test('a time budget at the longest allowed is not advised to be raised, and a bound of 0 (nothing searched) is not told', () => {
    const capped = { timeoutMs: 60000, found: 0, limit: 3, bound: 0, raisable: false }
    expect(say('SEARCH_LIMIT', capped, namer)).toEqual({
      en: 'the time budget of 60000 ms ran out with 0 of 3 bundles; further bundles may exist — narrow the request (fewer wanted types or service types, more available types, stricter constraints): 60000 ms is the longest time budget allowed',
      de: 'das Zeitbudget von 60.000 ms lief mit 0 von 3 Bündeln ab; weitere Bündel kann es geben — schränken Sie die Anfrage ein (weniger gewünschte Typen oder Diensttypen, mehr verfügbare Typen, strengere Bedingungen): 60.000 ms ist das längste erlaubte Zeitbudget'
    })
    for (const texts of [say('SEARCH_LIMIT', capped, namer), say('RANKING_UNPROVEN', { ...samples.RANKING_UNPROVEN, raisable: false }, namer)]) {
      expect(texts.en).not.toContain('timeoutMs')
      expect(texts.de).not.toContain('timeoutMs')
      expect(texts.de).not.toMatch(english)
    }
    expect(say('SEARCH_LIMIT', samples.SEARCH_LIMIT, namer).en).toBe('the time budget of 10000 ms ran out with 1 of 5 bundles; further bundles may exist, none costing less than 2.5 — give the request a larger "timeoutMs" or narrow it')
  })

  test('a solver that stopped with time left for another reason is told with its status, and no larger time budget is advised', () => {
    expect(say('RANKING_UNPROVEN', { ...samples.RANKING_UNPROVEN, solverStatus: 'solveError' }, namer)).toEqual({
      en: 'the bundles are valid and minimal, but the integer solver stopped (HiGHS status solveError) with time left before proving that none cheaper exists: any other bundle costs at least 2.5 (the listed ones cost up to 3.25, a gap of 0.75); a larger "timeoutMs" would not help, only a narrower request can be proven',
      de: 'die Bündel sind gültig und minimal, aber der Solver für ganzzahlige Programme hielt mit verbleibender Zeit an (HiGHS-Status solveError), bevor bewiesen war, dass es kein günstigeres gibt: jedes andere Bündel kostet mindestens 2,5 (die aufgeführten kosten bis zu 3,25, ein Abstand von 0,75); ein größeres "timeoutMs" hilft nicht, bewiesen werden kann nur eine engere Anfrage'
    })
    const limited = say('SEARCH_LIMIT', { ...samples.SEARCH_LIMIT, solverStatus: 'solveError' }, namer)
    expect(limited.en).toBe('the integer solver stopped before its time budget ran out, without a proof (HiGHS status solveError), with 1 of 5 bundles; further bundles may exist, none costing less than 2.5 — a larger "timeoutMs" would not help: narrow the request (fewer wanted types or service types, more available types, stricter constraints)')
    expect(limited.de).not.toMatch(english)
  })

  test('things are named by their label in the sentence\'s language, else by their local name', () => {
    expect(say('REASON_SERVICE_TYPE', samples.REASON_SERVICE_TYPE, namer)).toEqual({
      en: 'covers service type Virtual PBX',
      de: 'deckt den Diensttyp Virtuelle Telefonanlage ab'
    })
    expect(say('REASON_REQUIREMENT', samples.REASON_REQUIREMENT, namer)).toEqual({
      en: 'satisfies requirement ContactLookupAPI of Cloud PBX',
      de: 'erfüllt die Anforderung ContactLookupAPI von Cloud-Telefonanlage'
    })
  })
})

const cases = readdirSync(fixturesFolder, { withFileTypes: true }).filter(entry => entry.isDirectory()).map(entry => entry.name).sort()

/** Every `{ en, de }` pair of sentences in a value. */
function pairs (value: unknown, found: Array<{ en: string, de: string }> = []): Array<{ en: string, de: string }> {
  if (Array.isArray(value)) for (const v of value) pairs(v, found)
  else if (typeof value === 'object' && value !== null) {
    for (const [key, v] of Object.entries(value)) {
      if (['messages', 'texts', 'consumerTexts', 'details', 'notes'].includes(key)) found.push(v as { en: string, de: string })
      else pairs(v, found)
    }
  }
  return found
}

/** How many sentences (in one language) the value holds. */
function singular (value: unknown): number {
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + singular(v), 0)
  if (typeof value !== 'object' || value === null) return 0
  return Object.entries(value).reduce((n, [key, v]) => n + (['message', 'text', 'consumerText', 'detail', 'note'].includes(key) && typeof v === 'string' ? 1 : singular(v)), 0)
}

/** The value without its sentence fields. */
function structure (value: unknown): unknown {
  if (Array.isArray(value)) return value.map(structure)
  if (typeof value !== 'object' || value === null) return value
  return Object.fromEntries(Object.entries(value).filter(([key]) => !['message', 'text', 'consumerText', 'detail', 'note'].includes(key)).map(([key, v]) => [key, structure(v)]))
}

describe('sentences of the golden cases', () => {
  test.each(cases.filter(name => !name.startsWith('bad-')))('%s: every sentence in both languages, and inLanguage changes only sentences', async name => {
    const answer = (await runCase(join(fixturesFolder, name))).json as CompositionAnswer
    const found = pairs(answer)
    // Every sentence has its two languages beside it.
    expect(found).toHaveLength(singular(answer))
    for (const { en, de } of found) {
      expect(en).not.toBe('')
      expect(de).not.toBe('')
      expect(de).not.toBe(en)
      expect(en).not.toMatch(/<https?:/)
      expect(de).not.toMatch(/<https?:/)
    }
    const german = inLanguage(answer, 'de')
    expect(structure(german)).toEqual(structure(answer))
    expect(pairs(german).map(p => p.de)).toEqual(found.map(p => p.de))
    expect(german.issues.map(i => i.message)).toEqual(answer.issues.map(i => i.messages.de))
    expect(german.bundles.flatMap(b => b.explanation.links.map(l => [l.text, l.consumerText])))
      .toEqual(answer.bundles.flatMap(b => b.explanation.links.map(l => [l.texts.de, l.consumerTexts.de])))
    expect(german.bundles.flatMap(b => [...b.explanation.members.map(m => m.text), ...b.explanation.constraints.map(c => c.detail)]))
      .toEqual(answer.bundles.flatMap(b => [...b.explanation.members.map(m => m.texts.de), ...b.explanation.constraints.map(c => c.details.de)]))
    expect(inLanguage(answer, 'en')).toEqual(answer)
  })
})
