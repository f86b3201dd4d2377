/**
 * `symphony subscriptions list|show|seats|members|cancel|events|webhook`: a customer's
 * subscriptions on a running server. Changes are orders through the providers' adapters;
 * `--wait` follows them. `webhook set|show|remove` manages where its events are pushed.
 */
import { SymphonyError } from '../../errors.js'
import { usageError } from '../usage.js'
import { instantArgument } from '../instant.js'
import type { OperationsEvent, Order, Subscription, WebhookView } from '../../operations/index.js'
import type { Command } from '../command.js'
import { apiClient, apiClientOptions } from '../api-client.js'
import type { ApiClient } from '../api-client.js'
import type { Io } from '../io.js'
import { answerFormat, printJson, readJsonOption } from '../output.js'
import { orderText, subscriptionText, timeText, webhookSetText, webhookText } from './operations-text.js'
import { follow, waitLimitOf, waitOptions } from './order.js'
import { textLanguageOf, type HelpLanguage } from '../language.js'

const usage = 'list | show <id> | seats <id> <n> [--wait [--wait-limit <s>]] | members <id> --service <IRI>… [--request <file.json>] [--wait [--wait-limit <s>]] | cancel <id> [--wait [--wait-limit <s>]] | events [--since <time>] | webhook set <url> | webhook show | webhook remove'

export const subscriptionsCommand: Command = {
  summary: {
    en: 'list and change subscriptions on a running server (seats, members, cancel: each an order to the providers), read the event feed and set the webhook it is pushed to',
    de: 'Abonnements auf einem laufenden Server auflisten und ändern (Plätze, Mitglieder, Kündigung: je ein Auftrag an die Anbieter), die Ereignisse lesen und den Webhook festlegen, an den sie gesendet werden'
  },
  usage,
  options: {
    ...apiClientOptions,
    service: {
      type: 'string',
      multiple: true,
      help: { value: '<IRI>', text: { en: 'members: a service of the new member set (required)', de: 'members: ein Dienst der neuen Mitglieder (nötig)' } }
    },
    request: {
      type: 'string',
      help: {
        value: '<file.json>',
        text: { en: 'members: the composition request the new member set is checked against', de: 'members: die Anfrage zur Zusammenstellung, gegen die die neuen Mitglieder geprüft werden' },
        default: { en: 'the subscription\'s own request', de: 'die eigene Anfrage des Abonnements' }
      }
    },
    since: {
      type: 'string',
      help: {
        value: '<time>',
        text: { en: 'events: only events after this time: a date (2026-12-01, midnight UTC) or a UTC time (2026-12-01T00:00:00Z)', de: 'events: nur Ereignisse nach dieser Zeit: ein Datum (2026-12-01, Mitternacht UTC) oder eine UTC-Zeit (2026-12-01T00:00:00Z)' },
        default: { en: 'all events', de: 'alle Ereignisse' }
      }
    },
    ...waitOptions
  },
  positionals: { min: 1, max: 3 },
  async run ({ values, positionals }, io) {
    const client = apiClient(values, io)
    const format = answerFormat(values)
    const [action, id, n] = positionals
    const path = id === undefined ? '' : `/subscriptions/${encodeURIComponent(id)}`
    const change = async (order: Order) => {
      const done = values.wait === true ? await follow(client, order.id, io, waitLimitOf(values), textLanguageOf(values, io)) : order
      if (format === 'text') io.stdout(orderText(done, textLanguageOf(values, io))); else printJson(io, done)
      return done.state === 'failed' || (values.wait === true && done.state !== 'completed') ? 1 : 0
    }
    if (action === 'list' && id === undefined) {
      const all = await client.call('GET', '/subscriptions') as Subscription[]
      if (format === 'text') for (const s of all) io.stdout(subscriptionText(s, textLanguageOf(values, io))); else printJson(io, all)
      return 0
    }
    if (action === 'show' && id !== undefined && n === undefined) {
      const subscription = await client.call('GET', path) as Subscription
      if (format === 'text') io.stdout(subscriptionText(subscription, textLanguageOf(values, io))); else printJson(io, subscription)
      return 0
    }
    if (action === 'seats' && id !== undefined && n !== undefined) {
      const seats = Number(n)
      if (!Number.isInteger(seats) || seats < 1) throw new SymphonyError('BAD_REQUEST', { en: `${n} is not a whole number of seats of at least 1`, de: `${n} ist keine ganze Zahl von mindestens 1 Platz` })
      return change(await client.call('POST', `${path}/seats`, { seats }) as Order)
    }
    if (action === 'members' && id !== undefined && n === undefined) {
      const services = values.service as string[] | undefined
      if (services === undefined) throw new SymphonyError('BAD_REQUEST', { en: 'name the new member set with --service <IRI>…', de: 'nennen Sie die neuen Bestandteile mit --service <IRI>…' })
      const request = values.request === undefined ? undefined : await readJsonOption(values, 'request', io)
      return change(await client.call('POST', `${path}/members`, { services, ...(request === undefined ? {} : { request }) }) as Order)
    }
    if (action === 'cancel' && id !== undefined && n === undefined) return change(await client.call('POST', `${path}/cancel`, {}) as Order)
    if (action === 'events' && id === undefined) {
      const since = typeof values.since === 'string' ? `&since=${encodeURIComponent(instantArgument('since', values.since))}` : ''
      const language = textLanguageOf(values, io)
      const events = await client.call('GET', `/events?lang=${language}${since}`) as OperationsEvent[]
      if (format === 'text') for (const e of events) io.stdout(`${timeText(e.at, language)}  ${e.type}  ${e.message}\n`); else printJson(io, events)
      return 0
    }
    if (action === 'webhook') return webhook(client, format, io, id, n, textLanguageOf(values, io))
    throw usageError('subscriptions', usage)
  }
}

/** `webhook set <url> | show | remove`: the secret is printed once, when the webhook is set. */
async function webhook (client: ApiClient, format: 'json' | 'text', io: Io, action: string | undefined, url: string | undefined, language: HelpLanguage): Promise<number> {
  if (action === 'set' && url !== undefined) {
    const set = await client.call('PUT', '/me/webhook', { url }) as WebhookView & { secret: string }
    io.stderr(language === 'de'
      ? 'Das Geheimnis signiert jede Zustellung (Symphony-Signature); es wird nur jetzt gezeigt: bewahren Sie es beim Empfänger auf.\n'
      : 'The secret signs every delivery (Symphony-Signature); it is shown only now: keep it with the receiver.\n')
    if (format === 'text') io.stdout(webhookSetText(set, language)); else printJson(io, set)
    return 0
  }
  if (action === 'show' && url === undefined) {
    const hook = await client.call('GET', '/me/webhook') as WebhookView
    if (format === 'text') io.stdout(webhookText(hook, language)); else printJson(io, hook)
    return 0
  }
  if (action === 'remove' && url === undefined) {
    await client.call('DELETE', '/me/webhook')
    io.stderr(language === 'de' ? 'Webhook entfernt; die Ereignisse bleiben im Feed (subscriptions events)\n' : 'webhook removed; the events stay in the feed (subscriptions events)\n')
    return 0
  }
  throw usageError('subscriptions', { en: 'webhook set <https URL> | webhook show | webhook remove', de: 'webhook set <https-URL> | webhook show | webhook remove' })
}
