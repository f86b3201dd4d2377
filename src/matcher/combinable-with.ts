/**
 * "What can be combined with X", both directions, found through the catalog's indexes: the
 * requirements X's interfaces can satisfy and the interfaces that can satisfy X's requirements
 * — never a scan over all services.
 */
import type { Catalog, ClassHierarchy, InterfaceNode, Service } from '../catalog/index.js'
import { SymphonyError } from '../errors.js'
import { agrees } from './agreement.js'
import {
  combinableIndex, nodeFlags, optionalRequirement, rankScale, singleType, statesAgreement,
  type Candidates, type CombinableIndex, type TypedGroup
} from './combinable-index.js'
import { compareStrings, degreeRank, effectiveTypes, matchTypes, typeMatch } from './degree.js'
import { requireService, validateLimit, validateOffset } from './request.js'
import { framedSentence, linkFrame, linkParts, say, type LinkFrame } from './texts.js'
import { TopK } from './top-k.js'
import type { MatchDegree, Texts, TypeMatch } from './types.js'
import { catalogNamer, type Namer } from './writer.js'

export interface CombinableOptions {
  /** Weakest degree to include (default `subsumes`: partial links are listed, after full ones). */
  readonly minDegree?: MatchDegree
  /** Count links to and from optional requirements (default true). */
  readonly includeOptional?: boolean
  /** At most this many services (default: all; at most 10,000 when given). */
  readonly limit?: number
  /** Services skipped before the first one listed, for paging (default 0). */
  readonly offset?: number
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
  /** The link in a sentence, in the answer's language (English unless asked otherwise). */
  readonly message: string
  /** The link in a sentence, in every language. */
  readonly messages: Texts
}

export interface Combinable {
  readonly service: string
  /** Degree and distance of the best link. */
  readonly degree: MatchDegree
  readonly distance: number
  /** How many links meet a mandatory requirement (of either service). */
  readonly mandatory: number
  /**
   * How many of this service's mandatory requirements no link from X meets exactly or by plugin:
   * what it still needs of other services when combined with X.
   */
  readonly unmet: number
  /** Every link, best first. */
  readonly links: readonly Link[]
}

/**
 * Every service linkable to `x` in either direction (x provides what it requires, or it
 * provides what x requires, with protocol, format and version agreeing), ranked by the degree
 * of the best link, then its class distance, then more links meeting a mandatory requirement,
 * then fewer of its own mandatory requirements left unmet by X, then more links, then closer
 * classes over all its links, and the IRI only when all of these tie. Throws `UNKNOWN_SERVICE`
 * for an unknown `x`.
 *
 * Top-k: the ranking counts links with small integers per service (the catalog's interfaces per
 * class, `combinable-index.ts`), keeps the `limit` best in a bounded heap, and builds the links
 * with their class paths only for those: a limit of 20 among thousands of linkable services costs
 * one pass over the candidate interfaces and twenty explanations.
 *
 * @example combinableWith(catalog, ex + 'AcmePBX', { minDegree: 'plugin', limit: 20 })
 */
export function combinableWith (catalog: Catalog, x: string, options: CombinableOptions = {}): Combinable[] {
  const service = requireService(catalog, x)
  if (options.minDegree !== undefined && !['exact', 'plugin', 'subsumes'].includes(options.minDegree)) {
    throw new SymphonyError('INVALID_REQUEST', {
      en: `minDegree must be exact, plugin or subsumes, not ${JSON.stringify(options.minDegree)}`,
      de: `minDegree muss exact, plugin oder subsumes sein, nicht ${JSON.stringify(options.minDegree)}`
    }, { path: 'minDegree' })
  }
  const minRank = degreeRank[options.minDegree ?? 'subsumes']
  const limit = options.limit === undefined ? Infinity : validateLimit(options.limit, 'limit')
  const offset = validateOffset(options.offset, 'offset')
  const includeOptional = options.includeOptional ?? true
  const index = combinableIndex(catalog)
  return rank(index, service, plan(catalog, index, service, minRank, includeOptional), minRank, includeOptional, offset, offset + limit, catalogNamer(catalog))
}

