/**
 * Addresses the platform does not send to unless the operator allows it: the special-purpose
 * ranges of the IANA registries (RFC 6890) that are no public destination — loopback,
 * link-local, private-range (RFC 1918, IPv6 unique local and site-local), carrier-grade NAT
 * (RFC 6598), unspecified and "this network", multicast, broadcast, reserved (240.0.0.0/4), IETF
 * protocol assignments (but for the globally reachable services inside them), benchmarking,
 * documentation, discard-only, Teredo, the deprecated 6to4 relay anycast and ORCHID ranges and SRv6
 * segment identifiers — and the `localhost` names (RFC 6761). An IPv6 address that carries an
 * IPv4 address (IPv4-mapped, IPv4-compatible, NAT64, 6to4) is judged by the IPv4 address it
 * carries, where the request ends up. Customers' webhooks and providers' endpoints are both
 * checked against them.
 */
import { BlockList, isIP } from 'node:net'
import type { ErrorMessages } from '../errors.js'

/** Whom a request goes to, which decides who can change its address and how the operator allows private ones. */
export type EgressAudience = 'provider' | 'webhook'

/** Why an address is not public. */
export type PrivateKind =
  | 'unspecified' | 'this network' | 'loopback' | 'private' | 'site-local' | 'carrier-grade NAT' | 'link-local' | 'multicast' | 'broadcast'
  | 'reserved' | 'IETF protocol assignment' | 'benchmarking' | 'documentation' | 'discard-only' | 'Teredo' | '6to4 relay anycast'
  | 'ORCHID' | 'segment routing'

// [kind, IPv4 networks, IPv6 networks]; the first kind whose networks hold an address is its kind.
// Entries of the IANA IPv4 and IPv6 special-purpose address registries whose "globally
// reachable" is false or N/A (RFC 8190), and a few older ranges that are no public destination.
const ranges: ReadonlyArray<readonly [PrivateKind, ReadonlyArray<readonly [string, number]>, ReadonlyArray<readonly [string, number]>]> = [
  ['unspecified', [['0.0.0.0', 32]], [['::', 128]]],
  ['this network', [['0.0.0.0', 8]], []],
  ['loopback', [['127.0.0.0', 8]], [['::1', 128]]],
  // The local-use NAT64 prefix translates inside its operator's network, wherever its IPv4 part sits.
  ['private', [['10.0.0.0', 8], ['172.16.0.0', 12], ['192.168.0.0', 16]], [['fc00::', 7], ['64:ff9b:1::', 48]]],
  ['site-local', [], [['fec0::', 10]]],
  ['carrier-grade NAT', [['100.64.0.0', 10]], []],
  ['link-local', [['169.254.0.0', 16]], [['fe80::', 10]]],
  ['multicast', [['224.0.0.0', 4]], [['ff00::', 8]]],
  ['broadcast', [['255.255.255.255', 32]], []],
  ['reserved', [['240.0.0.0', 4]], []],
  ['benchmarking', [['198.18.0.0', 15]], [['2001:2::', 48]]],
  ['documentation', [['192.0.2.0', 24], ['198.51.100.0', 24], ['203.0.113.0', 24]], [['2001:db8::', 32], ['3fff::', 20]]],
  ['discard-only', [], [['100::', 64]]],
  ['Teredo', [], [['2001::', 32]]],
  // RFC 7526 deprecated the anycast relays; the range is no destination of its own any more.
  ['6to4 relay anycast', [['192.88.99.0', 24]], []],
  // RFC 4843's ORCHID prefix, ended in 2014 (ORCHIDv2, 2001:20::/28, is globally reachable).
  ['ORCHID', [], [['2001:10::', 28]]],
  ['segment routing', [], [['5f00::', 16]]],
  // Whatever the blocks hold beyond the globally reachable assignments below (and the more specific kinds above).
  ['IETF protocol assignment', [['192.0.0.0', 24]], [['2001::', 23]]]
]

/**
 * Assignments inside the blocks above that the registries mark "globally reachable: true": public
 * services (anycast PCP, TURN and DNS-SD registration servers, AMT relays, AS112, ORCHIDv2, drone
 * remote ID entity tags), reached on the Internet like any other public address, so allowed.
 */
