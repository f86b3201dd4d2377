/**
 * What an event tells a customer, in English and German. States, kinds, ids and IRIs are
 * quoted as the API gives them; a provider's own reason is quoted as it came.
 */
import type { ErrorMessages } from '../errors.js'

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
export function orderState (order: string, state: string, reason: string | undefined): ErrorMessages {
  return {
    en: `order ${order} is ${state}${reason === undefined ? '' : `: ${reason}`}`,
    de: `Bestellung ${order} ist jetzt ${state}${reason === undefined ? '' : `: ${reason}`}`
  }
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
