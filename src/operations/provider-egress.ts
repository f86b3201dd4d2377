/**
 * Where the platform may send a provider request. Endpoints come from published descriptions, so
 * a provider could name the server's own neighbourhood (`http://127.0.0.1:5432/`, the cloud
 * metadata address `169.254.169.254`, `http://10.0.0.5/admin`, or a host name resolving there)
 * and have customers' order data posted to it. Before every attempt the URL must be http(s)
 * without user name or password, and its host must neither be nor resolve to a non-public
 * address (`private-address.ts`), unless the operator allows private providers or the origin is
 * one the server itself runs (the provider sandbox of `serve`).
 *
 * The check resolves the name itself and the request resolves it again: a name whose answers
 * change between the two is the operator's network policy's to stop (egress rules).
 */
import { lookup } from 'node:dns/promises'
import { isIP } from 'node:net'
import type { ErrorMessages } from '../errors.js'
import { bareHost, isLocalName, privateKind } from './private-address.js'
import { endpointNotCallable, endpointRefused, endpointUnresolved } from './reasons.js'

/** Every address a host name resolves to. */
export type AddressLookup = (host: string) => Promise<readonly string[]>

export interface EgressOptions {
  /** Providers may be on local and private addresses (`serve --allow-private-providers`, on-premise setups). */
  readonly allowPrivate: boolean
  /** Origins allowed even on a private address: the provider sandbox `serve` starts. */
  readonly allowedOrigins?: readonly string[]
  /** How host names are resolved (default: `dns.lookup` with `all: true`, as the request does). */
  readonly lookup?: AddressLookup
}

/** May the URL be requested: yes, no for good (`final`), or not now (the name did not resolve; worth retrying). */
export type EgressVerdict =
  | { readonly ok: true }
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
  return async url => {
    const parsed = URL.canParse(url) ? new URL(url) : undefined
    if (parsed === undefined || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
      return { ok: false, final: true, reason: endpointNotCallable(url, 'scheme') }
    }
    if (parsed.username !== '' || parsed.password !== '') {
      // The reason is stored and shown: it names the endpoint without what stood before the @.
      return { ok: false, final: true, reason: endpointNotCallable(`${parsed.protocol}//***@${parsed.host}${parsed.pathname}`, 'credentials') }
    }
    if (options.allowPrivate || allowed.has(parsed.origin)) return { ok: true }
    const host = bareHost(parsed.hostname)
    if (isLocalName(host)) return { ok: false, final: true, reason: endpointRefused(url, parsed.hostname, undefined, 'loopback') }
    if (isIP(host) !== 0) {
      const kind = privateKind(host)
      return kind === undefined ? { ok: true } : { ok: false, final: true, reason: endpointRefused(url, parsed.hostname, undefined, kind) }
    }
    let addresses: readonly string[]
    try {
      addresses = await resolve(host)
    } catch (error) {
      // Not let through: the request's own look-up might then find an address this one did not.
      return { ok: false, final: false, reason: endpointUnresolved(url, (error as NodeJS.ErrnoException).code ?? (error as Error).message) }
    }
    if (addresses.length === 0) return { ok: false, final: false, reason: endpointUnresolved(url, 'ENODATA') }
    for (const address of addresses) {
      const kind = privateKind(address)
      if (kind !== undefined) return { ok: false, final: true, reason: endpointRefused(url, parsed.hostname, address, kind) }
    }
    return { ok: true }
  }
}
