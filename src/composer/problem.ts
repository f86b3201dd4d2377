/**
 * One search problem: which services may join, what adding each costs, and the options
 * for each item under the request's constraints. The strict problem admits only services
 * that pass every per-member constraint; the relaxed one (for the nearest bundle) admits
 * all, charging a large penalty per violated constraint, a larger one per requirement left
 * open and a still larger one per goal left open: its best bundle covers the most goals, then
 * leaves the fewest requirements open, then violates the fewest constraints, then is cheapest.
 */
import type { Catalog, InterfaceNode } from '../catalog/index.js'
import { contentKey, goalItems, type GoalItem, type Item, type RequirementItems } from './items.js'
import type { ItemLinks, LinkIndex } from './item-links.js'
import { recentlyUsed } from './recently-used.js'
import type { ResolvedRequest, Weights } from './resolve-request.js'
import type { ServiceTable } from './service-table.js'
import type { LinkDegree, Wiring } from './types.js'

/** Cost of one violated constraint in the relaxed problem. */
export const violationPenalty = 1e6
/** Cost of a requirement left open in the relaxed problem. */
export const missingRequirementPenalty = 1e9
/** Cost of a goal left open in the relaxed problem: covering a goal with open requirements is nearer. */
export const missingGoalPenalty = 1e12

/** What leaving the item open costs in the relaxed problem. */
export function missingPenalty (item: Item): number {
  return item.kind === 'requires' ? missingRequirementPenalty : missingGoalPenalty
}

export interface ProblemMode {
  readonly relaxed: boolean
  /** Prune partial bundles that cannot stay within the request's budget. */
  readonly budget: boolean
  readonly weights: Weights
  /** Static: members may satisfy each other around cycles; dataflow: links must be acyclic. */
  readonly wiring: Wiring
}

/** One way to satisfy an item in this problem (the best link per provider). */
export interface Option {
  /** Service index, or -1 for an available interface type. */
  readonly provider: number
  readonly availableType?: string
  readonly node?: InterfaceNode
  readonly degree: LinkDegree | null
  /** Ranking cost of the link: the degree weight for a plugin match. */
  readonly penalty: number
  readonly carriesData: readonly string[]
}

interface ItemOptions {
  readonly list: readonly Option[]
  readonly byProvider: ReadonlyMap<number, Option>
}

/**
 * The options of an item as a list shared by every item of the same content (and guard), and
 * the provider the item leaves out of it: its consumer, which cannot meet its own requirement
 * (-2 when none is left out).
 */
export interface OptionGroup {
  readonly shared: readonly Option[]
  readonly sharedBy: ReadonlyMap<number, Option>
  readonly without: number
}

/** An item's options: its group, and the list without the left-out provider once asked for. */
interface ItemEntry {
  readonly group: OptionGroup
  options?: ItemOptions
}

export class Problem {
  /** May the service join? */
  readonly allowed: Uint8Array
  /** Ranking cost of adding the service (size, price and, relaxed, violations). */
  readonly own: Float64Array
  /** Monthly price in cents in the table's currency (0 when unpriced). */
  readonly cents: Float64Array
  readonly goals: readonly GoalItem[]
  /**
   * False when the time ran out while the candidates were priced and checked (or the table
   * itself is not complete): `allowed`, `own` and `cents` then cover only part of them, and
   * the problem must be neither relaxed nor searched.
   */
  readonly complete: boolean
  /**
   * Goals' options by key; requirements' by item (the same objects for the whole catalog,
   * `items.ts`): kept with the catalog (`catalogEntries`) when the request leaves every option
   * list of a candidate's requirement as the catalog's, else this problem's own.
   */
  private readonly goalOptions = new Map<string, ItemEntry>()
  private readonly requirementOptions: Map<Item, ItemEntry>
  /** Requirements' entries kept with the catalog, or undefined when the request's constraints leave out some candidate. */
  private readonly catalogOptions: Map<Item, ItemEntry> | undefined
  /** Requirements' options by the required node's content, and apart those guarded for personal data. */
  private readonly sharedCache = new Map<string, ItemOptions>()
  private readonly guardedCache = new Map<string, ItemOptions>()
  private readonly upstreamCache = new Map<string, ReadonlySet<number>>()

