/**
 * Orders to a provider whose host name never resolves (a name under `.invalid`, RFC 6761): each
 * item fails after its attempts, and its reason says the name does not resolve, in both languages.
 */
import { describe, expect, it } from 'vitest'
import { startSandbox } from '../../src/sandbox/index.js'
import { movedOrigin } from '../../src/operations/index.js'
import type { OrderItem } from '../../src/operations/index.js'
import { openHarness, settled, t, testProviders } from './harness.js'
import type { Harness } from './harness.js'

describe('orders to a provider whose host name does not resolve', () => {
  const nowhere = 'http://orders.provider.invalid'
  const reason = (provider: string, language: 'en' | 'de') => language === 'en'
    ? `${nowhere}/${provider}/orders unreachable: its host name orders.provider.invalid does not resolve to any address (ENOTFOUND); the name is wrong or its DNS entry is missing (gave up after 2 attempts)`
    : `${nowhere}/${provider}/orders nicht erreichbar: der Hostname orders.provider.invalid wird zu keiner Adresse aufgelöst (ENOTFOUND); der Name ist falsch oder sein DNS-Eintrag fehlt (nach 2 Versuchen aufgegeben)`

  // Checked before the request (private providers refused), or looked up by the request itself (allowed).
  for (const allowPrivateProviders of [false, true]) {
    it(`fail each item saying the name does not resolve, in both languages (private providers ${allowPrivateProviders ? 'allowed' : 'refused'})`, async () => {
      const sandbox = await startSandbox({ providers: testProviders })
      let h: Harness | undefined
      try {
        h = await openHarness({ sandbox, operations: { allowPrivateProviders, endpointAddress: movedOrigin(sandbox.url, nowhere) } })
        const placed = await h.call('POST', '/orders', 'symp_customer-a', { request: h.request, services: ['AlphaPBX', 'BetaCRM', 'GammaArchive'].map(s => t + s), seats: 3 })
        expect(placed.status).toBe(201)
        const order = await settled(h, placed.body.id)
        expect([order.state, sandbox.requests()]).toEqual(['failed', 0])
        expect(order.items.map((i: OrderItem) => [i.state, i.attempts, i.reason])).toEqual([
          ['failed', 2, reason('alpha', 'en')], ['failed', 2, reason('beta', 'en')], ['failed', 2, reason('gamma', 'en')]
        ])
        const german = (await h.call('GET', `/orders/${order.id}?lang=de`, 'symp_customer-a')).body
        expect(german.items.map((i: OrderItem) => i.reason)).toEqual([reason('alpha', 'de'), reason('beta', 'de'), reason('gamma', 'de')])
      } finally {
        await h?.close()
        await sandbox.close()
      }
    }, 120_000)
  }
})
