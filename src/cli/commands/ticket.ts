/**
 * `symphony ticket open|list|show|note|state` and `symphony report sla`: the fault desk on a
 * running server. Customers open tickets on a subscription, a member or a link; providers list
 * the tickets routed to them, add notes and move them along.
 */
import { readFile } from 'node:fs/promises'
import { basename, resolve } from 'node:path'
import { SymphonyError } from '../../errors.js'
import type { ProviderSlaReport, TicketView } from '../../tickets/index.js'
import type { Command } from '../command.js'
import { apiClient, apiClientOptions } from '../api-client.js'
import { answerFormat, printJson } from '../output.js'
import type { Io } from '../io.js'

const usage = 'open <subscription> --summary T [--service <IRI>] [--service <IRI>] [--text T] [--attach <file>…] | list [--state S] | show <ticket> | note <ticket> --text T [--attach <file>…] | state <ticket> <acknowledged|inProgress|resolved|closed> [--why T]   (with --api <url> --token <token>)'

export const ticketCommand: Command = {
  summary: 'report faults and work tickets on a running server (open, list, show, note, state)',
  usage,
  options: {
    ...apiClientOptions,
    service: { type: 'string', multiple: true },
    summary: { type: 'string' },
    text: { type: 'string' },
    attach: { type: 'string', multiple: true },
    state: { type: 'string' },
    why: { type: 'string' }
  },
  positionals: { min: 1, max: 3 },
  async run ({ values, positionals }, io) {
    const client = apiClient(values, io)
    const format = answerFormat(values)
    const [action, id, state] = positionals
    const show = (ticket: TicketView) => { if (format === 'text') io.stdout(ticketText(ticket)); else printJson(io, ticket) }
    const path = id === undefined ? '' : `/tickets/${encodeURIComponent(id)}`
    if (action === 'open' && id !== undefined && state === undefined) {
      if (typeof values.summary !== 'string') throw new SymphonyError('BAD_REQUEST', '--summary "<what is wrong>" is required')
      const services = (values.service as string[] | undefined) ?? []
      const attachments = await attachmentsOf(values, io)
      const ticket = await client.call('POST', '/tickets', {
        subscription: id, summary: values.summary, ...(services.length === 0 ? {} : { services }),
        ...(typeof values.text === 'string' ? { text: values.text } : {}), ...(attachments.length === 0 ? {} : { attachments })
      }) as TicketView
      io.stderr(`ticket ${ticket.id} opened: routed to ${ticket.routes.map(r => r.provider).join(', ')}\n`)
      show(ticket)
      return 0
    }
    if (action === 'list' && id === undefined) {
      const tickets = await client.call('GET', `/tickets${typeof values.state === 'string' ? `?state=${encodeURIComponent(values.state)}` : ''}`) as TicketView[]
      if (format === 'text') for (const t of tickets) io.stdout(ticketText(t)); else printJson(io, tickets)
      return 0
    }
    if (action === 'show' && id !== undefined && state === undefined) {
      show(await client.call('GET', path) as TicketView)
      return 0
    }
    if (action === 'note' && id !== undefined && state === undefined) {
      if (typeof values.text !== 'string') throw new SymphonyError('BAD_REQUEST', '--text "<the note>" is required')
      const attachments = await attachmentsOf(values, io)
      show(await client.call('POST', `${path}/notes`, { text: values.text, ...(attachments.length === 0 ? {} : { attachments }) }) as TicketView)
      return 0
    }
    if (action === 'state' && id !== undefined && state !== undefined) {
      show(await client.call('POST', `${path}/state`, { state, ...(typeof values.why === 'string' ? { why: values.why } : {}) }) as TicketView)
      return 0
    }
    throw new SymphonyError('BAD_REQUEST', `usage: symphony ticket ${usage}`)
  }
}

const reportUsage = 'sla --from <UTC time or date> --to <UTC time or date>   (with --api <url> --token <token>)'

export const reportCommand: Command = {
  summary: 'reports on a running server: sla (response and resolution times per provider against the offers\' promises)',
  usage: reportUsage,
  options: { ...apiClientOptions, from: { type: 'string' }, to: { type: 'string' } },
  positionals: { min: 1, max: 1 },
  async run ({ values, positionals }, io) {
    if (positionals[0] !== 'sla' || typeof values.from !== 'string' || typeof values.to !== 'string') throw new SymphonyError('BAD_REQUEST', `usage: symphony report ${reportUsage}`)
    const instant = (option: string, value: string): string => {
      const at = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value)
      if (Number.isNaN(at.getTime())) throw new SymphonyError('BAD_REQUEST', `--${option} ${value} is not a date (2026-12-01) or UTC time (2026-12-01T00:00:00Z)`)
      return at.toISOString()
    }
    const client = apiClient(values, io)
    const report = await client.call('GET', `/reports/sla?from=${encodeURIComponent(instant('from', values.from))}&to=${encodeURIComponent(instant('to', values.to))}`) as { from: string, to: string, providers: ProviderSlaReport[] }
    if (answerFormat(values) !== 'text') {
      printJson(io, report)
      return 0
    }
    io.stdout(`tickets reported from ${report.from} to ${report.to}\n`)
    for (const p of report.providers) {
      io.stdout(`${p.provider}: ${p.tickets} ticket(s), ${p.responded} answered (${p.responseBreached} late or unanswered past due), ${p.resolved} resolved (${p.resolutionBreached} past due)\n`)
    }
    return 0
  }
}

async function attachmentsOf (values: Record<string, unknown>, io: Io): Promise<Array<{ name: string, content: string }>> {
  const files = (values.attach as string[] | undefined) ?? []
  return Promise.all(files.map(async file => ({ name: basename(file), content: (await readFile(resolve(io.cwd, file))).toString('base64') })))
}

/** A ticket as short text for people (`--format text`). */
export function ticketText (ticket: TicketView): string {
  const lines = [`ticket ${ticket.id}: ${ticket.state}, ${ticket.scope} ${ticket.services.join(' ↔ ')}, "${ticket.summary}" (reported ${ticket.createdAt})`]
  for (const route of ticket.routes) lines.push(`  → ${route.provider}: ${route.why.en}`)
  for (const sla of ticket.sla) {
    lines.push(`  SLA ${sla.provider}: response due ${sla.responseDue ?? '–'}${sla.responseBreached ? ' (missed)' : ''}, resolution due ${sla.resolutionDue ?? '–'}${sla.resolutionBreached ? ' (missed)' : ''}`)
  }
  for (const note of ticket.notes) lines.push(`  ${note.at} ${note.by.role} ${note.by.id}: ${note.text}${note.attachments.length === 0 ? '' : ` [${note.attachments.map(a => `${a.name}, ${a.size} bytes`).join('; ')}]`}`)
  return lines.join('\n') + '\n'
}
