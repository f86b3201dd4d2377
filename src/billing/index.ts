/** Billing: one invoice per customer and period across all providers, and each provider's share. */
export type * from './types.js'
export { computeInvoice } from './compute-invoice.js'
export { parsePeriod, periodOf, nextPeriod } from './period.js'
export { formatMinor, minorDigits } from './decimal.js'
export { standardVatRates } from './vat.js'
export { offerComponents, componentBilling } from './offer-components.js'
