/**
 * Billing for the CLI, either on a running server (`--api`/`--token`, or `$SYMPHONY_API`) or
 * directly on the local data directory, where whoever runs the command acts as the operator.
 * Both give the same answers as the HTTP API, so the commands print the same either way.
 */
import {
  BillingDesk, eInvoiceFormats, issueIn, invoiceGraph, invoiceSummary, invoiceToQuads, renderEInvoice,
  type BillingSettings, type CustomerProfile, type DeskRunOutcome, type EInvoiceFormat, type IssuedInvoice, type InvoiceSummary
} from '../billing/index.js'
import { SymphonyError } from '../errors.js'
import { serializeRdf } from '../rdf/index.js'
import { apiClient } from './api-client.js'
import type { OptionValues } from './command.js'
import { openForWriting, withEngine } from './context.js'
import type { Io } from './io.js'

/** `show --format`: the document formats of an invoice. */
export const documentFormats = ['json', 'ttl', 'cii', 'ubl', 'pdf'] as const
export type DocumentFormat = typeof documentFormats[number]

const eInvoiceOf: Readonly<Record<'cii' | 'ubl' | 'pdf', EInvoiceFormat>> = { cii: 'xrechnung-cii', ubl: 'xrechnung-ubl', pdf: 'zugferd' }

/** A run's answer, as `POST /billing/runs` gives it. */
export interface RunAnswer {
  readonly period: string
  readonly outcomes: ReadonlyArray<{ customer: string, status: string, invoice?: InvoiceSummary, issues?: ReadonlyArray<{ code: string, message: string }>, warnings?: ReadonlyArray<{ code: string, message: string }> }>
}

export interface BillingAccess {
  /** Bills a month; the warnings' messages are in `language` (German for `de…`, else English). */
  run (period: string, language: string): Promise<RunAnswer>
  settings (set?: BillingSettings): Promise<unknown>
  profile (customer: string | undefined, set?: CustomerProfile): Promise<unknown>
  list (customer?: string): Promise<InvoiceSummary[]>
  /** The document in a format: text for JSON, Turtle and XML, bytes for the PDF. */
  document (number: string, format: DocumentFormat, language: 'de' | 'en'): Promise<string | Uint8Array>
  creditNote (number: string, reason: string): Promise<InvoiceSummary>
}

/** Is this call for a running server? Yes when `--api`, `--token` or `$SYMPHONY_API` is given. */
export function isRemote (values: OptionValues, io: Io): boolean {
  return typeof values.api === 'string' || typeof values.token === 'string' || (io.env.SYMPHONY_API ?? '') !== ''
}

/** Runs `work` with billing on the server or the local data directory (see the module comment). */
export async function withBilling<T> (values: OptionValues, io: Io, work: (access: BillingAccess) => Promise<T>): Promise<T> {
  if (isRemote(values, io)) return work(remoteAccess(values, io))
  return withEngine(await openForWriting(values, io), async engine => {
    // Subscriptions are read from the operations records; nothing is sent to providers (no resume).
    const operations = await engine.openOperations({ callbackBase: 'http://127.0.0.1', env: io.env, resume: false })
    const desk = new BillingDesk({ store: engine.store, catalog: () => engine.catalog(), subscriptions: () => operations.subscriptions(), now: () => new Date() })
    return work(localAccess(desk))
  })
}

