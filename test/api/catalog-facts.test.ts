import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openTestApp, sym } from './helpers.js'
import type { TestApp } from './helpers.js'

const pbx = 'https://example.org/acme#CloudPBX'
const crm = 'https://example.org/globex#CallCRM'
const ext = 'https://example.org/ext#'

/** A query string of fact tests in the text form. */
function factQuery (...tests: string[]): string {
  return tests.map(test => `fact=${encodeURIComponent(test)}`).join('&')
}

describe('GET /catalog/services with fact tests', () => {
  let t: TestApp
  beforeAll(async () => { t = await openTestApp({ fixtures: ['acme-pbx.ttl', 'globex-crm.ttl', 'extension-facts.ttl'] }) })
  afterAll(async () => { await t.close() })

  async function list (query: string): Promise<string[]> {
    const response = await t.app.inject({ method: 'GET', url: `/catalog/services?${query}` })
    expect(response.statusCode, response.body).toBe(200)
    return response.json().services.map((s: { iri: string }) => s.iri)
  }

  async function problem (query: string): Promise<{ status: number, code: string, path: string, detail: string }> {
    const response = await t.app.inject({ method: 'GET', url: `/catalog/services?${query}` })
    return { status: response.statusCode, ...response.json() }
  }

  it('filters by a property of an extension vocabulary loaded as Turtle, with numeric bounds; a sub-property counts', async () => {
    // The CRM states only ext:burstCallsPerSecond 5, a sub-property of ext:callsPerSecond.
    expect(await list(factQuery(`${ext}callsPerSecond minInclusive 10`))).toEqual([pbx])
    expect(await list(factQuery(`${ext}callsPerSecond maxInclusive 10`))).toEqual([crm])
    expect(await list(factQuery(`${ext}callsPerSecond minInclusive 5`, `${ext}callsPerSecond maxInclusive 20`))).toEqual([pbx, crm])
    expect(await list(factQuery(`${ext}callsPerSecond minInclusive 20.5`))).toEqual([])
    expect(await list(factQuery(`${ext}burstCallsPerSecond maxInclusive 100`))).toEqual([crm])
  })

  it('compares booleans, strings and IRIs as compose does, and every test must hold', async () => {
    expect(await list(factQuery(`${ext}greenHosting hasValue true`))).toEqual([pbx])
    expect(await list(factQuery(`${ext}greenHosting hasValue false`))).toEqual([crm])
    expect(await list(factQuery(`${ext}supportLanguage hasValue de`))).toEqual([pbx])
    expect(await list(factQuery(`${ext}supportLanguage hasValue "10"`))).toEqual([crm])
    expect(await list(factQuery(`${ext}supportLanguage in de,en`))).toEqual([pbx])
    expect(await list(factQuery(`${ext}supportLanguage in ["de", "10"]`))).toEqual([crm])
    expect(await list(factQuery(`${ext}hostingTier in ${ext}TierIII,${ext}TierIV`))).toEqual([pbx, crm])
    expect(await list(factQuery(`${ext}hostingTier hasValue ${ext}TierIV`))).toEqual([pbx])
    expect(await list(factQuery('sym:offersDPA hasValue true', 'sym:dataLocation in DE'))).toEqual([pbx])
    expect(await list(factQuery(`${ext}greenHosting hasValue true`, `${ext}callsPerSecond maxInclusive 10`))).toEqual([])
  })

  it('a service that states nothing for the property does not pass', async () => {
    expect(await list(factQuery(`${ext}unheardOf hasValue 1`))).toEqual([])
    expect(await list(factQuery('sym:dataLocation in DE,AT', `${ext}callsPerSecond minInclusive 0`))).toEqual([pbx, crm])
  })

  it('reads the same tests as a JSON array of constraints.facts entries, alone or with fact=', async () => {
    const facts = (entries: unknown): string => `facts=${encodeURIComponent(JSON.stringify(entries))}`
    expect(await list(facts([{ property: `${ext}callsPerSecond`, minInclusive: 10 }]))).toEqual([pbx])
    expect(await list(facts([{ property: `${ext}greenHosting`, hasValue: false }, { property: 'sym:dataLocation', in: ['DE', 'AT'] }]))).toEqual([crm])
    expect(await list(`${facts([{ property: `${ext}callsPerSecond`, maxInclusive: 10 }])}&${factQuery(`${ext}greenHosting hasValue true`)}`)).toEqual([])
  })

  it('combines with the other filters', async () => {
    expect(await list(`type=${encodeURIComponent(sym + 'CRM')}&${factQuery(`${ext}callsPerSecond minInclusive 0`)}`)).toEqual([crm])
    expect(await list(`q=acme&${factQuery(`${ext}greenHosting hasValue false`)}`)).toEqual([])
  })

  it('gives the composition the same verdict for the same entry', async () => {
    const members = async (fact: object): Promise<string[][]> => {
      const response = await t.app.inject({ method: 'POST', url: '/compose', payload: { serviceTypes: ['sym:VirtualPBX'], constraints: { facts: [fact] } } })
      expect(response.statusCode).toBe(200)
      return response.json().bundles.map((b: { services: string[] }) => b.services)
    }
    const pbxType = `type=${encodeURIComponent(sym + 'VirtualPBX')}`
    expect(await members({ property: `${ext}callsPerSecond`, maxInclusive: 10 })).toEqual([])
    expect(await list(`${pbxType}&${factQuery(`${ext}callsPerSecond maxInclusive 10`)}`)).toEqual([])
    expect(await members({ property: `${ext}callsPerSecond`, maxInclusive: 20 })).toEqual([[pbx]])
    expect(await list(`${pbxType}&${factQuery(`${ext}callsPerSecond maxInclusive 20`)}`)).toEqual([pbx])
  })

  it.each([
    ['an unknown test', factQuery(`${ext}callsPerSecond above 10`), 'fact', ['"above" is not a test; expected one of in, hasValue, minInclusive, maxInclusive']],
    ['a property that is not an IRI', factQuery('callsPerSecond minInclusive 10'), 'fact', ['"callsPerSecond" is not an IRI']],
    ['a bound that is not a number', factQuery(`${ext}callsPerSecond minInclusive ten`), 'fact', ['minInclusive needs a number, got "ten"']],
    ['a bound that overflows', factQuery(`${ext}callsPerSecond maxInclusive 1e400`), 'fact', ['maxInclusive must be a finite number, got Infinity']],
    ['a test without value', factQuery(`${ext}callsPerSecond minInclusive`), 'fact', ['needs all three parts: property, test and value']],
    ['an in list that is not JSON', factQuery(`${ext}supportLanguage in ["de"`), 'fact', ['the list after in is not a JSON array']],
    ['facts that are not JSON', 'facts=%5B', 'facts', ['query parameter facts is not JSON']],
    ['facts with an unknown test', `facts=${encodeURIComponent(JSON.stringify([{ property: 'sym:x', equals: 1 }]))}`, 'facts', ['facts[0].equals is not a known field']],
    ['facts with a bound that is not a number', `facts=${encodeURIComponent(JSON.stringify([{ property: 'sym:x', maxInclusive: '3' }]))}`, 'facts', ['facts[0].maxInclusive must be a number, got "3"']]
  ])('answers 400 INVALID_REQUEST for %s, naming the parameter, what is expected and an example', async (_, query, parameter, parts) => {
    const answer = await problem(query)
    expect([answer.status, answer.code, answer.path]).toEqual([400, 'INVALID_REQUEST', parameter])
    expect(answer.detail).toContain(`query parameter ${parameter}`)
    for (const part of parts) expect(answer.detail).toContain(part)
    expect(answer.detail).toContain(parameter === 'fact' ? 'write it as "<property> <test> <value>"' : 'expected a JSON array of entries as in a composition\'s constraints.facts')
    expect(answer.detail).toContain('e.g. ')
  })
})

