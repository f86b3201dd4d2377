/**
 * A server killed in the middle of an order and started again resumes it from the stored state:
 * every provider gets its item exactly once (same idempotency key), and the order completes.
 * Real processes (`symphony serve`), real HTTP, generous timeouts.
 */
import type { ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openEngine } from '../../src/engine.js'
import { hashToken } from '../../src/accounts/index.js'
import { projectRoot } from '../../src/project.js'
import { startSandbox } from '../../src/sandbox/index.js'
import type { Sandbox } from '../../src/sandbox/index.js'
import type { Order } from '../../src/operations/index.js'
import { spawnInGroup, stopAllGroups, stopGroup } from '../support/process-group.js'
import { customerA, fixtures, secretsEnv, t, testProviders, writeCatalog } from './harness.js'

const customerToken = 'symp_restart-customer'

async function freePort (): Promise<number> {
  return new Promise(resolve => {
    const server = createServer()
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0))
    })
  })
}

describe('restart in the middle of an order', () => {
  let folder: string
  let sandbox: Sandbox
  let server: ChildProcess | undefined
  afterAll(async () => {
    await stopGroup(server, 'SIGKILL')
    await stopAllGroups()
    await sandbox?.close()
    if (folder !== undefined) await rm(folder, { recursive: true, force: true })
  })

  it('resumes from the stored state: nothing ordered twice, nothing lost', async () => {
    folder = await mkdtemp(join(tmpdir(), 'symphony-restart-'))
    // Gamma takes long to complete: the server is killed while its item is still in progress.
    sandbox = await startSandbox({ providers: { ...testProviders, gamma: { behavior: 'async', inProgressAfterMs: 100, completedAfterMs: 15_000 } } })
    const dataDir = join(folder, 'data')
    const engine = await openEngine({ dataDir })
    await engine.importFiles([await writeCatalog(folder, sandbox.url)])
    await engine.close()
    const port = await freePort()
    const api = `http://127.0.0.1:${port}`
    const env = { ...process.env, ...secretsEnv, SYMPHONY_TOKENS: `${customerA.id}=${hashToken(customerToken)} ${t}Beta=${hashToken('symp_beta')}` }
    const start = async (): Promise<ChildProcess> => {
      const child = spawnInGroup(process.execPath, ['--import', 'tsx', join(projectRoot, 'src/cli/bin.ts'), 'serve', '--empty', '--allow-private-providers', '--data-dir', dataDir, '--port', String(port), '--public-url', api], { env, stdio: 'ignore' })
      for (let i = 0; i < 600; i++) {
        const up = await fetch(`${api}/health/ready`).then(r => r.ok, () => false)
        if (up) return child
        await new Promise(resolve => setTimeout(resolve, 200))
      }
      throw new Error('the server did not start')
    }
    const call = async (method: string, path: string, body?: unknown) => {
      const response = await fetch(api + path, { method, headers: { authorization: `Bearer ${customerToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) })
      return { status: response.status, body: await response.json() as Order }
    }
    server = await start()
    const request = JSON.parse(await readFile(join(fixtures, 'request.json'), 'utf8')) as unknown
    const placed = await call('POST', '/orders', { request, services: [`${t}AlphaPBX`, `${t}BetaCRM`, `${t}GammaArchive`], seats: 3 })
    expect(placed.status).toBe(201)
    // Wait until every item reached its provider, then kill the server before Gamma completes.
    for (let i = 0; i < 600 && sandbox.log().length < 3; i++) await new Promise(resolve => setTimeout(resolve, 100))
    expect(sandbox.log().map(e => e.provider).sort()).toEqual(['alpha', 'beta', 'gamma'])
    await stopGroup(server, 'SIGKILL')
    server = await start()
    let order = placed.body
    for (let i = 0; i < 1200 && order.state !== 'completed' && order.state !== 'failed'; i++) {
      await new Promise(resolve => setTimeout(resolve, 200))
      order = (await call('GET', `/orders/${placed.body.id}`)).body
    }
    expect(order.state).toBe('completed')
    expect(order.items.map(i => i.state)).toEqual(['completed', 'completed', 'completed'])
    // One item per provider, never a second one.
    expect(sandbox.log().map(e => [e.provider, e.idempotencyKey]).sort()).toEqual([
      ['alpha', `${order.id}-1`], ['beta', `${order.id}-2`], ['gamma', `${order.id}-3`]
    ])
    const subscriptions = (await fetch(`${api}/subscriptions`, { headers: { authorization: `Bearer ${customerToken}` } }).then(r => r.json())) as Array<{ id: string }>
    expect(subscriptions.map(s => s.id)).toEqual([order.id])
  }, 300_000)
})
