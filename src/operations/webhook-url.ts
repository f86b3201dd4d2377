/**
 * Checks a customer's webhook URL before it is stored: absolute http(s), no user name or
 * password, at most 2,000 characters, and (unless the server allows private webhook hosts) no
 * `localhost` and no loopback, link-local, private-range or unspecified IP literal. Host names
 * that resolve to such addresses are left to the operator's network policy (egress rules): a
 * check at set time says nothing about what the name resolves to at delivery time.
 */
import { BlockList, isIP } from 'node:net'
import { SymphonyError } from '../errors.js'

/** Longest webhook URL accepted. */
export const webhookUrlLimit = 2000

const privateRanges = new BlockList()
for (const [network, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16],
  ['172.16.0.0', 12], ['192.168.0.0', 16]
] as const) privateRanges.addSubnet(network, prefix, 'ipv4')
for (const [network, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10]] as const) privateRanges.addSubnet(network, prefix, 'ipv6')

/** True for an IP literal in a loopback, link-local, private or unspecified range (IPv4-mapped IPv6 included). */
export function isPrivateAddress (address: string): boolean {
  const version = isIP(address)
  if (version === 4) return privateRanges.check(address, 'ipv4')
  if (version !== 6) return false
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1] ?? hexMapped(address)
  return mapped !== undefined ? privateRanges.check(mapped, 'ipv4') : privateRanges.check(address, 'ipv6')
}

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
    // Trailing dots name the same host (the DNS root): `localhost.` is `localhost`.
    const host = parsed.hostname.replace(/^\[|\]$/g, '').replace(/\.+$/, '').toLowerCase()
    if (host === 'localhost' || host.endsWith('.localhost') || isPrivateAddress(host)) {
      throw new SymphonyError('BAD_REQUEST', {
        en: `url: ${parsed.hostname} is a local or private address, which this server does not deliver to; give a public host name (the operator allows private hosts with serve --allow-private-webhooks)`,
        de: `url: ${parsed.hostname} ist eine lokale oder private Adresse, an die dieser Server nicht zustellt; geben Sie einen öffentlichen Hostnamen an (der Betreiber erlaubt private Hosts mit serve --allow-private-webhooks)`
      })
    }
  }
  return parsed.href
}

/** `::ffff:7f00:1`, the hexadecimal form the URL parser gives IPv4-mapped addresses, as `127.0.0.1`. */
function hexMapped (address: string): string | undefined {
  const match = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address)
  if (match === null) return undefined
  const high = parseInt(match[1]!, 16)
  const low = parseInt(match[2]!, 16)
  return `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`
}
