/**
 * Orders against real HTTP providers: a provider sandbox the test starts (each test provider a
 * path on it), the fixture catalog pointing at it, and the API listening on a free port so the
 * providers can call back.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { FastifyInstance } from 'fastify'
import { openEngine } from '../../src/engine.js'
import type { Engine, OperationsOptions } from '../../src/engine.js'
import { buildApp } from '../../src/api/index.js'
import { startSandbox } from '../../src/sandbox/index.js'
import type { ProviderSetup, Sandbox } from '../../src/sandbox/index.js'
import type { Order } from '../../src/operations/index.js'

export const fixtures = fileURLToPath(new URL('../fixtures/operations/', import.meta.url))
export const t = 'https://example.org/booking-test#'
export const customerA = { role: 'customer' as const, id: 'https://w3id.org/symphony/customer/kanzlei-weber', name: 'Kanzlei Weber' }
export const customerB = { role: 'customer' as const, id: 'https://w3id.org/symphony/customer/praxis-lind', name: 'Praxis Lind' }
export const principals: Record<string, unknown> = {
  'symp_customer-a': customerA,
  'symp_customer-b': customerB,
  'symp_operator': { role: 'operator', id: 'operator' },
  'symp_beta': { role: 'provider', id: `${t}Beta` },
  'symp_zeta': { role: 'provider', id: `${t}Zeta` },
  'symp_alpha': { role: 'provider', id: `${t}Alpha` }
}

/** The test providers: alpha answers at once, beta calls back, gamma is polled, delta refuses, epsilon is too slow. */
export const testProviders: Record<string, ProviderSetup> = {
  alpha: { behavior: 'instant', secret: 'alpha-secret' },
  beta: { behavior: 'async', secret: 'beta-secret', callbackToken: 'symp_beta', inProgressAfterMs: 50, completedAfterMs: 200 },
  gamma: { behavior: 'async', inProgressAfterMs: 50, completedAfterMs: 200 },
  delta: { behavior: 'failing' },
  epsilon: { behavior: 'slow', answerDelayMs: 3000 }
}

export const secretsEnv = { SYMPHONY_SECRET_ALPHA: 'alpha-secret', SYMPHONY_SECRET_BETA: 'beta-secret' }

/** An answer body: an order, a subscription, a list of them, or a problem. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read fields of JSON answers of several shapes
export type Answer = any

export interface Harness {
  readonly app: FastifyInstance
  readonly engine: Engine
  readonly sandbox: Sandbox
  readonly url: string
  readonly request: unknown
  call (method: string, path: string, token?: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number, body: Answer }>
  close (): Promise<void>
}

/** Writes the fixture catalog with the sandbox URL into `dir` and returns its path. */
export async function writeCatalog (dir: string, sandboxUrl: string): Promise<string> {
  const text = (await readFile(join(fixtures, 'catalog.ttl'), 'utf8')).replaceAll('{{SANDBOX}}', sandboxUrl)
  const file = join(dir, 'booking-test.ttl')
  await writeFile(file, text)
  return file
}

/**
 * Opens the engine (in memory unless `engine` opens one on a data directory), imports the fixture
 * catalog, listens on `port` (default: a free one; a reopened server takes its predecessor's, as
 * a restarted server keeps its public address for providers' callbacks) and opens operations
 * with short backoff and poll intervals and a provider timeout (10 s) that a loaded machine does
 * not reach, overridable with `operations`. The sandbox is on a loopback address: operations call
 * private providers, and the default engine publishes descriptions naming them.
 */
export async function openHarness (options: { providers?: Record<string, ProviderSetup>, sandbox?: Sandbox, now?: () => Date, engine?: () => Promise<Engine>, operations?: Partial<OperationsOptions>, port?: number } = {}): Promise<Harness> {
  const dir = await mkdtemp(join(tmpdir(), 'symphony-orders-'))
  const sandbox = options.sandbox ?? await startSandbox({ providers: options.providers ?? testProviders })
  const engine = await (options.engine ?? (() => openEngine({ allowPrivateProviders: true })))()
  await engine.importFiles([await writeCatalog(dir, sandbox.url)])
  const app = buildApp(engine, {
    tokens: { verify: async (token: string) => principals[token] as never },
    // As `serve` wires it: billing charges the booked subscriptions.
    billing: { subscriptions: () => engine.operations.subscriptions(), ...(options.now === undefined ? {} : { now: options.now }) }
  })
  const url = await app.listen({ port: options.port ?? 0, host: '127.0.0.1' })
  await engine.openOperations({ callbackBase: url, env: secretsEnv, policy: { timeoutMs: 10_000, attempts: 2, backoffMs: 20 }, pollIntervalMs: 50, allowPrivateProviders: true, ...options.operations })
  const request = JSON.parse(await readFile(join(fixtures, 'request.json'), 'utf8')) as unknown
  const call = async (method: string, path: string, token?: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(url + path, {
      method,
      headers: { ...(token === undefined ? {} : { authorization: `Bearer ${token}` }), ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) })
    })
    const text = await response.text()
    return { status: response.status, body: text === '' ? undefined : JSON.parse(text) }
  }
  return {
    app, engine, sandbox, url, request, call,
    close: async () => {
      await app.close()
      await engine.close()
      if (options.sandbox === undefined) await sandbox.close()
      await rm(dir, { recursive: true, force: true })
    }
  }
}

/** Polls the order until it is completed or failed. */
export async function settled (harness: Harness, id: string, token = 'symp_customer-a'): Promise<Order> {
  for (let i = 0; i < 600; i++) {
    const { body } = await harness.call('GET', `/orders/${id}`, token)
    if (body.state === 'completed' || body.state === 'failed') return body as Order
    await new Promise(resolve => setTimeout(resolve, 50))
  }
  throw new Error(`order ${id} did not settle`)
}