describe('GET /catalog/facts', () => {
  let t: TestApp
  beforeAll(async () => { t = await openTestApp({ fixtures: ['acme-pbx.ttl', 'globex-crm.ttl', 'extension-facts.ttl', 'operational-facts.ttl'] }) })
  afterAll(async () => { await t.close() })

  async function properties (lang: string): Promise<Array<{ iri: string, label: string, kind: string, services: number, values: Array<{ value: string, label: string }> }>> {
    const response = await t.app.inject({ method: 'GET', url: `/catalog/facts?lang=${lang}` })
    expect(response.statusCode, response.body).toBe(200)
    return response.json().properties
  }

  it('offers the properties the services state, with labels in the language, the kind of value and the values stated', async () => {
    const en = await properties('en')
    const de = await properties('de')
    const byIri = (list: typeof en, iri: string) => list.find(p => p.iri === iri)
    expect(byIri(en, `${ext}callsPerSecond`)).toEqual({ iri: `${ext}callsPerSecond`, label: 'calls per second', kind: 'number', services: 1, values: [] })
    expect(byIri(de, `${ext}callsPerSecond`)?.label).toBe('Anrufe pro Sekunde')
    expect(byIri(en, `${ext}greenHosting`)).toMatchObject({ kind: 'boolean', services: 2 })
    expect(byIri(en, `${ext}hostingTier`)).toMatchObject({ kind: 'iri', values: [{ value: `${ext}TierIII`, label: 'TierIII' }, { value: `${ext}TierIV`, label: 'TierIV' }] })
    expect(byIri(en, `${ext}supportLanguage`)).toMatchObject({ kind: 'text', values: [{ value: '10' }, { value: 'de' }, { value: 'en' }] })
    expect(byIri(de, 'https://schema.org/provider')?.values).toEqual([
      { value: 'https://example.org/acme#Acme', label: 'ACME Telekom GmbH' },
      { value: 'https://example.org/globex#Globex', label: 'Globex Software AG' }
    ])
    expect(byIri(de, `${sym}offersDPA`)?.label).toBe('bietet Auftragsverarbeitungsvertrag')
    // Interfaces and offers are the service's own nodes, not facts to filter by.
    expect(en.map(p => p.iri)).not.toContain(`${sym}provides`)
    expect(en.map(p => p.iri)).not.toContain('https://schema.org/offers')
  })

  it('leaves out what the vocabulary marks operational: how a service is ordered, an extension\'s own operational properties', async () => {
    const listed = (await properties('en')).map(p => p.iri)
    // The fixture states four properties on the PBX: sym:provisionedBy (typed sym:OperationalProperty
    // in the ontology), ext:deskQueue (typed so in the fixture), ext:escalationQueue (a sub-property
    // of it) and ext:queueHint (an ordinary property): only the last one is a fact.
    expect([`${sym}provisionedBy`, `${ext}deskQueue`, `${ext}escalationQueue`, `${ext}queueHint`].filter(iri => listed.includes(iri))).toEqual([`${ext}queueHint`])
  })
})
