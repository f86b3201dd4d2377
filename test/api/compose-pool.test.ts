/**
 * The composition worker pool: the event loop stays free while a compose runs, a cancelled or
 * crashed job costs only its own thread, a full queue answers BUSY at once, and a new store
 * version reaches the workers.
 */
import { afterEach, describe, expect, test } from 'vitest'
import { ComposePool, packCatalog, type WorkerCatalog } from '../../src/api/compose-pool/index.js'
import type { CompositionRequest } from '../../src/composer/index.js'
import { SymphonyError } from '../../src/errors.js'
import { openTestApp, sym, type TestApp } from './helpers.js'

const scripted = new URL('../support/scripted-compose-worker.ts', import.meta.url)
const hang: CompositionRequest = { wanted: ['urn:hang'] }
const crash: CompositionRequest = { wanted: ['urn:crash'] }
const plain: CompositionRequest = { wanted: ['urn:plain'] }

async function failureOf (promise: Promise<unknown>): Promise<{ code: string, details: unknown }> {
  try {
    await promise
  } catch (error) {
    if (error instanceof SymphonyError) return { code: error.code, details: error.details }
    throw error
  }
  throw new Error('expected a failure')
}

describe('ComposePool', () => {
  let pool: ComposePool | undefined
  let version = 'v1'
  const catalog = async (): Promise<WorkerCatalog> => ({ version, packed: async () => packCatalog(version, [], [], []) })
  afterEach(async () => { await pool?.close(); version = 'v1' })

  test('a cancelled running job frees its worker: the thread is replaced and the next job runs', async () => {
    let asked = 0
    pool = new ComposePool({ size: 1, queueCapacity: 4, catalog: async () => { asked++; return catalog() }, entry: scripted })
    await pool.compose(plain)
    const controller = new AbortController()
    const running = pool.compose(hang, { signal: controller.signal })
    running.catch(() => undefined)
    // Once the pool has the catalog for the job, it posts the job in the same turn: then it runs.
    while (asked < 2) await new Promise(resolve => setTimeout(resolve, 5))
    await new Promise(resolve => setTimeout(resolve, 0))
    const next = pool.compose(plain)
    expect(pool.status()).toMatchObject({ busy: 1, queued: 1 })
    controller.abort()
    expect((await failureOf(running)).code).toBe('CANCELLED')
    expect((await next).issues).toEqual([{ code: 'LOADED', message: 'v1' }])
    await new Promise(resolve => setTimeout(resolve, 0))
    expect(pool.status()).toMatchObject({ workers: 1, busy: 0, queued: 0, replaced: 1 })
  }, 120_000)

  test('a cancelled queued job leaves the queue without touching the worker', async () => {
    pool = new ComposePool({ size: 1, queueCapacity: 4, catalog, entry: scripted })
    await pool.compose(plain)
    const controller = new AbortController()
    const first = pool.compose(plain)
    const queued = pool.compose(plain, { signal: controller.signal })
    controller.abort()
    expect((await failureOf(queued)).code).toBe('CANCELLED')
    expect((await first).bundles).toEqual([])
    expect(pool.status().replaced).toBe(0)
  }, 120_000)

  test('a full queue answers BUSY at once with a retry hint', async () => {
    pool = new ComposePool({ size: 1, queueCapacity: 1, catalog, entry: scripted })
    const controller = new AbortController()
    const running = pool.compose({ ...hang, timeoutMs: 3000 }, { signal: controller.signal })
    running.catch(() => undefined)
    const waiting = pool.compose(plain)
    expect(await failureOf(pool.compose({ ...plain, timeoutMs: 3000 }))).toEqual({ code: 'BUSY', details: { retryAfter: 3 } })
    controller.abort()
    expect((await failureOf(running)).code).toBe('CANCELLED')
    expect((await waiting).bundles).toEqual([])
  }, 120_000)

  test('a crash fails only its own job; a fresh worker answers the next one', async () => {
    pool = new ComposePool({ size: 1, queueCapacity: 4, catalog, entry: scripted })
    const crashed = pool.compose(crash)
    const after = pool.compose(plain)
    expect((await failureOf(crashed)).code).toBe('INTERNAL')
    expect((await after).issues).toEqual([{ code: 'LOADED', message: 'v1' }])
    expect(pool.status()).toMatchObject({ replaced: 1, lastFailure: { reason: 'the composition worker stopped (exit code 3); it was restarted, send the request again' } })
  }, 120_000)

  test('a search that overruns its time budget by the grace period is stopped', async () => {
    pool = new ComposePool({ size: 1, queueCapacity: 4, catalog, entry: scripted, graceMs: 100 })
    expect((await failureOf(pool.compose({ ...hang, timeoutMs: 100 }))).code).toBe('QUERY_TIMEOUT')
    expect((await pool.compose(plain)).bundles).toEqual([])
    expect(pool.status().replaced).toBe(1)
  }, 120_000)

  test('a new store version is loaded into the worker before the next job', async () => {
    pool = new ComposePool({ size: 1, queueCapacity: 4, catalog, entry: scripted })
    expect((await pool.compose(plain)).issues[0]?.message).toBe('v1')
    version = 'v2'
    expect((await pool.compose(plain)).issues[0]?.message).toBe('v2')
  }, 120_000)
})

describe('POST /compose in the worker pool', () => {
  let t: TestApp | undefined
  afterEach(async () => { await t?.close() })

  test('/health answers while a compose is in flight, and the compose answers as the engine does', async () => {
    t = await openTestApp({ fixtures: ['acme-pbx.ttl', 'globex-crm.ttl'], api: { compose: { workers: 1 } } })
    const request = { serviceTypes: [`${sym}VirtualPBX`, `${sym}CRM`], seats: 10, limit: 3 }
    let composed = false
    const compose = t.app.inject({ method: 'POST', url: '/compose', payload: request }).then(response => { composed = true; return response })
    // The worker is still starting and compiling the catalog: the compose cannot be done yet.
    while ((await t.app.inject({ method: 'GET', url: '/health' })).json().compose.busy === 0) {
      await new Promise(resolve => setTimeout(resolve, 5))
    }
    const health = await t.app.inject({ method: 'GET', url: '/health' })
    expect([health.statusCode, composed]).toEqual([200, false])
    expect(health.json().compose).toEqual({ workers: 1, busy: 1, queued: 0, replaced: 0 })
    const response = await compose
    expect(response.statusCode).toBe(200)
    const { labels, ...answer } = response.json()
    expect(answer).toEqual(JSON.parse(JSON.stringify(await t.engine.compose(request))))
    expect(Object.keys(labels).length).toBe(3)
  }, 180_000)

  test('a request the schema refuses never reaches a worker', async () => {
    t = await openTestApp({ fixtures: ['acme-pbx.ttl'], api: { compose: { workers: 1 } } })
    const response = await t.app.inject({ method: 'POST', url: '/compose', payload: { serviceTypes: [`${sym}VirtualPBX`], limit: 500 } })
    expect(response.statusCode).toBe(400)
    expect((await t.app.inject({ method: 'GET', url: '/health' })).json().compose).toEqual({ workers: 1, busy: 0, queued: 0, replaced: 0 })
  }, 120_000)
})
