/**
 * The fault desk against real HTTP: a provider sandbox that books the fixture bundle, a
 * webhook server standing in for Alpha's ticket endpoint, the API listening, and a clock the
 * tests move.
 */
import { createServer } from 'node:http'
import type { IncomingHttpHeaders, Server } from 'node:http'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { FastifyInstance } from 'fastify'
import { openEngine } from '../../src/engine.js'
import type { Engine } from '../../src/engine.js'
import { buildApp } from '../../src/api/index.js'
import { startSandbox } from '../../src/sandbox/index.js'
import type { Sandbox } from '../../src/sandbox/index.js'

export const t = 'https://example.org/ticket-test#'
export const sym = 'https://w3id.org/symphony/ontology#'
const fixture = fileURLToPath(new URL('../fixtures/tickets/catalog.ttl', import.meta.url))
export const customerA = { role: 'customer' as const, id: 'https://w3id.org/symphony/customer/kanzlei-weber', name: 'Kanzlei Weber' }
export const customerB = { role: 'customer' as const, id: 'https://w3id.org/symphony/customer/praxis-lind', name: 'Praxis Lind' }
const principals: Record<string, unknown> = {
  'symp_customer-a': customerA,
  'symp_customer-b': customerB,
  symp_operator: { role: 'operator', id: 'operator' },
  symp_alpha: { role: 'provider', id: `${t}Alpha` },
  symp_beta: { role: 'provider', id: `${t}Beta` },
  symp_gamma: { role: 'provider', id: `${t}Gamma` }
}

/** One request the webhook server received. */
export interface WebhookCall {
  readonly path: string
  readonly headers: IncomingHttpHeaders
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read fields of the posted JSON
  readonly body: any
  readonly status: number
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read fields of JSON answers of several shapes
export type Answer = any

export interface TicketHarness {
  readonly engine: Engine
  readonly app: FastifyInstance
  /** Where the API listens. */
  readonly url: string
  /** The booked subscription (Alpha PBX, Beta CRM, Gamma archive) of customer A. */
  readonly subscription: string
  readonly webhooks: WebhookCall[]
  /** Answers the next `n` webhook requests with 503. */
  failNext (n: number): void
  setNow (iso: string): void
  call (method: string, path: string, token?: string, body?: unknown): Promise<{ status: number, type: string, body: Answer }>
  close (): Promise<void>
}

/**
 * `privateProviders`: which local endpoints operations call — `all` (default: the sandbox and the
 * webhook server standing in for Alpha's ticket endpoint), or only the `sandbox`, as `serve` does.
 */
export async function openTicketHarness (options: { attachmentLimitBytes?: number, autoCloseDays?: number, privateProviders?: 'all' | 'sandbox' } = {}): Promise<TicketHarness> {
  const { privateProviders = 'all', ...tickets } = options
  let now = new Date('2026-12-01T09:00:00Z')
  const webhooks: WebhookCall[] = []
  let failing = 0
  const server: Server = createServer((req, res) => {
    let text = ''
    req.on('data', (chunk: Buffer) => { text += chunk.toString('utf8') })
    req.on('end', () => {
      const status = failing > 0 ? 503 : 200
      if (failing > 0) failing--
      webhooks.push({ path: req.url ?? '', headers: req.headers, body: JSON.parse(text) as unknown, status })
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ received: true }))
    })
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const webhookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const sandbox: Sandbox = await startSandbox({ providers: { alpha: { behavior: 'instant', secret: 'alpha-secret' }, beta: { behavior: 'instant', secret: 'beta-secret' }, gamma: { behavior: 'instant' } } })
  const dir = await mkdtemp(join(tmpdir(), 'symphony-tickets-'))
  const catalog = join(dir, 'ticket-test.ttl')
  await writeFile(catalog, (await readFile(fixture, 'utf8')).replaceAll('{{SANDBOX}}', sandbox.url).replaceAll('{{WEBHOOK}}', webhookUrl))
  const engine = await openEngine({})
  await engine.importFiles([catalog])
  const app = buildApp(engine, { tokens: { verify: async (token: string) => principals[token] as never } })
  const url = await app.listen({ port: 0, host: '127.0.0.1' })
  await engine.openOperations({
    callbackBase: url,
    clock: () => now,
    env: { SYMPHONY_SECRET_ALPHA: 'alpha-secret', SYMPHONY_SECRET_BETA: 'beta-secret' },
    policy: { timeoutMs: 2000, attempts: 3, backoffMs: 10 },
    pollIntervalMs: 50,
    ...(privateProviders === 'all' ? { allowPrivateProviders: true } : { providerOrigins: [sandbox.url] }),
    tickets
  })
  const call = async (method: string, path: string, token?: string, body?: unknown) => {
    const response = await fetch(url + path, {
      method,
      headers: { ...(token === undefined ? {} : { authorization: `Bearer ${token}` }), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) })
    })
    const text = await response.text()
    return { status: response.status, type: response.headers.get('content-type') ?? '', body: text === '' ? undefined : JSON.parse(text) as Answer }
  }
  const request = { serviceTypes: [`${sym}VirtualPBX`, `${sym}CRM`, `${sym}ArchivingService`], seats: 2, limit: 10 }
  const placed = await call('POST', '/orders', 'symp_customer-a', { request, services: [`${t}AlphaPBX`, `${t}BetaCRM`, `${t}GammaArchive`], seats: 2 })
  if (placed.status !== 201) throw new Error(`booking failed: ${JSON.stringify(placed.body)}`)
  for (let i = 0; ; i++) {
    const order = await call('GET', `/orders/${placed.body.id as string}`, 'symp_customer-a')
    if (order.body.state === 'completed') break
    if (order.body.state === 'failed' || i > 600) throw new Error(`booking did not complete: ${JSON.stringify(order.body)}`)
    await new Promise(resolve => setTimeout(resolve, 50))
  }
  return {
    engine, app, url, subscription: placed.body.id as string, webhooks, call,
    failNext: n => { failing = n },
    setNow: iso => { now = new Date(iso) },
    close: async () => {
      await engine.tickets.idle()
      await app.close()
      await engine.close()
      await sandbox.close()
      await new Promise(resolve => server.close(resolve))
      await rm(dir, { recursive: true, force: true })
    }
  }
}
