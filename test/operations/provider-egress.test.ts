/**
 * Which provider URLs the platform requests: the address ranges it refuses (IPv4, IPv6, mapped
 * forms), host names that resolve into them, and the operator's allowances.
 */
import { describe, expect, it } from 'vitest'
import { isPrivateAddress, privateKind, privateRange, providerEgress } from '../../src/operations/index.js'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { pinnedConnections, systemLookup } from '../../src/operations/provider-egress.js'
import { callProvider } from '../../src/operations/provider-call.js'
import { postWebhook } from '../../src/operations/post-webhook.js'
import type { AddressLookup } from '../../src/operations/index.js'
import { invalidHost, invalidHostCode, unresolvedReason } from './unresolved-name.js'

describe('privateKind', () => {
  it('names the range of every non-public IPv4 address and leaves public ones alone', () => {
    expect(Object.fromEntries(['0.0.0.0', '127.0.0.1', '127.255.0.9', '10.0.0.5', '172.16.0.1', '172.31.255.255', '192.168.1.1', '100.64.0.1', '100.127.255.254', '169.254.169.254', '224.0.0.1', '239.255.255.250', '255.255.255.255'].map(a => [a, privateKind(a)]))).toEqual({
      '0.0.0.0': 'unspecified',
      '127.0.0.1': 'loopback',
      '127.255.0.9': 'loopback',
      '10.0.0.5': 'private',
      '172.16.0.1': 'private',
      '172.31.255.255': 'private',
      '192.168.1.1': 'private',
      '100.64.0.1': 'carrier-grade NAT',
      '100.127.255.254': 'carrier-grade NAT',
      '169.254.169.254': 'link-local',
      '224.0.0.1': 'multicast',
      '239.255.255.250': 'multicast',
      '255.255.255.255': 'broadcast'
    })
    for (const address of ['8.8.8.8', '172.32.0.1', '100.128.0.1', '192.169.0.1', '11.0.0.1', '93.184.216.34']) expect([address, privateKind(address)]).toEqual([address, undefined])
  })

  it('names IPv6 ranges, and IPv4-mapped addresses by the IPv4 address they carry (dotted or hexadecimal)', () => {
    expect(['::', '::1', 'fd12:3456::1', 'fc00::1', 'fe80::1', 'ff02::1', '::ffff:127.0.0.1', '::ffff:7f00:1', '::FFFF:A9FE:A9FE', '::ffff:10.1.2.3', '::ffff:6440:1'].map(privateKind))
      .toEqual(['unspecified', 'loopback', 'private', 'private', 'link-local', 'multicast', 'loopback', 'loopback', 'link-local', 'private', 'carrier-grade NAT'])
    expect(['2606:4700::1111', '::ffff:808:808', '::ffff:8.8.8.8'].map(privateKind)).toEqual([undefined, undefined, undefined])
  })

  /** Each address with the kind `privateKind` gives it, `public` for none. */
  const kinds = (addresses: readonly string[]) => Object.fromEntries(addresses.map(a => [a, privateKind(a) ?? 'public']))

  it('names the other special-purpose IPv4 ranges, from their first to their last address, and not the addresses next to them', () => {
    const expected = {
      '0.0.0.0': 'unspecified', '0.0.0.1': 'this network', '0.255.255.255': 'this network', '1.0.0.0': 'public',
      '239.255.255.255': 'multicast', '240.0.0.0': 'reserved', '255.255.255.254': 'reserved', '255.255.255.255': 'broadcast',
      '191.255.255.255': 'public', '192.0.0.0': 'IETF protocol assignment', '192.0.0.255': 'IETF protocol assignment', '192.0.1.0': 'public',
      '198.17.255.255': 'public', '198.18.0.0': 'benchmarking', '198.19.255.255': 'benchmarking', '198.20.0.0': 'public',
      '192.0.1.255': 'public', '192.0.2.0': 'documentation', '192.0.2.255': 'documentation', '192.0.3.0': 'public',
      '198.51.99.255': 'public', '198.51.100.0': 'documentation', '198.51.100.255': 'documentation', '198.51.101.0': 'public',
      '203.0.112.255': 'public', '203.0.113.0': 'documentation', '203.0.113.255': 'documentation', '203.0.114.0': 'public'
    }
    expect(kinds(Object.keys(expected))).toEqual(expected)
  })

  it('names the other special-purpose IPv6 ranges, from their first to their last address, and not the addresses next to them', () => {
    const expected = {
      '2001:db7:ffff:ffff:ffff:ffff:ffff:ffff': 'public', '2001:db8::': 'documentation', '2001:db8:ffff:ffff:ffff:ffff:ffff:ffff': 'documentation', '2001:db9::': 'public',
      '3ffe:ffff:ffff:ffff:ffff:ffff:ffff:ffff': 'public', '3fff::': 'documentation', '3fff:fff:ffff:ffff:ffff:ffff:ffff:ffff': 'documentation', '3fff:1000::': 'public',
      'ff:ffff:ffff:ffff:ffff:ffff:ffff:ffff': 'public', '100::': 'discard-only', '100::ffff:ffff:ffff:ffff': 'discard-only', '100:0:0:1::': 'public',
      '2000:ffff:ffff:ffff:ffff:ffff:ffff:ffff': 'public', '2001::': 'Teredo', '2001:0:ffff:ffff:ffff:ffff:ffff:ffff': 'Teredo', '2001:1::': 'IETF protocol assignment',
      'fbff:ffff:ffff:ffff:ffff:ffff:ffff:ffff': 'public', 'fc00::': 'private', 'fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff': 'private', 'fe00::': 'public',
      'febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff': 'link-local', 'fec0::': 'site-local', 'feff:ffff:ffff:ffff:ffff:ffff:ffff:ffff': 'site-local', 'ff00::': 'multicast'
    }
    expect(kinds(Object.keys(expected))).toEqual(expected)
  })

  it('refuses the deprecated 6to4 relay anycast range and all of 2001::/23 but the assignments the registries mark globally reachable', () => {
    const expected = {
      // 192.88.99.0/24, deprecated by RFC 7526.
      '192.88.98.255': 'public', '192.88.99.0': '6to4 relay anycast', '192.88.99.1': '6to4 relay anycast', '192.88.99.255': '6to4 relay anycast', '192.88.100.0': 'public',
      // 192.0.0.0/24: PCP and TURN anycast are globally reachable, their neighbours are not.
      '192.0.0.8': 'IETF protocol assignment', '192.0.0.9': 'public', '192.0.0.10': 'public', '192.0.0.11': 'IETF protocol assignment', '192.0.0.170': 'IETF protocol assignment',
      // 2001::/23, from its first to its last address, with the more specific kinds inside it.
      '2001:1::': 'IETF protocol assignment', '2001:1::1': 'public', '2001:1::2': 'public', '2001:1::3': 'public', '2001:1::4': 'IETF protocol assignment',
      '2001:2::': 'benchmarking', '2001:2:0:ffff:ffff:ffff:ffff:ffff': 'benchmarking', '2001:2:1::': 'IETF protocol assignment',
      '2001:2:ffff:ffff:ffff:ffff:ffff:ffff': 'IETF protocol assignment', '2001:3::': 'public', '2001:3:ffff:ffff:ffff:ffff:ffff:ffff': 'public', '2001:4::': 'IETF protocol assignment',
      '2001:4:111:ffff:ffff:ffff:ffff:ffff': 'IETF protocol assignment', '2001:4:112::': 'public', '2001:4:112:ffff:ffff:ffff:ffff:ffff': 'public', '2001:4:113::': 'IETF protocol assignment',
      '2001:f:ffff:ffff:ffff:ffff:ffff:ffff': 'IETF protocol assignment', '2001:10::': 'ORCHID', '2001:1f:ffff:ffff:ffff:ffff:ffff:ffff': 'ORCHID',
      '2001:20::': 'public', '2001:2f:ffff:ffff:ffff:ffff:ffff:ffff': 'public', '2001:30::': 'public', '2001:3f:ffff:ffff:ffff:ffff:ffff:ffff': 'public',
      '2001:40::': 'IETF protocol assignment', '2001:1ff:ffff:ffff:ffff:ffff:ffff:ffff': 'IETF protocol assignment', '2001:200::': 'public',
      // SRv6 segment identifiers, 5f00::/16.
      '5eff:ffff:ffff:ffff:ffff:ffff:ffff:ffff': 'public', '5f00::': 'segment routing', '5f00:ffff:ffff:ffff:ffff:ffff:ffff:ffff': 'segment routing', '5f01::': 'public',
      // An IPv6 address carrying a globally reachable IPv4 address is as public as it.
      '::ffff:192.0.0.9': 'public', '64:ff9b::c000:a': 'public', '2002:c058:6301::1': '6to4 relay anycast'
    }
    expect(kinds(Object.keys(expected))).toEqual(expected)
  })

  it('names an IPv6 address carrying an IPv4 address (NAT64, IPv4-compatible, 6to4) by the IPv4 address, dotted or hexadecimal', () => {
    const expected = {
      // NAT64, well-known prefix: only the /96, with the IPv4 address in its last 32 bits.
      '64:ff9b::a00:1': 'private', '64:ff9b::10.0.0.1': 'private', '64:ff9b::7f00:1': 'loopback', '64:ff9b::a9fe:a9fe': 'link-local', '64:ff9b::c000:201': 'documentation', '64:ff9b::808:808': 'public', '64:ff9b::1:a00:1': 'public', '64:ff9a:ffff:ffff:ffff:ffff:a00:1': 'public',
      // NAT64, local-use prefix 64:ff9b:1::/48: private wherever its IPv4 part sits.
      '64:ff9b:1::a00:1': 'private', '64:ff9b:1:ab:cd:ef:c0a8:101': 'private', '64:ff9b:1::808:808': 'private', '64:ff9b:2::a00:1': 'public',
      // IPv4-compatible ::/96 (:: and ::1 keep their own kinds).
      '::a00:1': 'private', '::127.0.0.1': 'loopback', '::2': 'this network', '::808:808': 'public', '::1:0:a00:1': 'public',
      // 6to4: the IPv4 address follows 2002.
      '2002:a00:1::': 'private', '2002:c0a8:101:1::1': 'private', '2002:7f00:1::': 'loopback', '2002:6440:1::': 'carrier-grade NAT', '2002:f000:1::': 'reserved', '2002:808:808::1': 'public', '2003:a00:1::': 'public'
    }
    expect(kinds(Object.keys(expected))).toEqual(expected)
  })

  it('names the IPv4 address an IPv6 address carries and how, when that address decided the range, and only then', () => {
    const expected = {
      '::ffff:10.0.0.1': { kind: 'private', carried: { form: 'IPv4-mapped', address: '10.0.0.1' } },
      '::FFFF:A9FE:A9FE': { kind: 'link-local', carried: { form: 'IPv4-mapped', address: '169.254.169.254' } },
      '::ffff:0:0': { kind: 'unspecified', carried: { form: 'IPv4-mapped', address: '0.0.0.0' } },
      '::7f00:1': { kind: 'loopback', carried: { form: 'IPv4-compatible', address: '127.0.0.1' } },
      '64:ff9b::192.168.0.1': { kind: 'private', carried: { form: 'NAT64', address: '192.168.0.1' } },
      '2002:6440:1::': { kind: 'carrier-grade NAT', carried: { form: '6to4', address: '100.64.0.1' } },
      // Ranges of their own: no carried address, whatever their last 32 bits.
      '::': { kind: 'unspecified' }, '::1': { kind: 'loopback' }, '64:ff9b:1::a00:1': { kind: 'private' }, '2001:0:4136:e378:8000:63bf:3fff:fdd2': { kind: 'Teredo' },
      '10.0.0.1': { kind: 'private' },
      '::ffff:8.8.8.8': 'public', '::ffff:192.0.0.9': 'public', '2002:808:808::': 'public'
    }
    expect(Object.fromEntries(Object.keys(expected).map(a => [a, privateRange(a) ?? 'public']))).toEqual(expected)
  })

  it('is not about names: a host name is no address', () => {
    expect([privateKind('localhost'), isPrivateAddress('example.org'), isPrivateAddress('127.0.0.1')]).toEqual([undefined, false, true])
  })
})

