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
  /** `serviceCost` of every service, by index: for loops that read it for every option they visit. */
  readonly serviceCosts: Float64Array
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
  return relaxWithin(problem, own, () => false, aggregation)!
}

/**
 * `relax`, polling `out` (a deadline's poller) while the fixpoint runs: undefined once it says
 * the time has run out, for part of a fixpoint bounds nothing (an item not yet settled would
 * look unreachable). A problem that is not `complete` is never relaxed.
 */
export function relaxWithin (problem: Problem, own: Float64Array, out: () => boolean, aggregation: Aggregation = 'max'): Relaxation | undefined {
  if (!problem.complete) throw new Error('relaxation of a problem cut short by the time budget: its services were not all admitted')
  const graph = graphOf(problem)
  const { table, allowed } = problem
  const n = table.services.length

  const serviceCost = new Float64Array(n).fill(Infinity)
  const typeCost = new Float64Array(graph.types.ids.size).fill(Infinity)
  const nodeRemaining = Int32Array.from(graph.nodeTypes, types => types.length === 0 ? 1 : types.length) // untyped: never satisfied
  const serviceRemaining = Int32Array.from(graph.serviceNodes, ids => ids.length)
  // What a service's settled requirements add up to (sum) or the largest of them (max).
  const serviceNeeds = new Float64Array(n)
  const queue = new NumberHeap()

  // Polled per required node too: one type can be required by thousands of them.
  let stopped = false
  const satisfyType = (type: number, cost: number): void => {
    if (typeCost[type] !== Infinity) return
    typeCost[type] = cost
    for (const id of graph.requiredBy[type]!) {
      if (out()) { stopped = true; return }
      const s = graph.nodeService[id]!
      if (allowed[s] !== 1 || --nodeRemaining[id]! > 0) continue
      // The node's types settle in increasing cost, so its cost is the last one's.
      serviceNeeds[s] = aggregation === 'sum' ? serviceNeeds[s]! + cost : cost
      if (--serviceRemaining[s]! === 0) queue.push(own[s]! + serviceNeeds[s]!, s)
    }
  }
  if (problem.mode.wiring === 'static') {
    if (!staticFixpoint(problem, own, serviceCost, typeCost, out)) return undefined
  } else {
    for (const s of table.candidates) {
      if (allowed[s] === 1 && table.services[s]!.requires.length === 0) queue.push(own[s]!, s)
    }
    for (const type of problem.request.available) for (const id of graph.types.satisfiedBy(type)) satisfyType(id, 0)
    while (queue.size > 0) {
      if (stopped || out()) return undefined
      const cost = queue.topPriority
      const s = queue.pop()
      if (serviceCost[s] !== Infinity) continue
      serviceCost[s] = cost
      // The required types it satisfies, kept per service for the catalog: not its provided types' superclasses looked up anew.
      for (const id of graph.providedIds(s)) satisfyType(id, cost)
    }
    if (stopped) return undefined
  }

  const base = new BaseBounds(problem, graph, own, aggregation, serviceCost, typeCost)
  return {
    serviceCosts: serviceCost,
    serviceCost: s => base.serviceCost(s),
    baseCost: item => base.baseCost(item),
    withMembers: (members, from) => {
      if (members.length === 0) return base
      const parent = from?.bounds instanceof MemberBounds ? from.bounds : undefined
      const known = parent === undefined ? [] : from!.members
      const added = members.filter(m => !known.includes(m))
      if (added.length === 0 && parent !== undefined) return parent
      if (from?.bounds instanceof SubtractionBounds || added.some(m => exceedsPropagation(graph.fanOut(m, table.services[m]!.provides)))) return new SubtractionBounds(base, members)
      try {
        return new MemberBounds(base, parent, members, added)
      } catch (error) {
        if (error !== tooMuchWork) throw error
        return new SubtractionBounds(base, members)
      }
    }
  }
}

/**
 * Static wiring: members may meet each other's requirements around cycles, so a service is
 * possible when its requirements can be met by other possible services or the available
 * types — the greatest fixpoint: start with every admitted service and drop, until none is
 * left, those with a required type nothing possible provides. A possible service costs its
 * own cost (a lower bound: whatever it needs may come from members that are there anyway);
 * a type costs 0 when available, else its cheapest possible provider. False when `out` stopped it.
 */
function staticFixpoint (problem: Problem, own: Float64Array, serviceCost: Float64Array, typeCost: Float64Array, out: () => boolean): boolean {
  const graph = graphOf(problem)
  const { allowed } = problem
  const providers = new Int32Array(typeCost.length)
  const available = new Uint8Array(typeCost.length)
  for (const type of problem.request.available) for (const id of graph.types.satisfiedBy(type)) available[id] = 1
  const possible = Uint8Array.from(allowed)
  const providedIds = (s: number): Int32Array => graph.providedIds(s)
  for (let s = 0; s < possible.length; s++) {
    if (possible[s] !== 1) continue
    if (out()) return false
    for (const id of providedIds(s)) providers[id]!++
  }
  const unmet = (id: number): boolean => available[id] === 0 && providers[id] === 0
  const blocked = (s: number): boolean => graph.serviceNodes[s]!.some(node => {
    const types = graph.nodeTypes[node]!
    return types.length === 0 || types.some(unmet)
  })
  const dropped: number[] = []
  for (let s = 0; s < possible.length; s++) {
    if (possible[s] !== 1) continue
    if (out()) return false
    if (blocked(s)) { possible[s] = 0; dropped.push(s) }
  }
  while (dropped.length > 0) {
    if (out()) return false
    const s = dropped.pop()!
    for (const id of providedIds(s)) {
      if (--providers[id]! > 0 || available[id] === 1) continue
      for (const node of graph.requiredBy[id]!) {
        const consumer = graph.nodeService[node]!
        if (possible[consumer] === 1) { possible[consumer] = 0; dropped.push(consumer) }
      }
    }
  }
  for (let id = 0; id < typeCost.length; id++) if (available[id] === 1) typeCost[id] = 0
  for (let s = 0; s < possible.length; s++) {
    if (possible[s] !== 1) continue
    serviceCost[s] = own[s]!
    for (const id of providedIds(s)) typeCost[id] = Math.min(typeCost[id]!, own[s]!)
  }
  return true
}
