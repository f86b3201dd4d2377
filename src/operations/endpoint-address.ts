/**
 * Where a provider endpoint named in a description is actually reached. The example catalog's
 * adapters name the provider sandbox at its default address (`http://127.0.0.1:8091`); a sandbox
 * bound elsewhere (`serve --sandbox-port`) moves every request for that address to it, at the
 * moment of the request, so stored order items and restarted servers follow the port too.
 */

/** Maps an endpoint URL from a description to the URL requested. */
export type EndpointAddress = (url: string) => string

/** The identity: every endpoint is reached where its description says. */
export const asDescribed: EndpointAddress = url => url

/**
 * Moves the URLs under origin `from` to origin `to` (path, query and fragment kept); others stay.
 *
 * @example
 * const address = movedOrigin('http://127.0.0.1:8091', 'http://127.0.0.1:40123')
 * address('http://127.0.0.1:8091/relata/orders') // 'http://127.0.0.1:40123/relata/orders'
 */
export function movedOrigin (from: string, to: string): EndpointAddress {
  const source = new URL(from).origin
  const target = new URL(to).origin
  if (source === target) return asDescribed
  return url => {
    let parsed: URL
    try {
      parsed = new URL(url)
    } catch {
      return url
    }
    return parsed.origin === source ? `${target}${parsed.pathname}${parsed.search}${parsed.hash}` : url
  }
}
