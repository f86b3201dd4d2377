/**
 * Why an order item, an order, an undo step or a webhook delivery failed, in English and
 * German. Records keep a reason as `{ en, de }`; a record written before reasons had
 * languages holds a plain string, which is shown as it is in both. URLs, statuses and a
 * provider's own words are quoted as they came.
 *
 * @example
 * reasonIn(timedOut('https://api.example.org/orders', 500), 'de') // 'https://api.example.org/orders hat nicht innerhalb von 500 ms geantwortet'
 */
import { errorLanguageOf, type ErrorMessages } from '../errors.js'
import { addressName, kindName } from './private-address.js'
import type { EgressAudience, PrivateRange } from './private-address.js'
import type { HistoryEntry, Order, Subscription, WebhookDelivery } from './types.js'

/** A reason as stored: both languages, or a plain string from a record of the earlier format. */
export type Reason = ErrorMessages | string

/** The reason in a language (German for `de…`, else English); a plain string as it is. */
export function reasonIn (reason: Reason, language: string | undefined): string {
  return typeof reason === 'string' ? reason : reason[errorLanguageOf(language)]
}

/** A history as a reader sees it: why each change happened in a language. */
export function historyIn (history: readonly HistoryEntry[], language: string | undefined): HistoryEntry[] {
  return history.map(entry => ({ ...entry, why: reasonIn(entry.why, language) }))
}

/** The order as a reader sees it: its reasons, its items' reasons and every history in a language. */
export function orderIn (order: Order, language: string | undefined): Order {
  return {
    ...order,
    ...(order.reason === undefined ? {} : { reason: reasonIn(order.reason, language) }),
    items: order.items.map(item => ({
      ...item,
      ...(item.reason === undefined ? {} : { reason: reasonIn(item.reason, language) }),
      history: historyIn(item.history, language)
    })),
    history: historyIn(order.history, language)
  }
}

/** The subscription as a reader sees it: its history in a language. */
export function subscriptionIn (subscription: Subscription, language: string | undefined): Subscription {
  return { ...subscription, history: historyIn(subscription.history, language) }
}

/** A webhook's latest delivery as a reader sees it: its reason in a language. */
export function deliveryIn (delivery: WebhookDelivery, language: string | undefined): WebhookDelivery {
  return delivery.reason === undefined ? delivery : { ...delivery, reason: reasonIn(delivery.reason, language) }
}

/** The reason in both languages (a plain string reads the same in each). */
export function bothLanguages (reason: Reason): ErrorMessages {
  return typeof reason === 'string' ? { en: reason, de: reason } : reason
}

/** Builds a text in both languages from parts that may be reasons. */
function compose (build: (language: 'en' | 'de', part: (reason: Reason) => string) => string): ErrorMessages {
  return { en: build('en', reason => reasonIn(reason, 'en')), de: build('de', reason => reasonIn(reason, 'de')) }
}

/** Nothing was attempted (no attempts allowed). */
export const notAttempted: ErrorMessages = { en: 'not attempted', de: 'nicht versucht' }

/** An endpoint gave no answer in time. */
export function timedOut (url: string, ms: number): ErrorMessages {
  return { en: `${url} did not answer within ${ms} ms`, de: `${url} hat nicht innerhalb von ${ms} ms geantwortet` }
}

/** An endpoint answered a status worth retrying (408, 429, 5xx); `body`: the start of its answer, as it came. */
export function answeredStatus (url: string, status: number, body = ''): ErrorMessages {
  return { en: `${url} answered ${status}${body}`, de: `${url} antwortete ${status}${body}` }
}

/** A provider endpoint refused the request for good (4xx). */
export function refusedRequest (url: string, status: number, body: string): ErrorMessages {
  return { en: `${url} refused the request: ${status}${body}`, de: `${url} lehnte die Anfrage ab: ${status}${body}` }
}

/** A provider endpoint answered without a JSON body. */
export function noJsonBody (url: string, status: number): ErrorMessages {
  return { en: `${url} answered ${status} without a JSON body`, de: `${url} antwortete ${status} ohne JSON-Rumpf` }
}

/** A provider endpoint answered without a status the platform knows. */
export function noKnownStatus (url: string): ErrorMessages {
  return {
    en: `${url} answered without a known "status" (acknowledged, inProgress, completed, failed, cancelled)`,
    de: `${url} antwortete ohne bekannten "status" (acknowledged, inProgress, completed, failed, cancelled)`
  }
}

