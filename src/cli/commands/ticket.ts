/**
 * `symphony ticket open|list|show|note|state` and `symphony report sla`: the fault desk on a
 * running server. Customers open tickets on a subscription, a member or a link; providers list
 * the tickets routed to them, add notes and move them along.
 */
import { readFile } from 'node:fs/promises'
import { basename, resolve } from 'node:path'
import { SymphonyError } from '../../errors.js'
import { usageError } from '../usage.js'
import { instantArgument } from '../instant.js'
import type { ProviderSlaReport, TicketView } from '../../tickets/index.js'
import type { Command, OptionSpec } from '../command.js'
import { apiClient, apiClientOptions } from '../api-client.js'
import { answerFormat, printJson } from '../output.js'
import type { Io } from '../io.js'
import { noticeIn, textLanguageOf } from '../language.js'
import { nameIn, ticketText, timeText } from './operations-text.js'
import type { Named } from './operations-text.js'

const usage = 'open <subscription> --summary <text> [--service <IRI>] [--service <IRI>] [--text <text>] [--attach <file>…] | list [--state <state>] | show <ticket> | note <ticket> --text <text> [--attach <file>…] | state <ticket> <acknowledged|inProgress|resolved|closed> [--why <text>]'

export const ticketCommand: Command = {
  summary: {
    en: 'report faults and work tickets on a running server: customers open them, providers note and move them along (open, list, show, note, state)',
    de: 'Störungen melden und Tickets bearbeiten auf einem laufenden Server: Kunden eröffnen sie, Anbieter ergänzen Notizen und führen sie weiter (open, list, show, note, state)'
  },
  usage,
  options: {
    ...apiClientOptions,
    service: {
      type: 'string',
      multiple: true,
      help: {
        value: '<IRI>',
        text: { en: 'open: the member at fault; twice: the link between two members', de: 'open: das gestörte Mitglied; zweimal: die Verbindung zweier Mitglieder' },
        default: { en: 'the whole subscription', de: 'das ganze Abonnement' }
      }
    },
    summary: {
      type: 'string',
      help: { value: '<text>', text: { en: 'open: what is wrong, in one line (required)', de: 'open: was nicht stimmt, in einer Zeile (nötig)' } }
    },
    text: {
      type: 'string',
      help: { value: '<text>', text: { en: 'open: a first note; note: the note (required)', de: 'open: eine erste Notiz; note: die Notiz (nötig)' } }
    },
    attach: {
      type: 'string',
      multiple: true,
      help: { value: '<file>', text: { en: 'open, note: a file to attach', de: 'open, note: eine anzuhängende Datei' } }
    },
    state: {
      type: 'string',
      help: {
        value: '<state>',
        text: { en: 'list: only tickets in this state: acknowledged, inProgress, resolved or closed', de: 'list: nur Tickets in diesem Zustand: acknowledged, inProgress, resolved oder closed' },
        default: { en: 'every state', de: 'jeder Zustand' }
      }
    },
    why: {
      type: 'string',
      help: { value: '<text>', text: { en: 'state: why the ticket moves, kept in its history', de: 'state: warum das Ticket wechselt, in seinem Verlauf festgehalten' } }
    }
  },
  positionals: { min: 1, max: 3 },
  async run ({ values, positionals }, io) {
    const client = apiClient(values, io)
    const format = answerFormat(values)
    const [action, id, state] = positionals
    const show = (ticket: TicketView) => { if (format === 'text') io.stdout(ticketText(ticket, textLanguageOf(values, io))); else printJson(io, ticket) }
    const path = id === undefined ? '' : `/tickets/${encodeURIComponent(id)}`
    if (action === 'open' && id !== undefined && state === undefined) {
      if (typeof values.summary !== 'string') throw new SymphonyError('BAD_REQUEST', { en: '--summary "<what is wrong>" is required', de: '--summary "<was nicht funktioniert>" ist erforderlich' })
      const services = (values.service as string[] | undefined) ?? []
      const attachments = await attachmentsOf(values, io)
      const ticket = await client.call('POST', '/tickets', {
        subscription: id, summary: values.summary, ...(services.length === 0 ? {} : { services }),
        ...(typeof values.text === 'string' ? { text: values.text } : {}), ...(attachments.length === 0 ? {} : { attachments })
      }) as Named<TicketView>
      const routed = ticket.routes.map(r => nameIn(ticket, r.provider)).join(', ')
      noticeIn(values, io, { en: `ticket ${ticket.id} opened: routed to ${routed}`, de: `Ticket ${ticket.id} eröffnet: weitergeleitet an ${routed}` })
      show(ticket)
      return 0
    }
    if (action === 'list' && id === undefined) {
      const tickets = await client.call('GET', `/tickets${typeof values.state === 'string' ? `?state=${encodeURIComponent(values.state)}` : ''}`) as TicketView[]
      if (format === 'text') for (const t of tickets) io.stdout(ticketText(t, textLanguageOf(values, io))); else printJson(io, tickets)
      return 0
    }
    if (action === 'show' && id !== undefined && state === undefined) {
      show(await client.call('GET', path) as TicketView)
      return 0
    }
    if (action === 'note' && id !== undefined && state === undefined) {
      if (typeof values.text !== 'string') throw new SymphonyError('BAD_REQUEST', { en: '--text "<the note>" is required', de: '--text "<die Notiz>" ist erforderlich' })
      const attachments = await attachmentsOf(values, io)
      show(await client.call('POST', `${path}/notes`, { text: values.text, ...(attachments.length === 0 ? {} : { attachments }) }) as TicketView)
      return 0
    }
    if (action === 'state' && id !== undefined && state !== undefined) {
      show(await client.call('POST', `${path}/state`, { state, ...(typeof values.why === 'string' ? { why: values.why } : {}) }) as TicketView)
      return 0
    }
    throw usageError('ticket', usage)
  }
}

