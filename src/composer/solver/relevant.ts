/**
 * The services that can matter for a request: backward from the goals over the options of
 * each item (the providers that really link, under the constraints), keeping only services
 * the wiring's relaxation admits (dataflow: reachable forward from `available`; static: whose
 * requirements can all be met by services that can themselves be met). Nothing else is read,
 * so the work follows the part of the catalog the goals touch.
 */
import type { Item } from '../items.js'
import type { Option, Problem } from '../problem.js'
import type { Relaxation } from '../relaxation.js'

/**
 * Service indices that can be in a bundle, ascending; `undefined` when `out` (polled once per
 * service visited) says the time has run out first.
 */
export function relevantServices (problem: Problem, relaxation: Relaxation, out: () => boolean = () => false): number[] | undefined {
  const found = new Set<number>()
  const stack: number[] = []
  // Items requiring the same interface share their options (but for their consumer, which is
  // found already): each shared list is visited once.
  const visited = new Set<readonly Option[]>()
  const visit = (item: Item): void => {
    const options = problem.optionGroup(item).shared
    if (visited.has(options)) return
    visited.add(options)
    // An exact available type meets the requirement at no cost: no provider can do better.
    if (options.some(o => o.provider < 0 && o.penalty === 0)) return
    for (const option of options) {
      const p = option.provider
      if (p < 0 || found.has(p) || relaxation.serviceCost(p) === Infinity) continue
      found.add(p)
      stack.push(p)
    }
  }
  for (const goal of problem.goals) visit(goal)
  while (stack.length > 0) {
    if (out()) return undefined
    for (const item of problem.requirementsOf(stack.pop()!)) visit(item)
  }
  return [...found].sort((a, b) => a - b)
}
