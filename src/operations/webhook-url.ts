/**
 * Checks a customer's webhook URL before it is stored: absolute http(s), no user name or
 * password, at most 2,000 characters, and (unless the server allows private webhook hosts) no
 * `localhost` and no IP literal in a non-public range: loopback, link-local, private-range,
 * documentation and the others of `private-address.ts`. Host names are not resolved here: what a
 * name resolves to now says nothing about delivery time, so each delivery checks the addresses it
 * connects to (`provider-egress.ts`).
 */
import { SymphonyError } from '../errors.js'
import { addressName, bareHost, isLocalName, kindName, privateRange } from './private-address.js'

/** Longest webhook URL accepted. */
export const webhookUrlLimit = 2000

/**
 * The URL, normalized, or a BAD_REQUEST that says what is wrong with it.
 *
 * @example
 * checkWebhookUrl('https://hooks.example.org/symphony', { allowPrivate: false }) // 'https://hooks.example.org/symphony'
 */
export function checkWebhookUrl (url: unknown, options: { allowPrivate: boolean }): string {
  if (typeof url !== 'string' || url === '') throw new SymphonyError('BAD_REQUEST', {
      en: 'url: give the webhook as an absolute https URL, e.g. { "url": "https://hooks.example.org/symphony" }',
      de: 'url: geben Sie den Webhook als absolute https-URL an, z. B. { "url": "https://hooks.example.org/symphony" }'
    })
  if (url.length > webhookUrlLimit) throw new SymphonyError('BAD_REQUEST', { en: `url: ${url.length} characters; a webhook URL has at most ${webhookUrlLimit}`, de: `url: ${url.length} Zeichen; eine Webhook-URL hat höchstens ${webhookUrlLimit}` })
  if (!URL.canParse(url)) throw new SymphonyError('BAD_REQUEST', { en: `url: ${url} is not an absolute URL; give one like https://hooks.example.org/symphony`, de: `url: ${url} ist keine absolute URL; geben Sie eine wie https://hooks.example.org/symphony an` })
  const parsed = new URL(url)
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    const scheme = parsed.protocol.slice(0, -1)
    throw new SymphonyError('BAD_REQUEST', { en: `url: ${url} uses ${scheme}; a webhook is an https (or http) URL`, de: `url: ${url} verwendet ${scheme}; ein Webhook ist eine https- (oder http-)URL` })
  }
  if (parsed.username !== '' || parsed.password !== '') {
    throw new SymphonyError('BAD_REQUEST', {
      en: 'url: a webhook URL carries no user name or password; check the Symphony-Signature header of each delivery instead',
      de: 'url: eine Webhook-URL enthält keinen Benutzernamen und kein Passwort; prüfen Sie stattdessen den Header Symphony-Signature jeder Zustellung'
    })
  }
  if (!options.allowPrivate) {
    const host = bareHost(parsed.hostname)
    const range = isLocalName(host) ? { kind: 'loopback' as const } : privateRange(host)
    if (range !== undefined) {
      const name = kindName(range.kind)
      const named = addressName(parsed.hostname, range)
      throw new SymphonyError('BAD_REQUEST', {
        en: `url: ${named.en} is a local or private address (${name.en} address), which this server does not deliver to; give a public host name (the operator allows private hosts with serve --allow-private-webhooks)`,
        de: `url: ${named.de} ist eine lokale oder private Adresse (${name.de}Adresse), an die dieser Server nicht zustellt; geben Sie einen öffentlichen Hostnamen an (der Betreiber erlaubt private Hosts mit serve --allow-private-webhooks)`
      })
    }
  }
  return parsed.href
}
