/**
 * Discovery in the composition workers: a worker holding the current catalog answers exactly as
 * the main thread (every option, every error with its code and position), a worker without the
 * current version is not asked, a write makes it reload before it answers again, a discovery
 * never waits behind a composition, and the server answers `/health` while a worker discovers.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { ComposePool, workerCatalogOf, type WorkerCatalog } from '../../src/api/compose-pool/index.js'
import { openEngine, type Engine } from '../../src/engine.js'
import { SymphonyError } from '../../src/errors.js'
import { generateCatalog, random } from '../../bench/catalog-generator.js'
import { openTestApp, sym, type TestApp } from './helpers.js'

const gated = new URL('../support/gated-compose-worker.ts', import.meta.url)
const examples = new URL('../../examples/requests/', import.meta.url)

/** Settles as `promise` does; fails after a minute naming `what`, instead of hanging the file. */
async function within<T> (promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_resolve, reject) => { timer = setTimeout(() => { reject(new Error(`no answer after 60 s: ${what}`)) }, 60_000) })
  try {
    return await Promise.race([promise, late])
  } finally {
    clearTimeout(timer)
  }
}

/** Polls `done` until it holds; fails after a minute with what it waited for, instead of hanging the file. */
async function until (done: () => Promise<boolean> | boolean, what = String(done)): Promise<void> {
  const end = Date.now() + 60_000
  while (!await done()) {
    if (Date.now() > end) throw new Error(`still not true after 60 s: ${what}`)
    await new Promise(resolve => setTimeout(resolve, 5))
  }
}

/** The pool's answer once a worker holds the current version (the first asks start its load). */
async function fromWorker (pool: ComposePool, request: unknown): Promise<unknown> {
  for (;;) {
    const answer = await pool.discover(request)
    if (answer !== undefined) return answer
    await new Promise(resolve => setTimeout(resolve, 20))
  }
}

/** What a discovery gives: its answer as JSON, or its error's code, messages, position and details. */
async function outcome (discovering: () => Promise<unknown>): Promise<unknown> {
  try {
    return JSON.parse(JSON.stringify(await discovering()))
  } catch (error) {
    if (!(error instanceof SymphonyError)) throw error
    return { code: error.code, messages: error.messages, location: error.location, details: error.details }
  }
}

/** Requests with every option, and broken ones, over `classes`. */
function requestsOver (classes: readonly string[], seed: number): unknown[] {
  const next = random(seed)
  const pick = (): string => classes[Math.floor(next() * classes.length)]!
  const some = (n: number): string[] => Array.from({ length: n }, pick)
  return [
    { available: classes, wanted: [classes[classes.length - 1]!], limit: 10 },
    { available: some(3), wanted: some(1) },
    { available: some(2), wanted: some(2), limit: 7, offset: 3 },
    { available: some(4), wanted: some(1), includePartial: false, limit: 50 },
    { available: some(1), wanted: some(1), minScore: 0.55, limit: 30 },
    { available: [], wanted: some(1), limit: 5 },
    { available: some(2), wanted: [], limit: 4, offset: 1 },
    { available: some(1), wanted: ['https://example.org/nowhere#Class'] },
    { available: [pick(), 'not an iri'], wanted: some(1) },
    { available: some(1), wanted: some(1), limit: 0 },
    { available: some(1), wanted: some(1), colour: 'blue' }
  ]
}

