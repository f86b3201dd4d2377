/**
 * `symphony billing run|settings|profile`, `symphony invoices list|show` and `symphony
 * credit-note`: billing on a running server (`--api`/`--token`) or on the local data directory.
 */
import { writeFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { minorDigits, parsePeriod, type BillingSettings, type CustomerProfile, type InvoiceSummary } from '../../billing/index.js'
import { SymphonyError } from '../../errors.js'
import { moneyText } from '../../matcher/index.js'
import { usageError } from '../usage.js'
import type { Command, OptionSpec, OptionValues } from '../command.js'
import { apiClientOptions } from '../api-client.js'
import { documentFormats, withBilling, type DocumentFormat, type RunAnswer } from '../billing-access.js'
import type { Io } from '../io.js'
import { textLanguageOf, type HelpLanguage } from '../language.js'
import { answerFormat, printJson, readJsonOption } from '../output.js'

/** Where billing happens, said in each summary. */
const where = {
  en: 'On the local data directory (as the operator), or on a server when --api, --token or $SYMPHONY_API is given.',
  de: 'Im lokalen Datenverzeichnis (als Betreiber) oder auf einem Server, wenn --api, --token oder $SYMPHONY_API angegeben ist.'
}

const billingUsage = 'run --period <YYYY-MM> | settings [--set <file.json>] | profile [--customer <IRI>] [--set <file.json>]'

/** `--customer` of billing and invoices. */
const customerOption = (en: string, de: string) => ({ type: 'string', help: { value: '<IRI>', text: { en, de } } } as const satisfies OptionSpec)

export const billingCommand: Command = {
  summary: {
    en: `bill every customer for a month (a month billed again gives the same invoices); show or set the seller settings and customers' invoice details. ${where.en}`,
    de: `jeden Kunden für einen Monat abrechnen (ein erneut abgerechneter Monat ergibt dieselben Rechnungen); Verkäufer-Einstellungen und Rechnungsdaten der Kunden zeigen oder setzen. ${where.de}`
  },
  usage: billingUsage,
  options: {
    ...apiClientOptions,
    period: {
      type: 'string',
      help: { value: '<YYYY-MM>', text: { en: 'run: the month to bill, e.g. 2026-12 (required)', de: 'run: der abzurechnende Monat, z. B. 2026-12 (nötig)' } }
    },
    set: {
      type: 'string',
      help: {
        value: '<file.json>',
        text: { en: 'settings, profile: replace them with this file\'s, then print them', de: 'settings, profile: durch die dieser Datei ersetzen und dann ausgeben' }
      }
    },
    customer: customerOption(
      'profile: the customer whose invoice details these are (needed on the local data directory; on a server, the token\'s customer unless the operator names one)',
      'profile: der Kunde, dessen Rechnungsdaten es sind (im lokalen Datenverzeichnis nötig; auf einem Server der Kunde des Tokens, außer der Betreiber nennt einen)'
    )
  },
  positionals: { min: 1, max: 1 },
  async run ({ values, positionals }, io) {
    const format = answerFormat(values)
    const [action] = positionals
    if (action === 'run') {
      if (typeof values.period !== 'string') throw new SymphonyError('BAD_REQUEST', { en: '--period <YYYY-MM> is required, e.g. --period 2026-12', de: '--period <JJJJ-MM> ist erforderlich, z. B. --period 2026-12' })
      parsePeriod(values.period)
      const language = textLanguageOf(values, io)
      const answer = await withBilling(values, io, access => access.run(values.period as string, language))
      printRun(io, answer, format, language)
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
    throw usageError('billing', billingUsage)
  }
}

const invoicesUsage = 'list [--customer <IRI>] [--format json|text] | show <number> [--format json|ttl|cii|ubl|pdf] [--lang de|en] [--output <file>]'

export const invoicesCommand: Command = {
  summary: {
    en: `list invoices and credit notes, and show or download one as JSON, Turtle, XRechnung CII or UBL XML, or ZUGFeRD PDF. ${where.en}`,
    de: `Rechnungen und Gutschriften auflisten und eine als JSON, Turtle, XRechnung-CII- oder -UBL-XML oder ZUGFeRD-PDF zeigen oder herunterladen. ${where.de}`
  },
  usage: invoicesUsage,
  options: {
    ...apiClientOptions,
    customer: customerOption('list: only this customer\'s invoices', 'list: nur die Rechnungen dieses Kunden'),
    output: {
      type: 'string',
      short: 'o',
      help: {
        value: '<file>',
        text: { en: 'show: write the document to this file (required for pdf)', de: 'show: das Dokument in diese Datei schreiben (bei pdf nötig)' },
        default: { en: 'stdout', de: 'die Standardausgabe' }
      }
    }
  },
  common: {
    format: {
      value: '<format>',
      text: {
        en: 'list: json or text; show: json, ttl, cii (XRechnung CII), ubl (XRechnung UBL) or pdf (ZUGFeRD)',
        de: 'list: json oder text; show: json, ttl, cii (XRechnung CII), ubl (XRechnung UBL) oder pdf (ZUGFeRD)'
      },
      default: 'json'
    },
    lang: {
      value: '<tag>',
      text: { en: 'show: the language of the cii, ubl or pdf document: de or en', de: 'show: die Sprache des Dokuments bei cii, ubl oder pdf: de oder en' },
      default: { en: 'as for messages', de: 'wie bei Meldungen' }
    }
  },
  positionals: { min: 1, max: 2 },
  async run ({ values, positionals }, io) {
    const [action, number] = positionals
    if (action === 'list' && number === undefined) {
      const format = answerFormat(values)
      const invoices = await withBilling(values, io, access => access.list(stringOption(values, 'customer')))
      const language = textLanguageOf(values, io)
      if (format === 'text') for (const i of invoices) io.stdout(summaryText(i, language)); else printJson(io, invoices)
      return 0
    }
    if (action === 'show' && number !== undefined) {
      const format = documentFormat(values)
      const output = stringOption(values, 'output')
      if (format === 'pdf' && output === undefined) throw new SymphonyError('BAD_REQUEST', { en: 'a PDF is written to a file: add --output <file.pdf>', de: 'ein PDF wird in eine Datei geschrieben: geben Sie --output <datei.pdf> an' })
      const language = textLanguageOf(values, io)
      const document = await withBilling(values, io, access => access.document(number, format, language))
      if (output === undefined) {
        io.stdout(document as string)
        return 0
      }
      const file = resolve(io.cwd, output)
      await writeFile(file, document)
      io.stderr(`${words[language].wrote(number, format, output)}\n`)
      return 0
    }
    throw usageError('invoices', invoicesUsage)
  }
}

const creditNoteUsage = '<number> --reason <text>'

export const creditNoteCommand: Command = {
  summary: {
    en: `reverse an issued invoice with a credit note (invoices are never changed); the next run of its month issues it anew. ${where.en}`,
    de: `eine ausgestellte Rechnung mit einer Gutschrift aufheben (Rechnungen werden nie geändert); der nächste Lauf ihres Monats stellt sie neu aus. ${where.de}`
  },
  usage: creditNoteUsage,
  options: {
    ...apiClientOptions,
    reason: {
      type: 'string',
      help: { value: '<text>', text: { en: 'why the invoice is reversed, printed on the credit note (required)', de: 'warum die Rechnung aufgehoben wird, auf der Gutschrift gedruckt (nötig)' } }
    }
  },
  positionals: { min: 1, max: 1 },
  async run ({ values, positionals }, io) {
    const reason = stringOption(values, 'reason')
    if (reason === undefined || reason.trim() === '') throw new SymphonyError('BAD_REQUEST', { en: '--reason <text> is required: it is printed on the credit note', de: '--reason <Text> ist erforderlich: er steht auf der Gutschrift' })
    const note = await withBilling(values, io, access => access.creditNote(positionals[0]!, reason))
    if (answerFormat(values) === 'text') io.stdout(summaryText(note, textLanguageOf(values, io))); else printJson(io, note)
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
    const formats = documentFormats.join(', ')
    throw new SymphonyError('BAD_REQUEST', {
      en: `--format ${String(format)} is not an invoice format; use one of ${formats}`,
      de: `--format ${String(format)} ist kein Rechnungsformat; verwenden Sie eines von ${formats}`
    })
  }
  return format as DocumentFormat
}

/** An amount in minor units as the language writes money: `€1,234.50`, in German `1.234,50 €`. */
function money (amount: number, currency: string, language: HelpLanguage): string {
  return moneyText(amount, currency, language, minorDigits(currency))
}

/** The words of the text format, in each language the CLI speaks. */
const words = {
  en: {
    status: { issued: 'issued', unchanged: 'unchanged', differs: 'differs', empty: 'empty', refused: 'refused', noProfile: 'noProfile' } as Record<string, string>,
    kind: { invoice: 'invoice', creditNote: 'creditNote' } as Record<string, string>,
    net: 'net',
    vat: 'VAT',
    gross: 'gross',
    issued: 'issued',
    due: 'due',
    corrects: 'corrects',
    warning: 'warning',
    wrote: (number: string, format: string, file: string) => `wrote ${number} as ${format} to ${file}`
  },
  de: {
    status: { issued: 'ausgestellt', unchanged: 'unverändert', differs: 'abweichend', empty: 'leer', refused: 'abgelehnt', noProfile: 'ohne Profil' } as Record<string, string>,
    kind: { invoice: 'Rechnung', creditNote: 'Gutschrift' } as Record<string, string>,
    net: 'netto',
    vat: 'USt.',
    gross: 'brutto',
    issued: 'ausgestellt',
    due: 'fällig',
    corrects: 'berichtigt',
    warning: 'Warnung',
    wrote: (number: string, format: string, file: string) => `${number} als ${format} nach ${file} geschrieben`
  }
} as const

function summaryText (i: InvoiceSummary, language: HelpLanguage): string {
  const w = words[language]
  return `${i.number}  ${w.kind[i.kind] ?? i.kind}  ${i.period}  ${i.customer}  ${w.net} ${money(i.net, i.currency, language)}  ${w.vat} ${money(i.tax, i.currency, language)}  ${w.gross} ${money(i.gross, i.currency, language)}  ${w.issued} ${i.issueDate}, ${w.due} ${i.dueDate}${i.corrects === undefined ? '' : `  ${w.corrects} ${i.corrects}`}\n`
}

/** The run's outcomes; what was left off an invoice is always said on stderr, in every format. */
function printRun (io: Io, answer: RunAnswer, format: 'json' | 'text', language: HelpLanguage): void {
  const w = words[language]
  for (const o of answer.outcomes) {
    for (const warning of o.warnings ?? []) io.stderr(`${w.warning} ${warning.code} (${o.customer}): ${warning.message}\n`)
  }
  if (format === 'json') {
    printJson(io, answer)
    return
  }
  for (const o of answer.outcomes) {
    const status = w.status[o.status] ?? o.status
    io.stdout(`${status.padEnd(Math.max(...Object.values(w.status).map(text => text.length)))}  ${o.customer}${o.invoice === undefined ? '' : `  ${o.invoice.number}  ${w.gross} ${money(o.invoice.gross, o.invoice.currency, language)}`}\n`)
    for (const issue of o.issues ?? []) io.stdout(`  ${issue.code}: ${issue.message}\n`)
  }
}
