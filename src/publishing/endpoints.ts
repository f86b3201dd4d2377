/**
 * Provider endpoints a description may name. The platform posts customers' order data, status
 * requests and fault tickets to them, so an endpoint on this machine or the server's private
 * network (`http://127.0.0.1:5432/`, `http://169.254.169.254/…`, `http://localhost/`) is refused
 * when it is published, unless the server allows private providers. Host names are not resolved
 * here: what they name can change after publishing, so every request checks again.
 */
import type { Quad } from '@rdfjs/types'
import { SymphonyError } from '../errors.js'
import { addressName, bareHost, isLocalName, kindName, privateRange } from '../operations/index.js'
import { iri } from '../rdf/index.js'

/** The adapter properties whose values the platform requests (ontology/provisioning.ttl). */
export const endpointProperties: readonly string[] = [iri('sym', 'orderEndpoint'), iri('sym', 'statusEndpoint'), iri('sym', 'ticketEndpoint')]

/**
 * FORBIDDEN when an endpoint of the description names `localhost` or a loopback, link-local,
 * private or other non-public IP literal.
 *
 * @example
 * checkEndpoints(quads, { allowPrivate: false })
 */
export function checkEndpoints (quads: readonly Quad[], options: { allowPrivate: boolean }): void {
  if (options.allowPrivate) return
  for (const q of quads) {
    if (!endpointProperties.includes(q.predicate.value) || !URL.canParse(q.object.value)) continue
    const hostname = new URL(q.object.value).hostname
    const host = bareHost(hostname)
    const range = isLocalName(host) ? { kind: 'loopback' as const } : privateRange(host)
    if (range === undefined) continue
    const node = q.subject.termType === 'BlankNode' ? `_:${q.subject.value}` : q.subject.value
    const field = q.predicate.value
    const name = kindName(range.kind)
    const named = addressName(hostname, range)
    throw new SymphonyError('FORBIDDEN', {
      en: `<${node}> <${field}> names ${named.en}, ${name.en} address: the platform sends provider requests only to public addresses — publish the endpoint under a public host name (on-premise servers allow private providers with serve --allow-private-providers)`,
      de: `<${node}> <${field}> nennt ${named.de}, ${name.de}Adresse: die Plattform sendet Anfragen an Anbieter nur an öffentliche Adressen — veröffentlichen Sie den Endpunkt unter einem öffentlichen Hostnamen (Server vor Ort erlauben private Anbieter mit serve --allow-private-providers)`
    }, { node, path: field, details: { endpoint: q.object.value, host: hostname, kind: range.kind, ...(range.carried === undefined ? {} : { carries: range.carried.address }) } })
  }
}
