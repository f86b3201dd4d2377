/**
 * A provider sandbox: local HTTP servers that answer order items the way real providers do
 * (docs/operations.md, "Provider protocol"): `POST /<provider>/orders` with an idempotency key
 * takes an item (the same key again returns the same answer and orders nothing new),
 * `GET /<provider>/status/<reference>` tells its state, and providers with a callback token
 * report progress to the platform themselves. Each provider also has a fault desk:
 * `POST /<provider>/tickets` takes the platform's ticket webhooks (docs/operations.md,
 * "Faults": `ticket.opened`, `ticket.note`) with the same credential as its orders, keeps one
 * entry per idempotency key and answers with the desk's reference for the ticket.
 * `GET /_sandbox/log` lists the order items each received, `GET /_sandbox/tickets` the tickets.
 * `PUT /_sandbox/providers/<provider>` with `{ "behavior"?, "failureReason"? }` changes how a
 * provider answers from then on (a test or a demo makes one fail on demand); `GET` on the same
 * path tells its behavior.
 *
 * @example
 * const sandbox = await startSandbox({ port: 8091, providers: { nordlicht: { behavior: 'async' } } })
 * await sandbox.close()
 */
import { createServer } from 'node:http'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import { randomUUID } from 'node:crypto'
import { behaviors, stateAt } from './behaviors.js'
import type { Behavior, ProviderSetup, SandboxState } from './behaviors.js'

export interface SandboxOptions {
  readonly port?: number
  readonly host?: string
  readonly providers: Readonly<Record<string, ProviderSetup>>
}

/** One request the sandbox took, as kept in its log. */
export interface SandboxEntry {
  readonly provider: string
  readonly reference: string
  readonly idempotencyKey: string
  readonly action: string
  readonly receivedAt: number
  readonly body: unknown
}

/** One ticket webhook a sandbox provider's desk took, as kept in its log. */
export interface SandboxTicketEntry {
  readonly provider: string
  /** The desk's reference for the ticket: the same for every event of one ticket. */
  readonly reference: string
  readonly idempotencyKey: string
  readonly event: string
  /** The platform's ticket id. */
  readonly ticket: string
  readonly receivedAt: number
  readonly body: unknown
}

/** What `PUT /_sandbox/providers/<provider>` may change: the behavior and what a failing provider says. */
export interface SandboxChange {
  readonly behavior?: Behavior
  readonly failureReason?: string
}

export interface Sandbox {
  readonly url: string
  readonly port: number
  /** Requests taken (one per idempotency key), oldest first. */
  log (): SandboxEntry[]
  /** Ticket webhooks taken (one per provider and idempotency key), oldest first. */
  tickets (): SandboxTicketEntry[]
  /** How many requests arrived in total (duplicates included). */
  requests (): number
  /**
   * Changes how a provider answers from now on, also about items it took before (as
   * `PUT /_sandbox/providers/<provider>` does); NOT a provider of this sandbox: an error.
   */
  configure (provider: string, change: SandboxChange): void
  close (): Promise<void>
}

