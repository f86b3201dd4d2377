import type { InjectOptions } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { nameServiceNodes } from '../../src/catalog/index.js'
import { parseRdf, serializeRdf } from '../../src/rdf/index.js'
import { acme, acmeToken, canonical, descriptionPath, fixture, globex, globexToken, openTestApp, operatorToken, storeFingerprint } from './helpers.js'
import type { TestApp } from './helpers.js'
import { diffBundles, referenceRequestsIn } from '../../src/publishing/index.js'
import type { BundleSnapshot } from '../../src/publishing/index.js'

/** The bundles the engine's reference requests find now, through the engine. */
async function referenceBundles (t: TestApp): Promise<BundleSnapshot[]> {
  const snapshots: BundleSnapshot[] = []
  for (const { name, request } of await referenceRequestsIn(await t.engine.vocabulary())) {
    const answer = await t.engine.compose(request).catch(() => ({ bundles: [] }))
    for (const bundle of answer.bundles) snapshots.push({ request: name, services: bundle.services, score: bundle.score })
  }
  return snapshots
}

const turtle = { 'content-type': 'text/turtle' }
const asAcme = { ...turtle, authorization: `Bearer ${acmeToken}` }
const asGlobex = { ...turtle, authorization: `Bearer ${globexToken}` }
const pbx = 'https://example.org/acme#CloudPBX'
const crm = 'https://example.org/globex#CallCRM'

