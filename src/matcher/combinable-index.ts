/**
 * What "combinable with X" needs of a catalog that no request changes, kept per catalog version
 * (a compiled catalog is never modified; a new version is a new object): the interfaces stating
 * each class, per role, with their service and node as small integers, and counters per service
 * that a ranking fills and clears again. Built piecewise on first use of a class — never by a scan
 * over every service.
 */
import type { Catalog, ClassHierarchy, InterfaceNode } from '../catalog/index.js'
import { typeMatch } from './degree.js'
import type { Texts, TypeMatch } from './types.js'
import type { Namer } from './writer.js'

/** The interfaces that state one class among their types, in one role. */
export interface TypedGroup {
  readonly nodes: readonly InterfaceNode[]
  /** Per node: the ordinal of its service (`CombinableIndex.serviceIds`). */
  readonly owners: Int32Array
  /** Per node: its ordinal, the same in every group it is part of. */
  readonly ids: Int32Array
  /** Per node: `nodeFlags` bits. */
  readonly flags: Uint8Array
}

/** The node states exactly one type (its degree against a single-typed interface is then its class's). */
export const singleType = 1
/** The node is an optional requirement. */
export const optionalRequirement = 2
/** The node states protocols, data formats, a version or a version range: agreement must be checked. */
export const statesAgreement = 4

/** The flag bits of an interface node. */
export function nodeFlags (node: InterfaceNode): number {
  return (node.types.length === 1 ? singleType : 0) | (node.role === 'optionallyRequires' ? optionalRequirement : 0) |
    (node.protocols.length > 0 || node.dataFormats.length > 0 || node.version !== undefined || node.versionRange !== undefined ? statesAgreement : 0)
}

/** Candidate groups of one interface type of X, with the type match a single-typed member has. */
export type Candidates = ReadonlyArray<{ readonly group: TypedGroup, readonly match: TypeMatch }>

/** Per-service counters of one ranking, indexed by service ordinal; all clear between rankings. */
export interface Tally {
  /** Degree rank × `rankScale` + class distance of the best link so far; `Infinity` for none. */
  readonly best: Float64Array
  /** Links meeting a mandatory requirement. */
  readonly mandatory: Int32Array
  /** Links. */
  readonly count: Int32Array
  /** The service's mandatory requirements met exactly or by plugin, each counted once. */
  readonly covered: Int32Array
  /** Class distances of its links, summed. */
  readonly distanceSum: Float64Array
  /** The last link noted for the service (an index into the ranking's own link list), -1 for none. */
  readonly last: Int32Array
  /** Per node ordinal: the mark of the last interface of X it was paired with. */
  readonly seen: Int32Array
  /** Per node ordinal: the mark of the last ranking that counted it in `covered`. */
  readonly met: Int32Array
}

/**
 * The links one ranking notes, as parallel integer arrays kept between rankings (a ranking of
 * thousands of links then allocates nothing per link): the other side's node ordinal, the
 * pairing of X's interface it was found for, and the same service's previous link (-1 for none).
 */
export class LinkList {
  node = new Int32Array(1024)
  pairing = new Int32Array(1024)
  previous = new Int32Array(1024)
  length = 0

  /** Notes a link and returns its index. */
  push (node: number, pairing: number, previous: number): number {
    if (this.length === this.node.length) {
      const grown = (a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> => {
        const b = new Int32Array(2 * a.length)
        b.set(a)
        return b
      }
      this.node = grown(this.node)
      this.pairing = grown(this.pairing)
      this.previous = grown(this.previous)
    }
    const l = this.length++
    this.node[l] = node
    this.pairing[l] = pairing
    this.previous[l] = previous
    return l
  }
}

/** Class distances are sums of path lengths, far below this. */
export const rankScale = 1_000_000

export class CombinableIndex {
  /** Service IRIs by ordinal, in the order they were first met. */
  readonly serviceIds: string[] = []
  /** Per service ordinal: how many mandatory requirements the service states. */
  readonly requirementCounts: number[] = []
  readonly #serviceOrdinals = new Map<string, number>()
  readonly #nodeIds = new Map<InterfaceNode, number>()
  /** Interface nodes by ordinal. */
  readonly nodes: InterfaceNode[] = []
  readonly #links = new LinkList()
  readonly #candidates = new Map<string, Candidates>()
  readonly #groups = { provides: new Map<string, TypedGroup>(), requires: new Map<string, TypedGroup>() }
  readonly #catalog: Catalog
  #tally: Tally = {
    best: new Float64Array(0), mandatory: new Int32Array(0), count: new Int32Array(0), covered: new Int32Array(0),
    distanceSum: new Float64Array(0), last: new Int32Array(0), seen: new Int32Array(0), met: new Int32Array(0)
  }
  #mark = 0
  /** Service names in every language by ordinal: an answer names thousands of services. */
  readonly #names: Array<Texts | undefined> = []
  /** Per node ordinal: the number of its single class (-1 for several types or none, -2 not yet known). */
  #nodeClasses = new Int32Array(0)
  readonly #classNumbers = new Map<string, number>()

  constructor (catalog: Catalog) {
    this.#catalog = catalog
  }

  /** The catalog's class hierarchy. */
  get hierarchy (): ClassHierarchy {
    return this.#catalog.hierarchy
  }

