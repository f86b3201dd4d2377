/**
 * The search heuristic and the reachability analysis: a forward fixpoint from the available
 * interface types over the problem's services, on the class hierarchy only (protocols,
 * formats, versions and wiring cycles are ignored, so it can only be optimistic). It is
 * Knuth's generalisation of Dijkstra to AND/OR graphs:
 *
 * - an interface type T is satisfied at the least cost of a service providing a subclass of
 *   T (or at 0 when an available type is a subclass of T);
 * - a required node is satisfied when all its types are, at the largest of their costs;
 * - a service is reachable when all its required nodes are, at its own cost plus the largest
 *   (`max`: h_max, a lower bound) or the sum (`sum`: h_add, exact for plans that share no
 *   service) of theirs.
 *
 * Settling in increasing cost makes each value final when first set. `baseCost` bounds what
 * satisfying an item adds to a bundle; an infinite one proves the item unreachable (the
 * diagnosis uses that). `withMembers` gives bounds for a partial bundle whose members are free.
 */
import { BaseBounds, type Aggregation, type ItemBounds } from './bounds.js'
import { MemberBounds, SubtractionBounds, tooMuchWork, exceedsPropagation } from './member-bounds.js'
import { NumberHeap } from './priority-queue.js'
import type { Problem } from './problem.js'
import { graphOf } from './requirement-graph.js'

export type { Aggregation, ItemBounds } from './bounds.js'

export interface Relaxation extends ItemBounds {
  /**
   * Bounds when the members are already in the bundle (free). Given the bounds of a subset of
   * them (`from`, e.g. the parent search state's), only the others are propagated.
   */
  withMembers (members: readonly number[], from?: MemberBoundsOf): ItemBounds
}

/** Bounds together with the members they were computed for. */
export interface MemberBoundsOf {
  readonly bounds: ItemBounds
  readonly members: readonly number[]
}

/** Runs the fixpoint with `own[s]` as the cost of adding service `s`. */
export function relax (problem: Problem, own: Float64Array, aggregation: Aggregation = 'max'): Relaxation {
  const graph = graphOf(problem)
  const { table, allowed } = problem
  const n = table.entries.length

  const serviceCost = new Float64Array(n).fill(Infinity)
  const typeCost = new Float64Array(graph.types.ids.size).fill(Infinity)
  const nodeRemaining = Int32Array.from(graph.nodeTypes, types => types.length === 0 ? 1 : types.length) // untyped: never satisfied
  const serviceRemaining = Int32Array.from(graph.serviceNodes, ids => ids.length)
  // What a service's settled requirements add up to (sum) or the largest of them (max).
  const serviceNeeds = new Float64Array(n)
  const queue = new NumberHeap()

  const satisfyType = (type: number, cost: number): void => {
    if (typeCost[type] !== Infinity) return
    typeCost[type] = cost
    for (const id of graph.requiredBy[type]!) {
      const s = graph.nodeService[id]!
      if (allowed[s] !== 1 || --nodeRemaining[id]! > 0) continue
      // The node's types settle in increasing cost, so its cost is the last one's.
      serviceNeeds[s] = aggregation === 'sum' ? serviceNeeds[s]! + cost : cost
      if (--serviceRemaining[s]! === 0) queue.push(own[s]! + serviceNeeds[s]!, s)
    }
  }
  for (const entry of table.entries) {
    if (allowed[entry.index] === 1 && entry.service.requires.length === 0) queue.push(own[entry.index]!, entry.index)
  }
  for (const type of problem.request.available) for (const id of graph.types.satisfiedBy(type)) satisfyType(id, 0)
  while (queue.size > 0) {
    const cost = queue.topPriority
    const s = queue.pop()
    if (serviceCost[s] !== Infinity) continue
    serviceCost[s] = cost
    for (const node of table.entries[s]!.service.provides) {
      for (const type of node.types) for (const id of graph.types.satisfiedBy(type)) satisfyType(id, cost)
    }
  }

  const base = new BaseBounds(problem, graph, own, aggregation, serviceCost, typeCost)
  return {
    serviceCost: s => base.serviceCost(s),
    baseCost: item => base.baseCost(item),
    withMembers: (members, from) => {
      if (members.length === 0) return base
      const parent = from?.bounds instanceof MemberBounds ? from.bounds : undefined
      const known = parent === undefined ? [] : from!.members
      const added = members.filter(m => !known.includes(m))
      if (added.length === 0 && parent !== undefined) return parent
      if (from?.bounds instanceof SubtractionBounds || added.some(m => exceedsPropagation(graph.fanOut(m, table.entries[m]!.service.provides)))) return new SubtractionBounds(base, members)
      try {
        return new MemberBounds(base, parent, members, added)
      } catch (error) {
        if (error !== tooMuchWork) throw error
        return new SubtractionBounds(base, members)
      }
    }
  }
}