/** A lookup of fixed answers; names it does not know do not resolve, as with ENOTFOUND. */
function lookupOf (answers: Record<string, string[]>): AddressLookup & { asked: string[] } {
  const asked: string[] = []
  const lookup = async (host: string) => {
    asked.push(host)
    const found = answers[host]
    if (found === undefined) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' })
    return found
  }
  return Object.assign(lookup, { asked })
}

describe('providerEgress', () => {
  const lookup = lookupOf({
    'api.example.org': ['93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946'],
    'internal.example.org': ['93.184.216.34', '10.0.0.5'],
    'metadata.example.org': ['::ffff:169.254.169.254']
  })
  const guard = providerEgress({ allowPrivate: false, lookup })

  it('lets a public endpoint through, by address or by a name all of whose addresses are public', async () => {
    expect(await guard('https://api.example.org/orders')).toMatchObject({ ok: true })
    expect(await guard('http://93.184.216.34:8080/orders')).toMatchObject({ ok: true })
    expect(await guard('http://[2606:4700::1111]/orders')).toMatchObject({ ok: true })
  })

  it('refuses literal non-public addresses for good, saying which endpoint, which address, why and how the operator allows it', async () => {
    expect(await guard('http://169.254.169.254/latest/meta-data')).toEqual({
      ok: false,
      final: true,
      reason: {
        en: 'http://169.254.169.254/latest/meta-data was not called: 169.254.169.254 is a link-local address, to which this server sends no provider requests; the provider publishes an endpoint on a public address, or the operator allows private provider addresses (serve --allow-private-providers)',
        de: 'http://169.254.169.254/latest/meta-data wurde nicht aufgerufen: 169.254.169.254 ist eine Link-Local-Adresse, an die dieser Server keine Anfragen an Anbieter sendet; der Anbieter veröffentlicht einen Endpunkt unter einer öffentlichen Adresse, oder der Betreiber erlaubt private Anbieteradressen (serve --allow-private-providers)'
      }
    })
    const refused = async (url: string) => {
      const verdict = await guard(url)
      return verdict.ok ? 'allowed' : `${verdict.final ? 'final' : 'retry'}: ${verdict.reason.en.split(', to which')[0]!.split(' was not called: ')[1]}`
    }
    expect(await Promise.all(['http://127.0.0.1:5432/', 'http://10.0.0.5/admin', 'http://[::1]:8080/', 'http://[::ffff:127.0.0.1]/', 'http://[::ffff:7f00:1]/', 'http://2130706433/', 'http://0x7f.1/', 'http://0.0.0.0/', 'http://100.64.1.1/', 'http://[fe80::1]/', 'http://[fd00::1]/'].map(refused))).toEqual([
      'final: 127.0.0.1 is a loopback address',
      'final: 10.0.0.5 is a private address',
      'final: [::1] is a loopback address',
      'final: [::ffff:7f00:1] (IPv4-mapped 127.0.0.1) is a loopback address',
      'final: [::ffff:7f00:1] (IPv4-mapped 127.0.0.1) is a loopback address',
      'final: 127.0.0.1 is a loopback address',
      'final: 127.0.0.1 is a loopback address',
      'final: 0.0.0.0 is an unspecified address',
      'final: 100.64.1.1 is a carrier-grade NAT address',
      'final: [fe80::1] is a link-local address',
      'final: [fd00::1] is a private address'
    ])
    // localhost and names under it, trailing dots included, are this machine: not even looked up.
    expect(await Promise.all(['http://localhost:8091/', 'http://localhost.:8091/', 'http://LocalHost../x', 'https://app.localhost./x'].map(refused))).toEqual([
      'final: localhost is a loopback address',
      'final: localhost. is a loopback address',
      'final: localhost.. is a loopback address',
      'final: app.localhost. is a loopback address'
    ])
    expect(lookup.asked).toEqual(['api.example.org'])
  })

  it('names each further kind it refuses in both languages, and an IPv6 address carrying an IPv4 address by that address\'s kind', async () => {
    const says = async (url: string) => {
      const verdict = await guard(url)
      if (verdict.ok || !verdict.final) return 'not refused'
      return [verdict.reason.en.split(', to which')[0]!.split(' was not called: ')[1], verdict.reason.de.split(', an die')[0]!.split(' wurde nicht aufgerufen: ')[1]]
    }
    expect(await Promise.all(['http://0.1.2.3/', 'http://240.0.0.1/', 'http://192.0.0.8/', 'http://198.18.0.1/', 'http://192.0.2.10/', 'http://[2001:db8::1]/', 'http://[100::1]/', 'http://[2001:0:4136:e378::1]/', 'http://[fec0::1]/',
      'http://[64:ff9b::a00:1]/', 'http://[64:ff9b:1::7f00:1]/', 'http://[::169.254.169.254]/', 'http://[2002:c0a8:101::1]/',
      'http://192.88.99.1/', 'http://[2001:12::1]/', 'http://[5f00::1]/', 'http://[2001:5::1]/', 'http://[64:ff9b::808:808]/', 'http://[2002:808:808::1]/', 'http://[2001:3::1]/'].map(says))).toEqual([
      ['0.1.2.3 is a "this network" address', '0.1.2.3 ist eine „Dieses Netz“-Adresse'],
      ['240.0.0.1 is a reserved address', '240.0.0.1 ist eine reservierte Adresse'],
      ['192.0.0.8 is an IETF protocol assignment address', '192.0.0.8 ist eine IETF-Protokoll-Adresse'],
      ['198.18.0.1 is a benchmarking address', '198.18.0.1 ist eine Benchmarking-Adresse'],
      ['192.0.2.10 is a documentation address', '192.0.2.10 ist eine für Dokumentation reservierte Adresse'],
      ['[2001:db8::1] is a documentation address', '[2001:db8::1] ist eine für Dokumentation reservierte Adresse'],
      ['[100::1] is a discard-only address', '[100::1] ist eine Discard-Only-Adresse'],
      ['[2001:0:4136:e378::1] is a Teredo address', '[2001:0:4136:e378::1] ist eine Teredo-Adresse'],
      ['[fec0::1] is a site-local address', '[fec0::1] ist eine Site-Local-Adresse'],
      ['[64:ff9b::a00:1] (NAT64 10.0.0.1) is a private address', '[64:ff9b::a00:1] (NAT64 10.0.0.1) ist eine private Adresse'],
      ['[64:ff9b:1::7f00:1] is a private address', '[64:ff9b:1::7f00:1] ist eine private Adresse'],
      ['[::a9fe:a9fe] (IPv4-compatible 169.254.169.254) is a link-local address', '[::a9fe:a9fe] (IPv4-kompatibel 169.254.169.254) ist eine Link-Local-Adresse'],
      ['[2002:c0a8:101::1] (6to4 192.168.1.1) is a private address', '[2002:c0a8:101::1] (6to4 192.168.1.1) ist eine private Adresse'],
      ['192.88.99.1 is a deprecated 6to4 relay anycast address', '192.88.99.1 ist eine veraltete 6to4-Relay-Anycast-Adresse'],
      ['[2001:12::1] is a deprecated ORCHID address', '[2001:12::1] ist eine veraltete ORCHID-Adresse'],
      ['[5f00::1] is an SRv6 segment-routing address', '[5f00::1] ist eine SRv6-Segment-Routing-Adresse'],
      ['[2001:5::1] is an IETF protocol assignment address', '[2001:5::1] ist eine IETF-Protokoll-Adresse'],
      'not refused',
      'not refused',
      'not refused'
    ])
  })

  it('refuses a name when any of its addresses is not public, naming the address', async () => {
    const verdict = await guard('https://internal.example.org/orders')
    expect(verdict).toEqual({
      ok: false,
      final: true,
      reason: {
        en: 'https://internal.example.org/orders was not called: internal.example.org resolves to 10.0.0.5, a private address, to which this server sends no provider requests; the provider publishes an endpoint on a public address, or the operator allows private provider addresses (serve --allow-private-providers)',
        de: 'https://internal.example.org/orders wurde nicht aufgerufen: internal.example.org wird zu 10.0.0.5 aufgelöst; das ist eine private Adresse, an die dieser Server keine Anfragen an Anbieter sendet; der Anbieter veröffentlicht einen Endpunkt unter einer öffentlichen Adresse, oder der Betreiber erlaubt private Anbieteradressen (serve --allow-private-providers)'
      }
    })
    expect(await guard('http://metadata.example.org./x')).toMatchObject({ ok: false, final: true, reason: { en: expect.stringContaining('metadata.example.org. resolves to ::ffff:169.254.169.254 (IPv4-mapped 169.254.169.254), a link-local address') } })
  })

  it('with the system resolver: localhost resolves to loopback addresses only, and a name resolving like it is refused', async () => {
    const addresses = await systemLookup('localhost')
    // At least one address, and every one loopback.
    expect(new Set(addresses.map(privateKind))).toEqual(new Set(['loopback']))
    // provider.test is answered as the system answers for localhost: the refusal names the address found.
    const aliased = providerEgress({ allowPrivate: false, lookup: host => systemLookup(host === 'provider.test' ? 'localhost' : host) })
    const verdict = await aliased('http://provider.test:8091/orders')
    expect(verdict).toMatchObject({ ok: false, final: true })
    expect(verdict.ok ? '' : verdict.reason.en).toBe(`http://provider.test:8091/orders was not called: provider.test resolves to ${addresses[0]!}, a loopback address, to which this server sends no provider requests; the provider publishes an endpoint on a public address, or the operator allows private provider addresses (serve --allow-private-providers)`)
  })

  it('does not call a name that does not resolve, says so and that it may be tried again', async () => {
    expect(await guard('https://gone.example.org/orders')).toEqual({
      ok: false,
      final: false,
      reason: {
        en: 'https://gone.example.org/orders unreachable: its host name gone.example.org does not resolve to any address (ENOTFOUND); the name is wrong or its DNS entry is missing',
        de: 'https://gone.example.org/orders nicht erreichbar: der Hostname gone.example.org wird zu keiner Adresse aufgelöst (ENOTFOUND); der Name ist falsch oder sein DNS-Eintrag fehlt'
      }
    })
    const empty = providerEgress({ allowPrivate: false, lookup: async () => [] })
    expect(await empty('https://bare.example.org/orders')).toMatchObject({ ok: false, final: false, reason: { en: 'https://bare.example.org/orders unreachable: its host name bare.example.org does not resolve to any address (ENODATA); the name is wrong or its DNS entry is missing' } })
  })

  it('says when no name server answered, which may pass, and keeps the look-up\'s other codes', async () => {
    const failing = (code: string) => providerEgress({ allowPrivate: false, lookup: async host => { throw Object.assign(new Error(`getaddrinfo ${code} ${host}`), { code, syscall: 'getaddrinfo' }) } })
    expect(await failing('EAI_AGAIN')('https://api.example.org/orders')).toEqual({
      ok: false,
      final: false,
      reason: {
        en: 'https://api.example.org/orders unreachable: its host name api.example.org could not be resolved, no name server answered in time (EAI_AGAIN)',
        de: 'https://api.example.org/orders nicht erreichbar: der Hostname api.example.org konnte nicht aufgelöst werden, kein Nameserver hat rechtzeitig geantwortet (EAI_AGAIN)'
      }
    })
    expect(await failing('EAI_FAIL')('https://api.example.org/orders')).toMatchObject({ ok: false, final: false, reason: { en: 'https://api.example.org/orders unreachable: its host name api.example.org could not be resolved (EAI_FAIL)' } })
  })

  it('with the system resolver: a name under .invalid, which never resolves, is not called and the reason says it does not resolve', async () => {
    const system = providerEgress({ allowPrivate: false })
    expect(await system(`https://${invalidHost}/orders`)).toEqual({ ok: false, final: false, reason: unresolvedReason(`https://${invalidHost}/orders`, await invalidHostCode()) })
  })

  it('refuses other schemes and URLs with credentials whatever the allowance, without repeating the password', async () => {
    const open = providerEgress({ allowPrivate: true, lookup })
    expect(await open('ftp://api.example.org/orders')).toMatchObject({ ok: false, final: true, reason: { en: 'ftp://api.example.org/orders was not called: a provider endpoint is an http(s) URL; the provider describes it as one' } })
    const verdict = await open('https://user:hunter2@api.example.org/orders')
    expect(verdict).toMatchObject({ ok: false, final: true, reason: { en: 'https://***@api.example.org/orders was not called: a provider endpoint carries no user name or password; the provider names its credential in sym:secretName instead' } })
    expect(JSON.stringify(verdict)).not.toContain('hunter2')
  })

  it('lets private addresses through when the operator allows them, and the allowed origins only at their exact origin', async () => {
    const open = providerEgress({ allowPrivate: true, lookup })
    expect((await Promise.all(['http://127.0.0.1:5432/', 'http://localhost/', 'https://internal.example.org/'].map(open))).map(verdict => verdict.ok)).toEqual([true, true, true])
    const sandbox = providerEgress({ allowPrivate: false, allowedOrigins: ['http://127.0.0.1:40123'], lookup })
    expect(await sandbox('http://127.0.0.1:40123/relata/orders')).toMatchObject({ ok: true })
    expect(await sandbox('http://127.0.0.1:40124/relata/orders')).toMatchObject({ ok: false, final: true })
    expect(await sandbox('https://127.0.0.1:40123/relata/orders')).toMatchObject({ ok: false, final: true })
  })
})