describe('publishing: authentication and rejections', () => {
  let t: TestApp
  let pbxTurtle: string
  beforeAll(async () => {
    t = await openTestApp()
    pbxTurtle = await fixture('acme-pbx.ttl')
  })
  afterAll(async () => { await t.close() })

  /** Sends a write and checks it changed nothing in the store. */
  async function rejected (request: InjectOptions): Promise<{ status: number, body: Record<string, unknown>, headers: Record<string, unknown> }> {
    const before = await storeFingerprint(t.engine)
    const catalogBefore = [...(await t.engine.catalog()).services.keys()]
    const response = await t.app.inject(request)
    expect(await storeFingerprint(t.engine)).toBe(before)
    expect([...(await t.engine.catalog()).services.keys()]).toEqual(catalogBefore)
    expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8')
    return { status: response.statusCode, body: response.json(), headers: response.headers }
  }

  it('needs a bearer token (401 with WWW-Authenticate)', async () => {
    const none = await rejected({ method: 'PUT', url: descriptionPath(acme, 'pbx'), headers: turtle, payload: pbxTurtle })
    expect(none.status).toBe(401)
    expect(none.headers['www-authenticate']).toBe('Bearer realm="symphony"')
    expect(none.body).toMatchObject({ code: 'UNAUTHORIZED', detail: 'this needs a token of a provider account: send "Authorization: Bearer <token>" (the operator issues tokens with `symphony account add --provider <provider-IRI>`)' })
    const malformed = await rejected({ method: 'PUT', url: descriptionPath(acme, 'pbx'), headers: { ...turtle, authorization: `Basic ${acmeToken}` }, payload: pbxTurtle })
    expect(malformed.status).toBe(401)
    expect(malformed.body.detail).toBe('the Authorization header must be "Bearer <token>"')
    const wrong = await rejected({ method: 'PUT', url: descriptionPath(acme, 'pbx'), headers: { ...turtle, authorization: 'Bearer symp_not-a-token' }, payload: pbxTurtle })
    expect(wrong.status).toBe(401)
    expect(wrong.body.detail).toBe('the bearer token is not valid (unknown or revoked); ask the operator for a new one')
  })

  it("refuses writing another provider's description (403)", async () => {
    const response = await rejected({ method: 'PUT', url: descriptionPath(acme, 'pbx'), headers: asGlobex, payload: pbxTurtle })
    expect(response.status).toBe(403)
    expect(response.body).toMatchObject({ code: 'FORBIDDEN', detail: `your token belongs to <${globex}>; you cannot write descriptions of <${acme}>` })
  })

  it("refuses services of another provider in one's own description (403)", async () => {
    const response = await rejected({ method: 'PUT', url: descriptionPath(acme, 'crm'), headers: asAcme, payload: await fixture('globex-crm.ttl') })
    expect(response.status).toBe(403)
    expect(response.body).toMatchObject({
      code: 'FORBIDDEN',
      node: crm,
      // The service's unnamed interfaces and offer are named after it, in its namespace too.
      foreign: [crm, `${crm}-offer-eur`, `${crm}-provides-ContactLookupAPI`, `${crm}-requires-CallEventFeed`, globex],
      detail: `you publish as <${acme}> and may only describe IRIs under <https://example.org/acme#>; <${crm}> (and 4 more) is not yours — mint your own IRIs, or ask the operator to assign you that namespace`
    })
  })

  it('reports Turtle syntax errors with the line (400)', async () => {
    const broken = pbxTurtle.replace('sym:offersDPA true ;', 'sym:offersDPA true true ;')
    const response = await rejected({ method: 'PUT', url: descriptionPath(acme, 'pbx'), headers: asAcme, payload: broken })
    expect(response.status).toBe(400)
    expect(response.body.code).toBe('PARSE_ERROR')
    expect(response.body.line).toBe(17)
    expect(String(response.body.detail).startsWith('request body:17: ')).toBe(true)
  })

  it('reports JSON-LD syntax errors with line and column (400)', async () => {
    const response = await rejected({ method: 'PUT', url: descriptionPath(acme, 'pbx'), headers: { ...asAcme, 'content-type': 'application/ld+json' }, payload: '{\n  "@id": "x",\n  oops }' })
    expect(response.status).toBe(400)
    expect(response.body).toMatchObject({ code: 'PARSE_ERROR', line: 3, column: 3 })
  })

  it('answers a description that breaks the shapes with 422 and the SHACL report', async () => {
    const withoutOffer = pbxTurtle.slice(0, pbxTurtle.indexOf('    schema:offers')).replace(/;\s*$/, '.\n')
    const response = await rejected({ method: 'PUT', url: descriptionPath(acme, 'pbx'), headers: asAcme, payload: withoutOffer })
    expect(response.status).toBe(422)
    expect(response.body).toMatchObject({ code: 'NOT_CONFORMING', node: pbx, path: 'https://schema.org/offers', conforms: false })
    expect(response.body.report).toEqual([{
      node: pbx,
      path: 'https://schema.org/offers',
      message: 'Publish at least one offer: schema:offers [ a schema:Offer ; schema:priceCurrency "EUR" ; schema:priceSpecification [ a schema:UnitPriceSpecification ; sym:priceComponent sym:PerUserMonthly ; schema:price 6.50 ] ].',
      severity: 'Violation',
      shape: expect.any(String),
      constraint: 'http://www.w3.org/ns/shacl#MinCountConstraintComponent'
    }])
  })

  it('refuses media types other than Turtle, JSON-LD and N-Triples (415)', async () => {
    const json = await rejected({ method: 'PUT', url: descriptionPath(acme, 'pbx'), headers: { ...asAcme, 'content-type': 'application/json' }, payload: '{}' })
    expect(json.status).toBe(415)
    expect(json.body.detail).toBe('a description must be sent as text/turtle, application/ld+json, application/n-triples, not "application/json"')
    const xml = await rejected({ method: 'PUT', url: descriptionPath(acme, 'pbx'), headers: { ...asAcme, 'content-type': 'application/rdf+xml' }, payload: '<rdf:RDF/>' })
    expect(xml.status).toBe(415)
  })

  it('refuses bad names (400) and empty descriptions (400)', async () => {
    const name = await rejected({ method: 'PUT', url: descriptionPath(acme, '-bad'), headers: asAcme, payload: pbxTurtle })
    expect(name.status).toBe(400)
    expect(name.body.field).toBe('/params/name')
    const empty = await rejected({ method: 'PUT', url: descriptionPath(acme, 'pbx'), headers: asAcme, payload: '# nothing\n' })
    expect(empty.status).toBe(400)
    expect(empty.body.detail).toBe('the description is empty; send the Turtle or JSON-LD of your services')
  })

  it('refuses a description of nodes described elsewhere (409)', async () => {
    const first = await t.app.inject({ method: 'PUT', url: descriptionPath(acme, 'pbx'), headers: asAcme, payload: pbxTurtle })
    expect(first.statusCode).toBe(201)
    const response = await rejected({ method: 'PUT', url: descriptionPath(acme, 'pbx-copy'), headers: asAcme, payload: pbxTurtle })
    expect(response.status).toBe(409)
    expect(response.body).toMatchObject({
      code: 'CONFLICT',
      node: pbx,
      conflicts: [pbx, `${pbx}-offer-eur`, `${pbx}-provides-CallEventFeed`].map(subject => ({ subject, graph: 'https://w3id.org/symphony/graph/published/https%3A%2F%2Fexample.org%2Facme%23Acme/pbx' }))
    })
  })

  it('answers 404 for descriptions and versions that do not exist', async () => {
    const description = await t.app.inject({ method: 'GET', url: descriptionPath(globex, 'nothing') })
    expect(description.statusCode).toBe(404)
    expect(description.json().detail).toBe(`no description "nothing" of <${globex}>; GET /providers/{provider}/descriptions lists what is published`)
    const version = await t.app.inject({ method: 'GET', url: `${descriptionPath(acme, 'pbx')}/versions/9` })
    expect(version.statusCode).toBe(404)
    const deprecate = await t.app.inject({ method: 'POST', url: `${descriptionPath(acme, 'pbx')}/versions/9/deprecate`, headers: { authorization: `Bearer ${acmeToken}` } })
    expect(deprecate.statusCode).toBe(404)
  })
})

