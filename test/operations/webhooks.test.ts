/**
 * Customers' webhooks over real HTTP: a receiver this test starts on a free port gets the
 * events of the customer's orders, in the feed's order, signed, each with its event id as
 * idempotency key; retried after 5xx; resumed from the stored cursor after a restart; never
 * another customer's events.
 */
import { createHmac } from 'node:crypto'
import { createServer } from 'node:http'
import type { IncomingHttpHeaders, Server, ServerResponse } from 'node:http'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openEngine } from '../../src/engine.js'
import { startSandbox } from '../../src/sandbox/index.js'
import type { Sandbox } from '../../src/sandbox/index.js'
import { opsGraphs, recordToQuads } from '../../src/operations/index.js'
import { customerA, customerB, openHarness, settled, t, testProviders } from './harness.js'
import type { Answer, Harness } from './harness.js'

interface Received {
  readonly headers: IncomingHttpHeaders
  readonly raw: string
  readonly body: Answer
  /** The status answered; undefined while the request is held open. */
  status?: number
}

/** A webhook receiver: `answer` decides each request's status, or `'hold'` to never answer it. */
interface Receiver {
  readonly url: string
  readonly received: Received[]
  answer: (request: Received, index: number) => number | 'hold'
  /** The bodies of the requests answered 2xx, in arrival order. */
  acknowledged (): Answer[]
  close (): Promise<void>
}

async function startReceiver (): Promise<Receiver> {
  const held: ServerResponse[] = []
  const receiver: Receiver & { server?: Server } = {
    url: '',
    received: [],
    answer: () => 200,
    acknowledged: () => receiver.received.filter(r => r.status !== undefined && r.status < 300).map(r => r.body),
    close: async () => {
      for (const response of held) response.destroy()
      receiver.server!.closeAllConnections()
      await new Promise(resolve => receiver.server!.close(resolve))
    }
  }
  const server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8')
      const entry: Received = { headers: request.headers, raw, body: JSON.parse(raw) }
      const index = receiver.received.push(entry) - 1
      const status = receiver.answer(entry, index)
      if (status === 'hold') {
        held.push(response)
        return
      }
      entry.status = status
      response.writeHead(status).end()
    })
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  Object.assign(receiver, { server, url: `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}/hook` })
  return receiver
}

/** Waits (bounded) until `done` holds. */
async function until (done: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 1200; i++) {
    if (await done()) return
    await new Promise(resolve => setTimeout(resolve, 50))
  }
  throw new Error(`gave up waiting: ${what}`)
}

/** Checks the Symphony-Signature header of a delivery with the secret, as a receiver does. */
function signedWith (secret: string, entry: Received): boolean {
  const header = String(entry.headers['symphony-signature'])
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header)
  if (match === null) return false
  return createHmac('sha256', secret).update(`${match[1]}.${entry.raw}`).digest('hex') === match[2]
}

const services = ['AlphaPBX', 'BetaCRM', 'GammaArchive'].map(s => t + s)
const webhookPolicy = { timeoutMs: 60_000, attempts: 4, backoffMs: 20 }
/** Providers' requests get time on a busy machine: an order that fails here would only hide the webhooks. */
const policy = { timeoutMs: 30_000, attempts: 2, backoffMs: 20 }

