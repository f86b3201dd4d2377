/**
 * Where the platform may send a provider request. Endpoints come from published descriptions, so
 * a provider could name the server's own neighbourhood (`http://127.0.0.1:5432/`, the cloud
 * metadata address `169.254.169.254`, `http://10.0.0.5/admin`, or a host name resolving there)
 * and have customers' order data posted to it. Before every attempt the URL must be http(s)
 * without user name or password, and its host must neither be nor resolve to a non-public
 * address (`private-address.ts`), unless the operator allows private providers or the origin is
 * one the server itself runs (the provider sandbox of `serve`). Customers' webhooks are sent
 * under the same guard (`audience: 'webhook'`), with the operator's allowance for them.
 *
 * A host name is checked twice: before the attempt, for a clear reason, and again when the
 * connection is made, by the look-up the connection itself uses, so a name whose answers change
 * in between (DNS rebinding) cannot lead the request to an address the first check did not see.
 */
import { lookup } from 'node:dns/promises'
import type { LookupAddress, LookupOptions } from 'node:dns'
import { isIP } from 'node:net'
import { Agent, fetch as pinnedFetch } from 'undici'
import type { ErrorMessages } from '../errors.js'
import { bareHost, isLocalName, privateRange, type EgressAudience, type PrivateRange } from './private-address.js'
import { endpointNotCallable, endpointRefused, hostUnresolved } from './reasons.js'

/** Every address a host name resolves to. */
export type AddressLookup = (host: string) => Promise<readonly string[]>

export interface EgressOptions {
  /** Providers may be on local and private addresses (`serve --allow-private-providers`, on-premise setups). */
  readonly allowPrivate: boolean
  /** Origins allowed even on a private address: the provider sandbox `serve` starts. */
  readonly allowedOrigins?: readonly string[]
  /** How host names are resolved (default: `dns.lookup` with `all: true`, as the request does). */
  readonly lookup?: AddressLookup
  /** Whom the requests go to (default: providers), for what a refusal says. */
  readonly audience?: EgressAudience
}

/** How a checked URL is requested: `fetch`'s own signature. */
export type EgressFetch = (url: string, init: RequestInit) => Promise<Response>

/**
 * May the URL be requested: yes, with the `fetch` to request it by (for a host name, one whose
 * connection checks the addresses it connects to again); no for good (`final`); or not now (the
 * name did not resolve; worth retrying).
 */
export type EgressVerdict =
  | { readonly ok: true, readonly fetch: EgressFetch }
  | { readonly ok: false, readonly final: boolean, readonly reason: ErrorMessages }

/** Checks a provider URL right before it is requested. */
export type EgressGuard = (url: string) => Promise<EgressVerdict>

/** `dns.lookup` with `all: true`: every address the request itself could connect to. */
export const systemLookup: AddressLookup = async host => (await lookup(host, { all: true, verbatim: true })).map(entry => entry.address)

/**
 * The guard of provider requests under these options.
 *
 * @example
 * const guard = providerEgress({ allowPrivate: false })
 * await guard('http://169.254.169.254/latest/meta-data') // { ok: false, final: true, reason: … }
 */