/** The last attempt's reason after every attempt was used. */
export function gaveUp (reason: Reason, attempts: number): ErrorMessages {
  return compose((language, part) => language === 'de'
    ? `${part(reason)} (nach ${attempts} Versuchen aufgegeben)`
    : `${part(reason)} (gave up after ${attempts} attempts)`)
}

/** The secret an adapter authenticates with is not configured. */
export function credentialMissing (secretName: string | undefined, endpoint: string): ErrorMessages {
  const name = secretName ?? '(unnamed)'
  return {
    en: `the credential "${name}" for ${endpoint} is not configured; the operator adds it to secrets.json in the data directory or as an environment variable`,
    de: `die Zugangsdaten "${name}" für ${endpoint} sind nicht hinterlegt; der Betreiber trägt sie in secrets.json im Datenverzeichnis oder als Umgebungsvariable ein`
  }
}

/** The credential an adapter names is bound to another provider in secrets.json: it is not sent. */
export function credentialBound (secretName: string, boundTo: string, provider: string, endpoint: string): ErrorMessages {
  return {
    en: `the credential "${secretName}" is bound to <${boundTo}> in secrets.json, so it is not sent to ${endpoint} for <${provider}>; the provider names a credential of its own in sym:secretName, or the operator binds this one to <${provider}>`,
    de: `die Zugangsdaten "${secretName}" sind in secrets.json an <${boundTo}> gebunden und werden daher nicht für <${provider}> an ${endpoint} gesendet; der Anbieter nennt eigene Zugangsdaten in sym:secretName, oder der Betreiber bindet diese an <${provider}>`
  }
}

/** An adapter's payload query failed; `message` is the query engine's own. */
export function payloadQueryFailed (provider: string, message: string): ErrorMessages {
  return { en: `the payload query of ${provider} failed: ${message}`, de: `die Payload-Abfrage von ${provider} ist gescheitert: ${message}` }
}

/** A provider's own reason, quoted as it wrote it; `provider`: its name in each language. */
export function providerReported (provider: ErrorMessages, words: string): ErrorMessages {
  return { en: `${provider.en} reported: “${words}”`, de: `${provider.de} meldete: „${words}“` }
}

/** A provider reported a failure without saying why. */
export function providerReportedFailure (provider: ErrorMessages): ErrorMessages {
  return { en: `${provider.en} reported a failure without a reason`, de: `${provider.de} meldete ein Scheitern ohne Begründung` }
}

/** A provider answered the request with a refusal, without saying why. */
export function providerRefusedItem (provider: ErrorMessages): ErrorMessages {
  return { en: `${provider.en} refused the item without a reason`, de: `${provider.de} lehnte die Position ohne Begründung ab` }
}

/** A provider refused to undo its item, without saying why. */
export function providerRefusedUndo (provider: ErrorMessages): ErrorMessages {
  return { en: `${provider.en} refused the cancellation without a reason`, de: `${provider.de} lehnte die Stornierung ohne Begründung ab` }
}

/** An item that was done could not be undone after a failure elsewhere in the order. */
export function notUndone (reason: Reason): ErrorMessages {
  return compose((language, part) => language === 'de' ? `konnte nicht rückgängig gemacht werden: ${part(reason)}` : `could not be undone: ${part(reason)}`)
}

/** What ended an order `failed`: each failed item and its reason, and the items that could not be undone (by item number: a reason names its provider). */
export function orderFailed (kind: 'cancel' | 'other', failed: ReadonlyArray<{ id: string, reason?: Reason }>, notUndoneBy: readonly string[]): ErrorMessages {
  return compose((language, part) => {
    const item = (id: string): string => language === 'de' ? `Position ${id}` : `item ${id}`
    const reasons = failed.map(failure => `${item(failure.id)}: ${failure.reason === undefined ? (language === 'de' ? 'gescheitert' : 'failed') : part(failure.reason)}`).join('; ')
    if (kind === 'cancel') {
      return language === 'de' ? `nicht jeder Anbieter hat die Kündigung bestätigt: ${reasons}` : `not every provider confirmed the cancellation: ${reasons}`
    }
    if (notUndoneBy.length === 0) {
      return language === 'de' ? `gescheitert, jede andere Position storniert: ${reasons}` : `failed, every other item cancelled: ${reasons}`
    }
    const stuck = notUndoneBy.map(item).join(', ')
    return language === 'de' ? `gescheitert: ${reasons}; nicht rückgängig zu machen: ${stuck}` : `failed: ${reasons}; could not undo ${stuck}`
  })
}

export function deliveryRefused (url: string, status: number): ErrorMessages {
  return { en: `${url} refused the delivery: ${status}`, de: `${url} lehnte die Zustellung ab: ${status}` }
}