describe('connections to a checked host name', () => {
  /** A local server that counts what reaches it and answers as a provider. */
  async function provider (): Promise<{ port: number, hosts: string[], close: () => Promise<void> }> {
    const hosts: string[] = []
    const server = createServer((request, response) => {
      hosts.push(request.headers.host ?? '')
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'acknowledged', reference: 'r1' }))
    })
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
    return { port: (server.address() as AddressInfo).port, hosts, close: () => new Promise(resolve => { server.close(() => { resolve() }) }) }
  }
  const policy = { timeoutMs: 5_000, attempts: 3, backoffMs: 1, sleep: async () => undefined }

  it('connect to the address their own look-up gave, keeping the name in the request', async () => {
    const server = await provider()
    try {
      const fetchPinned = pinnedConnections(async () => ['127.0.0.1'], { audience: 'provider', rangeOf: () => undefined })
      const response = await fetchPinned(`http://orders.provider.test:${server.port}/orders`, { method: 'POST', body: '{}' })
      expect([response.status, await response.json()]).toEqual([200, { status: 'acknowledged', reference: 'r1' }])
      expect(server.hosts).toEqual([`orders.provider.test:${server.port}`])
    } finally {
      await server.close()
    }
  })

  it('are refused when the name resolves to a private address by the time the request connects (DNS rebinding), and nothing is sent', async () => {
    const server = await provider()
    try {
      // Public when checked, loopback when connected.
      let answers = 0
      const lookup = async () => ++answers % 2 === 1 ? ['93.184.216.34'] : ['127.0.0.1']
      const url = `http://shifty.example.org:${server.port}/orders`
      const outcome = await callProvider({ method: 'POST', url, idempotencyKey: 'k1', headers: {}, body: {} }, policy, { guard: providerEgress({ allowPrivate: false, lookup }) })
      expect(outcome).toMatchObject({ ok: false, refused: true, attempts: 0, reason: { en: expect.stringContaining('127.0.0.1') as string } })
      answers = 0
      const posted = await postWebhook(url, { event: 'ticket.opened' }, { idempotencyKey: 'k2', headers: {}, policy, guard: providerEgress({ allowPrivate: false, lookup }) })
      expect(posted).toMatchObject({ ok: false, attempts: 0, reason: { en: expect.stringContaining('127.0.0.1') as string } })
      expect(server.hosts).toEqual([])
    } finally {
      await server.close()
    }
  })
})

