import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { graphs } from '../../src/project.js'
import { parseRdf } from '../../src/rdf/index.js'
import type { RdfFormat } from '../../src/rdf/index.js'
import { canonical, openTestApp, sym } from './helpers.js'
import type { TestApp } from './helpers.js'

describe('ontology and shapes', () => {
  let t: TestApp
  let ontology: string
  beforeAll(async () => {
    t = await openTestApp()
    ontology = await canonical(await t.engine.store.graph(graphs.ontology))
  })
  afterAll(async () => { await t.close() })

  const cases: Array<[string, Record<string, string>, string, RdfFormat]> = [
    ['/ontology', {}, 'text/turtle', 'turtle'],
    ['/ontology', { accept: 'application/ld+json' }, 'application/ld+json', 'json-ld'],
    ['/ontology', { accept: 'application/n-triples' }, 'application/n-triples', 'n-triples'],
    ['/ontology?format=jsonld', { accept: 'text/turtle' }, 'application/ld+json', 'json-ld']
  ]
  for (const [url, headers, mediaType, format] of cases) {
    it(`serves the vocabulary as ${mediaType} for ${url} ${JSON.stringify(headers)}`, async () => {
      const response = await t.app.inject({ method: 'GET', url, headers })
      expect(response.statusCode).toBe(200)
      expect(response.headers['content-type']).toBe(`${mediaType}; charset=utf-8`)
      expect(response.headers.vary).toBe('accept')
      expect(await canonical(await parseRdf(response.body, { format }))).toBe(ontology)
    })
  }

  it('serves the shapes graph', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/shapes', headers: { accept: 'application/n-triples' } })
    expect(response.statusCode).toBe(200)
    expect(await canonical(await parseRdf(response.body, { format: 'n-triples' }))).toBe(await canonical(await t.engine.store.graph(graphs.shapes)))
  })

  it('answers 406 when no offered media type is acceptable', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/shapes', headers: { accept: 'image/png' } })
    expect(response.statusCode).toBe(406)
    expect(response.json()).toMatchObject({ code: 'NOT_ACCEPTABLE', detail: 'none of the media types in "Accept: image/png" is available here; ask for one of text/turtle, application/ld+json, application/n-triples' })
    const format = await t.app.inject({ method: 'GET', url: '/shapes?format=html' })
    expect(format.statusCode).toBe(406)
  })

  it('shows an HTML page per term, in English and German', async () => {
    const en = await t.app.inject({ method: 'GET', url: '/ontology/VirtualPBX', headers: { accept: 'text/html' } })
    expect(en.statusCode).toBe(200)
    expect(en.headers['content-type']).toBe('text/html; charset=utf-8')
    const label = (await t.engine.store.query(`SELECT ?en ?de WHERE { <${sym}VirtualPBX> <http://www.w3.org/2000/01/rdf-schema#label> ?en , ?de FILTER(lang(?en) = "en" && lang(?de) = "de") }`))
    if (label.type !== 'bindings') throw new Error('expected bindings')
    const english = label.rows[0]!.en!.value
    const german = label.rows[0]!.de!.value
    expect(en.body.includes(`<h1>${english}</h1>`)).toBe(true)
    expect(en.body.includes('<html lang="en">')).toBe(true)
    expect(en.body.includes('<h2>Superclasses</h2>')).toBe(true)
    expect(en.body.includes('<h2>Subclasses</h2>')).toBe(true)
    expect(en.body.includes('<h2>Properties of this class</h2>')).toBe(true)
    const de = await t.app.inject({ method: 'GET', url: '/ontology/VirtualPBX', headers: { accept: 'text/html', 'accept-language': 'de-DE,de;q=0.9,en;q=0.5' } })
    expect(de.body.includes(`<h1>${german}</h1>`)).toBe(true)
    expect(de.body.includes('<html lang="de">')).toBe(true)
    expect(de.body.includes('<h2>Oberklassen</h2>')).toBe(true)
    const forced = await t.app.inject({ method: 'GET', url: '/ontology/VirtualPBX?lang=en', headers: { accept: 'text/html', 'accept-language': 'de' } })
    expect(forced.body.includes(`<h1>${english}</h1>`)).toBe(true)
  })

  it('describes a term in RDF: its own triples', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/ontology/VirtualPBX', headers: { accept: 'text/turtle' } })
    expect(response.statusCode).toBe(200)
    const quads = await parseRdf(response.body, { format: 'turtle' })
    expect(quads.length).toBeGreaterThan(3)
    expect(quads.every(q => q.subject.value === `${sym}VirtualPBX` || q.subject.termType === 'BlankNode')).toBe(true)
  })

  it('lists the terms in an HTML index', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/ontology', headers: { accept: 'text/html' } })
    expect(response.statusCode).toBe(200)
    expect(response.body.includes('<a href="/ontology/VirtualPBX"')).toBe(true)
  })

  it('answers 404 for a term that is not in the vocabulary', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/ontology/NoSuchTerm' })
    expect(response.statusCode).toBe(404)
    expect(response.json()).toMatchObject({ code: 'NOT_FOUND', detail: 'sym:NoSuchTerm is not a term of the vocabulary; the index at /ontology lists every term' })
  })
})