export function providerEgress (options: EgressOptions): EgressGuard {
  const allowed = new Set((options.allowedOrigins ?? []).map(origin => new URL(origin).origin))
  const resolve = options.lookup ?? systemLookup
  const audience = options.audience ?? 'provider'
  const pinned = pinnedConnections(resolve, { audience })
  const plain: { ok: true, fetch: EgressFetch } = { ok: true, fetch: (url, init) => fetch(url, init) }
  return async url => {
    const parsed = URL.canParse(url) ? new URL(url) : undefined
    if (parsed === undefined || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
      return { ok: false, final: true, reason: endpointNotCallable(url, 'scheme') }
    }
    if (parsed.username !== '' || parsed.password !== '') {
      // The reason is stored and shown: it names the endpoint without what stood before the @.
      return { ok: false, final: true, reason: endpointNotCallable(`${parsed.protocol}//***@${parsed.host}${parsed.pathname}`, 'credentials') }
    }
    if (options.allowPrivate || allowed.has(parsed.origin)) return plain
    const host = bareHost(parsed.hostname)
    if (isLocalName(host)) return { ok: false, final: true, reason: endpointRefused(url, parsed.hostname, undefined, { kind: 'loopback' }, audience) }
    if (isIP(host) !== 0) {
      const range = privateRange(host)
      return range === undefined ? plain : { ok: false, final: true, reason: endpointRefused(url, parsed.hostname, undefined, range, audience) }
    }
    let addresses: readonly string[]
    try {
      addresses = await resolve(host)
    } catch (error) {
      // Not let through: the request's own look-up might then find an address this one did not.
      return { ok: false, final: false, reason: hostUnresolved(url, parsed.hostname, (error as NodeJS.ErrnoException).code ?? (error as Error).message) }
    }
    if (addresses.length === 0) return { ok: false, final: false, reason: hostUnresolved(url, parsed.hostname, 'ENODATA') }
    for (const address of addresses) {
      const range = privateRange(address)
      if (range !== undefined) return { ok: false, final: true, reason: endpointRefused(url, parsed.hostname, address, range, audience) }
    }
    return { ok: true, fetch: pinned }
  }
}

/** The error a pinned connection fails with when its look-up finds a non-public address. */
class PrivateAddressError extends Error {
  readonly code = 'EPRIVATEADDRESS'
  constructor (readonly host: string, readonly address: string, readonly range: PrivateRange, readonly audience: EgressAudience) {
    super(`${host} resolves to ${address} (${range.kind})`)
  }
}

/**
 * The refusal of a request whose connection found `host` at a non-public address after the check
 * before it had not (the name's answers changed), or `undefined` for any other failure.
 */
export function refusedAtConnect (url: string, error: unknown): ErrorMessages | undefined {
  for (let cause: unknown = error; cause instanceof Error; cause = cause.cause) {
    if (cause instanceof PrivateAddressError) return endpointRefused(url, cause.host, cause.address, cause.range, cause.audience)
  }
  return undefined
}

/**
 * The reason of a request whose host name did not resolve when it connected (the look-up's error
 * is among the causes: `getaddrinfo`'s, or a pinned connection's that found no address), or
 * `undefined` for any other failure. A name that does not resolve may resolve later (a DNS entry
 * being added, a resolver that answers so while offline), so the caller retries it.
 */
export function unresolvedAtConnect (url: string, error: unknown): ErrorMessages | undefined {
  for (let cause: unknown = error; cause instanceof Error; cause = cause.cause) {
    const { code, syscall } = cause as NodeJS.ErrnoException
    if (code !== undefined && (syscall === 'getaddrinfo' || code === 'ENOTFOUND' || code === 'ENODATA')) return hostUnresolved(url, new URL(url).hostname, code)
  }
  return undefined
}

/**
 * `fetch` over connections that resolve host names with `resolve` and refuse every answer
 * `rangeOf` places in a range (by default every non-public one): the address connected to is one that was checked.
 */
export function pinnedConnections (resolve: AddressLookup, options: { audience: EgressAudience, rangeOf?: (address: string) => PrivateRange | undefined }): EgressFetch {
  const { audience, rangeOf = privateRange } = options
  type Callback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void
  const pinnedLookup = (host: string, options: LookupOptions, callback: Callback): void => {
    resolve(host).then(found => {
      const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : Number(options.family ?? 0)
      const addresses = found.map(address => ({ address, family: isIP(address) })).filter(entry => family === 0 || entry.family === family)
      const refused = addresses.map(entry => ({ address: entry.address, range: rangeOf(entry.address) })).find(entry => entry.range !== undefined)
      if (refused !== undefined) callback(new PrivateAddressError(host, refused.address, refused.range!, audience), '')
      else if (addresses.length === 0) callback(Object.assign(new Error(`${host} has no address`), { code: 'ENOTFOUND' }), '')
      else if (options.all === true) callback(null, addresses)
      else callback(null, addresses[0]!.address, addresses[0]!.family)
    }, (error: Error) => { callback(error, '') })
  }
  const dispatcher = new Agent({ connect: { lookup: pinnedLookup } })
  return async (url, init) => await pinnedFetch(url, { ...init, dispatcher } as Parameters<typeof pinnedFetch>[1]) as unknown as Response
}
