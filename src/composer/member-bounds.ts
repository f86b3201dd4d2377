/**
 * Relaxation bounds for a partial bundle whose members are free: exact (`MemberBounds`,
 * propagating what the members lower) while that stays cheap, else the weaker
 * `SubtractionBounds`.
 */
import { NumberHeap } from './priority-queue.js'
import type { Item } from './items.js'
import { goalCost, type BaseBounds, type ItemBounds } from './bounds.js'

/** Layers kept before a member bounds object copies its parents' values into itself. */
const maxLayers = 8

/**
 * Services a member bounds object may lower before giving up for `SubtractionBounds`: in a
 * dense catalog a member's interfaces can lower thousands of services a little, which costs
 * more than the precision is worth.
 */
const maxUpdates = 60
export const tooMuchWork = new Error('too much work')

/** Would a member whose interfaces can satisfy `fanOut` required nodes cost too much to propagate? */
export function exceedsPropagation (fanOut: number): boolean {
  return fanOut > maxUpdates
}

/**
 * A cheaper, weaker bound with members free: whatever the members save on an item, their own
 * cheapest plans would too, so h(j | M) ≥ h(j) − max { c(m) : m ∈ M }.
 */
export class SubtractionBounds implements ItemBounds {
  private readonly saving: number
  private readonly memberSet: ReadonlySet<number>

  constructor (private readonly base: BaseBounds, members: readonly number[]) {
    this.memberSet = new Set(members)
    let saving = 0
    for (const m of members) saving = Math.max(saving, base.serviceCost(m))
    this.saving = saving
  }

  serviceCost (s: number): number {
    return this.memberSet.has(s) ? 0 : this.lower(this.base.serviceCost(s))
  }

  baseCost (item: Item): number {
    return this.lower(this.base.baseCost(item))
  }

  private lower (cost: number): number {
    if (this.saving === Infinity) return 0
    return cost === Infinity ? Infinity : Math.max(0, cost - this.saving)
  }
}

/**
 * The fixpoint with some services free: base values, lowered where the members reach. Layered
 * on the bounds of a subset of the members (the parent search state's), so a child state only
 * propagates what its new member changes.
 */
export class MemberBounds implements ItemBounds {
  private readonly services: Map<number, number>
  private readonly types: Map<number, number>
  private readonly memberSet: ReadonlySet<number>
  private readonly parent: MemberBounds | undefined
  private readonly layers: number

  constructor (private readonly base: BaseBounds, parent: MemberBounds | undefined, members: readonly number[], added: readonly number[]) {
    this.memberSet = new Set(members)
    if (parent !== undefined && parent.layers >= maxLayers) {
      this.services = parent.collect(b => b.services)
      this.types = parent.collect(b => b.types)
      this.parent = undefined
    } else {
      this.services = new Map()
      this.types = new Map()
      this.parent = parent
    }
    this.layers = this.parent === undefined ? 1 : this.parent.layers + 1
    const queue = new NumberHeap()
    for (const m of added) {
      this.services.set(m, 0)
      this.provide(m, 0, queue)
    }
    let updates = 0
    while (queue.size > 0) {
      const cost = queue.topPriority
      const s = queue.pop()
      if (cost > this.serviceCost(s)) continue
      if (++updates > maxUpdates) throw tooMuchWork
      this.provide(s, cost, queue)
    }
  }

  serviceCost (s: number): number {
    return this.services.get(s) ?? (this.parent === undefined ? this.base.services[s]! : this.parent.serviceCost(s))
  }

  baseCost (item: Item): number {
    if (item.kind === 'requires') {
      let cost = 0
      for (const type of item.node.types) cost = Math.max(cost, this.typeCost(this.base.graph.types.ids.get(type)!))
      return item.node.types.length === 0 ? Infinity : cost
    }
    return goalCost(this.base.problem, item, s => this.serviceCost(s))
  }

  private typeCost (type: number): number {
    return this.types.get(type) ?? (this.parent === undefined ? this.base.types[type]! : this.parent.typeCost(type))
  }

  private collect<K> (layer: (b: MemberBounds) => ReadonlyMap<K, number>): Map<K, number> {
    if (this.parent === undefined) return new Map(layer(this))
    const all = this.parent.collect(layer)
    for (const [key, value] of layer(this)) all.set(key, value)
    return all
  }

  /** Service `s` is obtainable at `cost`: lower the types it provides, and what they unlock. */
  private provide (s: number, cost: number, queue: NumberHeap): void {
    const { graph, problem, own, aggregation } = this.base
    for (const type of graph.providedIds(s)) {
      if (cost >= this.typeCost(type)) continue
      this.types.set(type, cost)
      for (const id of graph.requiredBy[type]!) {
        const consumer = graph.nodeService[id]!
        if (problem.allowed[consumer] !== 1 || this.memberSet.has(consumer)) continue
        let needs = 0
        for (const other of graph.serviceNodes[consumer]!) {
          let c = 0
          for (const t of graph.nodeTypes[other]!) c = Math.max(c, this.typeCost(t))
          if (graph.nodeTypes[other]!.length === 0) c = Infinity
          needs = aggregation === 'sum' ? needs + c : Math.max(needs, c)
        }
        const candidate = own[consumer]! + needs
        if (candidate < this.serviceCost(consumer)) {
          this.services.set(consumer, candidate)
          queue.push(candidate, consumer)
        }
      }
    }
  }
}