function remoteAccess (values: OptionValues, io: Io): BillingAccess {
  const client = apiClient(values, io)
  const customerQuery = (customer: string | undefined): string => customer === undefined ? '' : `?customer=${encodeURIComponent(customer)}`
  return {
    run: async (period, language) => await client.call('POST', `/billing/runs?lang=${encodeURIComponent(language)}`, { period }) as RunAnswer,
    settings: async set => set === undefined ? await client.call('GET', '/billing/settings') : await client.call('PUT', '/billing/settings', set),
    profile: async (customer, set) => set === undefined
      ? await client.call('GET', `/billing/profile${customerQuery(customer)}`)
      : await client.call('PUT', `/billing/profile${customerQuery(customer)}`, set),
    list: async customer => (await client.call('GET', `/invoices${customerQuery(customer)}`) as { invoices: InvoiceSummary[] }).invoices,
    async document (number, format, language) {
      const path = `/invoices/${encodeURIComponent(number)}`
      if (format === 'json') return JSON.stringify(await client.call('GET', path), null, 2) + '\n'
      if (format === 'ttl') return new TextDecoder().decode(await client.download(path, 'text/turtle'))
      const e = eInvoiceOf[format]
      const bytes = await client.download(`${path}?format=${e}&lang=${language}`, eInvoiceFormats[e].mediaType)
      return format === 'pdf' ? bytes : new TextDecoder().decode(bytes)
    },
    creditNote: async (number, reason) => await client.call('POST', `/invoices/${encodeURIComponent(number)}/credit-notes`, { reason }) as InvoiceSummary
  }
}

function localAccess (desk: BillingDesk): BillingAccess {
  const document = async (number: string): Promise<IssuedInvoice> => {
    const found = await desk.ledger.get(number)
    if (found === undefined) throw new SymphonyError('NOT_FOUND', {
      en: `no invoice ${number} in the data directory (symphony invoices list)`,
      de: `keine Rechnung ${number} im Datenverzeichnis (symphony invoices list listet sie)`
    })
    return found
  }
  const customerOf = (customer: string | undefined): string => {
    if (customer === undefined) throw new SymphonyError('BAD_REQUEST', { en: 'name the customer: --customer <customer IRI>', de: 'nennen Sie den Kunden: --customer <Kunden-IRI>' })
    return customer
  }
  return {
    run: async (period, language) => ({ period, outcomes: (await desk.run(period)).map(o => outcomeAnswer(o, language)) }),
    async settings (set) {
      if (set !== undefined) await desk.setSettings(set)
      const settings = await desk.settings()
      if (settings === undefined) throw new SymphonyError('NOT_FOUND', {
        en: 'billing has no settings yet (symphony billing settings --set <file.json>)',
        de: 'die Abrechnung hat noch keine Einstellungen (symphony billing settings --set <datei.json>)'
      })
      return settings
    },
    async profile (customer, set) {
      const id = customerOf(customer)
      if (set !== undefined) await desk.setProfile(id, set)
      const profile = await desk.profile(id)
      if (profile === undefined) throw new SymphonyError('NOT_FOUND', {
        en: `no invoice details for ${id} yet (symphony billing profile --customer <IRI> --set <file.json>)`,
        de: `noch keine Rechnungsangaben für ${id} (symphony billing profile --customer <IRI> --set <datei.json>)`
      })
      return profile
    },
    list: async customer => (await desk.ledger.list(customer === undefined ? {} : { customer })).map(invoiceSummary),
    async document (number, format, language) {
      const issued = await document(number)
      if (format === 'json') return JSON.stringify(issued, null, 2) + '\n'
      if (format === 'ttl') return serializeRdf(invoiceToQuads(issued, invoiceGraph(number)), 'turtle')
      return renderEInvoice(issued, eInvoiceOf[format], language)
    },
    creditNote: async (number, reason) => invoiceSummary(await desk.correct(number, reason))
  }
}

/** The run answer for one outcome, the same shape the API gives. */
function outcomeAnswer (o: DeskRunOutcome, language: string): RunAnswer['outcomes'][number] {
  return {
    customer: o.customer,
    status: o.status,
    ...('invoice' in o ? { invoice: invoiceSummary(o.invoice) } : {}),
    ...('issues' in o ? { issues: o.issues.map(i => issueIn(i, language)) } : {}),
    ...(o.warnings === undefined ? {} : { warnings: o.warnings.map(w => issueIn(w, language)) })
  }
}
