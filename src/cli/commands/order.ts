/**
 * `symphony order book|status|list|report`: orders on a running server. `book` takes the
 * composition request and either the member IRIs or the number of one of the composer's
 * bundles for it; `--wait` follows the order until it completes or fails.
 */
import { SymphonyError } from '../../errors.js'
import { usageError } from '../usage.js'
import type { Order } from '../../operations/index.js'
import type { Command, OptionSpecs } from '../command.js'
import { apiClient, apiClientOptions } from '../api-client.js'
import type { ApiClient } from '../api-client.js'
import { answerFormat, printJson, readJsonOption } from '../output.js'
import type { Io } from '../io.js'
import { nameIn, orderText, stateName } from './operations-text.js'
import type { Named } from './operations-text.js'
import { textLanguageOf, type HelpLanguage } from '../language.js'

const usage = 'book --request <file.json> (--bundle <n> | --service <IRI>…) [--seats <n>] [--configuration <IRI>…] [--wait [--wait-limit <s>]] | status <order> [--wait [--wait-limit <s>]] | list | report <order> <item> --status <state> [--reason <text>] [--reference <ref>]'

/** `--wait` follows an order; `--wait-limit <seconds>` (default 600) bounds how long. */
export const waitOptions = {
  wait: {
    type: 'boolean',
    help: {
      text: {
        en: 'follow the order, printing each item\'s change, until it completes or fails (exit 1 unless completed)',
        de: 'dem Auftrag folgen und jede Änderung einer Position ausgeben, bis er erledigt ist oder scheitert (Exit 1, wenn nicht erledigt)'
      }
    }
  },
  'wait-limit': {
    type: 'string',
    help: {
      value: '<s>',
      text: { en: 'with --wait: stop following after this many seconds (the order goes on)', de: 'mit --wait: nach so vielen Sekunden nicht mehr folgen (der Auftrag läuft weiter)' },
      default: '600'
    }
  }
} as const satisfies OptionSpecs

const defaultWaitSeconds = 600

/** The wait limit in milliseconds. */
export function waitLimitOf (values: Record<string, unknown>): number {
  const given = values['wait-limit']
  if (given === undefined) return defaultWaitSeconds * 1000
  const seconds = Number(given)
  if (!Number.isFinite(seconds) || seconds <= 0) throw new SymphonyError('BAD_REQUEST', { en: `--wait-limit ${String(given)} is not a number of seconds above 0`, de: `--wait-limit ${String(given)} ist keine Sekundenzahl über 0` })
  return seconds * 1000
}

export const orderCommand: Command = {
  summary: {
    en: 'book a bundle on a running server and follow its order (book, status, list); providers report an item\'s progress (report)',
    de: 'ein Bündel auf einem laufenden Server buchen und dem Auftrag folgen (book, status, list); Anbieter melden den Fortschritt einer Position (report)'
  },
  usage,
  options: {
    ...apiClientOptions,
    request: {
      type: 'string',
      help: { value: '<file.json>', text: { en: 'book: the composition request the bundle answers (required)', de: 'book: die Anfrage zur Zusammenstellung, die das Bündel beantwortet (nötig)' } }
    },
    bundle: {
      type: 'string',
      help: {
        value: '<n>',
        text: { en: 'book: the n-th bundle the composer answers for the request (1 = the best); or name the members with --service', de: 'book: das n-te Bündel, das der Composer auf die Anfrage antwortet (1 = das beste); oder die Mitglieder mit --service nennen' }
      }
    },
    service: {
      type: 'string',
      multiple: true,
      help: { value: '<IRI>', text: { en: 'book: a member of the bundle to book, instead of --bundle', de: 'book: ein Mitglied des zu buchenden Bündels, statt --bundle' } }
    },
    seats: {
      type: 'string',
      help: {
        value: '<n>',
        text: { en: 'book: the number of seats, at least 1', de: 'book: die Zahl der Plätze, mindestens 1' },
        default: { en: 'the request\'s seats, else 1', de: 'seats der Anfrage, sonst 1' }
      }
    },
    configuration: {
      type: 'string',
      multiple: true,
      help: { value: '<IRI>', text: { en: 'book: a stored configuration of a member (POST /configurations) to book with', de: 'book: eine gespeicherte Konfiguration eines Mitglieds (POST /configurations), die mitgebucht wird' } }
    },
    ...waitOptions,
    status: {
      type: 'string',
      help: { value: '<state>', text: { en: 'report: the item\'s new state: acknowledged, inProgress, completed, failed or cancelled (required)', de: 'report: der neue Zustand der Position: acknowledged, inProgress, completed, failed oder cancelled (nötig)' } }
    },
    reason: {
      type: 'string',
      help: { value: '<text>', text: { en: 'report: why, e.g. why the item failed', de: 'report: warum, z. B. warum die Position scheiterte' } }
    },
    reference: {
      type: 'string',
      help: { value: '<ref>', text: { en: 'report: the provider\'s own reference for the item', de: 'report: die eigene Referenz des Anbieters für die Position' } }
    }
  },
  positionals: { min: 1, max: 3 },
  async run ({ values, positionals }, io) {
    const client = apiClient(values, io)
    const format = answerFormat(values)
    const [action, id, item] = positionals
    const show = (order: Order) => { if (format === 'text') io.stdout(orderText(order, textLanguageOf(values, io))); else printJson(io, order) }
    if (action === 'book' && id === undefined) {
      const request = await readJsonOption(values, 'request', io) as { seats?: number }
      const services = await membersOf(values, request, client)
      const seats = values.seats === undefined ? undefined : Number(values.seats)
      if (seats !== undefined && (!Number.isInteger(seats) || seats < 1)) throw new SymphonyError('BAD_REQUEST', { en: `--seats ${String(values.seats)} is not a whole number of at least 1`, de: `--seats ${String(values.seats)} ist keine ganze Zahl von mindestens 1` })
      const configurations = (values.configuration as string[] | undefined) ?? []
      const order = await client.call('POST', '/orders', { request, services, ...(seats === undefined ? {} : { seats }), ...(configurations.length === 0 ? {} : { configurations }) }) as Order
      const language = textLanguageOf(values, io)
      io.stderr(language === 'de'
        ? `Bestellung ${order.id} aufgegeben: ${order.items.length} Position(en), eine je Anbieter\n`
        : `order ${order.id} placed: ${order.items.length} item(s), one per provider\n`)
      const followed = values.wait === true ? await follow(client, order.id, io, waitLimitOf(values), language) : order
      show(followed)
      return values.wait === true && followed.state !== 'completed' ? 1 : 0
    }
    if (action === 'status' && id !== undefined && item === undefined) {
      const order = values.wait === true ? await follow(client, id, io, waitLimitOf(values), textLanguageOf(values, io)) : await client.call('GET', `/orders/${encodeURIComponent(id)}`) as Order
      show(order)
      return order.state === 'failed' || (values.wait === true && order.state !== 'completed') ? 1 : 0
    }
    if (action === 'list' && id === undefined) {
      const orders = await client.call('GET', '/orders') as Order[]
      if (format === 'text') for (const order of orders) io.stdout(orderText(order, textLanguageOf(values, io)))
      else printJson(io, orders)
      return 0
    }
    if (action === 'report' && id !== undefined && item !== undefined) {
      if (typeof values.status !== 'string') throw new SymphonyError('BAD_REQUEST', { en: '--status <acknowledged|inProgress|completed|failed|cancelled> is required', de: '--status <acknowledged|inProgress|completed|failed|cancelled> ist erforderlich' })
      const body = { status: values.status, ...(typeof values.reason === 'string' ? { reason: values.reason } : {}), ...(typeof values.reference === 'string' ? { reference: values.reference } : {}) }
      show(await client.call('POST', `/orders/${encodeURIComponent(id)}/items/${encodeURIComponent(item)}/status`, body) as Order)
      return 0
    }
    throw usageError('order', usage)
  }
}

