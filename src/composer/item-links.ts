/**
 * Who can satisfy an item, before any constraint: the services providing a matching
 * interface (found through `catalog.providersOf`, graded by the matcher), the available
 * interface types, the instances of a service type. Computed once per item and request.
 */
import type { Catalog, InterfaceNode } from '../catalog/index.js'
import { byContent, contentKey, type Item } from './items.js'
import { recentlyUsed } from './recently-used.js'
import type { Degree, MatchIssueCode } from '../matcher/index.js'
import type { LinkMatcher } from './link-match.js'
import type { ResolvedRequest } from './resolve-request.js'
import type { ServiceTable } from './service-table.js'
import type { LinkDegree } from './types.js'

/** One way to satisfy an item. */
export interface Satisfier {
  /** Service index, or -1 for an available interface type. */
  readonly provider: number
  readonly availableType?: string
  /** The provided interface node (requirements and wanted types). */
  readonly node?: InterfaceNode
  /** `null` for service types. */
  readonly degree: LinkDegree | null
  /** Personal-data categories on either end. */
  readonly carriesData: readonly string[]
}

/** A class-compatible provided interface the matcher rejected, kept to explain failures. */
export interface Mismatch {
  readonly provider: number
  readonly node: InterfaceNode
  readonly degree: Degree
  /** Why the matcher rejected it (none when only the degree fell short). */
  readonly issues: readonly MatchIssueCode[]
}

export interface ItemLinks {
  /**
   * Available types first, then by provider index; per provider exact before plugin, then by
   * content. For a requirement, the links are shared by every service requiring the same
   * interface and may include the requiring service itself, which `Problem` leaves out.
   */
  readonly satisfiers: readonly Satisfier[]
  readonly mismatches: readonly Mismatch[]
}

/**
 * Links from provided interfaces, by required content: they depend on the catalog and the
 * matcher only, so they are kept for the catalog's lifetime (it is rebuilt on publish) and
 * shared by every request. Service indices are the same for every request (IRI order). The
 * links of requirements (available types first, then the provided ones) depend on the request's
 * available types too: they are kept per catalog for the last `maxAvailableKeys` lists of them.
 */
interface CatalogLinks {
  readonly provided: Map<string, ItemLinks>
  /** Requirement links by content, by the request's available types (most recent last). */
  readonly byAvailable: Map<string, Map<string, ItemLinks>>
}

const catalogLinks = new WeakMap<Catalog, WeakMap<LinkMatcher, CatalogLinks>>()
/** Lists of available types whose requirement links are kept per catalog. */
const maxAvailableKeys = 8

function catalogLinksOf (catalog: Catalog, match: LinkMatcher): CatalogLinks {
  let byMatcher = catalogLinks.get(catalog)
  if (byMatcher === undefined) catalogLinks.set(catalog, byMatcher = new WeakMap())
  let links = byMatcher.get(match)
  if (links === undefined) byMatcher.set(match, links = { provided: new Map(), byAvailable: new Map() })
  return links
}

/** The requirement links for a list of available types, the most recently used kept last. */
function requirementLinksFor (links: CatalogLinks, available: readonly string[]): Map<string, ItemLinks> {
  return recentlyUsed(links.byAvailable, JSON.stringify(available), maxAvailableKeys, () => new Map<string, ItemLinks>())
}

export class LinkIndex {
  /** Goals' links by key. */
  private readonly cache = new Map<string, ItemLinks>()
  /** Requirement links by the node's content: services requiring the same interface share them. */
  private readonly byContent: Map<string, ItemLinks>
  private readonly provided: Map<string, ItemLinks>
  /**
   * What the requirement links depend on, as one object: the same for every request of the
   * catalog with the same available types (and the same matcher), another for a catalog compiled
   * anew. What is made from the requirement links alone can be kept with it.
   */
  readonly requirementScope: object

  constructor (
    private readonly catalog: Catalog,
    private readonly table: ServiceTable,
    private readonly request: ResolvedRequest,
    private readonly match: LinkMatcher
  ) {
    const links = catalogLinksOf(catalog, match)
    this.provided = links.provided
    this.byContent = requirementLinksFor(links, request.available)
    this.requirementScope = this.byContent
  }

  of (item: Item): ItemLinks {
    if (item.kind === 'requires') {
      const key = contentKey(item.node)
      let shared = this.byContent.get(key)
      if (shared === undefined) {
        shared = this.requirement(item.node)
        this.byContent.set(key, shared)
      }
      return shared
    }
    let links = this.cache.get(item.key)
    if (links === undefined) {
      links = this.goal(item)
      this.cache.set(item.key, links)
    }
    return links
  }

  private goal (item: Exclude<Item, { kind: 'requires' }>): ItemLinks {
    switch (item.kind) {
      case 'serviceType': return {
        satisfiers: this.catalog.servicesOfType(item.type)
          .map(s => ({ provider: this.table.indexOf.get(s.id)!, degree: null, carriesData: [] }))
          .sort((a, b) => a.provider - b.provider),
        mismatches: []
      }
      case 'wanted': {
        const satisfiers: Satisfier[] = []
        for (const node of this.catalog.providersOf(item.type)) {
          const degree = this.match.types([item.type], node.types)
          if (degree === 'exact' || degree === 'plugin') {
            satisfiers.push({ provider: this.table.indexOf.get(node.service)!, node, degree, carriesData: node.carriesData })
          }
        }
        return { satisfiers: satisfiers.sort(bySatisfier), mismatches: [] }
      }
    }
  }

  private requirement (required: InterfaceNode): ItemLinks {
    const satisfiers: Satisfier[] = []
    if (required.types.length === 0) return { satisfiers, mismatches: [] }
    for (const type of this.request.available) {
      const degree = this.match.types(required.types, [type])
      if (degree === 'exact' || degree === 'plugin') {
        satisfiers.push({ provider: -1, availableType: type, degree, carriesData: required.carriesData })
      }
    }
    const key = contentKey(required)
    let provided = this.provided.get(key)
    if (provided === undefined) this.provided.set(key, provided = this.providedFor(required))
    if (satisfiers.length === 0) return provided
    return { satisfiers: [...satisfiers.sort(bySatisfier), ...provided.satisfiers], mismatches: provided.mismatches }
  }

  private providedFor (required: InterfaceNode): ItemLinks {
    const satisfiers: Satisfier[] = []
    const mismatches: Mismatch[] = []
    for (const node of this.catalog.providersOf(required.types[0]!)) {
      const provider = this.table.indexOf.get(node.service)!
      const result = this.match.interfaces(required, node)
      if (result.degree === 'exact' || result.degree === 'plugin') {
        satisfiers.push({ provider, node, degree: result.degree, carriesData: union(required.carriesData, node.carriesData) })
      } else {
        mismatches.push({ provider, node, degree: result.degree, issues: result.issues })
      }
    }
    return { satisfiers: satisfiers.sort(bySatisfier), mismatches: mismatches.sort((a, b) => a.provider - b.provider) }
  }
}

function bySatisfier (a: Satisfier, b: Satisfier): number {
  if (a.provider !== b.provider) return a.provider - b.provider
  if (a.degree !== b.degree) return a.degree === 'exact' ? -1 : 1
  if (a.node !== undefined && b.node !== undefined) return byContent(a.node, b.node)
  const ai = a.availableType ?? ''
  const bi = b.availableType ?? ''
  return ai < bi ? -1 : ai > bi ? 1 : 0
}

function union (a: readonly string[], b: readonly string[]): readonly string[] {
  if (b.length === 0) return a
  if (a.length === 0) return b
  return [...new Set([...a, ...b])].sort()
}

