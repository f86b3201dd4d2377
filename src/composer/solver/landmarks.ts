/**
 * Landmarks for dataflow wiring: sets of services of which every valid bundle holds at least
 * one, found by the LM-cut procedure (Helmert & Domshlak 2009) on the integer program's items.
 * Each becomes a row `Σ_{s∈L} x_s ≥ 1`. They tighten the program's linear relaxation, which
 * without them lets services meet each other's requirements around cycles with fractional
 * values (on the 2,000-service challenge set its bound was a quarter of the optimum), so the
 * solver proves the optimum in far fewer nodes.
 *
 * Why a landmark holds: in dataflow wiring the members of a valid bundle fire in an order in
 * which every requirement is met by an available type or a member that fired before — a plan
 * of the delete-free task whose facts are the program's items (an item holds once one of its
 * providers fired), whose actions are the relevant services (preconditions: their items no
 * available type meets), and whose goal is every goal item. LM-cut computes h_max with the
 * current costs, and takes as a cut the services that lead, in the justification graph (each
 * service's most expensive precondition to its items), from the part reachable before the
 * goal zone into the zone of items that reach the goal at zero cost. Every plan has to cross
 * that cut, so it holds one of its services; the cut's least cost is then taken off each of
 * its services and the procedure repeats until the goal costs nothing. A bundle over relevant
 * services only is such a plan, so the rows remove no valid bundle. Static wiring lets
 * members meet each other around cycles: there a bundle need not be such a plan, and no
 * landmarks are added.
 */
import { NumberHeap } from '../priority-queue.js'
import type { Model } from './model.js'

/** Landmarks found at most (each costs one h_max pass over the program's items). */
export const maxLandmarks = 200

const epsilon = 1e-9

/**
 * The landmarks of the program, as lists of column indices of its services; stops early
 * (with those found so far, each valid) after `maxLandmarks` or when `out` says the time ran out.
 */
export function dataflowLandmarks (model: Model, out: () => boolean = () => false): number[][] {
  const n = model.services.length
  // Facts: 0 is the start (what services with nothing left to meet need), then one per item
  // not met by an available type. Action n is the goal: it needs every goal item.
  const pre: number[][] = Array.from({ length: n + 1 }, () => [])
  const adds: number[][] = Array.from({ length: n + 1 }, () => [])
  let facts = 1
  const goalFact = facts++
  adds[n]!.push(goalFact)
  for (const { item, options } of model.items) {
    if (options.some(o => o.provider < 0)) continue
    const consumer = item.kind === 'requires' ? model.column.get(item.consumer) : n
    if (consumer === undefined) continue
    const fact = facts++
    pre[consumer]!.push(fact)
    for (const o of options) adds[model.column.get(o.provider)!]!.push(fact)
  }
  for (const p of pre) if (p.length === 0) p.push(0)
  const achievers: number[][] = Array.from({ length: facts }, () => [])
  const consumers: number[][] = Array.from({ length: facts }, () => [])
  adds.forEach((list, a) => { for (const f of list) achievers[f]!.push(a) })
  pre.forEach((list, a) => { for (const f of list) consumers[f]!.push(a) })
  const cost = Float64Array.from({ length: n + 1 }, (_, a) => a < n ? model.costs[a]! : 0)

  const h = new Float64Array(facts)
  const actionH = new Float64Array(n + 1)
  const pcf = new Int32Array(n + 1)
  const waiting = new Int32Array(n + 1)
  const heap = new NumberHeap()
  const hmax = (): void => {
    h.fill(Infinity)
    actionH.fill(Infinity)
    for (let a = 0; a <= n; a++) waiting[a] = pre[a]!.length
    h[0] = 0
    heap.push(0, 0)
    const settled = new Uint8Array(facts)
    while (heap.size > 0) {
      const f = heap.pop()
      if (settled[f] === 1) continue
      settled[f] = 1
      for (const a of consumers[f]!) {
        if (--waiting[a]! > 0) continue
        // Facts settle in increasing h: the last precondition is the most expensive one.
        actionH[a] = h[f]!
        pcf[a] = f
        const value = h[f]! + cost[a]!
        for (const g of adds[a]!) {
          if (value < h[g]!) { h[g] = value; heap.push(value, g) }
        }
      }
    }
  }

  const landmarks: number[][] = []
  const inGoalZone = new Uint8Array(facts)
  const reached = new Uint8Array(facts)
  while (landmarks.length < maxLandmarks && !out()) {
    hmax()
    if (!(h[goalFact]! > epsilon) || h[goalFact] === Infinity) break
    // The goal zone: facts that reach the goal over zero-cost justification edges.
    inGoalZone.fill(0)
    const stack = [goalFact]
    inGoalZone[goalFact] = 1
    while (stack.length > 0) {
      const f = stack.pop()!
      for (const a of achievers[f]!) {
        if (actionH[a] === Infinity || cost[a]! > epsilon) continue
        const p = pcf[a]!
        if (inGoalZone[p] === 0) { inGoalZone[p] = 1; stack.push(p) }
      }
    }
    // What the start reaches without entering the goal zone; the cut leaves it into the zone.
    reached.fill(0)
    reached[0] = 1
    stack.push(0)
    const cut = new Set<number>()
    while (stack.length > 0) {
      const f = stack.pop()!
      for (const a of consumers[f]!) {
        if (pcf[a] !== f || actionH[a] === Infinity) continue
        for (const g of adds[a]!) {
          if (inGoalZone[g] === 1) cut.add(a)
          else if (reached[g] === 0) { reached[g] = 1; stack.push(g) }
        }
      }
    }
    if (cut.size === 0) break
    let least = Infinity
    for (const a of cut) least = Math.min(least, cost[a]!)
    for (const a of cut) cost[a] = cost[a]! - least
    landmarks.push([...cut].sort((x, y) => x - y))
  }
  return landmarks
}
