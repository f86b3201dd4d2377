/**
 * "What can be combined with X", both directions, found through the catalog's indexes: the
 * requirements X's interfaces can satisfy and the interfaces that can satisfy X's requirements
 * — never a scan over all services.
 */
import type { Catalog, InterfaceNode } from '../catalog/index.js'
import { SymphonyError } from '../errors.js'
import { compareStrings, degreeRank, effectiveTypes } from './degree.js'
import { matchInterface } from './match-interface.js'
import { requireService, validateLimit } from './request.js'
import { TopK } from './top-k.js'
import type { MatchDegree, TypeMatch } from './types.js'

export interface CombinableOptions {
  /** Weakest degree to include (default `subsumes`: partial links are listed, after full ones). */
  readonly minDegree?: MatchDegree
  /** Count links to and from optional requirements (default true). */
  readonly includeOptional?: boolean
  /** At most this many services (default: all). */
  readonly limit?: number
}

/** One interface link between X and another service. */
export interface Link {
  /** The providing service. */
  readonly from: string
  /** The consuming service. */
  readonly to: string
  readonly provided: string
  readonly required: string
  readonly optional: boolean
  readonly degree: MatchDegree
  readonly distance: number
  readonly types: readonly TypeMatch[]
}

export interface Combinable {
  readonly service: string
  /** Degree and distance of the best link. */
  readonly degree: MatchDegree
  readonly distance: number
  /** How many links meet a mandatory requirement (of either service). */
  readonly mandatory: number
  /** Every link, best first. */
  readonly links: readonly Link[]
}

/**
 * Every service linkable to `x` in either direction (x provides what it requires, or it
 * provides what x requires, with protocol, format and version agreeing), ranked by the degree
 * of the best link, then its class distance, then more links meeting a mandatory requirement,
 * then more links, and the IRI only last. With `limit`, only that many are kept while ranking
 * (top-k selection). Throws `UNKNOWN_SERVICE` for an unknown `x`.
 *
 * @example combinableWith(catalog, ex + 'AcmePBX', { minDegree: 'plugin', limit: 20 })
 */
export function combinableWith (catalog: Catalog, x: string, options: CombinableOptions = {}): Combinable[] {
  const service = requireService(catalog, x)
  if (options.minDegree !== undefined && !['exact', 'plugin', 'subsumes'].includes(options.minDegree)) {
    throw new SymphonyError('INVALID_REQUEST', `minDegree must be exact, plugin or subsumes, not ${JSON.stringify(options.minDegree)}`, { path: 'minDegree' })
  }
  const minRank = degreeRank[options.minDegree ?? 'subsumes']
  const limit = options.limit === undefined ? Infinity : validateLimit(options.limit, 'limit')
  const includeOptional = options.includeOptional ?? true
  const { hierarchy } = catalog
  const links = new Map<string, Link[]>()
  const consider = (required: InterfaceNode, provided: InterfaceNode): void => {
    if (required.service === provided.service) return
    const match = matchInterface(required, provided, hierarchy)
    if (degreeRank[match.degree] > minRank) return
    const other = required.service === x ? provided.service : required.service
    let list = links.get(other)
    if (list === undefined) links.set(other, list = [])
    list.push({
      from: provided.service,
      to: required.service,
      provided: provided.id,
      required: required.id,
      optional: required.role === 'optionallyRequires',
      degree: match.degree as MatchDegree,
      distance: match.distance,
      types: match.types
    })
  }

  // x provides → requirements of others.
  for (const provided of service.provides) {
    const candidates = new Set<InterfaceNode>()
    for (const type of provided.types) {
      for (const required of catalog.consumersOf(type)) candidates.add(required)
      if (minRank >= degreeRank.subsumes) {
        for (const sub of hierarchy.subClasses(type)) for (const required of catalog.interfacesTyped(sub, 'requires')) candidates.add(required)
      }
    }
    for (const required of candidates) if (includeOptional || required.role === 'requires') consider(required, provided)
  }
  // others provide → requirements of x.
  for (const required of includeOptional ? [...service.requires, ...service.optionallyRequires] : service.requires) {
    const first = effectiveTypes(required.types, hierarchy)[0]
    if (first === undefined) continue
    const candidates = new Set<InterfaceNode>(catalog.providersOf(first))
    if (minRank >= degreeRank.subsumes) {
      for (const sup of hierarchy.superClasses(first)) for (const provided of catalog.interfacesTyped(sup, 'provides')) candidates.add(provided)
    }
    for (const provided of candidates) consider(required, provided)
  }

  // Rank on the best link and the counts; sort a service's links only when it is kept.
  const top = new TopK<Ranked>(limit, compareCombinable)
  for (const [other, list] of links) {
    let best = list[0]!
    let mandatory = 0
    for (const link of list) {
      if (compareLinks(link, best) < 0) best = link
      if (!link.optional) mandatory++
    }
    const ranked: Ranked = { service: other, degree: best.degree, distance: best.distance, mandatory, count: list.length, list }
    if (top.admits(ranked)) top.push(ranked)
  }
  return top.sorted().map(({ service: other, degree, distance, mandatory, list }) =>
    ({ service: other, degree, distance, mandatory, links: list.sort(compareLinks) }))
}

interface Ranked {
  readonly service: string
  readonly degree: MatchDegree
  readonly distance: number
  readonly mandatory: number
  readonly count: number
  readonly list: Link[]
}

function compareCombinable (a: Ranked, b: Ranked): number {
  return degreeRank[a.degree] - degreeRank[b.degree] || a.distance - b.distance || b.mandatory - a.mandatory ||
    b.count - a.count || compareStrings(a.service, b.service)
}

function compareLinks (a: Link, b: Link): number {
  return degreeRank[a.degree] - degreeRank[b.degree] || a.distance - b.distance ||
    compareStrings(a.from, b.from) || compareStrings(a.required, b.required) || compareStrings(a.provided, b.provided)
}
