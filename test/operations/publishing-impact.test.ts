/**
 * A provider's new version and deprecation, published through the API, list the subscriptions
 * they affect in the answer and notify those subscriptions' customers in their event feeds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openHarness, principals, settled, t } from './harness.js'
import type { Answer, Harness } from './harness.js'

const sym = 'https://w3id.org/symphony/ontology#'
const gammaToken = 'symp_gamma-publisher'
principals[gammaToken] = { role: 'provider', id: `${t}Gamma` }
const path = `/providers/${encodeURIComponent(`${t}Gamma`)}/descriptions/archive`

/** A second archive of Gamma's, ordered like the fixture's (described as the publishing shapes want it), with a price of `price` per user and month. */
function gammaArchive (sandbox: string, price: string): string {
  return `@prefix sym: <${sym}> .
@prefix schema: <https://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix t: <${t}> .
t:Gamma a schema:Organization ; schema:name "Gamma" ; schema:address [ schema:addressCountry "DE" ] .
t:GammaVault a sym:ArchivingService ; schema:name "Gamma Vault"@en ; schema:provider t:Gamma ;
    schema:offers [ a schema:Offer ; schema:priceCurrency "EUR" ; schema:priceSpecification
        [ a schema:UnitPriceSpecification ; sym:priceComponent sym:PerUserMonthly ; schema:price ${price} ] ] ;
    sym:provides [ a sym:DocumentIngestInterface ; sym:protocol sym:HTTPS_REST ; sym:dataFormat sym:JSON ] ;
    sym:dataLocation "DE" ; sym:offersDPA true ;
    sym:provisionedBy t:GammaVaultAdapter .
t:GammaVaultAdapter a sym:HttpProvisioning ;
    sym:orderEndpoint "${sandbox}/gamma/orders"^^xsd:anyURI ;
    sym:statusEndpoint "${sandbox}/gamma/status"^^xsd:anyURI ;
    sym:authScheme sym:NoAuth .
`
}

describe('publishing impact on subscriptions, through the API', () => {
  let h: Harness
  let id: string
  const publish = async (price: string): Promise<{ status: number, body: Answer }> => {
    const response = await h.app.inject({ method: 'PUT', url: path, headers: { authorization: `Bearer ${gammaToken}`, 'content-type': 'text/turtle' }, payload: gammaArchive(h.sandbox.url, price) })
    return { status: response.statusCode, body: response.json() }
  }
  beforeAll(async () => {
    h = await openHarness()
    const first = await publish('2.00')
    expect(first.status, JSON.stringify(first.body)).toBe(201)
    const request = { serviceTypes: [`${sym}VirtualPBX`, `${sym}ArchivingService`], seats: 3, limit: 50 }
    const placed = await h.call('POST', '/orders', 'symp_customer-a', { request, services: [`${t}AlphaPBX`, `${t}GammaVault`], seats: 3 })
    expect(placed.status, JSON.stringify(placed.body)).toBe(201)
    id = placed.body.id
    expect((await settled(h, id)).state).toBe('completed')
  }, 120_000)
  afterAll(async () => { await h?.close() })

  it('a new version answers the affected subscriptions and puts the event in their customer\'s feed only', async () => {
    const second = await publish('2.50')
    expect([second.status, second.body.version, second.body.subscriptions]).toEqual([201, 2, [id]])
    const events = (await h.call('GET', '/events', 'symp_customer-a')).body as Answer[]
    expect(events.filter(e => e.type === 'service.newVersion').map(e => e.data.subscription)).toEqual([id])
    expect((await h.call('GET', '/events', 'symp_customer-b')).body).toEqual([])
  })

  it('a deprecation answers the affected subscriptions and notifies their customer', async () => {
    const deprecated = await h.app.inject({ method: 'POST', url: `${path}/versions/2/deprecate`, headers: { authorization: `Bearer ${gammaToken}` } })
    expect([deprecated.statusCode, deprecated.json().subscriptions]).toEqual([200, [id]])
    const events = (await h.call('GET', '/events', 'symp_customer-a')).body as Answer[]
    expect(events.filter(e => e.type === 'service.deprecated').map(e => e.data.subscription)).toEqual([id])
  })
})
