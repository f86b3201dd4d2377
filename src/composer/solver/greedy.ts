/**
 * A first valid bundle, found cheaply before the exact search, so that a request whose time
 * runs out still answers with a bundle when one is easy to find. Not the cheapest one:
 *
 * 1. fire the relevant services forward from the available types (a service fires when each
 *    of its requirements is met by an available type or a service fired before it), in the
 *    order of the relaxation's cost, pass after pass, until the goals are covered;
 * 2. walk back from the goals: each goal, then each chosen member's requirement, takes the
 *    cheapest provider that fired before its consumer;
 * 3. drop members (last first) while the set stays valid, so it is minimal.
 *
 * A set that fires in order is valid in both wirings. The work is one pass over the option
 * lists of the relevant services' requirements per pass (the relevance step has built them
 * already), and the caller's `out` check stops it when the time runs out.
 */
import type { Problem } from '../problem.js'
import type { Relaxation } from '../relaxation.js'
import type { FoundBundle } from '../search.js'
import { isMinimalSet, isValidSet } from '../wiring.js'
import { assign, linkCost } from './assign.js'

/** A minimal valid bundle among `services`, or `undefined` (none found, over budget, or out of time). */
export function greedyBundle (problem: Problem, services: readonly number[], relaxation: Relaxation, budgetCents: number | undefined, out: () => boolean): FoundBundle | undefined {
  const own = problem.own
  const order = services.filter(s => relaxation.serviceCost(s) < Infinity)
    .sort((a, b) => relaxation.serviceCost(a) - relaxation.serviceCost(b) || a - b)
  const position = new Map<number, number>()
  const firedBefore = (p: number, consumer: number | undefined): boolean => {
    const at = position.get(p)
    return at !== undefined && (consumer === undefined || at < position.get(consumer)!)
  }
  const covered = (): boolean => problem.goals.every(goal => problem.options(goal).some(o => o.provider >= 0 && position.has(o.provider)))
  let pending = order
  while (!covered()) {
    const next: number[] = []
    for (const s of pending) {
      if (out()) return undefined
      const ready = problem.requirementsOf(s).every(item => problem.optionOf(item, -1) !== undefined ||
        problem.options(item).some(o => o.provider >= 0 && position.has(o.provider)))
      if (ready) position.set(s, position.size)
      else next.push(s)
    }
    if (next.length === pending.length) return undefined
    pending = next
  }

  const chosen = new Set<number>()
  const stack: number[] = []
  const take = (options: ReturnType<Problem['options']>, consumer: number | undefined): boolean => {
    let best: number | undefined
    let bestCost = Infinity
    for (const o of options) {
      if (o.provider < 0 || !firedBefore(o.provider, consumer)) continue
      const cost = o.penalty + (chosen.has(o.provider) ? 0 : own[o.provider]!)
      if (cost < bestCost) { best = o.provider; bestCost = cost }
    }
    if (best === undefined) return false
    if (!chosen.has(best)) { chosen.add(best); stack.push(best) }
    return true
  }
  for (const goal of problem.goals) if (!take(problem.options(goal), undefined)) return undefined
  while (stack.length > 0) {
    if (out()) return undefined
    const m = stack.pop()!
    for (const item of problem.requirementsOf(m)) {
      if (problem.optionOf(item, -1) === undefined && !take(problem.options(item), m)) return undefined
    }
  }
  const members = [...chosen].sort((a, b) => a - b)
  if (!isValidSet(problem, members)) return undefined
  const minimal = isMinimalSet(problem, members) ? members : reduce(problem, members)
  if (!isMinimalSet(problem, minimal)) return undefined
  const cents = minimal.reduce((sum, s) => sum + problem.cents[s]!, 0)
  if (budgetCents !== undefined && cents > budgetCents) return undefined
  const { assignments, edges } = assign(problem, minimal, new Map())
  const cost = minimal.reduce((sum, s) => sum + own[s]!, 0) + linkCost(assignments)
  return { members: minimal, assignments, edges, cost, cents }
}

/** A minimal subset of a valid set: drop members (last first) while the rest stays valid. */
export function reduce (problem: Problem, members: readonly number[]): number[] {
  let current = [...members]
  for (let i = current.length - 1; i >= 0; i--) {
    const without = [...current.slice(0, i), ...current.slice(i + 1)]
    if (isValidSet(problem, without)) current = without
  }
  return current
}