describe('publishing: versions', () => {
  let t: TestApp
  let pbxTurtle: string
  beforeAll(async () => {
    t = await openTestApp({ persistent: true })
    pbxTurtle = await fixture('acme-pbx.ttl')
  })
  afterAll(async () => { await t.close() })

  it('accepts a first version (201, Location) and puts its services in the catalog', async () => {
    const response = await t.app.inject({ method: 'PUT', url: descriptionPath(acme, 'pbx'), headers: asAcme, payload: pbxTurtle })
    expect(response.statusCode).toBe(201)
    expect(response.headers.location).toBe(`${descriptionPath(acme, 'pbx')}/versions/1`)
    expect(response.json()).toMatchObject({ provider: acme, name: 'pbx', status: 'accepted', version: 1, services: [pbx], warnings: [], impact: { matches: [] } })
    expect((await t.engine.catalog()).services.get(pbx)?.provider).toBe(acme)
  })

  it('changes nothing for the same graph again (200, unchanged), even in another syntax', async () => {
    const jsonld = await serializeRdf(await parseRdf(pbxTurtle, { format: 'turtle' }), 'json-ld')
    const response = await t.app.inject({ method: 'PUT', url: descriptionPath(acme, 'pbx'), headers: { ...asAcme, 'content-type': 'application/ld+json' }, payload: jsonld })
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-location']).toBe(`${descriptionPath(acme, 'pbx')}/versions/1`)
    expect(response.json()).toMatchObject({ status: 'unchanged', version: 1 })
  })

  it('reports in a dry run which matches and bundles a new description would change, and writes nothing', async () => {
    const before = await storeFingerprint(t.engine)
    const bundlesBefore = await referenceBundles(t)
    const response = await t.app.inject({ method: 'POST', url: `${descriptionPath(globex, 'crm')}/dry-run`, headers: asGlobex, payload: await fixture('globex-crm.ttl') })
    expect(response.statusCode).toBe(200)
    const outcome = response.json()
    expect(outcome).toMatchObject({
      provider: globex,
      name: 'crm',
      status: 'dry-run',
      version: 1,
      services: [crm],
      warnings: [],
      impact: { matches: [{ from: pbx, to: crm, before: null, after: 'exact', change: 'appears' }] }
    })
    expect(await storeFingerprint(t.engine)).toBe(before)
    expect((await t.engine.catalog()).services.has(crm)).toBe(false)

    // The same description accepted: the bundles the reference requests find change as the dry run said.
    const accepted = await t.app.inject({ method: 'POST', url: `${descriptionPath(globex, 'crm')}/versions`, headers: asGlobex, payload: await fixture('globex-crm.ttl') })
    expect(accepted.statusCode).toBe(201)
    expect(accepted.json().impact).toEqual(outcome.impact)
    expect(outcome.impact.bundles).toEqual(diffBundles(bundlesBefore, await referenceBundles(t)))
  })

  it('reports a version that breaks a match', async () => {
    const v2 = pbxTurtle.replace('sym:version "2.1.0"', 'sym:version "3.0.0"')
    const dry = await t.app.inject({ method: 'POST', url: `${descriptionPath(acme, 'pbx')}/dry-run`, headers: asAcme, payload: v2 })
    expect(dry.json()).toMatchObject({ status: 'dry-run', version: 2, impact: { matches: [{ from: pbx, to: crm, before: 'exact', after: null, change: 'disappears' }] } })
    const accepted = await t.app.inject({ method: 'PUT', url: descriptionPath(acme, 'pbx'), headers: asAcme, payload: v2 })
    expect(accepted.statusCode).toBe(201)
    expect(accepted.json()).toMatchObject({ status: 'accepted', version: 2 })
  })

  it('lists versions and serves each one', async () => {
    const list = await t.app.inject({ method: 'GET', url: descriptionPath(acme, 'pbx') })
    expect(list.statusCode).toBe(200)
    const summary = list.json()
    expect(summary).toMatchObject({ provider: acme, name: 'pbx', active: 2 })
    expect(summary.versions.map((v: { version: number, deprecated: boolean, services: string[], mediaType: string }) => [v.version, v.deprecated, v.services, v.mediaType]))
      .toEqual([[1, false, [pbx], 'text/turtle'], [2, false, [pbx], 'text/turtle']])
    const v1 = await t.app.inject({ method: 'GET', url: `${descriptionPath(acme, 'pbx')}/versions/1`, headers: { accept: 'text/turtle' } })
    expect(v1.headers['content-type']).toBe('text/turtle; charset=utf-8')
    // What was submitted, its unnamed interfaces and offers named.
    const submitted = await canonical(nameServiceNodes(await parseRdf(pbxTurtle, { format: 'turtle' })))
    expect(await canonical(await parseRdf(v1.body, { format: 'turtle' }))).toBe(submitted)
    const v1jsonld = await t.app.inject({ method: 'GET', url: `${descriptionPath(acme, 'pbx')}/versions/1?format=jsonld` })
    expect(await canonical(await parseRdf(v1jsonld.body, { format: 'json-ld' }))).toBe(submitted)
    const all = await t.app.inject({ method: 'GET', url: '/descriptions' })
    expect(all.json().descriptions.map((d: { provider: string, name: string, active: number }) => [d.provider, d.name, d.active])).toEqual([[acme, 'pbx', 2], [globex, 'crm', 1]])
    const mine = await t.app.inject({ method: 'GET', url: `/providers/${encodeURIComponent(globex)}/descriptions` })
    expect(mine.json().descriptions.map((d: { name: string }) => d.name)).toEqual(['crm'])
  })

  it('deprecates: the catalog falls back to the newest version not deprecated, then to none', async () => {
    const forbidden = await t.app.inject({ method: 'POST', url: `${descriptionPath(acme, 'pbx')}/versions/2/deprecate`, headers: { authorization: `Bearer ${globexToken}` } })
    expect(forbidden.statusCode).toBe(403)
    const anonymous = await t.app.inject({ method: 'POST', url: `${descriptionPath(acme, 'pbx')}/versions/2/deprecate` })
    expect(anonymous.statusCode).toBe(401)
    const second = await t.app.inject({ method: 'POST', url: `${descriptionPath(acme, 'pbx')}/versions/2/deprecate`, headers: { authorization: `Bearer ${acmeToken}` } })
    expect(second.statusCode).toBe(200)
    expect(second.json()).toMatchObject({
      description: { active: 1, versions: [{ version: 1, deprecated: false }, { version: 2, deprecated: true, deprecatedAt: expect.any(String) }] },
      impact: { matches: [{ from: pbx, to: crm, before: null, after: 'exact', change: 'appears' }], bundles: [] }
    })
    const version = (await t.engine.catalog()).services.get(pbx)?.provides[0]?.version
    expect(version).toBe('2.1.0')
    const first = await t.app.inject({ method: 'POST', url: `${descriptionPath(acme, 'pbx')}/versions/1/deprecate`, headers: { authorization: `Bearer ${acmeToken}` } })
    expect(first.json().description.active).toBe(null)
    expect((await t.engine.catalog()).services.has(pbx)).toBe(false)
    const kept = await t.app.inject({ method: 'GET', url: `${descriptionPath(acme, 'pbx')}/versions/2?format=ntriples` })
    expect(kept.statusCode).toBe(200)
  })

  it('keeps every version across a restart', async () => {
    const republished = await t.app.inject({ method: 'PUT', url: descriptionPath(acme, 'pbx'), headers: asAcme, payload: pbxTurtle })
    expect(republished.json()).toMatchObject({ status: 'accepted', version: 3 })
    await t.app.close()
    await t.engine.close()
    const reopened = await openTestApp({ dataDir: t.dataDir! })
    try {
      const list = await reopened.app.inject({ method: 'GET', url: descriptionPath(acme, 'pbx') })
      expect(list.json()).toMatchObject({ active: 3, versions: [{ version: 1, deprecated: true }, { version: 2, deprecated: true }, { version: 3, deprecated: false }] })
      expect((await reopened.engine.catalog()).services.has(pbx)).toBe(true)
      expect((await reopened.engine.catalog()).services.has(crm)).toBe(true)
    } finally {
      await reopened.app.close()
      await reopened.engine.close()
    }
  })
})

