/**
 * Why a customer's invoice is refused, said in English and German: each refusal has a code
 * (`UNKNOWN_PROVIDER`, `VAT_RATE_UNKNOWN`, `CURRENCY_WITHOUT_RATE`, `UNKNOWN_USAGE_COMPONENT`,
 * `INVALID_AMOUNT`), the subject it concerns, and a message in both languages that says what
 * is missing and how to bill the period.
 */
import type { ErrorMessages } from '../errors.js'
import type { BillingIssue } from './types.js'

function issue (code: BillingIssue['code'], subject: string, messages: ErrorMessages): BillingIssue {
  return { code, subject, message: messages.en, messages }
}

/** `UNKNOWN_PROVIDER`: a member's provider has no billing details. */
export function unknownProvider (provider: string, service: string): BillingIssue {
  return issue('UNKNOWN_PROVIDER', provider, {
    en: `provider ${provider} of ${service} has no billing details: its description in the catalog has no country (schema:address/schema:addressCountry); publish it with its address, then run the period again`,
    de: `der Anbieter ${provider} von ${service} hat keine Rechnungsangaben: seine Beschreibung im Katalog nennt kein Land (schema:address/schema:addressCountry); veröffentlichen Sie sie mit seiner Anschrift, dann rechnen Sie den Zeitraum erneut ab`
  })
}

/** `VAT_RATE_UNKNOWN`: no VAT rate is known for the country a member is taxed in. */
export function vatRateUnknown (service: string, country: string): BillingIssue {
  return issue('VAT_RATE_UNKNOWN', service, {
    en: `no VAT rate for country ${country} (${service}); add it to the VAT rates of the billing settings (vatRates)`,
    de: `kein Umsatzsteuersatz für das Land ${country} (${service}); ergänzen Sie ihn in den Steuersätzen der Abrechnungseinstellungen (vatRates)`
  })
}

/** `CURRENCY_WITHOUT_RATE`: a component is priced in another currency than the invoice, with no exchange rate. */
export function currencyWithoutRate (component: string, from: string, to: string): BillingIssue {
  return issue('CURRENCY_WITHOUT_RATE', component, {
    en: `${component} is priced in ${from}, the invoice in ${to}; state an exchange rate ${from}→${to} or invoice in ${from}`,
    de: `${component} hat einen Preis in ${from}, die Rechnung ist in ${to}; geben Sie einen Wechselkurs ${from}→${to} an oder stellen Sie die Rechnung in ${from}`
  })
}

/** `UNKNOWN_USAGE_COMPONENT`: a usage record names no usage component of its subscription. */
export function unknownUsageComponent (record: { id: string, component: string, service: string, subscription: string }): BillingIssue {
  return issue('UNKNOWN_USAGE_COMPONENT', record.id, {
    en: `usage record ${record.id} names ${record.component} of ${record.service}, which is no usage component of subscription ${record.subscription}`,
    de: `der Verbrauchsdatensatz ${record.id} nennt ${record.component} von ${record.service}, das keine Verbrauchskomponente des Abonnements ${record.subscription} ist`
  })
}

/** What an `INVALID_AMOUNT` concerns. */
export type InvalidAmount =
  | { readonly kind: 'commission', readonly value: string }
  | { readonly kind: 'unitPrice', readonly value: string, readonly component: string }
  | { readonly kind: 'usageQuantity', readonly value: string, readonly record: string }

/** `INVALID_AMOUNT`: a commission, unit price or usage quantity that is not a decimal number. */
export function invalidAmount (amount: InvalidAmount): BillingIssue {
  const value = JSON.stringify(amount.value)
  switch (amount.kind) {
    case 'commission':
      return issue('INVALID_AMOUNT', 'commission', {
        en: `commission ${value} is not a decimal fraction (e.g. 0.15)`,
        de: `die Provision ${value} ist kein Dezimalbruch (z. B. 0.15)`
      })
    case 'unitPrice':
      return issue('INVALID_AMOUNT', amount.component, {
        en: `unit price ${value} of ${amount.component} is not a decimal number`,
        de: `der Stückpreis ${value} von ${amount.component} ist keine Dezimalzahl`
      })
    case 'usageQuantity':
      return issue('INVALID_AMOUNT', amount.record, {
        en: `usage quantity ${value} of ${amount.record} is not a decimal number`,
        de: `die Verbrauchsmenge ${value} von ${amount.record} ist keine Dezimalzahl`
      })
  }
}
