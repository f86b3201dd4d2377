/**
 * Why an order, an order item or a subscription changed its state, in English and German, as
 * its history keeps it. Ids, IRIs, states and a provider's or customer's own words are quoted as
 * they came; a history entry written before reasons had languages holds a plain string.
 *
 * @example
 * reasonIn(seatsChanged(3, 5), 'de') // 'Plätze 3 → 5'
 */
import type { ErrorMessages } from '../errors.js'
import { roleName, word } from './event-texts.js'
import { reasonIn, type Reason } from './reasons.js'

/** Words quoted as they were written, the same in both languages. */
export function quoted (words: string): ErrorMessages {
  return { en: words, de: words }
}

/** A customer booked the bundle. */
export const booked: ErrorMessages = { en: 'booked', de: 'gebucht' }

/** A new item: what it asks of its provider for which services (by name, in each language). */
export function itemCreated (action: 'order' | 'modify' | 'cancel', services: readonly ErrorMessages[]): ErrorMessages {
  const listed = (language: 'en' | 'de'): string => services.map(service => service[language]).join(', ')
  const verbs = { order: 'bestellen', modify: 'ändern', cancel: 'kündigen' }
  return { en: `${action} ${listed('en')}`, de: `${listed('de')} ${verbs[action]}` }
}

/** A provider's endpoint answered a request for the item with a status (a state in words). */
export function answered (status: string | number): ErrorMessages {
  return { en: `answered ${word(String(status), 'en')}`, de: `antwortete ${word(String(status), 'de')}` }
}

/** A polled provider reported the item's status. */
export function polledStatus (status: string): ErrorMessages {
  return { en: `status ${word(status, 'en')}`, de: `Status ${word(status, 'de')}` }
}

/** Someone (a provider or the operator) reported the item's status. */
export function reportedStatus (role: string, status: string): ErrorMessages {
  return { en: `${role} reported ${word(status, 'en')}`, de: `${roleName(role, 'de')} meldete ${word(status, 'de')}` }
}

/** A manual item is cancelled after a failure: the provider sees it among its items. */
export const manualCancelled: ErrorMessages = {
  en: 'order failed; the provider sees the cancellation in its items',
  de: 'Bestellung gescheitert; der Anbieter sieht die Stornierung bei seinen Positionen'
}

/** An item is cancelled before it was ever sent, because the order failed. */
export const neverSent: ErrorMessages = { en: 'order failed before the item was sent', de: 'Bestellung gescheitert, bevor die Position gesendet wurde' }

/** A provider undid its item after another item of the order failed. */
export const undoneAfterFailure: ErrorMessages = { en: 'undone after a failure elsewhere in the order', de: 'nach einem Scheitern an anderer Stelle der Bestellung rückgängig gemacht' }

/** Every item of the order completed. */
export const everyItemCompleted: ErrorMessages = { en: 'every item completed', de: 'jede Position abgeschlossen' }

/** A provider took up its item, so the order is in progress. */
export const providerTookUp: ErrorMessages = { en: 'a provider took up its item', de: 'ein Anbieter hat seine Position aufgenommen' }

/** A seat change order: from how many seats to how many. */
export function seatsChanged (from: number, to: number): ErrorMessages {
  return { en: `seats ${from} → ${to}`, de: `Plätze ${from} → ${to}` }
}

/** A member change order: the services it adds and removes. */
export function membersChanged (added: readonly string[], removed: readonly string[]): ErrorMessages {
  const part = (words: string, services: readonly string[]): string => services.length === 0 ? '' : `${words} ${services.join(', ')}`
  const join = (...parts: string[]): string => parts.filter(Boolean).join('; ')
  return { en: join(part('add', added), part('remove', removed)), de: join(part('hinzufügen:', added), part('entfernen:', removed)) }
}

/** A cancellation order, with the customer's own reason when given. */
export function cancelRequested (reason: string | undefined): ErrorMessages {
  return reason === undefined || reason === ''
    ? { en: 'cancel the subscription', de: 'das Abonnement kündigen' }
    : { en: `cancel the subscription: ${reason}`, de: `das Abonnement kündigen: ${reason}` }
}

/** The order that moves a subscription. */
export function byOrder (order: string): ErrorMessages {
  return { en: `order ${order}`, de: `Bestellung ${order}` }
}

/** A subscription starts: its booking order completed. */
export function bookingCompleted (order: string): ErrorMessages {
  return { en: `order ${order} completed`, de: `Bestellung ${order} abgeschlossen` }
}

/** A subscription ends: its cancellation order completed. */
export function cancelledBy (order: string): ErrorMessages {
  return { en: `cancelled by order ${order}`, de: `gekündigt durch Bestellung ${order}` }
}

/** A cancellation did not end the subscription; `reason`: the order's, when it has one. */
export function cancellationIncomplete (reason: Reason | undefined): ErrorMessages {
  return {
    en: `cancellation incomplete: ${reason === undefined ? 'some providers did not confirm' : reasonIn(reason, 'en')}`,
    de: `Kündigung unvollständig: ${reason === undefined ? 'nicht jeder Anbieter hat bestätigt' : reasonIn(reason, 'de')}`
  }
}
