/**
 * A first valid bundle, found cheaply before the exact search, so that a request whose time
 * runs out still answers with a bundle when one is easy to find. Not the cheapest one: it walks
 * back from the goals, and each goal, then each chosen member's requirement, takes a provider
 * the relaxation (`relaxation.ts`, on the class hierarchy) reaches at a lower cost than the
 * consumer's — the cheapest such, a member already chosen first — so that in dataflow wiring
 * the members can fire in the order of their relaxed cost. The set is then checked against the
 * real links and the wiring (`isValidSet`), made minimal (members dropped while the rest stays
 * valid) and checked against the budget; any failure gives no bundle.
 *
 * The work is the option lists of the goals and of the chosen members' requirements: a path
 * through the catalog, not the part of it the goals reach (which the relevance step reads).
 * `out` is polled once per item and stops the walk when the time has run out.
 */
import type { Item } from '../items.js'
import type { Option, Problem } from '../problem.js'
import type { Relaxation } from '../relaxation.js'
import type { FoundBundle } from '../search.js'
import { isMinimalSet, isValidSet, selfSufficientCore } from '../wiring.js'
import { assign, linkCost } from './assign.js'

/** A minimal valid bundle, or `undefined` (none found this way, over budget, or out of time). */
export function greedyBundle (problem: Problem, relaxation: Relaxation, budgetCents: number | undefined, out: () => boolean): FoundBundle | undefined {
  const { own } = problem
  const chosen = new Set<number>()
  const stack: number[] = []
  /** Takes a provider for the item; false when no provider is reachable. */
  const take = (item: Item, below: number): boolean => {
    const options = problem.options(item)
    if (options.some(o => o.provider < 0)) return true
    let best: Option | undefined
    let bestRank: readonly number[] = []
    for (const o of options) {
      const cost = relaxation.serviceCost(o.provider)
      if (cost === Infinity) continue
      const rank = [cost <= below ? 0 : 1, chosen.has(o.provider) ? 0 : 1, cost, o.provider]
      if (best === undefined || lessThan(rank, bestRank)) { best = o; bestRank = rank }
    }
    if (best === undefined) return false
    if (!chosen.has(best.provider)) { chosen.add(best.provider); stack.push(best.provider) }
    return true
  }
  for (const goal of problem.goals) {
    if (out() || !take(goal, Infinity)) return undefined
  }
  while (stack.length > 0) {
    const consumer = stack.pop()!
    const below = relaxation.serviceCost(consumer) - own[consumer]!
    for (const item of problem.requirementsOf(consumer)) {
      if (out() || !take(item, below)) return undefined
    }
  }
  const members = [...chosen].sort((a, b) => a - b)
  if (!isValidSet(problem, members)) return undefined
  const minimal = minimalSubset(problem, members)
  if (minimal === undefined) return undefined
  const cents = minimal.reduce((sum, s) => sum + problem.cents[s]!, 0)
  if (budgetCents !== undefined && cents > budgetCents) return undefined
  const { assignments, edges } = assign(problem, minimal)
  const cost = minimal.reduce((sum, s) => sum + own[s]!, 0) + linkCost(assignments)
  return { members: minimal, assignments, edges, cost, cents }
}

/**
 * A valid subset of a valid set: members dropped (last first) while the rest stays valid, a
 * validity check per member (shrink a large set with `neededCore` first).
 */
export function reduce (problem: Problem, members: readonly number[]): number[] {
  let current = [...members]
  for (let i = current.length - 1; i >= 0; i--) {
    const without = [...current.slice(0, i), ...current.slice(i + 1)]
    if (isValidSet(problem, without)) current = without
  }
  return current
}

/**
 * A minimal valid subset of a valid set. In static wiring dropping single members is not
 * enough (a member may be needed only by another one that can go): while the set is not
 * minimal, the part of it left without one member whose requirements are met inside it covers
 * the goals, and is valid; it replaces the set, which shrinks each time.
 */
function minimalSubset (problem: Problem, members: readonly number[]): number[] | undefined {
  let current = reduce(problem, members)
  while (!isMinimalSet(problem, current)) {
    const smaller = current.map((_, i) => selfSufficientCore(problem, [...current.slice(0, i), ...current.slice(i + 1)]))
      .find(core => isValidSet(problem, core))
    if (smaller === undefined) return undefined
    current = reduce(problem, [...smaller].sort((a, b) => a - b))
  }
  return current
}

function lessThan (a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]!
  return false
}
