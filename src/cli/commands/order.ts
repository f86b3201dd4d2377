/**
 * `symphony order book|status|list|report`: orders on a running server. `book` takes the
 * composition request and either the member IRIs or the number of one of the composer's
 * bundles for it; `--wait` follows the order until it completes or fails.
 */
import { SymphonyError } from '../../errors.js'
import type { Order } from '../../operations/index.js'
import type { Command } from '../command.js'
import { apiClient, apiClientOptions } from '../api-client.js'
import type { ApiClient } from '../api-client.js'
import { answerFormat, printJson, readJsonOption } from '../output.js'
import type { Io } from '../io.js'
import { orderText } from './operations-text.js'

const usage = 'book --request <file.json> (--bundle <n> | --service <IRI>…) [--seats N] [--configuration <IRI>…] [--wait [--wait-limit <s>]] | status <order> [--wait [--wait-limit <s>]] | list | report <order> <item> --status <state> [--reason T] [--reference R]   (with --api <url> --token <token>)'

/** `--wait` follows an order; `--wait-limit <seconds>` (default 600) bounds how long. */
export const waitOptions = { wait: { type: 'boolean' }, 'wait-limit': { type: 'string' } } as const

const defaultWaitSeconds = 600

/** The wait limit in milliseconds. */
export function waitLimitOf (values: Record<string, unknown>): number {
  const given = values['wait-limit']
  if (given === undefined) return defaultWaitSeconds * 1000
  const seconds = Number(given)
  if (!Number.isFinite(seconds) || seconds <= 0) throw new SymphonyError('BAD_REQUEST', `--wait-limit ${String(given)} is not a number of seconds above 0`)
  return seconds * 1000
}

export const orderCommand: Command = {
  summary: 'book a bundle on a running server and follow its order (book, status, list; providers: report)',
  usage,
  options: {
    ...apiClientOptions,
    request: { type: 'string' },
    bundle: { type: 'string' },
    service: { type: 'string', multiple: true },
    seats: { type: 'string' },
    configuration: { type: 'string', multiple: true },
    ...waitOptions,
    status: { type: 'string' },
    reason: { type: 'string' },
    reference: { type: 'string' }
  },
  positionals: { min: 1, max: 3 },
  async run ({ values, positionals }, io) {
    const client = apiClient(values, io)
    const format = answerFormat(values)
    const [action, id, item] = positionals
    const show = (order: Order) => { if (format === 'text') io.stdout(orderText(order)); else printJson(io, order) }
    if (action === 'book' && id === undefined) {
      const request = await readJsonOption(values, 'request', io) as { seats?: number }
      const services = await membersOf(values, request, client)
      const seats = values.seats === undefined ? undefined : Number(values.seats)
      if (seats !== undefined && (!Number.isInteger(seats) || seats < 1)) throw new SymphonyError('BAD_REQUEST', `--seats ${String(values.seats)} is not a whole number of at least 1`)
      const configurations = (values.configuration as string[] | undefined) ?? []
      const order = await client.call('POST', '/orders', { request, services, ...(seats === undefined ? {} : { seats }), ...(configurations.length === 0 ? {} : { configurations }) }) as Order
      io.stderr(`order ${order.id} placed: ${order.items.length} item(s), one per provider\n`)
      const followed = values.wait === true ? await follow(client, order.id, io, waitLimitOf(values)) : order
      show(followed)
      return values.wait === true && followed.state !== 'completed' ? 1 : 0
    }
    if (action === 'status' && id !== undefined && item === undefined) {
      const order = values.wait === true ? await follow(client, id, io, waitLimitOf(values)) : await client.call('GET', `/orders/${encodeURIComponent(id)}`) as Order
      show(order)
      return order.state === 'failed' || (values.wait === true && order.state !== 'completed') ? 1 : 0
    }
    if (action === 'list' && id === undefined) {
      const orders = await client.call('GET', '/orders') as Order[]
      if (format === 'text') for (const order of orders) io.stdout(orderText(order))
      else printJson(io, orders)
      return 0
    }
    if (action === 'report' && id !== undefined && item !== undefined) {
      if (typeof values.status !== 'string') throw new SymphonyError('BAD_REQUEST', '--status <acknowledged|inProgress|completed|failed|cancelled> is required')
      const body = { status: values.status, ...(typeof values.reason === 'string' ? { reason: values.reason } : {}), ...(typeof values.reference === 'string' ? { reference: values.reference } : {}) }
      show(await client.call('POST', `/orders/${encodeURIComponent(id)}/items/${encodeURIComponent(item)}/status`, body) as Order)
      return 0
    }
    throw new SymphonyError('BAD_REQUEST', `usage: symphony order ${usage}`)
  }
}

async function membersOf (values: Record<string, unknown>, request: unknown, client: ApiClient): Promise<string[]> {
  const services = values.service as string[] | undefined
  if (services !== undefined && values.bundle === undefined) return services
  const n = Number(values.bundle)
  if (services !== undefined || !Number.isInteger(n) || n < 1) throw new SymphonyError('BAD_REQUEST', 'give either --bundle <n> (1 = the best bundle the composer answers) or the members with --service <IRI>…')
  const answer = await client.call('POST', '/compose', request) as { bundles: Array<{ services: string[] }> }
  const bundle = answer.bundles[n - 1]
  if (bundle === undefined) throw new SymphonyError('NOT_FOUND', `the composer answers ${answer.bundles.length} bundle(s) for the request; there is no bundle ${n}`)
  return bundle.services
}

/**
 * Asks for the order until it completes or fails, printing each change of an item; after
 * `limitMs` it stops asking (the order goes on) and says how to follow it later.
 */
export async function follow (client: ApiClient, id: string, io: Io, limitMs: number = defaultWaitSeconds * 1000): Promise<Order> {
  const seen = new Map<string, string>()
  const until = Date.now() + limitMs
  for (;;) {
    const order = await client.call('GET', `/orders/${encodeURIComponent(id)}`) as Order
    for (const item of order.items) {
      if (seen.get(item.id) !== item.state) io.stderr(`  item ${item.id} (${item.provider}): ${item.state}\n`)
      seen.set(item.id, item.state)
    }
    if (order.state === 'completed' || order.state === 'failed') return order
    if (Date.now() >= until) {
      const waiting = order.items.filter(item => item.state !== 'completed' && item.state !== 'failed' && item.state !== 'cancelled').map(item => `${item.id} (${item.provider}): ${item.state}`)
      io.stderr(`order ${id} is still ${order.state} after ${Math.round(limitMs / 1000)} s, waiting for ${waiting.join(', ')}; it goes on — follow it with \`symphony order status ${id} --wait\`\n`)
      return order
    }
    await new Promise(resolve => setTimeout(resolve, Math.min(500, Math.max(0, until - Date.now()))))
  }
}
