/**
 * What an event tells a customer, in English and German. States, kinds, ids and IRIs are
 * quoted as the API gives them; a provider's own reason is quoted as it came.
 */
import { randomUUID } from 'node:crypto'
import type { ErrorMessages } from '../errors.js'
import type { OperationsEvent } from './types.js'
import { reasonIn, type Reason } from './reasons.js'

/** An order (a booking or a change of a subscription) is acknowledged. */
export function orderAcknowledged (order: string, kind?: string): ErrorMessages {
  return kind === undefined
    ? { en: `order ${order} acknowledged`, de: `Bestellung ${order} angenommen` }
    : { en: `order ${order} (${kind}) acknowledged`, de: `Bestellung ${order} (${kind}) angenommen` }
}

/** An item of an order changed its state. */
export function itemState (provider: string, item: string, order: string, state: string): ErrorMessages {
  return { en: `${provider}: item ${item} of order ${order} is ${state}`, de: `${provider}: Position ${item} der Bestellung ${order} ist jetzt ${state}` }
}

/** An order changed its state, with the reason of a failure. */
export function orderState (order: string, state: string, reason: Reason | undefined): ErrorMessages {
  const why = (language: 'en' | 'de'): string => reason === undefined ? '' : `: ${reasonIn(reason, language)}`
  return { en: `order ${order} is ${state}${why('en')}`, de: `Bestellung ${order} ist jetzt ${state}${why('de')}` }
}

/** A booked subscription is active. */
export function subscriptionActive (subscription: string): ErrorMessages {
  return { en: `subscription ${subscription} is active`, de: `Abonnement ${subscription} ist aktiv` }
}

/** A change of a subscription ended. */
export function subscriptionChanged (subscription: string, kind: string, state: string): ErrorMessages {
  return { en: `subscription ${subscription}: ${kind} ${state}`, de: `Abonnement ${subscription}: ${kind} ${state}` }
}

/** A provider deprecated a version of services of a subscription, or published a new one. */
export function serviceChanged (provider: string, type: 'service.deprecated' | 'service.newVersion', version: number, services: readonly string[], subscription: string): ErrorMessages {
  const listed = services.join(', ')
  return type === 'service.deprecated'
    ? {
        en: `${provider} deprecated version ${version} of ${listed}, part of your subscription ${subscription}`,
        de: `${provider} hat Version ${version} von ${listed} abgekündigt, Teil Ihres Abonnements ${subscription}`
      }
    : {
        en: `${provider} published version ${version} of ${listed}, part of your subscription ${subscription}`,
        de: `${provider} hat Version ${version} von ${listed} veröffentlicht, Teil Ihres Abonnements ${subscription}`
      }
}

/** A new event for a customer, its message in English and German. */
export function newEvent (customer: string, at: string, type: OperationsEvent['type'], subject: string, messages: ErrorMessages, data: OperationsEvent['data']): OperationsEvent {
  return { id: randomUUID(), at, customer, type, subject, message: messages.en, messages, data }
}