  constructor (
    readonly catalog: Catalog,
    readonly table: ServiceTable,
    readonly request: ResolvedRequest,
    readonly links: LinkIndex,
    readonly requirements: RequirementItems,
    readonly mode: ProblemMode,
    /** Polled while the candidates are priced and checked (a deadline's poller): true stops it. */
    out: () => boolean = () => false
  ) {
    const n = table.services.length
    this.allowed = new Uint8Array(n)
    this.own = new Float64Array(n)
    this.cents = new Float64Array(n)
    this.goals = goalItems(request)
    const admitted = table.complete ? this.admit(out) : undefined
    this.complete = admitted !== undefined
    this.requirementOptions = new Map()
    // With every candidate allowed and no personal-data guard, a candidate's requirement keeps
    // all its links' options: its entry is the catalog's.
    this.catalogOptions = admitted === 'all' && !this.guardsPersonalData()
      ? catalogEntriesFor(links.requirementScope, mode.weights.degree)
      : undefined
  }

  /**
   * Prices and checks the candidates: `all` when every one may join, `some` when a constraint
   * leaves one out, undefined when `out` stopped it first.
   */
  private admit (out: () => boolean): 'all' | 'some' | undefined {
    const { table, mode } = this
    const { size, price } = mode.weights
    const relaxed = mode.relaxed
    // Prices and checks kept with the catalog for requests that price and constrain alike: only
    // candidates no such request assessed yet are priced and checked here.
    const { assessed, cents, violations } = table.assessments
    let admitted: 'all' | 'some' = 'all'
    // Only candidates may join: no other service can meet a goal or a candidate's requirement.
    for (const s of table.candidates) {
      if (out()) return undefined
      if (assessed[s] === 0) table.assess(s)
      const c = cents[s]!
      const failed = violations[s]!
      this.cents[s] = c
      const allowed = relaxed || failed === 0
      this.allowed[s] = allowed ? 1 : 0
      if (!allowed) admitted = 'some'
      this.own[s] = size + price * c / 100 + (relaxed ? violationPenalty * failed : 0)
    }
    return admitted
  }

  requirementsOf (service: number): readonly Item[] {
    return this.requirements.of(service)
  }

  /** The options for an item: the best available type (if any) first, then one per provider. */
  options (item: Item): readonly Option[] {
    return this.itemOptions(item).list
  }

  /** How `provider` (a service index, or -1 for the available types) satisfies the item, if it does. */
  optionOf (item: Item, provider: number): Option | undefined {
    const group = this.entryOf(item).group
    return provider === group.without ? undefined : group.sharedBy.get(provider)
  }

  /**
   * The item's options as a list shared with every item that requires the same interface,
   * and the provider the item leaves out of it: what visits every item's options can do once
   * per shared list.
   */
  optionGroup (item: Item): OptionGroup {
    return this.entryOf(item).group
  }

  /**
   * Services that can take part in satisfying a goal: its direct satisfiers and, recursively,
   * the providers of their requirements' types (by class only, so a superset).
   */
  upstream (goal: GoalItem): ReadonlySet<number> {
    let set = this.upstreamCache.get(goal.key)
    if (set === undefined) {
      const found = new Set<number>()
      const queue: number[] = []
      const add = (s: number): void => {
        if (s >= 0 && this.allowed[s] === 1 && !found.has(s)) { found.add(s); queue.push(s) }
      }
      for (const option of this.options(goal)) add(option.provider)
      const seenTypes = new Set<string>()
      while (queue.length > 0) {
        const s = queue.pop()!
        for (const node of this.table.services[s]!.requires) {
          const type = node.types[0]
          if (type === undefined || seenTypes.has(type)) continue
          seenTypes.add(type)
          for (const provided of this.catalog.providersOf(type)) add(this.table.indexOf.get(provided.service)!)
        }
      }
      set = found
      this.upstreamCache.set(goal.key, set)
    }
    return set
  }

  private itemOptions (item: Item): ItemOptions {
    const entry = this.entryOf(item)
    if (entry.options === undefined) {
      const { shared, sharedBy, without } = entry.group
      entry.options = sharedBy.has(without) ? withoutProvider(shared, sharedBy, without) : { list: shared, byProvider: sharedBy }
    }
    return entry.options
  }

