/**
 * A credential the operator bound to one provider in secrets.json is never sent for another
 * provider's service, even when that provider's adapter names it; a plain one and one bound to
 * its own provider are sent as before.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openEngine } from '../../src/engine.js'
import { openHarness, settled, t } from './harness.js'
import type { Harness } from './harness.js'

describe('credentials bound to a provider', () => {
  let folder: string | undefined
  let h: Harness | undefined
  afterAll(async () => {
    await h?.close()
    if (folder !== undefined) await rm(folder, { recursive: true, force: true })
  })

  it('an adapter naming another provider\'s bound credential fails its item with the reason, and nothing reaches the endpoint', async () => {
    folder = await mkdtemp(join(tmpdir(), 'symphony-bound-'))
    const dataDir = join(folder, 'data')
    await mkdir(dataDir)
    // "alpha" (named by Alpha's adapter) is bound to Beta; "beta" to Beta itself.
    await writeFile(join(dataDir, 'secrets.json'), JSON.stringify({ alpha: { provider: `${t}Beta`, value: 'alpha-secret' }, beta: { provider: `${t}Beta`, value: 'beta-secret' } }))
    h = await openHarness({ engine: () => openEngine({ dataDir, allowPrivateProviders: true }) })
    const placed = await h.call('POST', '/orders', 'symp_customer-a', { request: h.request, services: ['AlphaPBX', 'BetaCRM', 'GammaArchive'].map(s => t + s), seats: 3 })
    const order = await settled(h, placed.body.id)
    expect(order.state).toBe('failed')
    const alpha = order.items[0]!
    expect([alpha.provider, alpha.state, alpha.reason]).toEqual([`${t}Alpha`, 'failed',
      `the credential "alpha" is bound to <${t}Beta> in secrets.json, so it is not sent to ${h.sandbox.url}/alpha/orders for <${t}Alpha>; the provider names a credential of its own in sym:secretName, or the operator binds this one to <${t}Alpha>`])
    // Beta's own bound credential went out; Alpha's endpoint got nothing.
    const log = h.sandbox.log()
    expect(log.some(e => e.provider === 'alpha')).toBe(false)
    // Beta took its order, then its cancellation when the order failed.
    expect(log.filter(e => e.provider === 'beta').map(e => e.action)).toEqual(['order', 'cancel'])
  }, 120_000)
})