const globallyReachable: ReadonlyArray<readonly [string, number]> = [
  ['192.0.0.9', 32], ['192.0.0.10', 32],
  ['2001:1::1', 128], ['2001:1::2', 128], ['2001:1::3', 128], ['2001:3::', 32], ['2001:4:112::', 48], ['2001:20::', 28], ['2001:30::', 28]
]

const reachable = new BlockList()
for (const [network, prefix] of globallyReachable) reachable.addSubnet(network, prefix, isIP(network) === 4 ? 'ipv4' : 'ipv6')

const lists = ranges.map(([kind, v4, v6]) => {
  const list = new BlockList()
  for (const [network, prefix] of v4) list.addSubnet(network, prefix, 'ipv4')
  for (const [network, prefix] of v6) list.addSubnet(network, prefix, 'ipv6')
  return [kind, list] as const
})

/** How an IPv6 address carries the IPv4 address it is judged by. */
export type CarriedForm = 'IPv4-mapped' | 'IPv4-compatible' | 'NAT64' | '6to4'

/**
 * The non-public range an address is in: its kind, and for an IPv6 address judged by the IPv4
 * address it carries, that address and how it is carried (the kind is the IPv4 address's).
 */
export interface PrivateRange {
  readonly kind: PrivateKind
  readonly carried?: { readonly form: CarriedForm, readonly address: string }
}

/**
 * The non-public range an IP literal is in; undefined for a public address and for anything that
 * is not an IP literal. An IPv6 address carrying an IPv4 address has the kind of the IPv4 address.
 *
 * @example
 * privateRange('::ffff:7f00:1') // { kind: 'loopback', carried: { form: 'IPv4-mapped', address: '127.0.0.1' } }
 * privateRange('fe80::1') // { kind: 'link-local' }
 */
export function privateRange (address: string): PrivateRange | undefined {
  const version = isIP(address)
  if (version === 0) return undefined
  const family = version === 4 ? 'ipv4' : 'ipv6'
  const carried = version === 6 ? embeddedIPv4(address) : undefined
  // A BlockList matches an IPv4-mapped address against its IPv4 networks by itself; judged
  // through the address it carries instead, the refusal can name that address.
  if (carried?.form !== 'IPv4-mapped') {
    if (reachable.check(address, family)) return undefined
    const kind = lists.find(([, list]) => list.check(address, family))?.[0]
    if (kind !== undefined) return { kind }
  }
  if (carried === undefined) return undefined
  const carriedKind = privateRange(carried.address)?.kind
  return carriedKind === undefined ? undefined : { kind: carriedKind, carried }
}

/**
 * The kind of non-public range an IP literal is in (`privateRange`); undefined for a public
 * address and for anything that is not an IP literal.
 *
 * @example
 * privateKind('::ffff:7f00:1') // 'loopback': 127.0.0.1
 * privateKind('64:ff9b::a00:1') // 'private': 10.0.0.1 behind NAT64
 */
export function privateKind (address: string): PrivateKind | undefined {
  return privateRange(address)?.kind
}

/** True for an IP literal in a non-public range (`privateKind`). */
export function isPrivateAddress (address: string): boolean {
  return privateRange(address) !== undefined
}

const kindNames: Readonly<Record<PrivateKind, ErrorMessages>> = {
  unspecified: { en: 'an unspecified', de: 'eine unspezifizierte ' },
  'this network': { en: 'a "this network"', de: 'eine „Dieses Netz“-' },
  loopback: { en: 'a loopback', de: 'eine Loopback-' },
  private: { en: 'a private', de: 'eine private ' },
  'site-local': { en: 'a site-local', de: 'eine Site-Local-' },
  'carrier-grade NAT': { en: 'a carrier-grade NAT', de: 'eine Carrier-Grade-NAT-' },
  'link-local': { en: 'a link-local', de: 'eine Link-Local-' },
  multicast: { en: 'a multicast', de: 'eine Multicast-' },
  broadcast: { en: 'a broadcast', de: 'eine Broadcast-' },
  reserved: { en: 'a reserved', de: 'eine reservierte ' },
  'IETF protocol assignment': { en: 'an IETF protocol assignment', de: 'eine IETF-Protokoll-' },
  benchmarking: { en: 'a benchmarking', de: 'eine Benchmarking-' },
  documentation: { en: 'a documentation', de: 'eine für Dokumentation reservierte ' },
  'discard-only': { en: 'a discard-only', de: 'eine Discard-Only-' },
  Teredo: { en: 'a Teredo', de: 'eine Teredo-' },
  '6to4 relay anycast': { en: 'a deprecated 6to4 relay anycast', de: 'eine veraltete 6to4-Relay-Anycast-' },
  ORCHID: { en: 'a deprecated ORCHID', de: 'eine veraltete ORCHID-' },
  'segment routing': { en: 'an SRv6 segment-routing', de: 'eine SRv6-Segment-Routing-' }
}