  /** The ordinal of a service IRI, given one on first sight. */
  serviceOrdinal (service: string): number {
    let ordinal = this.#serviceOrdinals.get(service)
    if (ordinal === undefined) {
      ordinal = this.serviceIds.length
      this.serviceIds.push(service)
      this.requirementCounts.push(this.#catalog.services.get(service)?.requires.length ?? 0)
      this.#serviceOrdinals.set(service, ordinal)
    }
    return ordinal
  }

  /**
   * The name of the service with ordinal `s` in every language, by the catalog's namer (looking
   * an IRI up in the namer costs more than the rest of a link).
   */
  serviceName (s: number, namer: Namer): Texts {
    let texts = this.#names[s]
    if (texts === undefined) {
      const iri = this.serviceIds[s]!
      this.#names[s] = texts = { en: namer(iri, 'en'), de: namer(iri, 'de') }
    }
    return texts
  }

  /**
   * The class of a single-typed interface node as a small number (-1 for a node stating several
   * types or none): links of one interface of X are told apart by the other's class without
   * reading its IRI.
   */
  nodeClass (node: number): number {
    if (node >= this.#nodeClasses.length) {
      const grown = new Int32Array(Math.max(node + 1, this.nodes.length, 2 * this.#nodeClasses.length)).fill(-2)
      grown.set(this.#nodeClasses)
      this.#nodeClasses = grown
    }
    let c = this.#nodeClasses[node]!
    if (c === -2) {
      const { types } = this.nodes[node]!
      if (types.length !== 1) c = -1
      else {
        c = this.#classNumbers.get(types[0]!) ?? this.#classNumbers.size
        this.#classNumbers.set(types[0]!, c)
      }
      this.#nodeClasses[node] = c
    }
    return c
  }

  /** The interfaces stating `type` in `role` (required and optionally required ones for `'requires'`). */
  group (type: string, role: 'provides' | 'requires'): TypedGroup {
    const groups = this.#groups[role]
    let group = groups.get(type)
    if (group === undefined) {
      const nodes = this.#catalog.interfacesTyped(type, role)
      const owners = new Int32Array(nodes.length)
      const ids = new Int32Array(nodes.length)
      const flags = new Uint8Array(nodes.length)
      nodes.forEach((node, i) => {
        owners[i] = this.serviceOrdinal(node.service)
        let id = this.#nodeIds.get(node)
        if (id === undefined) {
          this.#nodeIds.set(node, id = this.nodes.length)
          this.nodes.push(node)
        }
        ids[i] = id
        flags[i] = nodeFlags(node)
      })
      groups.set(type, group = { nodes, owners, ids, flags })
    }
    return group
  }

  /**
   * The groups that may link to an interface of the single type `type` of X, each with the type
   * match of its single-typed members: for a provided interface (`provides`) the requirements
   * stating a superclass (exact, plugin) and, with `subsumes`, a subclass; for a requirement the
   * provided interfaces stating a subclass (exact, plugin) and, with `subsumes`, a superclass.
   * Empty groups are left out.
   */
  candidates (type: string, provides: boolean, subsumes: boolean): Candidates {
    const key = `${provides ? 'p' : 'r'}${subsumes ? 's' : ''} ${type}`
    let candidates = this.#candidates.get(key)
    if (candidates === undefined) {
      const hierarchy = this.hierarchy
      const classes = new Set(provides ? hierarchy.superClasses(type) : hierarchy.subClasses(type))
      if (subsumes) for (const c of provides ? hierarchy.subClasses(type) : hierarchy.superClasses(type)) classes.add(c)
      const found = []
      for (const c of classes) {
        const group = this.group(c, provides ? 'requires' : 'provides')
        if (group.nodes.length > 0) found.push({ group, match: provides ? typeMatch(c, type, hierarchy) : typeMatch(type, c, hierarchy) })
      }
      this.#candidates.set(key, candidates = found)
    }
    return candidates
  }

  /**
   * Counters for every service and node met so far, all clear. The caller clears the entries it
   * set before the next call (`clear`); `nextMark` tells pairings apart in `seen` without clearing.
   */
  tally (): Tally {
    const services = this.serviceIds.length
    const nodes = this.#nodeIds.size
    const tally = this.#tally
    if (tally.best.length < services || tally.seen.length < nodes) {
      const best = new Float64Array(Math.max(services, 2 * tally.best.length)).fill(Infinity)
      // Marks only grow: a fresh array holds no mark a later pairing uses.
      const seen = new Int32Array(Math.max(nodes, 2 * tally.seen.length))
      const size = best.length
      this.#tally = {
        best, mandatory: new Int32Array(size), count: new Int32Array(size), covered: new Int32Array(size), distanceSum: new Float64Array(size),
        last: new Int32Array(size).fill(-1), seen, met: new Int32Array(seen.length)
      }
    }
    return this.#tally
  }

  /** The link list, emptied: one ranking at a time uses it (rankings run synchronously). */
  links (): LinkList {
    this.#links.length = 0
    return this.#links
  }

  /** A mark not yet used in `seen` or `met`. */
  nextMark (): number {
    if (this.#mark === 0x7fffffff) {
      this.#tally.seen.fill(0)
      this.#tally.met.fill(0)
      this.#mark = 0
    }
    return ++this.#mark
  }

  /** Resets the counters of the given services. */
  clear (services: readonly number[]): void {
    const { best, mandatory, count, covered, distanceSum, last } = this.#tally
    for (const s of services) {
      best[s] = Infinity
      mandatory[s] = 0
      count[s] = 0
      covered[s] = 0
      distanceSum[s] = 0
      last[s] = -1
    }
  }
}

const indexes = new WeakMap<Catalog, CombinableIndex>()

/** The catalog's index, made on first use and dropped with the catalog. */
export function combinableIndex (catalog: Catalog): CombinableIndex {
  let index = indexes.get(catalog)
  if (index === undefined) indexes.set(catalog, index = new CombinableIndex(catalog))
  return index
}
