/** Billing: one invoice per customer and period across all providers, and each provider's share. */
export type * from './types.js'
export { computeInvoice } from './compute-invoice.js'
export { parsePeriod, periodOf, nextPeriod } from './period.js'
export { formatMinor, minorDigits } from './decimal.js'
export { standardVatRates } from './vat.js'
export { offerComponents } from './offer-components.js'
export type * from './issued.js'
export { issueInvoice, creditNoteFor, invoiceNumber, draftDigest, type IssueOptions } from './issue.js'
export { memoryLedger, type InvoiceLedger } from './ledger.js'
export { runBilling, correctInvoice, type RunOutcome, type RunCustomer, type RunOptions } from './run.js'
import type { renderEInvoice as render } from './e-invoice/render.js'

/**
 * The invoice as XRechnung CII or UBL XML, or as a ZUGFeRD PDF. The e-invoice libraries load on
 * the first call, so every command and request that renders none starts without them.
 */
export async function renderEInvoice (...args: Parameters<typeof render>): ReturnType<typeof render> {
  const { renderEInvoice } = await import('./e-invoice/render.js')
  return renderEInvoice(...args)
}
export { eInvoiceFormats, isEInvoiceFormat, type EInvoiceFormat } from './e-invoice/formats.js'
export { toUblInvoice } from './e-invoice/to-ubl.js'
export type { InvoiceLanguage } from './e-invoice/texts.js'
export { BillingDesk, type BillingSettings, type CustomerProfile, type BillingDeskOptions, type DeskRunOutcome } from './desk.js'
export { bookedOffer, toSubscriptionInput, type BookedSubscription } from './booked.js'
export { unpricedMember, unbillableComponent, issueIn, runWarningHeader, type BillingWarning, type UnpricedCause } from './warnings.js'
export { currencyWithoutRate, invalidAmount, unknownProvider, unknownUsageComponent, vatRateUnknown, type InvalidAmount } from './refusals.js'
export { usageComponentId } from './usage-component.js'
export { invoiceToQuads, invoiceFromQuads } from './to-rdf.js'
export { storeLedger, invoiceGraph, invoiceGraphBase } from './store-ledger.js'
export { invoiceSummary, type InvoiceSummary } from './summary.js'