/** One interface of X and the groups of interfaces (one per class) that may link to it. */
interface Pairing {
  readonly mine: InterfaceNode
  readonly mineFlags: number
  /** X's interface is the provided one (the others are requirements). */
  readonly provides: boolean
  readonly groups: Candidates
  /** X's interface states one type: a single-typed member's degree is its group's match. */
  readonly typed: boolean
}

/**
 * The candidates for each interface of X, from the catalog's index (`candidates`): the same ones
 * the catalog's `providersOf` and `consumersOf` give, grouped by the class that makes them one.
 * A requirement is looked up by its first effective type (a provider must cover all of them).
 */
function plan (catalog: Catalog, index: CombinableIndex, service: Service, minRank: number, includeOptional: boolean): Pairing[] {
  const { hierarchy } = catalog
  const subsumes = minRank >= degreeRank.subsumes
  const pairings: Pairing[] = []
  for (const provided of service.provides) {
    const typed = provided.types.length === 1
    let groups = typed ? index.candidates(provided.types[0]!, true, subsumes) : []
    if (!typed) {
      const union = new Map<TypedGroup, Candidates[number]>()
      for (const type of provided.types) for (const candidate of index.candidates(type, true, subsumes)) union.set(candidate.group, candidate)
      groups = [...union.values()]
    }
    pairings.push({ mine: provided, mineFlags: nodeFlags(provided), provides: true, groups, typed })
  }
  for (const required of includeOptional ? [...service.requires, ...service.optionallyRequires] : service.requires) {
    const first = effectiveTypes(required.types, hierarchy)[0]
    if (first === undefined) continue
    pairings.push({ mine: required, mineFlags: nodeFlags(required), provides: false, groups: index.candidates(first, false, subsumes), typed: required.types.length === 1 })
  }
  return pairings
}

/**
 * The `limit` best services linkable to X, best first, without the first `offset` of them: one
 * pass over the candidate interfaces counts each service's links, notes its best one and chains
 * its links; a bounded heap selects; only the listed services' links are built, with their
 * class paths.
 */