describe('publishing: impact on the bundles of the example catalog', () => {
  it('reports the bundles of the reference requests that a new version changes', async () => {
    const t = await openTestApp({ seedExamples: true })
    try {
      const first = await t.app.inject({ method: 'PUT', url: descriptionPath(acme, 'pbx'), headers: asAcme, payload: await fixture('acme-pbx.ttl') })
      expect(first.statusCode).toBe(201)
      const bundlesBefore = await referenceBundles(t)
      const dry = await t.app.inject({ method: 'POST', url: `${descriptionPath(globex, 'crm')}/dry-run`, headers: asGlobex, payload: await fixture('globex-crm.ttl') })
      expect(dry.statusCode).toBe(200)
      const accepted = await t.app.inject({ method: 'PUT', url: descriptionPath(globex, 'crm'), headers: asGlobex, payload: await fixture('globex-crm.ttl') })
      expect(accepted.json().impact).toEqual(dry.json().impact)
      const bundles = dry.json().impact.bundles
      expect(bundles).toEqual(diffBundles(bundlesBefore, await referenceBundles(t)))
      expect(bundles).toContainEqual({ request: 'https://example.org/requests#compose-pbx-crm-via-cti-adapter', services: [pbx, crm], before: null, after: { rank: expect.any(Number), score: expect.any(Number) }, change: 'appears' })
    } finally {
      await t.close()
    }
  })
})