/** Starts the sandbox on `port` (0: any free port). */
export async function startSandbox (options: SandboxOptions): Promise<Sandbox> {
  const byKey = new Map<string, SandboxEntry>()
  const byReference = new Map<string, SandboxEntry>()
  const tickets = new Map<string, SandboxTicketEntry>()
  let requests = 0
  const timers = new Set<NodeJS.Timeout>()
  /** How often a callback is tried before the provider gives up (about a minute of backoff). */
  const callbackAttempts = 10
  let closed = false
  const providers = new Map(Object.entries(options.providers))
  const configure = (provider: string, change: SandboxChange): ProviderSetup => {
    const setup = providers.get(provider)
    if (setup === undefined) throw new Error(`no sandbox provider ${provider}; the sandbox has ${[...providers.keys()].join(', ')}`)
    const next = { ...setup, ...change }
    providers.set(provider, next)
    return next
  }

  const answer = (entry: SandboxEntry, setup: ProviderSetup): { status: SandboxState, reference: string, reason?: string } => {
    const { state, reason } = stateAt(setup, entry.action, Date.now() - entry.receivedAt)
    return { status: state, reference: entry.reference, ...(reason === undefined ? {} : { reason }) }
  }

  const scheduleCallbacks = (entry: SandboxEntry, setup: ProviderSetup): void => {
    const callback = (entry.body as { callback?: unknown }).callback
    if (setup.callbackToken === undefined || typeof callback !== 'string' || setup.behavior === 'instant') return
    // Like a real provider's webhook: a callback the platform did not take (down, restarting) is
    // sent again with backoff, a bounded number of times.
    const send = (delay: number, attempt = 1) => {
      const timer = setTimeout(() => {
        timers.delete(timer)
        const { status, reason } = answer(entry, setup)
        const again = (): void => { if (attempt < callbackAttempts && !closed) send(Math.min(500 * 2 ** (attempt - 1), 10_000), attempt + 1) }
        void fetch(callback, {
          method: 'POST',
          headers: { authorization: `Bearer ${setup.callbackToken}`, 'content-type': 'application/json' },
          body: JSON.stringify({ status, reference: entry.reference, ...(reason === undefined ? {} : { reason }) })
        }).then(r => {
          void r.body?.cancel()
          if (r.status >= 500) again()
        }, again)
      }, delay)
      timers.add(timer)
    }
    send((setup.inProgressAfterMs ?? 500) + 10)
    send((setup.completedAfterMs ?? 2000) + 10)
  }

  const server: Server = createServer((request, response) => {
    requests++
    void handle(request, response).catch(() => reply(response, 500, { error: 'sandbox failure' }))
  })

  async function handle (request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://sandbox')
    if (url.pathname === '/_sandbox/log') return reply(response, 200, [...byKey.values()])
    if (url.pathname === '/_sandbox/tickets') return reply(response, 200, [...tickets.values()])
    if (url.pathname.startsWith('/_sandbox/providers/')) return control(request, response, decodeURIComponent(url.pathname.slice('/_sandbox/providers/'.length)))
    const [, name, kind, reference] = url.pathname.split('/')
    const setup = name === undefined ? undefined : providers.get(name)
    if (setup === undefined) return reply(response, 404, { error: `no sandbox provider ${name ?? ''}` })
    if (!authorized(request, setup)) return reply(response, 401, { error: 'missing or wrong credential' })
    if (setup.answerDelayMs !== undefined) await new Promise(resolve => setTimeout(resolve, setup.answerDelayMs))
    if (request.method === 'GET' && kind === 'status' && reference !== undefined) {
      const entry = byReference.get(decodeURIComponent(reference))
      return entry === undefined ? reply(response, 404, { error: 'unknown reference' }) : reply(response, 200, answer(entry, setup))
    }
    if (request.method === 'POST' && kind === 'tickets' && reference === undefined) return takeTicket(request, response, name!)
    if (request.method !== 'POST' || kind !== 'orders') return reply(response, 404, { error: 'not found' })
    const key = request.headers['idempotency-key']
    if (typeof key !== 'string' || key === '') return reply(response, 400, { error: 'Idempotency-Key header missing' })
    const body = JSON.parse(await readBody(request)) as { action?: unknown }
    const known = byKey.get(`${name!} ${key}`)
    if (known !== undefined) return reply(response, 200, answer(known, setup))
    const entry: SandboxEntry = { provider: name!, reference: `${name!}-${randomUUID().slice(0, 8)}`, idempotencyKey: key, action: String(body.action ?? 'order'), receivedAt: Date.now(), body }
    byKey.set(`${name!} ${key}`, entry)
    byReference.set(entry.reference, entry)
    scheduleCallbacks(entry, setup)
    return reply(response, 201, answer(entry, setup))
  }

  /** `GET`/`PUT /_sandbox/providers/<provider>`: how the provider answers, and changing it. */
  async function control (request: IncomingMessage, response: ServerResponse, provider: string): Promise<void> {
    const setup = providers.get(provider)
    if (setup === undefined) return reply(response, 404, { error: `no sandbox provider ${provider}; the sandbox has ${[...providers.keys()].join(', ')}` })
    const shown = (s: ProviderSetup) => ({ provider, behavior: s.behavior, ...(s.failureReason === undefined ? {} : { failureReason: s.failureReason }) })
    if (request.method === 'GET') return reply(response, 200, shown(setup))
    if (request.method !== 'PUT') return reply(response, 405, { error: 'GET or PUT' })
    let body: { behavior?: unknown, failureReason?: unknown }
    try {
      body = JSON.parse(await readBody(request)) as typeof body
    } catch {
      return reply(response, 400, { error: 'the body is not JSON' })
    }
    const expected = `expected { "behavior"?: ${behaviors.map(b => `"${b}"`).join(' | ')}, "failureReason"?: string }`
    if (body === null || typeof body !== 'object' || Object.keys(body).some(key => key !== 'behavior' && key !== 'failureReason')) return reply(response, 400, { error: expected })
    if (body.behavior !== undefined && !behaviors.includes(body.behavior as Behavior)) return reply(response, 400, { error: `unknown behavior ${String(body.behavior)}; ${expected}` })
    if (body.failureReason !== undefined && typeof body.failureReason !== 'string') return reply(response, 400, { error: expected })
    return reply(response, 200, shown(configure(provider, {
      ...(body.behavior === undefined ? {} : { behavior: body.behavior as Behavior }),
      ...(body.failureReason === undefined ? {} : { failureReason: body.failureReason })
    })))
  }

  /**
   * A provider desk taking a ticket webhook like a real one: the same idempotency key again is
   * the same delivery (answered 200, kept once); a new one is acknowledged (201) with the desk's
   * reference, which stays the same for every event of the ticket.
   */
  async function takeTicket (request: IncomingMessage, response: ServerResponse, provider: string): Promise<void> {
    const key = request.headers['idempotency-key']
    if (typeof key !== 'string' || key === '') return reply(response, 400, { error: 'Idempotency-Key header missing' })
    let body: { event?: unknown, ticket?: { id?: unknown } }
    try {
      body = JSON.parse(await readBody(request)) as typeof body
    } catch {
      return reply(response, 400, { error: 'the body is not JSON' })
    }
    const ticket = body.ticket?.id
    if ((body.event !== 'ticket.opened' && body.event !== 'ticket.note') || typeof ticket !== 'string') {
      return reply(response, 400, { error: 'expected { "event": "ticket.opened" | "ticket.note", "ticket": { "id": … } }' })
    }
    const known = tickets.get(`${provider} ${key}`)
    if (known !== undefined) return reply(response, 200, { status: 'received', reference: known.reference })
    const earlier = [...tickets.values()].find(t => t.provider === provider && t.ticket === ticket)
    const entry: SandboxTicketEntry = {
      provider,
      reference: earlier?.reference ?? `${provider}-ticket-${randomUUID().slice(0, 8)}`,
      idempotencyKey: key,
      event: body.event,
      ticket,
      receivedAt: Date.now(),
      body
    }
    tickets.set(`${provider} ${key}`, entry)
    return reply(response, 201, { status: 'received', reference: entry.reference })
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve())
  })
  const address = server.address()
  const port = typeof address === 'object' && address !== null ? address.port : 0
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    port,
    log: () => [...byKey.values()],
    tickets: () => [...tickets.values()],
    requests: () => requests,
    configure: (provider, change) => { configure(provider, change) },
    close: async () => {
      closed = true
      for (const timer of timers) clearTimeout(timer)
      server.closeAllConnections()
      await new Promise<void>(resolve => server.close(() => resolve()))
    }
  }
}

function authorized (request: IncomingMessage, setup: ProviderSetup): boolean {
  if (setup.secret === undefined) return true
  return request.headers.authorization === `Bearer ${setup.secret}` || request.headers['x-api-key'] === setup.secret
}

function reply (response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' })
  response.end(JSON.stringify(body))
}

async function readBody (request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}
