/**
 * Issuing: numbering, dates and the digest that makes billing runs idempotent, and credit
 * notes that reverse an issued invoice in full.
 */
import { createHash } from 'node:crypto'
import type { BuyerDetails, IssuedInvoice, SellerDetails } from './issued.js'
import type { InvoiceDraft } from './types.js'

const documentBase = 'https://w3id.org/symphony/invoice/'

export interface IssueOptions {
  readonly seller: SellerDetails
  readonly buyer: BuyerDetails
  /** `YYYY-MM-DD`, from the caller's clock. */
  readonly issueDate: string
  /** Days until payment is due (default 14). */
  readonly paymentDays?: number
  /** 1 for the first invoice of the customer and period, 2 after the first was reversed by a credit note, … */
  readonly sequence?: number
}

/** The number of a customer's invoice for a period: `INV-2026-12-acme`, then `INV-2026-12-acme-2` after a reversal. */
export function invoiceNumber (customer: string, period: string, sequence = 1): string {
  const slug = customer.replace(/\/+$/, '').replace(/^.*[/#]/, '').replace(/[^A-Za-z0-9-]/g, '-')
  return `INV-${period}-${slug}${sequence > 1 ? `-${sequence}` : ''}`
}

/** A stable digest of a draft: equal drafts give equal digests, whatever the key order. */
export function draftDigest (draft: InvoiceDraft): string {
  return createHash('sha256').update(canonicalJson(draft)).digest('hex')
}

/** Issues a computed draft as an invoice. */
export function issueInvoice (draft: InvoiceDraft, options: IssueOptions): IssuedInvoice {
  const number = invoiceNumber(draft.customer.id, draft.period.id, options.sequence)
  return {
    id: documentBase + encodeURIComponent(number),
    number,
    kind: 'invoice',
    issueDate: options.issueDate,
    dueDate: addDays(options.issueDate, options.paymentDays ?? 14),
    customer: draft.customer,
    buyer: options.buyer,
    seller: options.seller,
    draft,
    digest: draftDigest(draft)
  }
}

/** A credit note reversing `invoice` in full, numbered after it (`CN-` + its number). */
export function creditNoteFor (invoice: IssuedInvoice, options: { issueDate: string, reason: string }): IssuedInvoice {
  const number = `CN-${invoice.number.replace(/^INV-/, '')}`
  return {
    ...invoice,
    id: documentBase + encodeURIComponent(number),
    number,
    kind: 'creditNote',
    issueDate: options.issueDate,
    dueDate: options.issueDate,
    corrects: { number: invoice.number, issueDate: invoice.issueDate },
    reason: options.reason
  }
}

function addDays (date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)
}

function canonicalJson (value: unknown): string {
  if (value instanceof Map) return canonicalJson(Object.fromEntries([...value.entries()].sort()))
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value).sort().map(k => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`
  }
  return JSON.stringify(value)
}
