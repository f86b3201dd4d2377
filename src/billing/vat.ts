/**
 * Which VAT applies to a line, from the customer's and the provider's countries. The platform
 * invoices in the name of the providers, so each line's supplier is its provider:
 * - same country: that country's standard rate (`domestic`);
 * - different countries, business customer with a VAT id: reverse charge, 0 % (`AE`), the
 *   customer accounts for the VAT;
 * - different countries, consumer (or business without VAT id): the customer country's standard
 *   rate, since electronically supplied services are taxed where the customer is.
 */
import type { LineVat, PartyInput } from './types.js'

/**
 * Standard VAT rates in percent of the countries the example catalog serves. Operators pass
 * their own table (`BillingInput.vatRates`) for others or when a rate changes.
 */
export const standardVatRates: Readonly<Record<string, string>> = {
  AT: '20',
  BE: '21',
  DE: '19',
  ES: '21',
  FR: '20',
  IT: '22',
  LU: '17',
  NL: '21'
}

/** The line's VAT, or `undefined` when the applicable country has no rate in `rates`. */
export function lineVat (customer: PartyInput, provider: PartyInput, rates: Readonly<Record<string, string>>): LineVat | undefined {
  if (customer.country === provider.country) {
    const rate = rates[customer.country]
    return rate === undefined ? undefined : { category: 'S', rate, reason: 'domestic' }
  }
  if (customer.business && customer.vatId !== undefined && customer.vatId !== '') {
    return { category: 'AE', rate: '0', reason: 'reverse-charge' }
  }
  const rate = rates[customer.country]
  return rate === undefined ? undefined : { category: 'S', rate, reason: 'customer-country' }
}
