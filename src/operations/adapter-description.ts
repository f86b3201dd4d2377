/**
 * Reads a service's provisioning adapter from its RDF description (ontology/provisioning.ttl):
 * `sym:provisionedBy` → `sym:HttpProvisioning` (endpoint, authentication by secret name,
 * status endpoint, payload query, timeout) or `sym:ManualProvisioning`. A service without an
 * adapter is ordered manually: its provider confirms each item through the API.
 */
import type { Quad } from '@rdfjs/types'
import { iri, terms } from '../rdf/index.js'

export type AuthScheme = 'bearer' | 'apiKey' | 'none'

export type AdapterDescription =
  | {
    readonly kind: 'http'
    /** The adapter node (IRI or `_:` label): services sharing it go in one item. */
    readonly node: string
    readonly orderEndpoint: string
    readonly statusEndpoint?: string
    readonly auth: AuthScheme
    readonly authHeader: string
    readonly secretName?: string
    readonly payloadQuery?: string
    readonly timeoutMs?: number
    /** Where fault tickets for the service are POSTed (`sym:ticketEndpoint`), when the provider takes them by webhook. */
    readonly ticketEndpoint?: string
  }
  | { readonly kind: 'manual', readonly node: string }

const p = {
  provisionedBy: iri('sym', 'provisionedBy'),
  orderEndpoint: iri('sym', 'orderEndpoint'),
  statusEndpoint: iri('sym', 'statusEndpoint'),
  authScheme: iri('sym', 'authScheme'),
  authHeader: iri('sym', 'authHeader'),
  secretName: iri('sym', 'secretName'),
  payloadQuery: iri('sym', 'payloadQuery'),
  timeoutSeconds: iri('sym', 'timeoutSeconds'),
  ticketEndpoint: iri('sym', 'ticketEndpoint'),
  http: iri('sym', 'HttpProvisioning')
} as const

const schemes: Readonly<Record<string, AuthScheme>> = {
  [iri('sym', 'BearerAuth')]: 'bearer',
  [iri('sym', 'ApiKeyAuth')]: 'apiKey',
  [iri('sym', 'NoAuth')]: 'none'
}

/**
 * The adapter of `service` in `quads` (its description graph).
 *
 * @example
 * const adapter = adapterOf(await store.graph(service.graph), service.id)
 * if (adapter.kind === 'http') console.log(adapter.orderEndpoint)
 */
export function adapterOf (quads: readonly Quad[], service: string): AdapterDescription {
  const key = (term: Quad['object']) => term.termType === 'BlankNode' ? `_:${term.value}` : term.value
  const adapter = quads.find(q => q.subject.value === service && q.predicate.value === p.provisionedBy)?.object
  if (adapter === undefined) return { kind: 'manual', node: `manual:${service}` }
  const node = key(adapter)
  const about = quads.filter(q => key(q.subject) === node && q.subject.termType === adapter.termType)
  const one = (predicate: string) => about.find(q => q.predicate.value === predicate)?.object.value
  const isHttp = about.some(q => q.predicate.value === terms.type && q.object.value === p.http) || one(p.orderEndpoint) !== undefined
  const endpoint = one(p.orderEndpoint)
  if (!isHttp || endpoint === undefined) return { kind: 'manual', node }
  const status = one(p.statusEndpoint)
  const secret = one(p.secretName)
  const query = one(p.payloadQuery)
  const timeout = Number(one(p.timeoutSeconds))
  const tickets = one(p.ticketEndpoint)
  return {
    kind: 'http',
    node,
    orderEndpoint: endpoint,
    auth: schemes[one(p.authScheme) ?? ''] ?? 'none',
    authHeader: one(p.authHeader) ?? 'X-API-Key',
    ...(status === undefined ? {} : { statusEndpoint: status }),
    ...(secret === undefined ? {} : { secretName: secret }),
    ...(query === undefined ? {} : { payloadQuery: query }),
    ...(Number.isInteger(timeout) && timeout > 0 ? { timeoutMs: timeout * 1000 } : {}),
    ...(tickets === undefined ? {} : { ticketEndpoint: tickets })
  }
}
