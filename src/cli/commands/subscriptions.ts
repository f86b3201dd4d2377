/**
 * `symphony subscriptions list|show|seats|members|cancel|events`: a customer's subscriptions on
 * a running server. Changes are orders through the providers' adapters; `--wait` follows them.
 */
import { SymphonyError } from '../../errors.js'
import type { OperationsEvent, Order, Subscription } from '../../operations/index.js'
import type { Command } from '../command.js'
import { apiClient, apiClientOptions } from '../api-client.js'
import { answerFormat, printJson, readJsonOption } from '../output.js'
import { orderText, subscriptionText } from './operations-text.js'
import { follow, waitLimitOf, waitOptions } from './order.js'

const usage = 'list | show <id> | seats <id> <n> | members <id> --service <IRI>… [--request <file.json>] | cancel <id> | events [--since <UTC time>]   [--wait [--wait-limit <s>]] (with --api <url> --token <token>)'

export const subscriptionsCommand: Command = {
  summary: 'list and change subscriptions on a running server (seats, members, cancel) and read the event feed',
  usage,
  options: { ...apiClientOptions, service: { type: 'string', multiple: true }, request: { type: 'string' }, since: { type: 'string' }, ...waitOptions },
  positionals: { min: 1, max: 3 },
  async run ({ values, positionals }, io) {
    const client = apiClient(values, io)
    const format = answerFormat(values)
    const [action, id, n] = positionals
    const path = id === undefined ? '' : `/subscriptions/${encodeURIComponent(id)}`
    const change = async (order: Order) => {
      const done = values.wait === true ? await follow(client, order.id, io, waitLimitOf(values)) : order
      if (format === 'text') io.stdout(orderText(done)); else printJson(io, done)
      return done.state === 'failed' || (values.wait === true && done.state !== 'completed') ? 1 : 0
    }
    if (action === 'list' && id === undefined) {
      const all = await client.call('GET', '/subscriptions') as Subscription[]
      if (format === 'text') for (const s of all) io.stdout(subscriptionText(s)); else printJson(io, all)
      return 0
    }
    if (action === 'show' && id !== undefined && n === undefined) {
      const subscription = await client.call('GET', path) as Subscription
      if (format === 'text') io.stdout(subscriptionText(subscription)); else printJson(io, subscription)
      return 0
    }
    if (action === 'seats' && id !== undefined && n !== undefined) {
      const seats = Number(n)
      if (!Number.isInteger(seats) || seats < 1) throw new SymphonyError('BAD_REQUEST', `${n} is not a whole number of seats of at least 1`)
      return change(await client.call('POST', `${path}/seats`, { seats }) as Order)
    }
    if (action === 'members' && id !== undefined && n === undefined) {
      const services = values.service as string[] | undefined
      if (services === undefined) throw new SymphonyError('BAD_REQUEST', 'name the new member set with --service <IRI>…')
      const request = values.request === undefined ? undefined : await readJsonOption(values, 'request', io)
      return change(await client.call('POST', `${path}/members`, { services, ...(request === undefined ? {} : { request }) }) as Order)
    }
    if (action === 'cancel' && id !== undefined && n === undefined) return change(await client.call('POST', `${path}/cancel`, {}) as Order)
    if (action === 'events' && id === undefined) {
      const events = await client.call('GET', `/events${typeof values.since === 'string' ? `?since=${encodeURIComponent(values.since)}` : ''}`) as OperationsEvent[]
      if (format === 'text') for (const e of events) io.stdout(`${e.at}  ${e.type}  ${e.message}\n`); else printJson(io, events)
      return 0
    }
    throw new SymphonyError('BAD_REQUEST', `usage: symphony subscriptions ${usage}`)
  }
}
