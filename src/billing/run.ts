/**
 * A billing run: for each customer, the invoice of one period, issued once. Running the same
 * period again returns the invoice already issued and never issues a second one; when the
 * recomputed draft differs (late usage, a corrected subscription), the run says so and leaves
 * the invoice as it is: a correction is a credit note (`correctInvoice`) followed by a new run.
 */
import { computeInvoice } from './compute-invoice.js'
import { creditNoteFor, draftDigest, invoiceNumber, issueInvoice } from './issue.js'
import type { BuyerDetails, IssuedInvoice, SellerDetails } from './issued.js'
import type { InvoiceLedger } from './ledger.js'
import type { BillingInput, BillingIssue } from './types.js'

/** One customer's outcome in a run. */
export type RunOutcome =
  | { readonly customer: string, readonly status: 'issued', readonly invoice: IssuedInvoice }
  | { readonly customer: string, readonly status: 'unchanged', readonly invoice: IssuedInvoice }
  /** Issued before, and the data now gives a different invoice: correct it with a credit note, then run again. */
  | { readonly customer: string, readonly status: 'differs', readonly invoice: IssuedInvoice }
  /** Nothing to bill in the period. */
  | { readonly customer: string, readonly status: 'empty' }
  | { readonly customer: string, readonly status: 'refused', readonly issues: readonly BillingIssue[] }

export interface RunCustomer {
  readonly input: BillingInput
  readonly buyer: BuyerDetails
}

export interface RunOptions {
  readonly seller: SellerDetails
  readonly ledger: InvoiceLedger
  /** Today, `YYYY-MM-DD`, from the caller's clock. */
  readonly issueDate: string
  readonly paymentDays?: number
}

/** Bills each customer for its input's period; see the module comment for idempotence. */
export async function runBilling (customers: readonly RunCustomer[], options: RunOptions): Promise<RunOutcome[]> {
  const outcomes: RunOutcome[] = []
  for (const { input, buyer } of customers) {
    const customer = input.customer.id
    const result = computeInvoice(input)
    if (!result.ok) {
      outcomes.push({ customer, status: 'refused', issues: result.issues })
      continue
    }
    const current = await currentInvoice(options.ledger, customer, input.period.id)
    if (current.invoice !== undefined) {
      outcomes.push({ customer, status: current.invoice.digest === draftDigest(result.invoice) ? 'unchanged' : 'differs', invoice: current.invoice })
      continue
    }
    if (result.invoice.lines.length === 0) {
      outcomes.push({ customer, status: 'empty' })
      continue
    }
    const invoice = issueInvoice(result.invoice, { seller: options.seller, buyer, issueDate: options.issueDate, paymentDays: options.paymentDays, sequence: current.sequence })
    await options.ledger.add(invoice)
    outcomes.push({ customer, status: 'issued', invoice })
  }
  return outcomes
}

/** Reverses an issued invoice with a credit note, so that the next run issues the period anew. */
export async function correctInvoice (ledger: InvoiceLedger, number: string, options: { issueDate: string, reason: string }): Promise<IssuedInvoice | undefined> {
  const invoice = await ledger.get(number)
  if (invoice === undefined || invoice.kind !== 'invoice') return undefined
  const note = creditNoteFor(invoice, options)
  await ledger.add(note)
  return note
}

/**
 * The customer's invoice for the period that no credit note reverses, and the sequence the
 * next one would get.
 */
async function currentInvoice (ledger: InvoiceLedger, customer: string, period: string): Promise<{ invoice?: IssuedInvoice, sequence: number }> {
  for (let sequence = 1; ; sequence++) {
    const invoice = await ledger.get(invoiceNumber(customer, period, sequence))
    if (invoice === undefined) return { sequence }
    const reversed = await ledger.get(`CN-${invoice.number.replace(/^INV-/, '')}`)
    if (reversed === undefined) return { invoice, sequence }
  }
}
