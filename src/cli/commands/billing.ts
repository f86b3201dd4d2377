/**
 * `symphony billing run|settings|profile`, `symphony invoices list|show` and `symphony
 * credit-note`: billing on a running server (`--api`/`--token`) or on the local data directory.
 */
import { writeFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { formatMinor, minorDigits, parsePeriod, type BillingSettings, type CustomerProfile, type InvoiceSummary } from '../../billing/index.js'
import { SymphonyError } from '../../errors.js'
import type { Command, OptionValues } from '../command.js'
import { apiClientOptions } from '../api-client.js'
import { documentFormats, withBilling, type DocumentFormat, type RunAnswer } from '../billing-access.js'
import type { Io } from '../io.js'
import { answerFormat, printJson, readJsonOption } from '../output.js'

const where = '(on the local data directory, or on a server with --api <url> --token <token>)'
const billingUsage = `run --period <YYYY-MM> | settings [--set <file.json>] | profile [--customer <IRI>] [--set <file.json>]   ${where}`

export const billingCommand: Command = {
  summary: 'bill every customer for a month (idempotent: a month billed again gives the same invoices); the seller settings and customers\' invoice details',
  usage: billingUsage,
  options: { ...apiClientOptions, period: { type: 'string' }, set: { type: 'string' }, customer: { type: 'string' } },
  positionals: { min: 1, max: 1 },
  async run ({ values, positionals }, io) {
    const format = answerFormat(values)
    const [action] = positionals
    if (action === 'run') {
      if (typeof values.period !== 'string') throw new SymphonyError('BAD_REQUEST', '--period <YYYY-MM> is required, e.g. --period 2026-12')
      parsePeriod(values.period)
      const answer = await withBilling(values, io, access => access.run(values.period as string))
      printRun(io, answer, format)
      return answer.outcomes.some(o => o.status === 'refused' || o.status === 'noProfile') ? 1 : 0
    }
    if (action === 'settings') {
      const set = values.set === undefined ? undefined : await readJsonOption(values, 'set', io) as BillingSettings
      printJson(io, await withBilling(values, io, access => access.settings(set)))
      return 0
    }
    if (action === 'profile') {
      const set = values.set === undefined ? undefined : await readJsonOption(values, 'set', io) as CustomerProfile
      printJson(io, await withBilling(values, io, access => access.profile(stringOption(values, 'customer'), set)))
      return 0
    }
    throw new SymphonyError('BAD_REQUEST', `usage: symphony billing ${billingUsage}`)
  }
}

const invoicesUsage = `list [--customer <IRI>] [--format json|text] | show <number> [--format json|ttl|cii|ubl|pdf] [--lang de|en] [--output <file>]   ${where}`

export const invoicesCommand: Command = {
  summary: 'list invoices and credit notes, and show or download one as JSON, Turtle, XRechnung CII or UBL XML, or ZUGFeRD PDF',
  usage: invoicesUsage,
  options: { ...apiClientOptions, customer: { type: 'string' }, output: { type: 'string', short: 'o' } },
  positionals: { min: 1, max: 2 },
  async run ({ values, positionals }, io) {
    const [action, number] = positionals
    if (action === 'list' && number === undefined) {
      const format = answerFormat(values)
      const invoices = await withBilling(values, io, access => access.list(stringOption(values, 'customer')))
      if (format === 'text') for (const i of invoices) io.stdout(summaryText(i)); else printJson(io, invoices)
      return 0
    }
    if (action === 'show' && number !== undefined) {
      const format = documentFormat(values)
      const output = stringOption(values, 'output')
      if (format === 'pdf' && output === undefined) throw new SymphonyError('BAD_REQUEST', 'a PDF is written to a file: add --output <file.pdf>')
      const language = values.lang === 'de' ? 'de' : 'en'
      const document = await withBilling(values, io, access => access.document(number, format, language))
      if (output === undefined) {
        io.stdout(document as string)
        return 0
      }
      const file = resolve(io.cwd, output)
      await writeFile(file, document)
      io.stderr(`wrote ${number} as ${format} to ${output}\n`)
      return 0
    }
    throw new SymphonyError('BAD_REQUEST', `usage: symphony invoices ${invoicesUsage}`)
  }
}

const creditNoteUsage = `<invoice number> --reason <text>   ${where}`

export const creditNoteCommand: Command = {
  summary: 'reverse an issued invoice with a credit note (invoices are never changed); the next run of its month issues it anew',
  usage: creditNoteUsage,
  options: { ...apiClientOptions, reason: { type: 'string' } },
  positionals: { min: 1, max: 1 },
  async run ({ values, positionals }, io) {
    const reason = stringOption(values, 'reason')
    if (reason === undefined || reason.trim() === '') throw new SymphonyError('BAD_REQUEST', '--reason <text> is required: it is printed on the credit note')
    const note = await withBilling(values, io, access => access.creditNote(positionals[0]!, reason))
    if (answerFormat(values) === 'text') io.stdout(summaryText(note)); else printJson(io, note)
    return 0
  }
}

function stringOption (values: OptionValues, name: string): string | undefined {
  const value = values[name]
  return typeof value === 'string' ? value : undefined
}

function documentFormat (values: OptionValues): DocumentFormat {
  const format = values.format ?? 'json'
  if (typeof format !== 'string' || !(documentFormats as readonly string[]).includes(format)) {
    throw new SymphonyError('BAD_REQUEST', `--format ${String(format)} is not an invoice format; use one of ${documentFormats.join(', ')}`)
  }
  return format as DocumentFormat
}

function money (amount: number, currency: string): string {
  return `${formatMinor(amount, minorDigits(currency))} ${currency}`
}

function summaryText (i: InvoiceSummary): string {
  return `${i.number}  ${i.kind}  ${i.period}  ${i.customer}  net ${money(i.net, i.currency)}  VAT ${money(i.tax, i.currency)}  gross ${money(i.gross, i.currency)}  issued ${i.issueDate}, due ${i.dueDate}${i.corrects === undefined ? '' : `  corrects ${i.corrects}`}\n`
}

/** The run's outcomes; what was left off an invoice is always said on stderr, in every format. */
function printRun (io: Io, answer: RunAnswer, format: 'json' | 'text'): void {
  for (const o of answer.outcomes) {
    for (const w of o.warnings ?? []) io.stderr(`warning ${w.code} (${o.customer}): ${w.message}\n`)
  }
  if (format === 'json') {
    printJson(io, answer)
    return
  }
  for (const o of answer.outcomes) {
    io.stdout(`${o.status.padEnd(9)}  ${o.customer}${o.invoice === undefined ? '' : `  ${o.invoice.number}  gross ${money(o.invoice.gross, o.invoice.currency)}`}\n`)
    for (const issue of o.issues ?? []) io.stdout(`  ${issue.code}: ${issue.message}\n`)
  }
}