const reportUsage = 'sla --from <date> --to <date>'

/** `--from` and `--to` of `report sla`. */
const instantOption = (en: string, de: string) => ({
  type: 'string',
  help: {
    value: '<date>',
    text: {
      en: `sla: ${en} of the tickets reported: a date (2026-12-01, midnight UTC) or a UTC time (2026-12-01T00:00:00Z) (required)`,
      de: `sla: ${de} der gemeldeten Tickets: ein Datum (2026-12-01, Mitternacht UTC) oder eine UTC-Zeit (2026-12-01T00:00:00Z) (nötig)`
    }
  }
} as const satisfies OptionSpec)

export const reportCommand: Command = {
  summary: {
    en: 'reports on a running server: sla (response and resolution times per provider against the offers\' promises)',
    de: 'Berichte von einem laufenden Server: sla (Reaktions- und Lösungszeiten je Anbieter gegenüber den Zusagen der Angebote)'
  },
  usage: reportUsage,
  options: { ...apiClientOptions, from: instantOption('the start', 'der Beginn'), to: instantOption('the end (not included)', 'das Ende (nicht eingeschlossen)') },
  positionals: { min: 1, max: 1 },
  async run ({ values, positionals }, io) {
    if (positionals[0] !== 'sla' || typeof values.from !== 'string' || typeof values.to !== 'string') throw usageError('report', reportUsage)
    const client = apiClient(values, io)
    const report = await client.call('GET', `/reports/sla?from=${encodeURIComponent(instantArgument('from', values.from))}&to=${encodeURIComponent(instantArgument('to', values.to))}`) as Named<{ from: string, to: string, providers: ProviderSlaReport[] }>
    if (answerFormat(values) !== 'text') {
      printJson(io, report)
      return 0
    }
    const language = textLanguageOf(values, io)
    const german = language === 'de'
    const [from, to] = [timeText(report.from, language), timeText(report.to, language)]
    io.stdout(german ? `Tickets gemeldet von ${from} bis ${to}\n` : `tickets reported from ${from} to ${to}\n`)
    for (const p of report.providers) {
      const provider = nameIn(report, p.provider)
      io.stdout(german
        ? `${provider}: ${p.tickets} Ticket(s), ${p.responded} beantwortet (${p.responseBreached} verspätet oder nach Fälligkeit unbeantwortet), ${p.resolved} gelöst (${p.resolutionBreached} nach Fälligkeit)\n`
        : `${provider}: ${p.tickets} ticket(s), ${p.responded} answered (${p.responseBreached} late or unanswered past due), ${p.resolved} resolved (${p.resolutionBreached} past due)\n`)
    }
    return 0
  }
}

async function attachmentsOf (values: Record<string, unknown>, io: Io): Promise<Array<{ name: string, content: string }>> {
  const files = (values.attach as string[] | undefined) ?? []
  return Promise.all(files.map(async file => ({ name: basename(file), content: (await readFile(resolve(io.cwd, file))).toString('base64') })))
}
