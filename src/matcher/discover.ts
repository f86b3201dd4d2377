/**
 * Discovery (DESIGN.md §9): services whose `sym:provides` satisfy every wanted type and whose
 * `sym:requires` are satisfied by the available types, ranked.
 *
 * Decisions, stated once:
 * - A mandatory requirement that no available type satisfies (not even as `subsumes`) makes
 *   the service unusable: it is not a result. Optional requirements never block; they are
 *   explained, satisfied or not.
 * - A result's degree is the worst over its wanted types and mandatory requirements; its
 *   distance the sum of their class distances. Order: degree (exact > plugin > subsumes, so
 *   partial matches come after full ones), then distance, then service IRI.
 * - Protocols, formats and versions play no part: available and wanted are bare types, and
 *   each available type stands for its own interface (one requirement's types may be covered
 *   by different available types).
 * - With no wanted type, every service whose requirements are met is a result.
 */
import type { Catalog, ClassHierarchy, Service } from '../catalog/index.js'
import { bestTypeMatch, compareStrings, coverTypes, degreeRank, effectiveTypes, worse } from './degree.js'
import { requireKnownClasses, validateDiscoveryRequest, type DiscoveryRequest } from './request.js'
import { compareRanked, score } from './score.js'
import type { Degree, MatchDegree, TypeMatch } from './types.js'

/** How one wanted type is provided. */
export interface WantedExplanation {
  readonly wanted: string
  /** The provided interface node that satisfies it best. */
  readonly interface: string
  /** Its type covering the wanted one. */
  readonly type: string
  readonly degree: MatchDegree
  readonly distance: number
  /** Class chain: provided type … wanted type (exact, plugin) or wanted … provided (subsumes). */
  readonly path: readonly string[]
}

/** How one requirement of the service is met by the available types. */
export interface RequirementExplanation {
  readonly interface: string
  readonly optional: boolean
  readonly degree: Degree
  readonly distance: number
  /** Per required type: the available type covering it (`provided`), or `fail`. */
  readonly types: readonly TypeMatch[]
}

export interface DiscoveryExplanation {
  readonly wanted: readonly WantedExplanation[]
  readonly requires: readonly RequirementExplanation[]
}

export interface DiscoveryResult {
  readonly service: string
  readonly degree: MatchDegree
  /** In [0, 1]; orders like (degree, distance): exact 1, plugin (0.5, 0.75], subsumes (0, 0.25]. */
  readonly score: number
  readonly explanation: DiscoveryExplanation
}

export interface DiscoveryAnswer {
  readonly results: readonly DiscoveryResult[]
}

/**
 * Answers a discovery request. The request is validated here too (`INVALID_REQUEST`), and its
 * classes checked against the hierarchy (`UNKNOWN_CLASS`).
 *
 * @example
 * discover(catalog, { available: [sym + 'ContactLookupAPI'], wanted: [sym + 'CallEventFeed'], limit: 10 })
 * // { results: [{ service: ex + 'AcmePBX', degree: 'exact', score: 1, explanation: { … } }] }
 */
export function discover (catalog: Catalog, input: unknown): DiscoveryAnswer {
  const request = validateDiscoveryRequest(input)
  requireKnownClasses(catalog, request.available, 'available')
  requireKnownClasses(catalog, request.wanted, 'wanted')
  const ranked: Array<{ service: string, degree: MatchDegree, distance: number, explanation: DiscoveryExplanation }> = []
  // The available types are fixed for the request: the best one per required type, once.
  const fromAvailable = new Map<string, TypeMatch>()
  const bestAvailable = (required: string): TypeMatch => {
    let match = fromAvailable.get(required)
    if (match === undefined) fromAvailable.set(required, match = bestTypeMatch(required, request.available, catalog.hierarchy))
    return match
  }
  for (const service of candidates(catalog, request.wanted)) {
    const result = evaluate(service, request, catalog.hierarchy, bestAvailable)
    if (result !== undefined) ranked.push(result)
  }
  ranked.sort(compareRanked)
  return {
    results: ranked.slice(0, request.limit).map(({ service, degree, distance, explanation }) =>
      ({ service, degree, score: score(degree, distance), explanation }))
  }
}

/** Services providing something comparable to the rarest wanted type (all services when nothing is wanted). */
function candidates (catalog: Catalog, wanted: readonly string[]): Iterable<Service> {
  if (wanted.length === 0) return catalog.services.values()
  let smallest: Set<string> | undefined
  for (const type of wanted) {
    const ids = new Set<string>()
    for (const node of catalog.providersOf(type)) ids.add(node.service)
    for (const sup of catalog.hierarchy.superClasses(type)) for (const node of catalog.interfacesTyped(sup, 'provides')) ids.add(node.service)
    if (smallest === undefined || ids.size < smallest.size) smallest = ids
  }
  return [...smallest!].map(id => catalog.services.get(id)!)
}

function evaluate (service: Service, request: DiscoveryRequest, hierarchy: ClassHierarchy, bestAvailable: (required: string) => TypeMatch):
{ service: string, degree: MatchDegree, distance: number, explanation: DiscoveryExplanation } | undefined {
  let degree: Degree = 'exact'
  let distance = 0
  const wanted: WantedExplanation[] = []
  for (const type of request.wanted) {
    let best: WantedExplanation | undefined
    for (const node of service.provides) {
      const match = bestTypeMatch(type, effectiveTypes(node.types, hierarchy), hierarchy)
      if (match.degree === 'fail') continue
      const candidate: WantedExplanation = {
        wanted: type, interface: node.id, type: match.provided!, degree: match.degree, distance: match.distance, path: match.path
      }
      if (best === undefined || compareWanted(candidate, best) < 0) best = candidate
    }
    if (best === undefined) return undefined
    wanted.push(best)
    degree = worse(degree, best.degree)
    distance += best.distance
  }
  const requires: RequirementExplanation[] = []
  for (const node of [...service.requires, ...service.optionallyRequires]) {
    const optional = node.role === 'optionallyRequires'
    const match = coverTypes(node.types, hierarchy, bestAvailable)
    if (match.degree === 'fail' && !optional) return undefined
    requires.push({ interface: node.id, optional, degree: match.degree, distance: match.distance, types: match.types })
    if (!optional) {
      degree = worse(degree, match.degree)
      distance += match.distance
    }
  }
  return { service: service.id, degree: degree as MatchDegree, distance, explanation: { wanted, requires } }
}

function compareWanted (a: WantedExplanation, b: WantedExplanation): number {
  return degreeRank[a.degree] - degreeRank[b.degree] || a.distance - b.distance || compareStrings(a.interface, b.interface)
}
