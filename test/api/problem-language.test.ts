/**
 * Problems reach a German reader in German: for `?lang=de` or `Accept-Language: de` the detail
 * of a problem is the German sentence, with the same facts (IRIs, fields, values, how to fix) as
 * the English one beside it; also when the error is raised in a composition worker thread.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openTestApp, operatorToken, sym } from './helpers.js'
import type { TestApp } from './helpers.js'

const unknownType = 'https://example.org/none#Teleporter'

interface Problem {
  status: number
  code: string
  title: string
  detail: string
  messages: { en: string, de: string }
}

describe('problems in German', () => {
  let t: TestApp
  let pooled: TestApp

  beforeAll(async () => {
    t = await openTestApp({ fixtures: ['acme-pbx.ttl', 'globex-crm.ttl'], api: { compose: { workers: 0 } } })
    pooled = await openTestApp({ fixtures: ['acme-pbx.ttl', 'globex-crm.ttl'], api: { compose: { workers: 1 } } })
  })
  afterAll(async () => {
    await t.close()
    await pooled.close()
  })

  const problem = async (app: TestApp, options: { method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, headers?: Record<string, string>, payload?: unknown }): Promise<Problem> => {
    const response = await app.app.inject(options as never)
    const body = response.json() as Problem
    expect(body.status).toBe(response.statusCode)
    return body
  }

  it('POST /compose with an unknown type, on the main thread and from a worker thread', async () => {
    for (const app of [t, pooled]) {
      const answer = await problem(app, { method: 'POST', url: '/compose', headers: { 'accept-language': 'de-DE,de;q=0.9' }, payload: { wanted: [unknownType] } })
      expect(answer).toMatchObject({
        status: 400,
        code: 'UNKNOWN_CLASS',
        title: 'Unbekannte Klasse',
        detail: 'Feld "wanted[0]" der Anfrage zur Zusammenstellung: <https://example.org/none#Teleporter> ist kein bekannter Schnittstellentyp ' +
          '(keine Klasse mit dieser IRI in den geladenen Ontologien); prüfen Sie die IRI oder laden Sie die Ontologie, die sie definiert'
      })
      expect(answer.messages.en).toBe('composition request field "wanted[0]": <https://example.org/none#Teleporter> is not a known interface type ' +
        '(no class of that IRI in the loaded ontologies); check the IRI or load the ontology that defines it')
    }
  })

  it('POST /compose with a budget of nothing names the field and the fix in German', async () => {
    const answer = await problem(t, {
      method: 'POST',
      url: '/compose?lang=de',
      payload: { serviceTypes: [`${sym}VirtualPBX`], constraints: { budget: { amount: 0, currency: 'EUR' } } }
    })
    expect(answer).toMatchObject({
      code: 'CONTRADICTORY_CONSTRAINTS',
      detail: 'das Feld "constraints.budget.amount" der Anfrage zur Zusammenstellung ist 0: kein Bündel kostet nichts; ' +
        'geben Sie einen positiven Betrag an oder lassen Sie das Budget weg'
    })
  })

  it('GET /forms for an unknown service', async () => {
    const answer = await problem(t, { method: 'GET', url: `/forms?service=${encodeURIComponent('urn:x:none')}&lang=de` })
    expect(answer).toMatchObject({
      status: 404,
      code: 'UNKNOWN_SERVICE',
      title: 'Unbekannter Dienst',
      detail: 'unbekannter Dienst <urn:x:none> — der Katalog hat keinen Dienst mit dieser IRI; prüfen Sie die IRI oder veröffentlichen Sie seine Beschreibung'
    })
  })

  it('GET /catalog/services with a fact test that is not one', async () => {
    const answer = await problem(t, { method: 'GET', url: `/catalog/services?fact=${encodeURIComponent('sym:seatCount between 3')}`, headers: { 'accept-language': 'de' } })
    expect(answer).toMatchObject({
      code: 'INVALID_REQUEST',
      detail: 'Abfrageparameter fact "sym:seatCount between 3": "between" ist kein Test; erwartet wird einer von in, hasValue, minInclusive, maxInclusive; ' +
        'schreiben Sie den Test als "<Eigenschaft> <Test> <Wert>" (Test: in, hasValue, minInclusive oder maxInclusive), ' +
        'z. B. "sym:certification hasValue sym:ISO27001" oder "https://example.org/x#callsPerSecond minInclusive 10"'
    })
  })

  it('GET /catalog/services with an unknown location lists the regions by their German names', async () => {
    const answer = await problem(t, { method: 'GET', url: '/catalog/services?location=Mars&lang=de' })
    expect(answer.detail).toBe('der Standort "Mars" ist weder eine Region (DACH-Region, Europäische Union, Europäischer Wirtschaftsraum; per IRI, Name oder Abkürzung) ' +
      'noch ein Ländercode nach ISO 3166-1 Alpha-2 wie DE')
    expect(answer.messages.en).toBe('location "Mars" is neither a region (DACH region, European Economic Area, European Union; by IRI, name or abbreviation) ' +
      'nor an ISO 3166-1 alpha-2 country code such as DE')
  })

  it('PUT /vocabulary/:name without triples and DELETE of a vocabulary there is not', async () => {
    const operator = { authorization: `Bearer ${operatorToken}`, 'accept-language': 'de' }
    const empty = await problem(t, {
      method: 'PUT',
      url: '/vocabulary/terms',
      headers: { ...operator, 'content-type': 'text/turtle' },
      payload: '@prefix ex: <https://example.org/> .\n'
    })
    expect(empty).toMatchObject({
      status: 400,
      detail: 'Vokabular terms: keine Tripel; senden Sie die Begriffe als Turtle, JSON-LD oder N-Triples',
      messages: { en: 'vocabulary terms: no triples; send Turtle, JSON-LD or N-Triples with the terms' }
    })
    const missing = await problem(t, { method: 'DELETE', url: '/vocabulary/terms', headers: operator })
    expect(missing).toMatchObject({ status: 404, title: 'Nicht gefunden', detail: 'es gibt kein Vokabular terms; GET /vocabulary (symphony vocabulary list) listet die vorhandenen' })
  })

  it('a SPARQL syntax error keeps the parser\'s words and says where in German', async () => {
    const answer = await problem(t, { method: 'GET', url: `/sparql?lang=de&query=${encodeURIComponent('SELECT * WHERE { ?s ?p }')}` })
    expect(answer.code).toBe('INVALID_QUERY')
    const parserSays = answer.messages.en.replace(/^query:1:\d+: /, '')
    expect(parserSays).not.toBe(answer.messages.en)
    expect(answer.detail).toMatch(/^Abfrage, Zeile 1, Spalte \d+: /)
    expect(answer.detail.endsWith(`: ${parserSays}`)).toBe(true)
  })

  it('a JSON body that does not parse says line and column in German', async () => {
    const answer = await problem(t, { method: 'POST', url: '/discover', headers: { 'content-type': 'application/json', 'accept-language': 'de' }, payload: '{\n  "wanted": [,]\n}' })
    expect(answer.code).toBe('INVALID_REQUEST')
    expect(answer.messages.en).toMatch(/^request body:2:\d+: invalid JSON — /)
    expect(answer.detail).toMatch(/^Anfragerumpf, Zeile 2, Spalte \d+: ungültiges JSON — /)
  })
})
