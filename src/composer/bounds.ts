/** Lower bounds of satisfying items, and the relaxation's base values as such bounds. */
import type { Item } from './items.js'
import type { Problem } from './problem.js'
import type { RequirementGraph } from './requirement-graph.js'

/** Lower bounds of the cost of satisfying items. */
export interface ItemBounds {
  /** Lower bound of obtaining the service with everything it needs; `Infinity` when unreachable. */
  serviceCost (service: number): number
  /** Lower bound of satisfying the item; `Infinity` when unreachable. */
  baseCost (item: Item): number
}

/**
 * How a service's requirements combine: `max` (h_max: admissible, a lower bound) or `sum`
 * (h_add: exact for plans that share no service, an estimate otherwise).
 */
export type Aggregation = 'max' | 'sum'

/** The fixpoint's values, as bounds. */
export class BaseBounds implements ItemBounds {
  private readonly goalCost = new Map<string, number>()

  constructor (
    readonly problem: Problem,
    readonly graph: RequirementGraph,
    readonly own: Float64Array,
    readonly aggregation: Aggregation,
    readonly services: Float64Array,
    readonly types: Float64Array
  ) {}

  serviceCost (s: number): number {
    return this.services[s]!
  }

  baseCost (item: Item): number {
    if (item.kind === 'requires') return nodeCost(item.node.types, this.graph.types.ids, this.types)
    let cost = this.goalCost.get(item.key)
    if (cost === undefined) {
      cost = goalCost(this.problem, item, s => this.services[s]!)
      this.goalCost.set(item.key, cost)
    }
    return cost
  }
}

/** A goal costs what its cheapest direct satisfier costs (wanted types: any provider of a subclass). */
export function goalCost (problem: Problem, item: Item, serviceCost: (s: number) => number): number {
  let cost = Infinity
  if (item.kind === 'serviceType') {
    for (const option of problem.options(item)) cost = Math.min(cost, serviceCost(option.provider))
  } else if (item.kind === 'wanted') {
    for (const node of problem.catalog.providersOf(item.type)) {
      const s = problem.table.indexOf.get(node.service)!
      if (problem.allowed[s] === 1) cost = Math.min(cost, serviceCost(s))
    }
  }
  return cost
}

export function nodeCost (types: readonly string[], ids: ReadonlyMap<string, number>, typeCost: Float64Array): number {
  if (types.length === 0) return Infinity
  let cost = 0
  for (const type of types) {
    const id = ids.get(type)
    cost = Math.max(cost, id === undefined ? Infinity : typeCost[id]!)
  }
  return cost
}
