import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { acme, globex, openTestApp, sym } from './helpers.js'
import type { TestApp } from './helpers.js'

const pbx = 'https://example.org/acme#CloudPBX'
const crm = 'https://example.org/globex#CallCRM'

describe('catalog routes', () => {
  let t: TestApp
  beforeAll(async () => { t = await openTestApp({ fixtures: ['acme-pbx.ttl', 'globex-crm.ttl'] }) })
  afterAll(async () => { await t.close() })

  it('lists services sorted by label with their summaries', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/catalog/services?lang=de' })
    expect(response.statusCode).toBe(200)
    const body = response.json()
    expect(body.total).toBe(2)
    expect(body.services.map((s: { iri: string, label: string }) => [s.iri, s.label])).toEqual([[pbx, 'ACME Cloud-Telefonanlage'], [crm, 'Globex CRM']])
    expect(body.services[1]).toMatchObject({
      provider: { iri: globex, label: 'Globex Software AG' },
      dataLocations: ['AT', 'DE'],
      offersDPA: true,
      suitableForProfessionalSecrecy: null,
      provides: [{ iri: `${sym}ContactLookupAPI` }],
      requires: [{ iri: `${sym}CallEventFeed` }],
      optionallyRequires: []
    })
  })

  it('filters by type, provider, text and data location', async () => {
    const list = async (query: string): Promise<string[]> => (await t.app.inject({ method: 'GET', url: `/catalog/services?${query}` })).json().services.map((s: { iri: string }) => s.iri)
    expect(await list(`type=${encodeURIComponent(sym + 'CRM')}`)).toEqual([crm])
    expect(await list(`type=${encodeURIComponent(sym + 'Service')}`)).toEqual([pbx, crm])
    // A Symphony prefix reads as the full IRI, as in the location and fact filters
    expect(await list('type=sym:CRM')).toEqual([crm])
    expect(await list(`provider=${encodeURIComponent(acme)}`)).toEqual([pbx])
    expect(await list('q=hosted')).toEqual([pbx])
    expect(await list('location=DE')).toEqual([pbx])
    expect(await list('location=DE,AT')).toEqual([pbx, crm])
    expect(await list('limit=1&offset=1')).toEqual([crm])
  })

  it('reads region names and abbreviations in the location filter as regions, and refuses what is neither', async () => {
    const list = async (query: string): Promise<string[]> => (await t.app.inject({ method: 'GET', url: `/catalog/services?${query}` })).json().services.map((s: { iri: string }) => s.iri)
    for (const region of ['EU', 'EEA', 'EWR', 'sym:EEA', encodeURIComponent('European Economic Area')]) expect(await list(`location=${region}`), region).toEqual([pbx, crm])
    const unknown = await t.app.inject({ method: 'GET', url: '/catalog/services?location=Atlantis' })
    expect([unknown.statusCode, unknown.json().code]).toEqual([400, 'INVALID_REQUEST'])
    expect(unknown.json().detail).toContain('location "Atlantis" is neither a region (DACH region, European Economic Area, European Union;')
  })

  it('shows one service, and 404 for an unknown one', async () => {
    const response = await t.app.inject({ method: 'GET', url: `/catalog/services/${encodeURIComponent(pbx)}` })
    expect(response.statusCode).toBe(200)
    expect(response.json().summary.label).toBe('ACME Cloud PBX')
    expect(response.json().service).toMatchObject({ id: pbx, provider: acme, provides: [{ role: 'provides', types: [`${sym}CallEventFeed`], version: '2.1.0' }] })
    const unknown = await t.app.inject({ method: 'GET', url: `/catalog/services/${encodeURIComponent('https://example.org/none')}` })
    expect(unknown.statusCode).toBe(404)
    expect(unknown.json()).toMatchObject({ code: 'UNKNOWN_SERVICE', node: 'https://example.org/none' })
  })

  it('gives the service-type tree with counts', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/catalog/types?lang=en' })
    const find = (nodes: Array<{ iri: string, services: number, children: unknown[] }>, iri: string): { iri: string, services: number } | undefined => {
      for (const node of nodes) {
        if (node.iri === iri) return node
        const found = find(node.children as typeof nodes, iri)
        if (found !== undefined) return found
      }
      return undefined
    }
    const types = response.json().types
    expect(find(types, `${sym}VirtualPBX`)?.services).toBe(1)
    expect(find(types, `${sym}CRM`)?.services).toBe(1)
    expect(find(types, `${sym}ArchivingService`)?.services).toBe(0)
  })

  it('gives the vocabulary for requests', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/catalog/vocabulary?lang=en' })
    const body = response.json()
    expect(body.providers).toEqual([{ iri: acme, label: 'ACME Telekom GmbH' }, { iri: globex, label: 'Globex Software AG' }])
    expect(body.serviceTypes).toContainEqual({ iri: `${sym}VirtualPBX`, label: 'Virtual PBX' })
    expect(body.interfaceTypes).toContainEqual({ iri: `${sym}CallEventFeed`, label: 'Call event feed' })
    expect(body.certifications).toContainEqual({ iri: `${sym}ISO27001`, label: 'ISO/IEC 27001' })
    expect(body.regions).toContainEqual({ iri: `${sym}EEA`, label: 'European Economic Area' })
  })
})
