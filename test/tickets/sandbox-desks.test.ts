/**
 * The example catalog's fault desks, end to end: the headline PBX + CRM bundle (Telvana Cloud
 * PBX, Kundenwerk CRM) booked through the provider sandbox, a fault on the link between them,
 * and the ticket and the customer's note arriving at both providers' sandbox desks over HTTP with
 * their credentials. The example files are used as they are; the sandbox listens on a free port
 * and takes the requests for the address the adapters name, as `serve --sandbox-port 0` does.
 */
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/api/index.js'
import { openEngine } from '../../src/engine.js'
import type { Engine } from '../../src/engine.js'
import { projectRoot } from '../../src/project.js'
import { movedOrigin } from '../../src/operations/index.js'
import { exampleProviders, exampleSandboxUrl, sandboxSecrets, startSandbox } from '../../src/sandbox/index.js'
import type { Sandbox } from '../../src/sandbox/index.js'

const sym = 'https://w3id.org/symphony/ontology#'
const pbx = 'https://example.org/telvana#CloudPBX'
const crm = 'https://example.org/kundenwerk#CRM'
const customer = { role: 'customer' as const, id: 'https://w3id.org/symphony/customer/kanzlei-weber', name: 'Kanzlei Weber' }
const principals: Record<string, unknown> = { 'symp_customer': customer }
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read fields of JSON answers of several shapes
type Answer = any

describe('the example providers\' fault desks in the sandbox', () => {
  let sandbox: Sandbox
  let engine: Engine
  let app: FastifyInstance
  let url: string
  const call = async (method: string, path: string, body?: unknown): Promise<{ status: number, body: Answer }> => {
    const response = await fetch(url + path, {
      method,
      headers: { authorization: 'Bearer symp_customer', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) })
    })
    return { status: response.status, body: await response.json() as Answer }
  }

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, providers: exampleProviders })
    const examples = join(projectRoot, 'examples', 'catalog')
    const files = (await readdir(examples)).filter(name => name.endsWith('.ttl')).map(name => join(examples, name))
    engine = await openEngine({})
    await engine.importFiles(files)
    app = buildApp(engine, { tokens: { verify: async (token: string) => principals[token] as never } })
    url = await app.listen({ port: 0, host: '127.0.0.1' })
    await engine.openOperations({ callbackBase: url, env: sandboxSecrets(), endpointAddress: movedOrigin(exampleSandboxUrl, sandbox.url), providerOrigins: [sandbox.url], pollIntervalMs: 100 })
  }, 120_000)
  afterAll(async () => {
    await engine?.tickets.idle()
    await app?.close()
    await engine?.close()
    await sandbox?.close()
  })

  it('books the PBX + CRM bundle and delivers a link fault and the customer\'s note to both providers\' desks', async () => {
    const request = { serviceTypes: [`${sym}VirtualPBX`, `${sym}CRM`], constraints: { dataLocation: ['DE'], requireDPA: true }, seats: 5, limit: 10 }
    const composed = await call('POST', '/compose', request)
    const bundle = composed.body.bundles.find((b: { services: string[] }) => b.services.length === 2 && b.services.includes(pbx) && b.services.includes(crm))
    expect(bundle, JSON.stringify(composed.body.bundles.map((b: { services: string[] }) => b.services))).toBeDefined()
    const placed = await call('POST', '/orders', { request, services: bundle.services, seats: 5 })
    expect(placed.status).toBe(201)
    let order: Answer
    for (let i = 0; i < 600; i++) {
      order = (await call('GET', `/orders/${placed.body.id as string}`)).body
      if (order.state === 'completed' || order.state === 'failed') break
      await new Promise(resolve => setTimeout(resolve, 100))
    }
    expect(order.state).toBe('completed')

    const links = (await call('GET', `/subscriptions/${placed.body.id as string}/links`)).body as Array<{ from: string, to: string }>
    const link = links.find(l => [l.from, l.to].includes(pbx) && [l.from, l.to].includes(crm))!
    expect(link).toBeDefined()
    const opened = await call('POST', '/tickets', { subscription: placed.body.id, services: [link.from, link.to], summary: 'calls are not journaled in the CRM', text: 'since Monday morning' })
    expect(opened.status).toBe(201)
    const ticket = opened.body.id as string
    await call('POST', `/tickets/${ticket}/notes`, { text: 'it happens for inbound calls only' })
    await engine.tickets.idle()

    const received = sandbox.tickets().filter(t => t.ticket === ticket)
    const byProvider = (provider: string) => received.filter(t => t.provider === provider).map(t => [t.event, t.idempotencyKey])
    expect(byProvider('telvana')).toEqual([['ticket.opened', `${ticket}:opened:https://example.org/telvana#Telvana`], ['ticket.note', `${ticket}:note:2:https://example.org/telvana#Telvana`]])
    expect(byProvider('kundenwerk')).toEqual([['ticket.opened', `${ticket}:opened:https://example.org/kundenwerk#Kundenwerk`], ['ticket.note', `${ticket}:note:2:https://example.org/kundenwerk#Kundenwerk`]])
    // What the desks got is the ticket as the platform keeps it: the link, the summary, the notes.
    const first = received.find(t => t.provider === 'telvana' && t.event === 'ticket.opened')!.body as Answer
    expect([first.ticket.scope, first.ticket.services, first.ticket.summary, first.ticket.notes.map((n: { text: string }) => n.text)])
      .toEqual(['link', [link.from, link.to], 'calls are not journaled in the CRM', ['since Monday morning']])
    // One desk reference per provider and ticket, for every event of it.
    expect(new Set(received.filter(t => t.provider === 'telvana').map(t => t.reference)).size).toBe(1)

    const seen = (await call('GET', `/tickets/${ticket}`)).body
    expect(seen.routes.map((r: { provider: string, deliveries: Array<{ event: string, ok: boolean, attempts: number }> }) => [r.provider, r.deliveries.map(d => [d.event, d.ok, d.attempts])]).sort())
      .toEqual([
        ['https://example.org/kundenwerk#Kundenwerk', [['ticket.opened', true, 1], ['ticket.note', true, 1]]],
        ['https://example.org/telvana#Telvana', [['ticket.opened', true, 1], ['ticket.note', true, 1]]]
      ])
  }, 180_000)

  it('takes tickets only with the provider\'s credential, and a repeated delivery once', async () => {
    const post = async (headers: Record<string, string>) => await fetch(`${sandbox.url}/kundenwerk/tickets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ event: 'ticket.opened', ticket: { id: 'direct-1' } })
    })
    expect((await post({ 'idempotency-key': 'direct-1:opened' })).status).toBe(401)
    expect((await post({ authorization: 'Bearer sandbox-telvana', 'idempotency-key': 'direct-1:opened' })).status).toBe(401)
    const first = await post({ authorization: 'Bearer sandbox-kundenwerk', 'idempotency-key': 'direct-1:opened' })
    const again = await post({ authorization: 'Bearer sandbox-kundenwerk', 'idempotency-key': 'direct-1:opened' })
    const [a, b] = [await first.json() as Answer, await again.json() as Answer]
    expect([first.status, again.status, a.reference]).toEqual([201, 200, b.reference])
    expect(sandbox.tickets().filter(t => t.ticket === 'direct-1')).toHaveLength(1)
    expect((await post({ authorization: 'Bearer sandbox-kundenwerk' })).status).toBe(400)
  })
})
