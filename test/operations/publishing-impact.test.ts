/**
 * A provider's new version and deprecation, published through the API or with `symphony publish`
 * on a stopped server's data directory, list the subscriptions they affect in the answer and
 * notify those subscriptions' customers — in their event feeds, named by the catalog's labels,
 * and at their webhooks — and no other customer.
 */
import { createServer } from 'node:http'
import type { Server } from 'node:http'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openEngine } from '../../src/engine.js'
import { runCli } from '../cli/run-cli.js'
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
t:GammaVault a sym:ArchivingService ; schema:name "Gamma Vault"@en, "Gamma-Tresor"@de ; schema:provider t:Gamma ;
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

/** A webhook receiver on a free port: the bodies it was sent, each answered 200. */
async function startReceiver (): Promise<{ url: string, bodies: Answer[], close: () => Promise<void> }> {
  const bodies: Answer[] = []
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      bodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')))
      response.writeHead(200).end()
    })
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  return {
    url: `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}/hook`,
    bodies,
    close: async () => {
      server.closeAllConnections()
      await new Promise(resolve => server.close(resolve))
    }
  }
}

/** Waits (bounded) until `done` holds. */
async function until (done: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 1200 && !done(); i++) await new Promise(resolve => setTimeout(resolve, 50))
  if (!done()) throw new Error(`gave up waiting: ${what}`)
}

const request = { serviceTypes: [`${sym}VirtualPBX`, `${sym}ArchivingService`], seats: 3, limit: 50 }

/** Publishes Gamma's archive through the API. */
async function publishThroughApi (h: Harness, price: string): Promise<{ status: number, body: Answer }> {
  const response = await h.app.inject({ method: 'PUT', url: path, headers: { authorization: `Bearer ${gammaToken}`, 'content-type': 'text/turtle' }, payload: gammaArchive(h.sandbox.url, price) })
  return { status: response.statusCode, body: response.json() }
}

/** Customer A books Alpha's PBX with Gamma's archive; the subscription's id. */
async function subscribeToVault (h: Harness): Promise<string> {
  const placed = await h.call('POST', '/orders', 'symp_customer-a', { request, services: [`${t}AlphaPBX`, `${t}GammaVault`], seats: 3 })
  expect(placed.status, JSON.stringify(placed.body)).toBe(201)
  expect((await settled(h, placed.body.id)).state).toBe('completed')
  return placed.body.id
}

const ofType = (events: Answer[], type: string): Answer[] => events.filter(e => e.type === type)

describe('publishing impact on subscriptions, through the API', () => {
  let h: Harness
  let id: string
  let receiver: Awaited<ReturnType<typeof startReceiver>>
  const publish = async (price: string): Promise<{ status: number, body: Answer }> => publishThroughApi(h, price)
  beforeAll(async () => {
    h = await openHarness({ operations: { allowPrivateWebhooks: true } })
    receiver = await startReceiver()
    expect((await h.call('PUT', '/me/webhook', 'symp_customer-a', { url: receiver.url })).status).toBe(200)
    const first = await publish('2.00')
    expect(first.status, JSON.stringify(first.body)).toBe(201)
    id = await subscribeToVault(h)
  }, 120_000)
  afterAll(async () => {
    await h?.close()
    await receiver?.close()
  })

  it('a new version answers the affected subscriptions and tells their customer by label, in the feed and at the webhook; no one else', async () => {
    const second = await publish('2.50')
    expect([second.status, second.body.version, second.body.subscriptions]).toEqual([201, 2, [id]])
    const events = (await h.call('GET', '/events', 'symp_customer-a')).body as Answer[]
    const newVersion = ofType(events, 'service.newVersion')
    expect(newVersion.map(e => [e.subject, e.data])).toEqual([[
      `https://w3id.org/symphony/subscription/${id}`,
      { subscription: id, provider: `${t}Gamma`, version: 2, services: `${t}GammaVault` }
    ]])
    expect(newVersion.map(e => e.messages)).toEqual([{
      en: `Gamma published version 2 of Gamma Vault, part of your subscription ${id}`,
      de: `Gamma hat Version 2 von Gamma-Tresor veröffentlicht, Teil Ihres Abonnements ${id}`
    }])
    await until(() => ofType(receiver.bodies, 'service.newVersion').length > 0, 'the new version at the webhook')
    expect(ofType(receiver.bodies, 'service.newVersion')).toEqual(newVersion)
    expect((await h.call('GET', '/events', 'symp_customer-b')).body).toEqual([])
  })

  it('a deprecation answers the affected subscriptions and notifies their customer', async () => {
    const deprecated = await h.app.inject({ method: 'POST', url: `${path}/versions/2/deprecate`, headers: { authorization: `Bearer ${gammaToken}` } })
    expect([deprecated.statusCode, deprecated.json().subscriptions]).toEqual([200, [id]])
    const events = (await h.call('GET', '/events', 'symp_customer-a')).body as Answer[]
    expect(ofType(events, 'service.deprecated').map(e => [e.data.subscription, e.messages.en])).toEqual([[id, `Gamma deprecated version 2 of Gamma Vault, part of your subscription ${id}`]])
    expect((await h.call('GET', '/events', 'symp_customer-b')).body).toEqual([])
  })
})

describe('publishing impact on subscriptions, with symphony publish while the server is stopped', () => {
  let folder: string
  afterAll(async () => { if (folder !== undefined) await rm(folder, { recursive: true, force: true }) })

  it('the customer finds the new version in the feed and gets it at the webhook once the server runs again', async () => {
    folder = await mkdtemp(join(tmpdir(), 'symphony-publish-offline-'))
    const dataDir = join(folder, 'data')
    const receiver = await startReceiver()
    try {
      const before = await openHarness({ engine: () => openEngine({ dataDir, allowPrivateProviders: true }), operations: { allowPrivateWebhooks: true } })
      let id: string
      try {
        expect((await before.call('PUT', '/me/webhook', 'symp_customer-a', { url: receiver.url })).status).toBe(200)
        expect((await publishThroughApi(before, '2.00')).status).toBe(201)
        id = await subscribeToVault(before)
        await before.engine.operations.webhooks.idle()
      } finally {
        await before.close()
      }
      const delivered = receiver.bodies.length

      await writeFile(join(folder, 'vault.ttl'), gammaArchive('http://127.0.0.1:9/unused', '2.50'))
      const cli = await runCli(['publish', 'vault.ttl', '--provider', `${t}Gamma`, '--name', 'archive', '--allow-private-providers', '--data-dir', dataDir], { cwd: folder })
      expect(cli.code, cli.stderr).toBe(0)
      expect(JSON.parse(cli.stdout)).toMatchObject({ status: 'accepted', version: 2, subscriptions: [id] })

      const after = await openHarness({ engine: () => openEngine({ dataDir, allowPrivateProviders: true }), operations: { allowPrivateWebhooks: true } })
      try {
        const events = (await after.call('GET', '/events?lang=de', 'symp_customer-a')).body as Answer[]
        expect(ofType(events, 'service.newVersion').map(e => e.message)).toEqual([`Gamma hat Version 2 von Gamma-Tresor veröffentlicht, Teil Ihres Abonnements ${id}`])
        await until(() => receiver.bodies.length > delivered, 'the new version at the webhook')
        await after.engine.operations.webhooks.idle()
        expect(receiver.bodies.slice(delivered).map(e => [e.type, e.data.subscription])).toEqual([['service.newVersion', id]])
        expect((await after.call('GET', '/events', 'symp_customer-b')).body).toEqual([])
      } finally {
        await after.close()
      }
    } finally {
      await receiver.close()
    }
  }, 240_000)
})