describe('ComposePool#discover', () => {
  let folder: string
  let engine: Engine
  let classes: readonly string[]
  let pool: ComposePool | undefined

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'symphony-discovery-pool-'))
    const generated = generateCatalog(1_500, { seed: 7 })
    classes = generated.interfaceClasses
    await writeFile(join(folder, 'generated.nt'), generated.ntriples)
    await writeFile(join(folder, 'late.ttl'), `@prefix sym: <${sym}> .
<https://example.org/late#Service> a sym:Service ; sym:provides [ a <${classes[classes.length - 1]!}> ] .`)
    engine = await openEngine({ dataFiles: [join(folder, 'generated.nt')] })
    await engine.catalog()
  }, 300_000)

  afterEach(async () => { await pool?.close(); pool = undefined })
  afterAll(async () => {
    await engine?.close()
    await rm(folder, { recursive: true, force: true })
  })

  test('answers every request over a generated catalog as the main thread does, errors included', async () => {
    pool = new ComposePool({ size: 1, queueCapacity: 4, catalog: workerCatalogOf(engine) })
    const requests = [...requestsOver(classes, 3), ...requestsOver(classes, 5).slice(1, 7)]
    await fromWorker(pool, requests[0])
    let errors = 0
    for (const request of requests) {
      const main = await outcome(() => engine.discover(request))
      if ((main as { code?: string }).code !== undefined) errors++
      expect(await outcome(async () => await pool!.discover(request) ?? 'answered on the main thread')).toEqual(main)
    }
    expect(errors).toBe(4)
  }, 300_000)

  test('asks no worker without the current version, and after a write answers only once reloaded', async () => {
    const current = workerCatalogOf(engine)
    const asked: string[] = []
    pool = new ComposePool({ size: 1, queueCapacity: 4, catalog: async () => { const c: WorkerCatalog = await current(); asked.push(c.version); return c } })
    const request = { available: [], wanted: [classes[classes.length - 1]!], limit: 500, includePartial: false }
    // No worker holds a catalog yet: the caller answers, and the worker loads meanwhile.
    expect(await pool.discover(request)).toBeUndefined()
    const before = await fromWorker(pool, request) as { results: Array<{ service: string }> }
    expect(before.results.map(r => r.service)).not.toContain('https://example.org/late#Service')
    await engine.importFiles([join(folder, 'late.ttl')])
    // Asked right after the write's answer: never the catalog before it.
    const after = await pool.discover(request)
    expect(after).toBeUndefined()
    const reloaded = await fromWorker(pool, request)
    expect(JSON.parse(JSON.stringify(reloaded))).toEqual(JSON.parse(JSON.stringify(await engine.discover(request))))
    expect((reloaded as typeof before).results.map(r => r.service)).toContain('https://example.org/late#Service')
    expect(new Set(asked).size).toBe(2)
  }, 300_000)
})

describe('the example catalog', () => {
  let t: TestApp | undefined
  let pool: ComposePool | undefined
  afterEach(async () => { await pool?.close(); await t?.close() })

  test('every example discovery, with each option, answers in a worker as on the main thread', async () => {
    t = await openTestApp({ seedExamples: true, api: { compose: { workers: 0 } } })
    pool = new ComposePool({ size: 1, queueCapacity: 4, catalog: workerCatalogOf(t.engine) })
    const files = (await readdir(examples)).filter(name => name.startsWith('discover-'))
    expect(files.length).toBeGreaterThan(3)
    const options = [{}, { limit: 1 }, { limit: 2, offset: 1 }, { includePartial: false }, { minScore: 0.6 }, { wanted: [] }, { available: [`${sym}NoSuchInterface`] }]
    for (const file of files) {
      const request = JSON.parse(await readFile(new URL(file, examples), 'utf8')) as Record<string, unknown>
      for (const option of options) {
        const asked = { ...request, ...option }
        const main = await outcome(() => t!.engine.discover(asked))
        expect(await outcome(() => fromWorker(pool!, asked))).toEqual(main)
      }
    }
  }, 300_000)
})

