/**
 * Orders to provider endpoints on private addresses: refused before anything is sent unless the
 * operator allows private providers or the provider's origin; the order shows why.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { startSandbox } from '../../src/sandbox/index.js'
import { openHarness, settled, t, testProviders } from './harness.js'
import type { Harness } from './harness.js'
import type { OrderItem } from '../../src/operations/index.js'

describe('orders to providers on private addresses', () => {
  let h: Harness | undefined
  afterEach(async () => { await h?.close() })

  const book = (harness: Harness) =>
    harness.call('POST', '/orders', 'symp_customer-a', { request: harness.request, services: ['AlphaPBX', 'BetaCRM', 'GammaArchive'].map(s => t + s), seats: 3 })

  it('fail with the reason, in both languages, and the provider receives nothing', async () => {
    h = await openHarness({ operations: { allowPrivateProviders: false } })
    const placed = await book(h)
    expect(placed.status).toBe(201)
    const order = await settled(h, placed.body.id)
    expect(h.sandbox.requests()).toBe(0)
    expect(order.state).toBe('failed')
    const refusal = (provider: string, lang: 'en' | 'de') => lang === 'en'
      ? `${h!.sandbox.url}/${provider}/orders was not called: 127.0.0.1 is a loopback address, to which this server sends no provider requests; the provider publishes an endpoint on a public address, or the operator allows private provider addresses (serve --allow-private-providers)`
      : `${h!.sandbox.url}/${provider}/orders wurde nicht aufgerufen: 127.0.0.1 ist eine Loopback-Adresse, an die dieser Server keine Anfragen an Anbieter sendet; der Anbieter veröffentlicht einen Endpunkt unter einer öffentlichen Adresse, oder der Betreiber erlaubt private Anbieteradressen (serve --allow-private-providers)`
    expect(order.items.map((i: OrderItem) => [i.state, i.attempts, i.reason])).toEqual([
      ['failed', 1, refusal('alpha', 'en')], ['failed', 1, refusal('beta', 'en')], ['failed', 1, refusal('gamma', 'en')]
    ])
    expect(order.items[0]!.history.at(-1)).toMatchObject({ to: 'failed', by: { role: 'platform' }, why: refusal('alpha', 'en') })
    const german = (await h.call('GET', `/orders/${order.id}?lang=de`, 'symp_customer-a')).body
    expect(german.items.map((i: OrderItem) => i.reason)).toEqual([refusal('alpha', 'de'), refusal('beta', 'de'), refusal('gamma', 'de')])
  }, 120_000)

  it('go through to an allowed origin, as serve allows its sandbox', async () => {
    const sandbox = await startSandbox({ providers: testProviders })
    try {
      h = await openHarness({ sandbox, operations: { allowPrivateProviders: false, providerOrigins: [sandbox.url] } })
      const order = await settled(h, (await book(h)).body.id)
      expect([order.state, sandbox.log().map(e => e.provider).sort()]).toEqual(['completed', ['alpha', 'beta', 'gamma']])
    } finally {
      await h?.close()
      h = undefined
      await sandbox.close()
    }
  }, 120_000)

  it('a status endpoint refused when polled fails its item with the reason, instead of being asked again and again', async () => {
    const sandbox = await startSandbox({ providers: testProviders })
    try {
      // Gamma takes orders at the allowed sandbox but is polled at a private address.
      const moved = (url: string) => url.startsWith(`${sandbox.url}/gamma/status`) ? url.replace(sandbox.url, 'http://10.255.0.1:9') : url
      h = await openHarness({ sandbox, operations: { allowPrivateProviders: false, providerOrigins: [sandbox.url], endpointAddress: moved } })
      const order = await settled(h, (await book(h)).body.id)
      const gamma = order.items[2]!
      expect([order.state, gamma.state, gamma.reason]).toEqual(['failed', 'failed', 'http://10.255.0.1:9/gamma/status/' + encodeURIComponent(gamma.reference ?? gamma.idempotencyKey) + ' was not called: 10.255.0.1 is a private address, to which this server sends no provider requests; the provider publishes an endpoint on a public address, or the operator allows private provider addresses (serve --allow-private-providers)'])
      expect(gamma.history.at(-1)).toMatchObject({ from: 'acknowledged', to: 'failed', by: { role: 'platform' } })
    } finally {
      await h?.close()
      h = undefined
      await sandbox.close()
    }
  }, 120_000)
})
