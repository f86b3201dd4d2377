import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { parseRdf } from '../../src/rdf/index.js'
import { acme, acmeToken, berg, bergToken, descriptionPath, fixture, globex, globexToken, openTestApp, operatorToken, sonneToken, sym } from './helpers.js'

const asBerg = { authorization: `Bearer ${bergToken}` }
import type { TestApp } from './helpers.js'

const pbx = 'https://example.org/acme#CloudPBX'
const crm = 'https://example.org/globex#CallCRM'

describe('publish → match → compose → form → configure', () => {
  let t: TestApp
  let values: Record<string, unknown>
  let bundle: { services: string[], links: Array<{ from: string, to: string, interfaceTypes: string[] }> }
  beforeAll(async () => {
    t = await openTestApp({ persistent: true })
    values = JSON.parse(await fixture('pbx-crm-configuration.json'))
  })
  afterAll(async () => { await t.close() })

  it('publishes two providers\' descriptions', async () => {
    const first = await t.app.inject({ method: 'PUT', url: descriptionPath(acme, 'pbx'), headers: { 'content-type': 'text/turtle', authorization: `Bearer ${acmeToken}` }, payload: await fixture('acme-pbx.ttl') })
    expect(first.statusCode).toBe(201)
    const second = await t.app.inject({ method: 'PUT', url: descriptionPath(globex, 'crm'), headers: { 'content-type': 'text/turtle', authorization: `Bearer ${globexToken}` }, payload: await fixture('globex-crm.ttl') })
    expect(second.statusCode).toBe(201)
    expect(second.json().impact.matches).toEqual([{ from: pbx, to: crm, before: null, after: 'exact', change: 'appears' }])
  })

  it('matches them', async () => {
    const response = await t.app.inject({ method: 'GET', url: `/match?a=${encodeURIComponent(pbx)}&b=${encodeURIComponent(crm)}` })
    expect(response.json()).toMatchObject({ a: pbx, b: crm, ok: true, degree: 'exact' })
  })

  it('composes them into a bundle', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/compose', payload: { serviceTypes: [`${sym}VirtualPBX`, `${sym}CRM`], seats: 1, limit: 1 } })
    expect(response.statusCode).toBe(200)
    const [first] = response.json().bundles
    expect(first.services).toEqual([pbx, crm])
    expect(first.links.map((l: { from: string, to: string, degree: string }) => [l.from, l.to, l.degree])).toEqual([[pbx, crm, 'exact']])
    bundle = { services: first.services, links: first.links.map((l: { from: string, to: string, interfaceTypes: string[] }) => ({ from: l.from, to: l.to, interfaceTypes: l.interfaceTypes })) }
  })

  it('generates the joint form of the bundle', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/forms?lang=de', payload: { bundle } })
    expect(response.statusCode).toBe(200)
    const { schema, uiSchema } = response.json()
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema')
    expect(uiSchema.language).toBe('de')
    expect(uiSchema.sections.map((s: { kind: string, pointer: string }) => [s.kind, s.pointer])).toEqual([
      ['shared', '/shared'], ['service', '/services/CloudPBX'], ['service', '/services/CallCRM'], ['link', '/links/CloudPBX-CallCRM']
    ])
    expect(response.json()).toEqual(JSON.parse(JSON.stringify({ schema: (await t.engine.form({ bundle }, { language: 'de' })).schema, uiSchema })))
  })

  it('asks for the seats once for the whole bundle, prefilled with the request\'s', async () => {
    const seatCount = 'https://w3id.org/symphony/ontology#seatCount'
    const response = await t.app.inject({ method: 'POST', url: '/forms?lang=en', payload: { bundle, prefill: { [seatCount]: 12 } } })
    expect(response.statusCode).toBe(200)
    const { schema, uiSchema } = response.json()
    expect(schema.properties.shared.properties.seatCount).toMatchObject({ type: 'integer', default: 12, minimum: 1, maximum: 500 })
    expect(uiSchema.sections[0].object.fields.seatCount.usedBy).toEqual(['/services/CloudPBX', '/services/CallCRM'])
    for (const key of ['CloudPBX', 'CallCRM']) expect(Object.keys(schema.properties.services.properties[key].properties)).not.toContain('seatCount')
    const notAnIri = await t.app.inject({ method: 'POST', url: '/forms', payload: { bundle, prefill: { seatCount: { nested: true } } } })
    expect(notAnIri.statusCode).toBe(400)
  })

  it('asks only for what is new when a member joins existing ones', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/forms', payload: { bundle: { ...bundle, existing: [pbx] } } })
    expect(response.statusCode).toBe(200)
    expect(response.json().uiSchema.sections.map((s: { kind: string, pointer: string }) => [s.kind, s.pointer])).toEqual([
      ['shared', '/shared'], ['service', '/services/CallCRM'], ['link', '/links/CloudPBX-CallCRM']
    ])
    const stranger = await t.app.inject({ method: 'POST', url: '/forms', payload: { bundle: { ...bundle, existing: ['https://example.org/none'] } } })
    expect(stranger.statusCode).toBe(400)
    expect(stranger.json().code).toBe('INVALID_REQUEST')
  })

  it('reports invalid values per field (422) and stores nothing', async () => {
    const before = (await t.engine.configurations()).length
    const invalid = structuredClone(values) as { shared: Record<string, unknown> }
    invalid.shared.countryCallingCode = '49'
    const response = await t.app.inject({ method: 'POST', url: '/configurations', headers: asBerg, payload: { bundle, values: invalid } })
    expect(response.statusCode).toBe(422)
    const problem = response.json()
    expect(problem).toMatchObject({ code: 'NOT_CONFORMING', field: '/shared/countryCallingCode' })
    expect(problem.errors).toEqual([expect.objectContaining({ code: 'INVALID_VALUE', field: '/shared/countryCallingCode', severity: 'Violation' })])
    expect((await t.engine.configurations()).length).toBe(before)
  })

  it('checks valid values in a dry run without storing them', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/configurations?dryRun=true', headers: asBerg, payload: { bundle, values } })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toMatchObject({ ok: true, stored: false, warnings: [] })
    expect(await t.engine.configurations()).toEqual([])
  })

  it('stores a valid configuration as RDF', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/configurations', headers: asBerg, payload: { bundle, values } })
    expect(response.statusCode).toBe(201)
    const answer = response.json()
    expect(answer).toMatchObject({ ok: true, stored: true, warnings: [] })
    expect(answer.triples).toBeGreaterThan(20)
    expect(response.headers.location).toBe(`/configurations/${encodeURIComponent(answer.configuration)}`)
    const listed = (await t.app.inject({ method: 'GET', url: '/configurations', headers: asBerg })).json()
    expect(listed).toEqual({ configurations: [{ id: answer.configuration, configures: [...bundle.services].sort(), createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) }] })
    expect(Date.now() - Date.parse(listed.configurations[0].createdAt)).toBeLessThan(10 * 60_000)
    const rdf = await t.app.inject({ method: 'GET', url: response.headers.location as string, headers: { ...asBerg, accept: 'text/turtle' } })
    expect(rdf.statusCode).toBe(200)
    const quads = await parseRdf(rdf.body, { format: 'turtle' })
    // The values' triples plus the ones naming the owner and the time it was stored.
    expect(quads.length).toBe(answer.triples + 2)
    expect(quads.filter(q => q.predicate.value === `${sym}storedBy`).map(q => [q.subject.value, q.object.value])).toEqual([[answer.configuration, berg]])
  })

  it('keeps a configuration to the account that stored it (and the operator)', async () => {
    const [stored] = (await t.app.inject({ method: 'GET', url: '/configurations', headers: asBerg })).json().configurations as Array<{ id: string }>
    const path = `/configurations/${encodeURIComponent(stored!.id)}`
    const asSonne = { authorization: `Bearer ${sonneToken}` }
    const asOperator = { authorization: `Bearer ${operatorToken}` }
    const status = async (method: 'GET' | 'POST', url: string, headers: Record<string, string>, payload?: Record<string, unknown>): Promise<[number, string | undefined]> => {
      const response = await t.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload }) })
      return [response.statusCode, response.json().code]
    }
    expect(await status('GET', '/configurations', {})).toEqual([401, 'UNAUTHORIZED'])
    expect(await status('GET', path, {})).toEqual([401, 'UNAUTHORIZED'])
    expect(await status('POST', '/configurations', {}, { bundle, values })).toEqual([401, 'UNAUTHORIZED'])
    expect(await status('GET', '/configurations', { authorization: `Bearer ${acmeToken}` })).toEqual([403, 'FORBIDDEN'])
    expect(await status('GET', path, asSonne)).toEqual([403, 'FORBIDDEN'])
    expect((await t.app.inject({ method: 'GET', url: '/configurations', headers: asSonne })).json()).toEqual({ configurations: [] })
    expect((await t.app.inject({ method: 'GET', url: '/configurations', headers: asOperator })).json()).toEqual({ configurations: [stored] })
    expect((await t.app.inject({ method: 'GET', url: path, headers: asOperator })).statusCode).toBe(200)
    // Nor does the public SPARQL endpoint show it: naming it is refused, and no graph it ranges over holds it.
    const sparql = await t.app.inject({ method: 'GET', url: `/sparql?query=${encodeURIComponent(`ASK { GRAPH <${stored!.id}> { ?s ?p ?o } }`)}` })
    expect([sparql.statusCode, sparql.json().code]).toEqual([403, 'FORBIDDEN'])
    const anyGraph = await t.app.inject({ method: 'GET', url: `/sparql?query=${encodeURIComponent(`ASK { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), "${stored!.id}")) }`)}` })
    expect(anyGraph.json().boolean).toBe(false)
    // Listing again reads no configuration graph: each is read once, when it is new.
    const reads = vi.spyOn(t.engine.store, 'graph')
    expect(await t.engine.configurations(berg)).toEqual([stored])
    expect(reads).not.toHaveBeenCalled()
    reads.mockRestore()
  })
})

