/**
 * Addresses the platform does not send to unless the operator allows it: loopback, link-local,
 * private-range (RFC 1918, IPv6 unique local), carrier-grade NAT (RFC 6598), unspecified,
 * multicast and broadcast addresses, IPv4-mapped IPv6 forms included, and the `localhost` names
 * (RFC 6761). Customers' webhooks and providers' endpoints are both checked against them.
 */
import { BlockList, isIP } from 'node:net'
import type { ErrorMessages } from '../errors.js'

/** Why an address is not public. */
/** Whom a request goes to, which decides who can change its address and how the operator allows private ones. */
export type EgressAudience = 'provider' | 'webhook'

export type PrivateKind = 'unspecified' | 'loopback' | 'private' | 'carrier-grade NAT' | 'link-local' | 'multicast' | 'broadcast'

const ranges: ReadonlyArray<readonly [PrivateKind, ReadonlyArray<readonly [string, number]>, ReadonlyArray<readonly [string, number]>]> = [
  // [kind, IPv4 networks, IPv6 networks]
  ['unspecified', [['0.0.0.0', 8]], [['::', 128]]],
  ['loopback', [['127.0.0.0', 8]], [['::1', 128]]],
  ['private', [['10.0.0.0', 8], ['172.16.0.0', 12], ['192.168.0.0', 16]], [['fc00::', 7]]],
  ['carrier-grade NAT', [['100.64.0.0', 10]], []],
  ['link-local', [['169.254.0.0', 16]], [['fe80::', 10]]],
  ['multicast', [['224.0.0.0', 4]], [['ff00::', 8]]],
  ['broadcast', [['255.255.255.255', 32]], []]
]

const lists = ranges.map(([kind, v4, v6]) => {
  const list = new BlockList()
  for (const [network, prefix] of v4) list.addSubnet(network, prefix, 'ipv4')
  for (const [network, prefix] of v6) list.addSubnet(network, prefix, 'ipv6')
  return [kind, list] as const
})

/**
 * The kind of non-public range an IP literal is in (IPv4-mapped IPv6 included, in dotted or
 * hexadecimal form); undefined for a public address and for anything that is not an IP literal.
 *
 * @example
 * privateKind('::ffff:7f00:1') // 'loopback': 127.0.0.1
 */
export function privateKind (address: string): PrivateKind | undefined {
  const version = isIP(address)
  if (version === 0) return undefined
  const mapped = version === 6 ? /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1] ?? hexMapped(address) : undefined
  const [checked, family] = mapped !== undefined ? [mapped, 'ipv4' as const] : [address, version === 4 ? 'ipv4' as const : 'ipv6' as const]
  return lists.find(([, list]) => list.check(checked, family))?.[0]
}

/** True for an IP literal in a loopback, link-local, private, CGNAT, unspecified, multicast or broadcast range. */
export function isPrivateAddress (address: string): boolean {
  return privateKind(address) !== undefined
}

const kindNames: Readonly<Record<PrivateKind, ErrorMessages>> = {
  unspecified: { en: 'an unspecified', de: 'eine unspezifizierte ' },
  loopback: { en: 'a loopback', de: 'eine Loopback-' },
  private: { en: 'a private', de: 'eine private ' },
  'carrier-grade NAT': { en: 'a carrier-grade NAT', de: 'eine Carrier-Grade-NAT-' },
  'link-local': { en: 'a link-local', de: 'eine Link-Local-' },
  multicast: { en: 'a multicast', de: 'eine Multicast-' },
  broadcast: { en: 'a broadcast', de: 'eine Broadcast-' }
}

/** The kind with its article, before "address" (`a loopback` address, `eine Loopback-`Adresse). */
export function kindName (kind: PrivateKind): ErrorMessages {
  return kindNames[kind]
}

/**
 * A URL's host name as compared: without the brackets of an IPv6 literal, without trailing dots
 * (they name the same host: `localhost.` is `localhost`), lower-cased.
 */
export function bareHost (hostname: string): string {
  return hostname.replace(/^\[|\]$/g, '').replace(/\.+$/, '').toLowerCase()
}

/** True for `localhost` and names under it, which always name this machine (RFC 6761 §6.3). */
export function isLocalName (host: string): boolean {
  return host === 'localhost' || host.endsWith('.localhost')
}

/** `::ffff:7f00:1`, the hexadecimal form the URL parser gives IPv4-mapped addresses, as `127.0.0.1`. */
function hexMapped (address: string): string | undefined {
  const match = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address)
  if (match === null) return undefined
  const high = parseInt(match[1]!, 16)
  const low = parseInt(match[2]!, 16)
  return `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`
}
