/**
 * Validity and minimality of a set of services (DESIGN.md §9): a set is valid when, starting
 * from the available interface types, every member can be wired in some order with all its
 * `sym:requires` satisfied (exact or plugin) by the available types or earlier members, and
 * every goal is covered; it is minimal when no member can be removed with the rest still valid.
 */
import type { Problem } from './problem.js'

/** Is the set valid? Forward fixpoint: wire every member whose requirements are all met, until none is left. */
export function isValidSet (problem: Problem, members: readonly number[]): boolean {
  for (const goal of problem.goals) {
    if (!members.some(m => problem.optionOf(goal, m) !== undefined)) return false
  }
  const wired: number[] = []
  const pending = new Set(members)
  let progress = true
  while (progress && pending.size > 0) {
    progress = false
    for (const m of pending) {
      const ready = problem.requirementsOf(m).every(item =>
        problem.optionOf(item, -1) !== undefined || wired.some(w => problem.optionOf(item, w) !== undefined))
      if (ready) {
        pending.delete(m)
        wired.push(m)
        progress = true
      }
    }
  }
  return pending.size === 0
}

/** Is the (valid) set minimal: does removing any one member break it? */
export function isMinimalSet (problem: Problem, members: readonly number[]): boolean {
  return members.every((_, i) => !isValidSet(problem, [...members.slice(0, i), ...members.slice(i + 1)]))
}

/**
 * An order in which the members can be wired, from the links chosen by the search
 * (`edges`: provider → consumer): Kahn's algorithm, smallest service index first.
 */
export function wiringOrder (members: readonly number[], edges: ReadonlyArray<readonly [number, number]>): number[] {
  const indegree = new Map(members.map(m => [m, 0]))
  for (const [, to] of edges) indegree.set(to, (indegree.get(to) ?? 0) + 1)
  const order: number[] = []
  const ready = members.filter(m => indegree.get(m) === 0).sort((a, b) => a - b)
  while (ready.length > 0) {
    const next = ready.shift()!
    order.push(next)
    for (const [from, to] of edges) {
      if (from !== next) continue
      const d = indegree.get(to)! - 1
      indegree.set(to, d)
      if (d === 0) {
        ready.push(to)
        ready.sort((a, b) => a - b)
      }
    }
  }
  return order
}

/** For the links provider → consumer, the members each one feeds, directly or not. */
export function descendantsOf (edges: ReadonlyArray<readonly [number, number]>): (m: number) => ReadonlySet<number> {
  const out = new Map<number, number[]>()
  for (const [from, to] of edges) {
    let list = out.get(from)
    if (list === undefined) out.set(from, list = [])
    list.push(to)
  }
  const cache = new Map<number, Set<number>>()
  return (m: number) => {
    let set = cache.get(m)
    if (set === undefined) {
      set = new Set<number>()
      const stack = [m]
      while (stack.length > 0) {
        for (const next of out.get(stack.pop()!) ?? []) {
          if (!set.has(next)) { set.add(next); stack.push(next) }
        }
      }
      cache.set(m, set)
    }
    return set
  }
}
