/**
 * POST /descriptions/validate: a description checked against the publishing shapes, nothing
 * stored, the report as JSON or as the standard sh:ValidationReport graph by content negotiation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Parser } from 'n3'
import { acmeToken, bergToken, fixture, openTestApp, storeFingerprint } from './helpers.js'
import type { TestApp } from './helpers.js'

const sh = 'http://www.w3.org/ns/shacl#'
const url = '/descriptions/validate'

describe('POST /descriptions/validate', () => {
  let t: TestApp
  let negative: string
  let conforming: string
  beforeAll(async () => {
    t = await openTestApp()
    conforming = await fixture('acme-pbx.ttl')
    negative = conforming.replace(/schema:price "?[0-9.]+"?/, 'schema:price -19.00')
    expect(negative).not.toBe(conforming)
  })
  afterAll(async () => { await t.close() })

  const send = (payload: string, accept: string, query = '') => t.app.inject({
    method: 'POST',
    url: url + query,
    headers: { 'content-type': 'text/turtle', accept, authorization: `Bearer ${acmeToken}` },
    payload
  })

  it('answers the report as JSON, storing nothing', async () => {
    const before = await storeFingerprint(t.engine)
    const fine = await send(conforming, 'application/json')
    expect(fine.statusCode).toBe(200)
    expect(fine.json()).toEqual({ conforms: true, results: [] })
    const bad = await send(negative, 'application/json', '?lang=de')
    expect(bad.statusCode).toBe(200)
    expect(bad.json()).toMatchObject({ conforms: false, results: [{ path: 'https://schema.org/price', value: '-19.00', severity: 'Violation', message: 'Nennen Sie genau einen schema:price als nicht negative Dezimalzahl mit Dezimalpunkt, z. B. schema:price 6.50 (schreiben Sie 0.00, nicht 0).' }] })
    expect(await storeFingerprint(t.engine)).toBe(before)
  })

  it('answers an sh:ValidationReport graph in Turtle, N-Triples or JSON-LD by Accept or ?format=', async () => {
    const turtle = await send(negative, 'text/turtle', '?lang=de')
    expect(turtle.headers['content-type']).toBe('text/turtle; charset=utf-8')
    expect(turtle.headers.vary).toMatch(/accept/i)
    const quads = new Parser().parse(turtle.body)
    const objects = (subject: string, predicate: string) => quads.filter(q => q.subject.value === subject && q.predicate.value === predicate).map(q => q.object)
    const report = quads.find(q => q.object.value === `${sh}ValidationReport`)!.subject.value
    expect(objects(report, `${sh}conforms`).map(o => o.value)).toEqual(['false'])
    const results = objects(report, `${sh}result`)
    expect(results).toHaveLength(1)
    const result = results[0]!.value
    // The focus node is the blank price specification, as in the description.
    expect(objects(result, `${sh}focusNode`).map(o => o.termType)).toEqual(['BlankNode'])
    expect(objects(result, `${sh}resultPath`).map(o => o.value)).toEqual(['https://schema.org/price'])
    expect(objects(result, `${sh}sourceConstraintComponent`).map(o => o.value)).toEqual([`${sh}MinInclusiveConstraintComponent`])
    // The shape's own messages, German among them
    expect(objects(result, `${sh}resultMessage`)).toContainEqual(expect.objectContaining({ value: 'Nennen Sie genau einen schema:price als nicht negative Dezimalzahl mit Dezimalpunkt, z. B. schema:price 6.50 (schreiben Sie 0.00, nicht 0).', language: 'de' }))

    const nt = await send(negative, 'application/json', '?lang=de&format=nt')
    expect(nt.headers['content-type']).toBe('application/n-triples; charset=utf-8')
    expect(new Parser({ format: 'N-Triples' }).parse(nt.body)).toHaveLength(quads.length)
    const jsonld = await send(conforming, 'application/ld+json')
    expect(jsonld.headers['content-type']).toBe('application/ld+json; charset=utf-8')
    expect(JSON.stringify(JSON.parse(jsonld.body))).toContain(`${sh}ValidationReport`)
  })

  it('refuses what it cannot read or answer, and callers without a provider or operator token', async () => {
    expect((await send('<a> <b> .', 'application/json')).json()).toMatchObject({ code: 'PARSE_ERROR' })
    expect((await send(conforming, 'application/xml')).statusCode).toBe(406)
    const anonymous = await t.app.inject({ method: 'POST', url, headers: { 'content-type': 'text/turtle' }, payload: conforming })
    expect(anonymous.statusCode).toBe(401)
    const customer = await t.app.inject({ method: 'POST', url, headers: { 'content-type': 'text/turtle', authorization: `Bearer ${bergToken}` }, payload: conforming })
    expect(customer.statusCode).toBe(403)
  })
})