/** Delivery stopped between attempts because the server shuts down. */
export function stoppedBefore (reason: Reason, attempt: number): ErrorMessages {
  return compose((language, part) => language === 'de'
    ? `${part(reason)}; vor Versuch ${attempt} abgebrochen (der Server fährt herunter)`
    : `${part(reason)}; stopped before attempt ${attempt} (the server is shutting down)`)
}

/** Delivery stopped during an attempt because the server shuts down. */
export function stoppedAt (url: string, attempt: number): ErrorMessages {
  return { en: `${url}: stopped at attempt ${attempt} (the server is shutting down)`, de: `${url}: bei Versuch ${attempt} abgebrochen (der Server fährt herunter)` }
}

/**
 * A provider endpoint or customer webhook the platform does not call: its host is (or
 * `address`, what it resolves to, is) a non-public address, in `range` (an IPv6 address judged
 * by the IPv4 address it carries names that address too). Nothing was sent.
 */
export function endpointRefused (url: string, host: string, address: string | undefined, range: PrivateRange, audience: EgressAudience = 'provider'): ErrorMessages {
  const name = kindName(range.kind)
  const named = addressName(address ?? host, range)
  const en = address === undefined ? `${named.en} is ${name.en} address` : `${host} resolves to ${named.en}, ${name.en} address`
  const de = address === undefined ? `${named.de} ist ${name.de}Adresse` : `${host} wird zu ${named.de} aufgelöst; das ist ${name.de}Adresse`
  return audience === 'provider'
    ? {
        en: `${url} was not called: ${en}, to which this server sends no provider requests; the provider publishes an endpoint on a public address, or the operator allows private provider addresses (serve --allow-private-providers)`,
        de: `${url} wurde nicht aufgerufen: ${de}, an die dieser Server keine Anfragen an Anbieter sendet; der Anbieter veröffentlicht einen Endpunkt unter einer öffentlichen Adresse, oder der Betreiber erlaubt private Anbieteradressen (serve --allow-private-providers)`
      }
    : {
        en: `${url} was not called: ${en}, to which this server delivers no webhooks; set a webhook on a public host, or the operator allows private webhook hosts (serve --allow-private-webhooks)`,
        de: `${url} wurde nicht aufgerufen: ${de}, an die dieser Server keine Webhooks zustellt; richten Sie einen Webhook auf einem öffentlichen Host ein, oder der Betreiber erlaubt private Webhook-Hosts (serve --allow-private-webhooks)`
      }
}

/** A provider endpoint that is no http(s) URL, or names a user or password: nothing was sent. */
export function endpointNotCallable (url: string, why: 'scheme' | 'credentials'): ErrorMessages {
  return why === 'scheme'
    ? { en: `${url} was not called: a provider endpoint is an http(s) URL; the provider describes it as one`, de: `${url} wurde nicht aufgerufen: ein Anbieterendpunkt ist eine http(s)-URL; der Anbieter beschreibt ihn als solche` }
    : { en: `${url} was not called: a provider endpoint carries no user name or password; the provider names its credential in sym:secretName instead`, de: `${url} wurde nicht aufgerufen: ein Anbieterendpunkt enthält keinen Benutzernamen und kein Passwort; der Anbieter nennt seine Zugangsdaten stattdessen in sym:secretName` }
}

/**
 * An endpoint's host name did not resolve, before the request (so it could not be checked) or
 * when it connected: nothing was sent. `code` is the look-up's: ENOTFOUND and ENODATA say the
 * name has no address (a wrong name or a missing DNS entry), EAI_AGAIN that no name server
 * answered in time.
 */
export function hostUnresolved (url: string, host: string, code: string): ErrorMessages {
  if (code === 'ENOTFOUND' || code === 'ENODATA') {
    return {
      en: `${url} unreachable: its host name ${host} does not resolve to any address (${code}); the name is wrong or its DNS entry is missing`,
      de: `${url} nicht erreichbar: der Hostname ${host} wird zu keiner Adresse aufgelöst (${code}); der Name ist falsch oder sein DNS-Eintrag fehlt`
    }
  }
  if (code === 'EAI_AGAIN') {
    return {
      en: `${url} unreachable: its host name ${host} could not be resolved, no name server answered in time (${code})`,
      de: `${url} nicht erreichbar: der Hostname ${host} konnte nicht aufgelöst werden, kein Nameserver hat rechtzeitig geantwortet (${code})`
    }
  }
  return { en: `${url} unreachable: its host name ${host} could not be resolved (${code})`, de: `${url} nicht erreichbar: der Hostname ${host} konnte nicht aufgelöst werden (${code})` }
}
