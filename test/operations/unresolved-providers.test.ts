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
import { invalidHost, invalidHostCode, unresolvedReason } from './unresolved-name.js'

describe('orders to a provider whose host name does not resolve', () => {
  const nowhere = `http://${invalidHost}`
  const reason = (code: string, provider: string, language: 'en' | 'de') => unresolvedReason(`${nowhere}/${provider}/orders`, code, 2)[language]

  // Checked before the request (private providers refused), or looked up by the request itself (allowed).
  for (const allowPrivateProviders of [false, true]) {
    it(`fail each item saying the name does not resolve, in both languages (private providers ${allowPrivateProviders ? 'allowed' : 'refused'})`, async () => {
      const code = await invalidHostCode()
      const sandbox = await startSandbox({ providers: testProviders })
      let h: Harness | undefined
      try {
        h = await openHarness({ sandbox, operations: { allowPrivateProviders, endpointAddress: movedOrigin(sandbox.url, nowhere) } })
        const placed = await h.call('POST', '/orders', 'symp_customer-a', { request: h.request, services: ['AlphaPBX', 'BetaCRM', 'GammaArchive'].map(s => t + s), seats: 3 })
        expect(placed.status).toBe(201)
        const order = await settled(h, placed.body.id)
        expect([order.state, sandbox.requests()]).toEqual(['failed', 0])
        expect(order.items.map((i: OrderItem) => [i.state, i.attempts, i.reason])).toEqual([
          ['failed', 2, reason(code, 'alpha', 'en')], ['failed', 2, reason(code, 'beta', 'en')], ['failed', 2, reason(code, 'gamma', 'en')]
        ])
        const german = (await h.call('GET', `/orders/${order.id}?lang=de`, 'symp_customer-a')).body
        expect(german.items.map((i: OrderItem) => i.reason)).toEqual([reason(code, 'alpha', 'de'), reason(code, 'beta', 'de'), reason(code, 'gamma', 'de')])
      } finally {
        await h?.close()
        await sandbox.close()
      }
    }, 120_000)
  }
})
