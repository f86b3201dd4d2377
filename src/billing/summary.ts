/** The short form of an issued document that lists and run answers show, with its download links. */
import { eInvoiceFormats, type EInvoiceFormat } from './e-invoice/formats.js'
import type { IssuedInvoice } from './issued.js'

/** An invoice or credit note in a list: number, customer, month, amounts (minor units) and where to get each format. */
export interface InvoiceSummary {
  readonly number: string
  readonly kind: IssuedInvoice['kind']
  readonly customer: string
  readonly period: string
  readonly issueDate: string
  readonly dueDate: string
  readonly currency: string
  readonly net: number
  readonly tax: number
  readonly gross: number
  readonly corrects?: string
  readonly links: Readonly<Record<EInvoiceFormat, string>>
}

/** The summary of an issued document; links are paths of the HTTP API. */
export function invoiceSummary (d: IssuedInvoice): InvoiceSummary {
  return {
    number: d.number,
    kind: d.kind,
    customer: d.customer.id,
    period: d.draft.period.id,
    issueDate: d.issueDate,
    dueDate: d.dueDate,
    currency: d.draft.currency,
    net: d.draft.net,
    tax: d.draft.tax,
    gross: d.draft.gross,
    ...(d.corrects === undefined ? {} : { corrects: d.corrects.number }),
    links: Object.fromEntries((Object.keys(eInvoiceFormats) as EInvoiceFormat[]).map(f => [f, `/invoices/${encodeURIComponent(d.number)}?format=${f}`])) as Record<EInvoiceFormat, string>
  }
}
