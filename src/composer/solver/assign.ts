/**
 * From a set of members to the bundle's links: which option meets each goal and each
 * member's requirement: the cheapest option (available types first, then the smallest service
 * index).
 * In dataflow wiring members fire in order, so a requirement is met only by an available type
 * or a member that fired before; `fire` also tells which members can never fire.
 */
import type { Item } from '../items.js'
import type { Option, Problem } from '../problem.js'
import type { Assignment } from '../search.js'

/** The best option for the item among the allowed providers. */
function best (problem: Problem, item: Item, allowed: (p: number) => boolean): Option | undefined {
  let result: Option | undefined
  for (const option of problem.options(item)) {
    if (option.provider >= 0 && !allowed(option.provider)) continue
    if (result === undefined || option.penalty < result.penalty) result = option
  }
  return result
}

/** Members in firing order and those that cannot fire (dataflow). */
export function fire (problem: Problem, members: readonly number[]): { order: number[], stuck: number[] } {
  const fired = new Set<number>()
  const order: number[] = []
  let pending = [...members]
  for (let progress = true; progress && pending.length > 0;) {
    progress = false
    const next: number[] = []
    for (const m of pending) {
      const ready = problem.requirementsOf(m).every(item => problem.optionOf(item, -1) !== undefined ||
        [...fired].some(f => problem.optionOf(item, f) !== undefined))
      if (ready) { order.push(m); progress = true } else next.push(m)
    }
    for (const m of order) fired.add(m)
    pending = next
  }
  return { order, stuck: pending }
}

/** The assignments and links of a valid set. */
export function assign (problem: Problem, members: readonly number[]): { assignments: Assignment[], edges: Array<[number, number]> } {
  const memberSet = new Set(members)
  const assignments: Assignment[] = []
  const edges: Array<[number, number]> = []
  for (const goal of problem.goals) assignments.push({ item: goal, option: best(problem, goal, p => memberSet.has(p)) ?? null })
  const meet = (m: number, allowed: (p: number) => boolean): void => {
    for (const item of problem.requirementsOf(m)) {
      const option = best(problem, item, allowed) ?? null
      assignments.push({ item, option })
      if (option !== null && option.provider >= 0) edges.push([option.provider, m])
    }
  }
  if (problem.mode.wiring === 'static') {
    for (const m of members) meet(m, p => memberSet.has(p))
  } else {
    const position = new Map(fire(problem, members).order.map((m, i) => [m, i]))
    const ordered = [...members].sort((a, b) => position.get(a)! - position.get(b)!)
    for (const m of ordered) meet(m, p => (position.get(p) ?? Infinity) < position.get(m)!)
  }
  return { assignments, edges }
}

/** The ranking cost of assigned links: the penalties of the chosen options. */
export function linkCost (assignments: readonly Assignment[]): number {
  return assignments.reduce((sum, a) => sum + (a.option?.penalty ?? 0), 0)
}
