import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox } from '../../src/sandbox/index.js'
import type { Sandbox } from '../../src/sandbox/index.js'

describe('sandbox control route: a provider fails on demand', () => {
  let sandbox: Sandbox
  beforeAll(async () => { sandbox = await startSandbox({ providers: { alpha: { behavior: 'instant' } } }) })
  afterAll(async () => { await sandbox.close() })

  const order = async (key: string) => (await fetch(`${sandbox.url}/alpha/orders`, { method: 'POST', headers: { 'idempotency-key': key, 'content-type': 'application/json' }, body: '{"action":"order"}' })).json()
  const put = (path: string, body: string) => fetch(`${sandbox.url}/_sandbox/providers/${path}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body })

  it('answers with failed and the given reason once switched, and says how it answers', async () => {
    expect((await order('a-1')).status).toBe('completed')
    const switched = await put('alpha', JSON.stringify({ behavior: 'failing', failureReason: 'no numbers left in area 0228' }))
    expect([switched.status, await switched.json()]).toEqual([200, { provider: 'alpha', behavior: 'failing', failureReason: 'no numbers left in area 0228' }])
    expect(await order('a-2')).toMatchObject({ status: 'failed', reason: 'no numbers left in area 0228' })
    expect(await (await fetch(`${sandbox.url}/_sandbox/providers/alpha`)).json()).toEqual({ provider: 'alpha', behavior: 'failing', failureReason: 'no numbers left in area 0228' })
    sandbox.configure('alpha', { behavior: 'instant' })
    expect((await order('a-3')).status).toBe('completed')
  })

  it('refuses an unknown provider or behavior, saying what it expects', async () => {
    const unknown = await put('omega', '{"behavior":"failing"}')
    expect([unknown.status, (await unknown.json()).error]).toEqual([404, 'no sandbox provider omega; the sandbox has alpha'])
    const wrong = await put('alpha', '{"behavior":"broken"}')
    expect([wrong.status, (await wrong.json()).error]).toEqual([400, 'unknown behavior broken; expected { "behavior"?: "instant" | "async" | "slow" | "failing", "failureReason"?: string }'])
  })
})
