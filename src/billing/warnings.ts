/**
 * What a billing run leaves off an invoice, said in English and German: each warning has a
 * code (`UNPRICED_MEMBER`, `UNBILLABLE_COMPONENT`), the member or component it concerns, and
 * a message in both languages that says why and how to bill it.
 */
import { errorLanguageOf, type ErrorMessages } from '../errors.js'
import type { BillingIssue } from './types.js'

/** A warning of a run: `message` is the English text, `messages` has it in every language. */
export interface BillingWarning extends BillingIssue {
  readonly code: 'UNPRICED_MEMBER' | 'UNBILLABLE_COMPONENT'
}

/** Why a member is not billed. */
export type UnpricedCause =
  | { readonly kind: 'serviceGone' }
  | { readonly kind: 'offerGone', readonly offer: string | null }
  | { readonly kind: 'noComponents' }

/** `UNPRICED_MEMBER`: a member of a subscription is left off the invoice. */
export function unpricedMember (service: string, subscription: string, cause: UnpricedCause): BillingWarning {
  const messages: ErrorMessages = cause.kind === 'noComponents'
    ? {
        en: `${service} of ${subscription} is not billed: its offer has no price component the billing understands; declare its components in the vocabulary (sym:countedBy, sym:billingPeriod)`,
        de: `${service} von ${subscription} wird nicht abgerechnet: sein Angebot hat keine Preiskomponente, die die Abrechnung versteht; beschreiben Sie seine Komponenten im Vokabular (sym:countedBy, sym:billingPeriod)`
      }
    : {
        en: `${service} of ${subscription} is not billed: ${cause.kind === 'serviceGone' ? 'the catalog no longer has the service' : `the catalog has no offer ${cause.offer ?? '(none booked)'} for it`}; publish its offer again or correct the subscription, then run the period again`,
        de: `${service} von ${subscription} wird nicht abgerechnet: ${cause.kind === 'serviceGone' ? 'der Katalog hat den Dienst nicht mehr' : `der Katalog hat kein Angebot ${cause.offer ?? '(keines gebucht)'} dafür`}; veröffentlichen Sie sein Angebot erneut oder berichtigen Sie das Abonnement, dann rechnen Sie den Zeitraum erneut ab`
      }
  return { code: 'UNPRICED_MEMBER', subject: service, message: messages.en, messages }
}

/** `UNBILLABLE_COMPONENT`: a price component of a member's offer is left off the invoice. */
export function unbillableComponent (component: string, service: string, offer: string): BillingWarning {
  const messages: ErrorMessages = {
    en: `price component ${component} of ${service} is not billed: the vocabulary does not say what it is counted by and how often it is charged (sym:countedBy, sym:billingPeriod; monthly or once)`,
    de: `die Preiskomponente ${component} von ${service} wird nicht abgerechnet: das Vokabular sagt nicht, wonach sie gezählt und wie oft sie berechnet wird (sym:countedBy, sym:billingPeriod; monatlich oder einmalig)`
  }
  return { code: 'UNBILLABLE_COMPONENT', subject: `${offer}#${component}`, message: messages.en, messages }
}

/**
 * A warning or refusal as an answer gives it: code, subject and the message in a language
 * (German for `de…`, else English).
 */
export function issueIn (issue: BillingIssue, language: string | undefined): { code: string, subject: string, message: string } {
  return { code: issue.code, subject: issue.subject, message: issue.messages[errorLanguageOf(language)] }
}

/** The HTTP `Warning` header of a run that left charges off (ASCII, as header values are). */
export function runWarningHeader (count: number, language: string | undefined): string {
  return errorLanguageOf(language) === 'de'
    ? `199 symphony "${count} Posten nicht abgerechnet; siehe warnings in den Ergebnissen"`
    : `199 symphony "${count} charge(s) not billed; see warnings in the outcomes"`
}