/** The kind with its article, before "address" (`a loopback` address, `eine Loopback-`Adresse). */
export function kindName (kind: PrivateKind): ErrorMessages {
  return kindNames[kind]
}

const formNames: Readonly<Record<CarriedForm, ErrorMessages>> = {
  'IPv4-mapped': { en: 'IPv4-mapped', de: 'IPv4-gemappt' },
  'IPv4-compatible': { en: 'IPv4-compatible', de: 'IPv4-kompatibel' },
  NAT64: { en: 'NAT64', de: 'NAT64' },
  '6to4': { en: '6to4', de: '6to4' }
}

/**
 * An address as a refusal names it: with the IPv4 address it carries and how, when that address
 * decided its range, so the reader sees where the request would have ended up.
 *
 * @example
 * addressName('[::ffff:a00:1]', privateRange('::ffff:a00:1')!).en // '[::ffff:a00:1] (IPv4-mapped 10.0.0.1)'
 */
export function addressName (address: string, range: PrivateRange): ErrorMessages {
  if (range.carried === undefined) return { en: address, de: address }
  const form = formNames[range.carried.form]
  return { en: `${address} (${form.en} ${range.carried.address})`, de: `${address} (${form.de} ${range.carried.address})` }
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

/**
 * The IPv4 address an IPv6 address carries and is delivered to: IPv4-mapped `::ffff:a.b.c.d`
 * (RFC 4291 §2.5.5.2), the deprecated IPv4-compatible `::a.b.c.d` (§2.5.5.1), NAT64 under the
 * well-known prefix `64:ff9b::/96` (RFC 6052), and 6to4 `2002:aabb:ccdd::/48`
 * (RFC 3056), e.g. `2002:a00:1::1` carries 10.0.0.1; in dotted or hexadecimal form.
 */
function embeddedIPv4 (address: string): { form: CarriedForm, address: string } | undefined {
  const groups = groupsOf(address)
  const zero = (from: number, to: number): boolean => groups.slice(from, to).every(group => group === 0)
  const ipv4 = (high: number, low: number): string => `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`
  const [first, second, third, , , sixth, seventh, eighth] = groups as [number, number, number, number, number, number, number, number]
  if (zero(0, 5) && sixth === 0xffff) return { form: 'IPv4-mapped', address: ipv4(seventh, eighth) }
  if (zero(0, 6)) return { form: 'IPv4-compatible', address: ipv4(seventh, eighth) }
  if (first === 0x64 && second === 0xff9b && zero(2, 6)) return { form: 'NAT64', address: ipv4(seventh, eighth) }
  if (first === 0x2002) return { form: '6to4', address: ipv4(second, third) }
  return undefined
}

/** The eight 16-bit groups of an IPv6 literal (`isIP` said it is one), `::` and a dotted tail spelled out, a zone left off. */
function groupsOf (address: string): number[] {
  const unzoned = address.replace(/%.*$/, '')
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(unzoned)
  const pair = (high: string, low: string): string => ((Number(high) << 8) | Number(low)).toString(16)
  const text = dotted === null ? unzoned : `${unzoned.slice(0, dotted.index)}${pair(dotted[1]!, dotted[2]!)}:${pair(dotted[3]!, dotted[4]!)}`
  const [head = [], tail] = text.split('::').map(part => part === '' ? [] : part.split(':'))
  const groups = tail === undefined ? head : [...head, ...Array<string>(8 - head.length - tail.length).fill('0'), ...tail]
  return groups.map(group => parseInt(group, 16))
}
