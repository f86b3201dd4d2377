/**
 * What an event tells a customer, in English and German: providers and services by their
 * names, states and kinds in words; ids as the API gives them; a provider's own reason quoted
 * as it came. The event's `data` keeps the IRIs and codes for programs.
 */
import { randomUUID } from 'node:crypto'
import type { ErrorMessages } from '../errors.js'
import type { OperationsEvent } from './types.js'
import { reasonIn, type Reason } from './reasons.js'

/** States and kinds of orders, items and subscriptions as a customer reads them. */
const words: Readonly<Record<'en' | 'de', Readonly<Record<string, string>>>> = {
  en: {
    new: 'new', acknowledged: 'acknowledged', inProgress: 'in progress', completed: 'completed', failed: 'failed', cancelled: 'cancelled',
    active: 'active', cancelling: 'being cancelled',
    book: 'booking', changeSeats: 'seat change', changeMembers: 'member change', cancel: 'cancellation'
  },
  de: {
    new: 'neu', acknowledged: 'bestätigt', inProgress: 'in Arbeit', completed: 'abgeschlossen', failed: 'fehlgeschlagen', cancelled: 'storniert',
    active: 'aktiv', cancelling: 'wird gekündigt',
    book: 'Buchung', changeSeats: 'Änderung der Arbeitsplätze', changeMembers: 'Änderung der Mitglieder', cancel: 'Kündigung'
  }
}

/** Who acted (`HistoryEntry.by.role`) as the language names it. */
export function roleName (role: string, language: 'en' | 'de'): string {
  return language === 'de' ? ({ customer: 'Kunde', provider: 'Anbieter', operator: 'Betreiber', platform: 'Plattform' } as Readonly<Record<string, string>>)[role] ?? role : role
}

/** A state or kind in words in the language; anything else as it is. */
export const word = (value: string, language: 'en' | 'de'): string => words[language][value] ?? value

/** An order (a booking or a change of a subscription) is acknowledged. */
export function orderAcknowledged (order: string, kind?: string): ErrorMessages {
  return kind === undefined
    ? { en: `order ${order} acknowledged`, de: `Bestellung ${order} bestätigt` }
    : { en: `order ${order} (${word(kind, 'en')}) acknowledged`, de: `Bestellung ${order} (${word(kind, 'de')}) bestätigt` }
}

/** An item of an order changed its state; the provider by its name in each language. */
export function itemState (provider: ErrorMessages, item: string, order: string, state: string): ErrorMessages {
  return {
    en: `${provider.en}: item ${item} of order ${order} is ${word(state, 'en')}`,
    de: `${provider.de}: Position ${item} der Bestellung ${order} ist jetzt ${word(state, 'de')}`
  }
}

/** An order changed its state, with the reason of a failure. */
export function orderState (order: string, state: string, reason: Reason | undefined): ErrorMessages {
  const why = (language: 'en' | 'de'): string => reason === undefined ? '' : `: ${reasonIn(reason, language)}`
  return { en: `order ${order} is ${word(state, 'en')}${why('en')}`, de: `Bestellung ${order} ist jetzt ${word(state, 'de')}${why('de')}` }
}

/** A booked subscription is active. */
export function subscriptionActive (subscription: string): ErrorMessages {
  return { en: `subscription ${subscription} is active`, de: `Abonnement ${subscription} ist aktiv` }
}

/** A change of a subscription ended. */
export function subscriptionChanged (subscription: string, kind: string, state: string): ErrorMessages {
  return {
    en: `subscription ${subscription}: ${word(kind, 'en')} ${word(state, 'en')}`,
    de: `Abonnement ${subscription}: ${word(kind, 'de')} ${word(state, 'de')}`
  }
}

/**
 * A provider deprecated a version of services of a subscription, or published a new one; the
 * provider and the services by their names in each language.
 */
export function serviceChanged (provider: ErrorMessages, type: 'service.deprecated' | 'service.newVersion', version: number, services: readonly ErrorMessages[], subscription: string): ErrorMessages {
  const listed = (language: 'en' | 'de'): string => services.map(service => service[language]).join(', ')
  return type === 'service.deprecated'
    ? {
        en: `${provider.en} deprecated version ${version} of ${listed('en')}, part of your subscription ${subscription}`,
        de: `${provider.de} hat Version ${version} von ${listed('de')} abgekündigt, Teil Ihres Abonnements ${subscription}`
      }
    : {
        en: `${provider.en} published version ${version} of ${listed('en')}, part of your subscription ${subscription}`,
        de: `${provider.de} hat Version ${version} von ${listed('de')} veröffentlicht, Teil Ihres Abonnements ${subscription}`
      }
}

/** A new event for a customer, its message in English and German. */
export function newEvent (customer: string, at: string, type: OperationsEvent['type'], subject: string, messages: ErrorMessages, data: OperationsEvent['data']): OperationsEvent {
  return { id: randomUUID(), at, customer, type, subject, message: messages.en, messages, data }
}