describe('customer webhooks', () => {
  const cleanup: Array<() => Promise<void>> = []
  afterEach(async () => {
    for (const close of cleanup.splice(0).reverse()) await close()
  })

  async function harness (options: Parameters<typeof openHarness>[0] = {}): Promise<Harness> {
    const h = await openHarness({ ...options, operations: { allowPrivateWebhooks: true, policy, webhookPolicy, ...options.operations } })
    cleanup.push(() => h.close())
    return h
  }
  async function receiver (): Promise<Receiver> {
    const r = await startReceiver()
    cleanup.push(() => r.close())
    return r
  }
  const feed = async (h: Harness, token = 'symp_customer-a'): Promise<Answer[]> => (await h.call('GET', '/events', token)).body

  it('pushes the events of an order in the feed\'s order, signed, with the event id as idempotency key; never another customer\'s', async () => {
    const h = await harness()
    const [a, b] = [await receiver(), await receiver()]
    const set = await h.call('PUT', '/me/webhook', 'symp_customer-a', { url: a.url })
    expect(set.status).toBe(200)
    expect(Object.keys(set.body).sort()).toEqual(['createdAt', 'secret', 'url'])
    expect(set.body.url).toBe(a.url)
    expect(Buffer.from(set.body.secret, 'base64url')).toHaveLength(32)
    expect((await h.call('PUT', '/me/webhook', 'symp_customer-b', { url: b.url })).status).toBe(200)

    const orderA = await h.call('POST', '/orders', 'symp_customer-a', { request: h.request, services, seats: 3 })
    const orderB = await h.call('POST', '/orders', 'symp_customer-b', { request: h.request, services, seats: 2 })
    expect(await settled(h, orderA.body.id)).toMatchObject({ state: 'completed' })
    expect(await settled(h, orderB.body.id, 'symp_customer-b')).toMatchObject({ state: 'completed' })
    const eventsA = await feed(h)
    const eventsB = await feed(h, 'symp_customer-b')
    await until(() => a.acknowledged().length >= eventsA.length && b.acknowledged().length >= eventsB.length, 'every event delivered')
    await h.engine.operations.webhooks.idle()

    // Exactly the feed, in its order, each once; the other customer's only at its own webhook.
    expect(a.acknowledged()).toEqual(eventsA)
    expect(b.acknowledged()).toEqual(eventsB)
    expect(a.received.map(r => r.body.customer)).toEqual(eventsA.map(() => customerA.id))
    expect(b.received.map(r => r.body.customer)).toEqual(eventsB.map(() => customerB.id))
    expect(eventsA.map(e => e.type)).toEqual(expect.arrayContaining(['order.state', 'item.state', 'subscription.changed']))
    for (const entry of a.received) {
      expect(entry.headers['idempotency-key']).toBe(entry.body.id)
      expect(entry.headers['symphony-event']).toBe(entry.body.type)
      expect(entry.headers['content-type']).toBe('application/json')
      expect(signedWith(set.body.secret, entry)).toBe(true)
      expect(signedWith('another secret', entry)).toBe(false)
    }

    const shown = await h.call('GET', '/me/webhook', 'symp_customer-a')
    expect(shown.body).toEqual({ url: a.url, createdAt: set.body.createdAt, lastDelivery: { event: eventsA.at(-1).id, at: expect.any(String), ok: true, status: 200 } })
    // The record (and its secret) is operations data: not in exports, not in SPARQL answers.
    expect(await h.engine.export('n-quads')).not.toContain(set.body.secret)
    const sparql = await fetch(`${h.url}/sparql?query=${encodeURIComponent('SELECT ?o WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }')}`, { headers: { accept: 'application/sparql-results+json' } })
    expect(await sparql.text()).not.toContain(set.body.secret)

    // Setting it again rotates the secret and keeps the cursor: nothing is sent again.
    const again = await h.call('PUT', '/me/webhook', 'symp_customer-a', { url: a.url })
    expect(again.body.secret).not.toBe(set.body.secret)
    await h.engine.operations.webhooks.idle()
    expect(a.received).toHaveLength(eventsA.length)

    // Removed: the next events stay in the feed only.
    expect((await h.call('DELETE', '/me/webhook', 'symp_customer-a')).status).toBe(204)
    expect((await h.call('GET', '/me/webhook', 'symp_customer-a')).status).toBe(404)
    const change = await h.call('POST', `/subscriptions/${orderA.body.id}/seats`, 'symp_customer-a', { seats: 4 })
    expect(await settled(h, change.body.id)).toMatchObject({ state: 'completed' })
    await h.engine.operations.webhooks.idle()
    expect((await feed(h)).length).toBeGreaterThan(eventsA.length)
    expect(a.received).toHaveLength(eventsA.length)
  }, 120_000)

  it('retries a receiver that answers 500 twice: the event is acknowledged once, the rest follow in order', async () => {
    const h = await harness()
    const a = await receiver()
    a.answer = (_request, index) => index < 2 ? 500 : 200
    const set = await h.call('PUT', '/me/webhook', 'symp_customer-a', { url: a.url })
    const order = await h.call('POST', '/orders', 'symp_customer-a', { request: h.request, services, seats: 3 })
    await settled(h, order.body.id)
    const events = await feed(h)
    await until(() => a.acknowledged().length >= events.length, 'every event delivered')
    await h.engine.operations.webhooks.idle()
    expect(a.acknowledged()).toEqual(events)
    // The first event three times with the same key, then each other event once.
    expect(a.received.map(r => [r.headers['idempotency-key'], r.status])).toEqual([
      [events[0].id, 500], [events[0].id, 500], ...events.map(e => [e.id, 200])
    ])
    expect(a.received.every(r => signedWith(set.body.secret, r))).toBe(true)
  }, 120_000)

  /** A booked order's events delivered to a receiver answering `answer`, every one attempted. */
  async function deliveredTo (answer: Receiver['answer']): Promise<{ h: Harness, a: Receiver, events: Answer[] }> {
    const h = await harness()
    const a = await receiver()
    a.answer = answer
    await h.call('PUT', '/me/webhook', 'symp_customer-a', { url: a.url })
    const order = await h.call('POST', '/orders', 'symp_customer-a', { request: h.request, services, seats: 3 })
    await settled(h, order.body.id)
    const events = await feed(h)
    await until(() => a.received.length >= events.length, 'every event attempted')
    await h.engine.operations.webhooks.idle()
    return { h, a, events }
  }

  it('gives up on a receiver that refuses an event, records it, and goes on with the next', async () => {
    const { h, a, events } = await deliveredTo((_request, index) => index === 0 ? 410 : 200)
    // 410 is final: no retry; the feed still has the event.
    expect(a.received.map(r => [r.body.id, r.status])).toEqual(events.map((e, n) => [e.id, n === 0 ? 410 : 200]))
    const cursor = await h.engine.operations.webhooks.record(customerA.id)
    expect(cursor?.lastDelivery).toMatchObject({ event: events.at(-1).id, ok: true })
  }, 120_000)

  it('says why the last delivery was given up in the language asked for, and a reason stored as plain text as it is', async () => {
    const { h, a, events } = await deliveredTo(() => 410)
    const german = (await h.call('GET', '/me/webhook', 'symp_customer-a', undefined, { 'accept-language': 'de' })).body
    expect(german.lastDelivery).toEqual({ event: events.at(-1).id, at: expect.any(String), ok: false, status: 410, reason: `${a.url} lehnte die Zustellung ab: 410` })
    const english = (await h.call('GET', '/me/webhook?lang=en', 'symp_customer-a', undefined, { 'accept-language': 'de' })).body
    expect(english.lastDelivery.reason).toBe(`${a.url} refused the delivery: 410`)
    // Written by an earlier version: one English string, shown as it is.
    const record = (await h.engine.operations.webhooks.record(customerA.id))!
    await h.engine.store.putGraphs([{ graph: opsGraphs.webhook + record.id, quads: recordToQuads(record.iri, opsGraphs.webhook + record.id, 'Webhook', { ...record, lastDelivery: { ...record.lastDelivery!, reason: 'gone' } }) }])
    expect((await h.call('GET', '/me/webhook', 'symp_customer-a', undefined, { 'accept-language': 'de' })).body.lastDelivery.reason).toBe('gone')
  }, 120_000)

  it('does not deliver to a host name that resolves to a private address at delivery time, and says so', async () => {
    // The name passes when the webhook is set (names are not resolved then); by delivery it points at this machine.
    const h = await harness({ operations: { allowPrivateWebhooks: false, lookupAddresses: async () => ['127.0.0.1'] } })
    const a = await receiver()
    const url = a.url.replace('127.0.0.1', 'hooks.customer.example')
    expect((await h.call('PUT', '/me/webhook', 'symp_customer-a', { url })).status).toBe(200)
    const order = await h.call('POST', '/orders', 'symp_customer-a', { request: h.request, services, seats: 3 })
    await settled(h, order.body.id)
    await until(async () => (await h.engine.operations.webhooks.record(customerA.id))?.lastDelivery !== undefined, 'a delivery recorded')
    await h.engine.operations.webhooks.idle()
    const { lastDelivery } = (await h.call('GET', '/me/webhook?lang=en', 'symp_customer-a')).body
    expect(lastDelivery).toMatchObject({ ok: false, reason: `${url} was not called: hooks.customer.example resolves to 127.0.0.1, a loopback address, to which this server delivers no webhooks; set a webhook on a public host, or the operator allows private webhook hosts (serve --allow-private-webhooks)` })
    expect(a.received).toEqual([])
  }, 120_000)

  it('after a restart resumes from the stored cursor: nothing acknowledged is sent again, nothing is lost', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'symphony-webhooks-'))
    const sandbox: Sandbox = await startSandbox({ providers: testProviders })
    cleanup.push(async () => { await sandbox.close(); await rm(folder, { recursive: true, force: true }) })
    const engine = () => openEngine({ dataDir: join(folder, 'data') })
    const a = await receiver()
    // Two events are acknowledged, the third is held open until the server stops.
    a.answer = (_request, index) => index < 2 ? 200 : 'hold'
    const first = await openHarness({ sandbox, engine, operations: { allowPrivateWebhooks: true, policy, webhookPolicy } })
    await first.call('PUT', '/me/webhook', 'symp_customer-a', { url: a.url })
    const order = await first.call('POST', '/orders', 'symp_customer-a', { request: first.request, services, seats: 3 })
    await until(() => a.received.length >= 3, 'the third delivery held')
    await first.close()
    const before = a.acknowledged()
    expect(before).toHaveLength(2)

    a.answer = () => 200
    // A restarted server keeps its public address: providers' callbacks for items sent before
    // the stop (Beta's completion) are retried there and must reach the reopened server.
    const second = await harness({ sandbox, engine, port: Number(new URL(first.url).port) })
    expect(await settled(second, order.body.id)).toMatchObject({ state: 'completed' })
    const events = await feed(second)
    await until(() => a.acknowledged().length >= events.length, 'every event delivered after the restart')
    await second.engine.operations.webhooks.idle()
    const after = a.acknowledged().slice(2)
    expect(after.map(e => e.id)).not.toEqual(expect.arrayContaining([before[0].id]))
    expect(after.map(e => e.id)).not.toEqual(expect.arrayContaining([before[1].id]))
    expect([...before, ...after]).toEqual(events)
    // The event held at the stop was not acknowledged, so it came again, with the same key.
    expect(a.received[2]!.status).toBeUndefined()
    expect(after[0].id).toBe(a.received[2]!.body.id)
  }, 180_000)

  it('refuses private and malformed URLs unless private hosts are allowed; customers and the operator only', async () => {
    const h = await openHarness()
    cleanup.push(() => h.close())
    const a = await receiver()
    const refused = await h.call('PUT', '/me/webhook', 'symp_customer-a', { url: a.url })
    expect(refused.status).toBe(400)
    expect(refused.body.detail).toMatch(/127\.0\.0\.1 is a local or private address.*--allow-private-webhooks/)
    // A name ending in a dot is the same name (the root of DNS): localhost. is localhost.
    for (const url of ['http://localhost:8080/hook', 'http://localhost.:8080/hook', 'http://LocalHost../hook', 'https://app.localhost./hook', 'http://2130706433/hook', 'http://[::ffff:127.0.0.1]/hook',
      'https://10.0.0.7/hook', 'https://[::1]/hook', 'http://169.254.169.254/latest', 'https://[fe80::1]/hook']) {
      expect([url, (await h.call('PUT', '/me/webhook', 'symp_customer-a', { url })).status]).toEqual([url, 400])
    }
    expect((await h.call('PUT', '/me/webhook', 'symp_customer-a', { url: 'https://user:pw@hooks.example.org/x' })).body.detail).toMatch(/no user name or password/)
    expect((await h.call('PUT', '/me/webhook', 'symp_customer-a', { url: 'ftp://hooks.example.org/x' })).body.detail).toMatch(/uses ftp/)
    expect((await h.call('PUT', '/me/webhook', 'symp_customer-a', { url: 'hooks.example.org/x' })).body.detail).toMatch(/not an absolute URL/)
    expect((await h.call('PUT', '/me/webhook', 'symp_customer-a', { url: `https://hooks.example.org/${'x'.repeat(2000)}` })).body.detail).toMatch(/at most 2000/)
    expect((await h.call('GET', '/me/webhook', 'symp_customer-a')).status).toBe(404)

    // Roles: no token, a provider; a customer only for itself; the operator names the customer.
    expect((await h.call('PUT', '/me/webhook', undefined, { url: 'https://hooks.example.org/x' })).status).toBe(401)
    expect((await h.call('PUT', '/me/webhook', 'symp_beta', { url: 'https://hooks.example.org/x' })).status).toBe(403)
    expect((await h.call('GET', '/me/webhook', 'symp_beta')).status).toBe(403)
    expect((await h.call('DELETE', '/me/webhook')).status).toBe(401)
    expect((await h.call('GET', `/me/webhook?customer=${encodeURIComponent(customerB.id)}`, 'symp_customer-a')).status).toBe(403)
    expect((await h.call('PUT', '/me/webhook', 'symp_operator', { url: 'https://hooks.example.org/x' })).status).toBe(400)
    const forB = await h.call('PUT', `/me/webhook?customer=${encodeURIComponent(customerB.id)}`, 'symp_operator', { url: 'https://hooks.example.org/praxis' })
    expect(forB.status).toBe(200)
    expect((await h.call('GET', '/me/webhook', 'symp_customer-b')).body).toEqual({ url: 'https://hooks.example.org/praxis', createdAt: forB.body.createdAt })
    expect((await h.call('GET', '/me/webhook', 'symp_customer-a')).status).toBe(404)
    expect((await h.call('DELETE', `/me/webhook?customer=${encodeURIComponent(customerB.id)}`, 'symp_operator')).status).toBe(204)
    expect((await h.call('DELETE', '/me/webhook', 'symp_customer-b')).status).toBe(404)
  }, 60_000)
})