async function membersOf (values: Record<string, unknown>, request: unknown, client: ApiClient): Promise<string[]> {
  const services = values.service as string[] | undefined
  if (services !== undefined && values.bundle === undefined) return services
  const n = Number(values.bundle)
  if (services !== undefined || !Number.isInteger(n) || n < 1) throw new SymphonyError('BAD_REQUEST', {
      en: 'give either --bundle <n> (1 = the best bundle the composer answers) or the members with --service <IRI>…',
      de: 'geben Sie entweder --bundle <n> an (1 = das beste Bündel der Zusammenstellung) oder die Bestandteile mit --service <IRI>…'
    })
  const answer = await client.call('POST', '/compose', request) as { bundles: Array<{ services: string[] }> }
  const bundle = answer.bundles[n - 1]
  if (bundle === undefined) throw new SymphonyError('NOT_FOUND', {
      en: `the composer answers ${answer.bundles.length} bundle(s) for the request; there is no bundle ${n}`,
      de: `die Zusammenstellung ergibt ${answer.bundles.length} Bündel für die Anfrage; ein Bündel ${n} gibt es nicht`
    })
  return bundle.services
}

/**
 * Asks for the order until it completes or fails, printing each change of an item; after
 * `limitMs` it stops asking (the order goes on) and says how to follow it later.
 */
export async function follow (client: ApiClient, id: string, io: Io, limitMs: number = defaultWaitSeconds * 1000, language: HelpLanguage = 'en'): Promise<Order> {
  const seen = new Map<string, string>()
  const until = Date.now() + limitMs
  for (;;) {
    const order = await client.call('GET', `/orders/${encodeURIComponent(id)}`) as Named<Order>
    for (const item of order.items) {
      if (seen.get(item.id) !== item.state) io.stderr(`  ${language === 'de' ? 'Position' : 'item'} ${item.id} (${nameIn(order, item.provider)}): ${stateName(item.state, language)}\n`)
      seen.set(item.id, item.state)
    }
    if (order.state === 'completed' || order.state === 'failed') return order
    if (Date.now() >= until) {
      const waiting = order.items.filter(item => item.state !== 'completed' && item.state !== 'failed' && item.state !== 'cancelled').map(item => `${item.id} (${nameIn(order, item.provider)}): ${stateName(item.state, language)}`)
      io.stderr(language === 'de'
        ? `Bestellung ${id} ist nach ${Math.round(limitMs / 1000)} s noch ${stateName(order.state, language)} und wartet auf ${waiting.join(', ')}; sie läuft weiter — verfolgen Sie sie mit \`symphony order status ${id} --wait\`\n`
        : `order ${id} is still ${stateName(order.state, language)} after ${Math.round(limitMs / 1000)} s, waiting for ${waiting.join(', ')}; it goes on — follow it with \`symphony order status ${id} --wait\`\n`)
      return order
    }
    await new Promise(resolve => setTimeout(resolve, Math.min(500, Math.max(0, until - Date.now()))))
  }
}