describe('requests to a name that does not resolve when they connect', () => {
  const policy = { timeoutMs: 10_000, attempts: 2, backoffMs: 1, sleep: async () => undefined }
  const url = `http://${invalidHost}/orders`

  it('say the name does not resolve, where private providers are allowed and the request itself looks the name up', async () => {
    const open = providerEgress({ allowPrivate: true })
    const unresolved = unresolvedReason(url, await invalidHostCode(), 2)
    expect(await callProvider({ method: 'POST', url, idempotencyKey: 'k1', headers: {}, body: {} }, policy, { guard: open })).toEqual({ ok: false, attempts: 2, reason: unresolved })
    expect(await postWebhook(url, { event: 'ticket.opened' }, { idempotencyKey: 'k2', headers: {}, policy, guard: open })).toEqual({ ok: false, attempts: 2, reason: unresolved })
  })

  it('say the name does not resolve when the look-up of the connection finds no address after the check found one', async () => {
    let answers = 0
    const guard = providerEgress({ allowPrivate: false, lookup: async () => ++answers % 2 === 1 ? ['93.184.216.34'] : [] })
    const outcome = await callProvider({ method: 'GET', url, idempotencyKey: 'k3', headers: {} }, policy, { guard })
    expect(outcome).toEqual({ ok: false, attempts: 2, reason: unresolvedReason(url, 'ENOTFOUND', 2) })
  })
})
