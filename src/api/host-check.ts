/**
 * The Host header check against DNS rebinding: a page on another site can make its own host name
 * resolve to this server's address and then talk to it with the visitor's browser. A server that
 * knows the names it is reached by refuses every other one (421 MISDIRECTED_REQUEST) before any
 * route runs.
 */
import { SymphonyError } from '../errors.js'

/** A host name in the form requests carry it: lower case, IPv6 addresses in brackets, no port. */
export function hostNameOf (host: string): string {
  const lower = host.trim().toLowerCase()
  if (lower.startsWith('[')) return lower.slice(0, lower.indexOf(']') + 1)
  // A bare IPv6 address (as in `--host ::1`) has several colons; a host with a port has one.
  if (lower.split(':').length > 2) return `[${lower}]`
  return lower.split(':')[0]!.replace(/\.$/, '')
}

/** Throws MISDIRECTED_REQUEST when the request's Host header names none of the allowed hosts. */
export function hostCheck (allowed: Iterable<string>): (host: string | undefined) => void {
  const names = new Set([...allowed].map(hostNameOf))
  return host => {
    if (host !== undefined && names.has(hostNameOf(host))) return
    throw new SymphonyError('MISDIRECTED_REQUEST', host === undefined || host === ''
      ? {
          en: 'the request has no Host header; send the host name the server is reached by',
          de: 'die Anfrage hat keinen Host-Header; senden Sie den Hostnamen, unter dem der Server erreichbar ist'
        }
      : {
          en: `this server does not answer for the host "${host.slice(0, 100)}"; if that name should reach it, start it with --allowed-host ${hostNameOf(host).slice(0, 100)}`,
          de: `dieser Server antwortet nicht für den Host "${host.slice(0, 100)}"; soll er unter diesem Namen erreichbar sein, starten Sie ihn mit --allowed-host ${hostNameOf(host).slice(0, 100)}`
        })
  }
}

/** Listening on every interface: the names the server is reached by are its own. */
const wildcardHosts = new Set(['', '0.0.0.0', '::', '[::]'])

/**
 * The host names a server listening on `listenHost` answers for by default: loopback, the
 * listening address (or, on every interface, the machine's name and addresses), and the host of
 * its public URL.
 */
export function servedHostNames (listenHost: string, publicUrl: string | undefined, machine: { hostname: string, addresses: readonly string[] }): string[] {
  const names = ['localhost', '127.0.0.1', '::1']
  if (wildcardHosts.has(listenHost.trim())) names.push(machine.hostname, ...machine.addresses)
  else names.push(listenHost)
  if (publicUrl !== undefined) names.push(new URL(publicUrl).host)
  return [...new Set(names.map(hostNameOf))]
}