function rank (index: CombinableIndex, service: Service, pairings: readonly Pairing[], minRank: number, includeOptional: boolean, offset: number, limit: number,
  namer: Namer): Combinable[] {
  const hierarchy = index.hierarchy
  const self = index.serviceOrdinal(service.id)
  const { best, mandatory, count, covered, distanceSum, last, seen, met } = index.tally()
  const touched: number[] = []
  const found = index.links()
  // Tells this ranking's counted requirements apart in `met`: marks only grow.
  const ranking = index.nextMark()
  try {
    for (let p = 0; p < pairings.length; p++) {
      const { mine, mineFlags, provides, groups, typed } = pairings[p]!
      // An interface stating several types is in several groups: pair it with `mine` once.
      const mark = index.nextMark()
      const mineOptional = (mineFlags & optionalRequirement) !== 0
      const mineAgreement = (mineFlags & statesAgreement) !== 0
      for (const { group, match } of groups) {
        const { nodes, owners, ids, flags } = group
        const groupRank = degreeRank[match.degree]
        for (let i = 0; i < nodes.length; i++) {
          const owner = owners[i]!
          const id = ids[i]!
          if (owner === self || seen[id] === mark) continue
          seen[id] = mark
          const f = flags[i]!
          const optional = provides ? (f & optionalRequirement) !== 0 : mineOptional
          if (optional && !includeOptional) continue
          let linkRank = groupRank
          let distance = match.distance
          if (!typed || (f & singleType) === 0) {
            const other = nodes[i]!
            const types = provides ? matchTypes(other.types, mine.types, hierarchy) : matchTypes(mine.types, other.types, hierarchy)
            linkRank = degreeRank[types.degree]
            distance = types.distance
          }
          if (linkRank > minRank) continue
          // Protocol, format and version only constrain when both sides state some.
          if (mineAgreement && (f & statesAgreement) !== 0 && !(provides ? agrees(nodes[i]!, mine) : agrees(mine, nodes[i]!))) continue
          if (count[owner] === 0) touched.push(owner)
          count[owner]!++
          if (!optional) {
            mandatory[owner]!++
            if (provides && linkRank <= degreeRank.plugin && met[id] !== ranking) {
              met[id] = ranking
              covered[owner]!++
            }
          }
          distanceSum[owner]! += distance
          const key = linkRank * rankScale + distance
          if (key < best[owner]!) best[owner] = key
          last[owner] = found.push(id, p, last[owner]!)
        }
      }
    }
    const { serviceIds, requirementCounts } = index
    const unmet = (s: number): number => requirementCounts[s]! - covered[s]!
    const compare = (a: number, b: number): number => best[a]! - best[b]! || mandatory[b]! - mandatory[a]! || unmet(a) - unmet(b) ||
      count[b]! - count[a]! || distanceSum[a]! - distanceSum[b]! || compareStrings(serviceIds[a]!, serviceIds[b]!)
    let kept: number[]
    if (limit >= touched.length) kept = [...touched].sort(compare)
    else {
      const top = new TopK<number>(limit, compare)
      for (const s of touched) if (top.admits(s)) top.push(s)
      kept = top.sorted()
    }
    // Every link names X and one other service: names are kept per service ordinal.
    const names = (s: number): Texts => index.serviceName(s, namer)
    const xNames = names(self)
    // Links of one interface of X to single-typed interfaces: their match and their sentence
    // with X named, by the other's type, for mandatory and for optional requirements.
    const framesByPairing = pairings.map((): [Array<Framed | undefined>, Array<Framed | undefined>] => [[], []])
    // A service's links are gathered in one array reused for every service, then copied at
    // their exact length: most services have one or two links.
    const gathered: Link[] = []
    return kept.slice(offset).map(s => {
      gathered.length = 0
      const otherNames = names(s)
      for (let l = last[s]!; l !== -1; l = found.previous[l]!) {
        const p = found.pairing[l]!
        const { mine, provides } = pairings[p]!
        const node = found.node[l]!
        const other = index.nodes[node]!
        const required = provides ? other : mine
        const provided = provides ? mine : other
        const c = mine.types.length === 1 ? index.nodeClass(node) : -1
        let framed: Framed | undefined
        if (c !== -1) {
          const optional = required.role === 'optionallyRequires'
          const memo = framesByPairing[p]![optional ? 1 : 0]
          framed = memo[c]
          if (framed === undefined) {
            const parts = linkParts(typeMatch(required.types[0]!, provided.types[0]!, hierarchy), namer)
            memo[c] = framed = { match: parts.types[0]!, types: parts.types, frame: linkFrame(parts, optional, xNames, provides) }
          }
        }
        gathered.push(link(required, provided, otherNames, framed, hierarchy, namer))
      }
      const links = gathered.length === 1 ? [gathered[0]!] : gathered.sort(compareLinks).slice()
      return { service: serviceIds[s]!, degree: links[0]!.degree, distance: links[0]!.distance, mandatory: mandatory[s]!, unmet: unmet(s), links }
    })
  } finally {
    index.clear(touched)
  }
}

/** What the links of one interface of X to interfaces of one type share. */
interface Framed {
  readonly match: TypeMatch
  readonly types: readonly TypeMatch[]
  readonly frame: LinkFrame
}

/**
 * The link between a requirement and a provided interface already found to agree; `otherNames`
 * name the service that is not X. `framed`: what links of the two interfaces' types share when
 * each states one type (the common case: the sentence is X's frame around the other's name).
 */
function link (required: InterfaceNode, provided: InterfaceNode, otherNames: Texts, framed: Framed | undefined,
  hierarchy: ClassHierarchy, namer: Namer): Link {
  const from = provided.service
  const to = required.service
  const optional = required.role === 'optionallyRequires'
  if (framed !== undefined) {
    const { match } = framed
    const messages = framedSentence(framed.frame, otherNames)
    return { from, to, provided: provided.id, required: required.id, optional, degree: match.degree as MatchDegree, distance: match.distance, types: framed.types, message: messages.en, messages }
  }
  const types = matchTypes(required.types, provided.types, hierarchy)
  const degree = types.degree as MatchDegree
  const messages = say('LINK', { from, to, optional, degree, types: types.types }, namer)
  // Built in one literal (no spread of the facts): an answer builds dozens of links.
  return { from, to, provided: provided.id, required: required.id, optional, degree, distance: types.distance, types: types.types, message: messages.en, messages }
}

function compareLinks (a: Link, b: Link): number {
  return degreeRank[a.degree] - degreeRank[b.degree] || a.distance - b.distance ||
    compareStrings(a.from, b.from) || compareStrings(a.required, b.required) || compareStrings(a.provided, b.provided)
}