describe('form routes', () => {
  let t: TestApp
  beforeAll(async () => { t = await openTestApp({ fixtures: ['acme-pbx.ttl', 'globex-crm.ttl'] }) })
  afterAll(async () => { await t.close() })

  it('gives the form of a service type and of a service', async () => {
    const type = await t.app.inject({ method: 'GET', url: `/forms?type=${encodeURIComponent(`${sym}VirtualPBX`)}&lang=en` })
    expect(type.statusCode).toBe(200)
    const expected = await t.engine.form({ type: `${sym}VirtualPBX` }, { language: 'en' })
    expect(type.json()).toEqual(JSON.parse(JSON.stringify({ schema: expected.schema, uiSchema: expected.uiSchema })))
    // A Symphony prefix names the same type, in the query and in the body
    const prefixed = await t.app.inject({ method: 'GET', url: '/forms?type=sym:VirtualPBX&lang=en' })
    const posted = await t.app.inject({ method: 'POST', url: '/forms?lang=en', payload: { type: 'sym:VirtualPBX' } })
    expect([prefixed.json(), posted.json()]).toEqual([type.json(), type.json()])
    const service = await t.app.inject({ method: 'POST', url: '/forms', payload: { service: pbx } })
    expect(service.statusCode).toBe(200)
    expect(service.json().uiSchema.sections.map((s: { kind: string, title: string }) => [s.kind, s.title])).toEqual([['configuration', 'ACME Cloud PBX']])
  })

  it('refuses unknown types and services, and requests without a target', async () => {
    const type = await t.app.inject({ method: 'GET', url: `/forms?type=${encodeURIComponent(`${sym}Nope`)}` })
    expect(type.statusCode).toBe(400)
    expect(type.json().code).toBe('UNKNOWN_CLASS')
    const service = await t.app.inject({ method: 'POST', url: '/forms', payload: { service: 'https://example.org/none' } })
    expect(service.statusCode).toBe(404)
    expect(service.json().code).toBe('UNKNOWN_SERVICE')
    const none = await t.app.inject({ method: 'POST', url: '/forms', payload: {} })
    expect(none.statusCode).toBe(400)
    expect(none.json().code).toBe('INVALID_REQUEST')
    const configuration = await t.app.inject({ method: 'GET', url: `/configurations/${encodeURIComponent('https://w3id.org/symphony/graph/configuration/none')}`, headers: asBerg })
    expect([configuration.statusCode, configuration.json().code]).toEqual([404, 'NOT_FOUND'])
  })
})