  private entryOf (item: Item): ItemEntry {
    // A candidate's providers are all candidates (`service-table.ts`): with all of them allowed, its entry is the catalog's.
    const cache = item.kind !== 'requires'
      ? undefined
      : this.catalogOptions !== undefined && this.table.isCandidate(item.consumer) ? this.catalogOptions : this.requirementOptions
    let entry = cache === undefined ? this.goalOptions.get(item.key) : cache.get(item)
    if (entry === undefined) {
      let options: ItemOptions
      if (item.kind === 'requires') {
        // Shared by every service requiring the same interface, but never the service itself.
        const guarded = this.guardsPersonalData() && this.conditional(item.consumer)
        const shared = guarded ? this.guardedCache : this.sharedCache
        const key = contentKey(item.node)
        let found = shared.get(key)
        if (found === undefined) {
          found = this.computeOptions(item)
          shared.set(key, found)
        }
        options = found
      } else {
        options = this.computeOptions(item)
      }
      const without = item.kind === 'requires' ? item.consumer : -2
      entry = { group: { shared: options.list, sharedBy: options.byProvider, without } }
      if (cache === undefined) this.goalOptions.set(item.key, entry)
      else cache.set(item, entry)
    }
    return entry
  }

  /** Is the service accepted only without personal data on its links (`MemberVerdict.conditional`)? */
  private conditional (s: number): boolean {
    const { assessed, conditional } = this.table.assessments
    if (assessed[s] === 0) this.table.assess(s)
    return conditional[s] === 1
  }

  private guardsPersonalData (): boolean {
    return !this.mode.relaxed && this.request.locations?.scope === 'personal-data'
  }

  private computeOptions (item: Item): ItemOptions {
    const all = catalogOptions(this.links.of(item), this.mode.weights.degree)
    const guardPersonalData = this.guardsPersonalData()
    const conditional = (s: number): boolean => s >= 0 && this.conditional(s)
    const consumerConditional = item.kind === 'requires' && conditional(item.consumer)
    const kept = (option: Option): boolean =>
      (option.provider < 0 || this.allowed[option.provider] === 1) &&
      !(guardPersonalData && option.carriesData.length > 0 && (consumerConditional || conditional(option.provider)))
    // Most lists lose no provider to the request's constraints: they are the catalog's as they are.
    if (all.list.every(kept)) return all
    const list = all.list.filter(kept)
    return { list, byProvider: new Map(list.map(o => [o.provider, o])) }
  }
}

/**
 * Requirement items' entries for requests that leave every candidate's option lists as the
 * catalog's, by the requirement links they were made from (`LinkIndex.requirementScope`: the
 * catalog and the request's available types) and the degree weight. An entry then depends on
 * nothing else, so a later request reads it instead of making it again; a catalog compiled anew
 * has links, items and entries of its own.
 */
const catalogEntries = new WeakMap<object, Map<number, Map<Item, ItemEntry>>>()
/** Degree weights whose entries are kept per requirement links (the least recently used goes first). */
const maxDegreeWeights = 4

function catalogEntriesFor (scope: object, degreeWeight: number): Map<Item, ItemEntry> {
  let byWeight = catalogEntries.get(scope)
  if (byWeight === undefined) catalogEntries.set(scope, byWeight = new Map())
  return recentlyUsed(byWeight, degreeWeight, maxDegreeWeights, () => new Map<Item, ItemEntry>())
}

/**
 * The options of a list of links before any request's constraints (the first, best link per
 * provider), by the plugin links' penalty: kept as long as the links are, so for the links from
 * provided interfaces as long as the catalog (`item-links.ts`), and reused by every request
 * with the same degree weight instead of being built again.
 */
const optionsOfLinks = new WeakMap<ItemLinks, Map<number, ItemOptions>>()

function catalogOptions (links: ItemLinks, degreeWeight: number): ItemOptions {
  let byWeight = optionsOfLinks.get(links)
  if (byWeight === undefined) optionsOfLinks.set(links, byWeight = new Map())
  let options = byWeight.get(degreeWeight)
  if (options === undefined) {
    const byProvider = new Map<number, Option>()
    const list: Option[] = []
    for (const satisfier of links.satisfiers) {
      if (byProvider.has(satisfier.provider)) continue
      const option: Option = {
        provider: satisfier.provider,
        ...(satisfier.availableType === undefined ? {} : { availableType: satisfier.availableType }),
        ...(satisfier.node === undefined ? {} : { node: satisfier.node }),
        degree: satisfier.degree,
        penalty: satisfier.degree === 'plugin' ? degreeWeight : 0,
        carriesData: satisfier.carriesData
      }
      byProvider.set(satisfier.provider, option)
      list.push(option)
    }
    byWeight.set(degreeWeight, options = { list, byProvider })
  }
  return options
}

function withoutProvider (list: readonly Option[], byProvider: ReadonlyMap<number, Option>, provider: number): ItemOptions {
  const without = new Map(byProvider)
  without.delete(provider)
  return { list: list.filter(o => o.provider !== provider), byProvider: without }
}