describe('publishing: reference requests are the operator\'s data', () => {
  it('checks a publication against the requests the operator stored, and against none before', async () => {
    const t = await openTestApp()
    try {
      await t.app.inject({ method: 'PUT', url: descriptionPath(acme, 'pbx'), headers: asAcme, payload: await fixture('acme-pbx.ttl') })
      const unchecked = await t.app.inject({ method: 'POST', url: `${descriptionPath(globex, 'crm')}/dry-run`, headers: asGlobex, payload: await fixture('globex-crm.ttl') })
      expect(unchecked.json().impact.bundles ?? []).toEqual([])

      const request = JSON.stringify({ serviceTypes: ['https://w3id.org/symphony/ontology#VirtualPBX', 'https://w3id.org/symphony/ontology#CRM'], seats: 1, limit: 1 })
      const stored = await t.app.inject({
        method: 'PUT',
        url: '/vocabulary/reference-requests',
        headers: { 'content-type': 'text/turtle', authorization: `Bearer ${operatorToken}` },
        payload: `@prefix sym: <https://w3id.org/symphony/ontology#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
<https://operator.example/requests#pbx-crm> a sym:ReferenceRequest ; sym:compositionRequest ${JSON.stringify(request)}^^rdf:JSON .
`
      })
      expect(stored.statusCode).toBe(200)
      const checked = await t.app.inject({ method: 'POST', url: `${descriptionPath(globex, 'crm')}/dry-run`, headers: asGlobex, payload: await fixture('globex-crm.ttl') })
      expect(checked.json().impact.bundles).toEqual([
        { request: 'https://operator.example/requests#pbx-crm', services: [pbx, crm], before: null, after: { rank: 1, score: expect.any(Number) }, change: 'appears' }
      ])
    } finally {
      await t.close()
    }
  })
})