describe('POST /discover in the worker pool', () => {
  let t: TestApp | undefined
  let gateFolder: string
  let opened = 0
  /** Lets one more held job of the gated worker through. */
  const openGate = async (): Promise<void> => { await writeFile(process.env.SYMPHONY_TEST_GATE!, String(++opened)) }
  // Each test's workers count from zero, in a gate file of their own (read when a worker starts).
  beforeEach(async () => {
    opened = 0
    process.env.SYMPHONY_TEST_GATE = join(gateFolder, `gate-${Date.now()}-${Math.random()}`)
    await writeFile(process.env.SYMPHONY_TEST_GATE, '0')
  })
  beforeAll(async () => { gateFolder = await mkdtemp(join(tmpdir(), 'symphony-gate-')) })
  afterEach(async () => { await t?.close() })
  afterAll(async () => {
    delete process.env.SYMPHONY_TEST_GATE
    await rm(gateFolder, { recursive: true, force: true })
  })

  test('a discovery given up while it waits leaves the queue; the running one answers', async () => {
    t = await openTestApp({ seedExamples: true, api: { compose: { workers: 0 } } })
    const pool = new ComposePool({ size: 1, queueCapacity: 4, catalog: workerCatalogOf(t.engine), entry: gated })
    try {
      const request = JSON.parse(await readFile(new URL('discover-crm-for-pbx.json', examples), 'utf8')) as Record<string, unknown>
      expect(await pool.discover(request)).toBeUndefined()
      await until(() => pool.status().busy === 0)
      const running = pool.discover(request)
      await until(() => pool.status().busy === 1)
      const controller = new AbortController()
      const waiting = pool.discover(request, { signal: controller.signal })
      await until(() => pool.status().queued === 1)
      controller.abort()
      await expect(waiting).rejects.toMatchObject({ code: 'CANCELLED', messages: { en: 'the discovery was cancelled: the client went away before the answer' } })
      expect(pool.status()).toMatchObject({ busy: 1, queued: 0, replaced: 0 })
      await openGate()
      expect(JSON.parse(JSON.stringify(await running))).toEqual(JSON.parse(JSON.stringify(await t.engine.discover(request))))
    } finally {
      await pool.close()
    }
  }, 300_000)

  test('/health answers while a worker is busy discovering; the answer is the main thread\'s; a compose goes first', async () => {
    t = await within(openTestApp({ seedExamples: true, api: { compose: { workers: 1, discoveryFrom: 0, entry: gated } } }), 'the app opened')
    const app = t.app
    const request = JSON.parse(await readFile(new URL('discover-crm-for-pbx.json', examples), 'utf8')) as Record<string, unknown>
    const health = async (): Promise<{ statusCode: number, compose: unknown }> => {
      const response = await within(app.inject({ method: 'GET', url: '/health' }), 'GET /health')
      return { statusCode: response.statusCode, compose: response.json().compose }
    }
    const discover = (): Promise<{ statusCode: number, body: unknown }> => within(app.inject({ method: 'POST', url: '/discover', payload: request }), 'POST /discover')
      .then(response => ({ statusCode: response.statusCode, body: response.json() }))
    // No worker holds the catalog: answered here, while the worker loads it.
    const first = await discover()
    expect(first.statusCode).toBe(200)
    await until(async () => (await health()).compose !== undefined && ((await health()).compose as { busy: number }).busy === 0)

    let settled = false
    const inWorker = discover().finally(() => { settled = true })
    await until(async () => ((await health()).compose as { busy: number }).busy === 1)
    expect(await health()).toEqual({ statusCode: 200, compose: { workers: 1, busy: 1, queued: 0, replaced: 0 } })
    expect(settled).toBe(false)
    await openGate()
    expect(await within(inWorker, 'the discovery the worker held, once let through')).toEqual(first)

    // A compose holds the worker: a discovery meanwhile is answered here, not queued behind it.
    // The longest budget: the compose's clock runs while the gate holds it, on a loaded machine too.
    const composing = app.inject({ method: 'POST', url: '/compose', payload: { serviceTypes: [`${sym}VirtualPBX`], limit: 1, timeoutMs: 60_000 } })
    await until(async () => ((await health()).compose as { busy: number }).busy === 1)
    expect(await discover()).toEqual(first)
    await openGate()
    expect((await within(composing, 'the compose the worker held, once let through')).statusCode).toBe(200)
  }, 300_000)
})
