/**
 * Validity and minimality of a set of services, for both wirings. A set is
 * valid when every goal is covered and
 * - static: every member's `sym:requires` is satisfied (exact or plugin) by another member or
 *   an available interface type — members may need each other;
 * - dataflow: starting from the available interface types, every member can be wired in some
 *   order with all its requirements satisfied by the available types or earlier members.
 * It is minimal when no proper subset is valid.
 */
import type { Problem } from './problem.js'

/** Is the set valid in the problem's wiring? */
export function isValidSet (problem: Problem, members: readonly number[]): boolean {
  if (!coversGoals(problem, members)) return false
  return problem.mode.wiring === 'static'
    ? selfSufficientCore(problem, members).length === members.length
    : wiredCore(problem, members).length === members.length
}

/**
 * Is the (valid) set minimal: is no proper subset valid? In dataflow wiring it suffices that
 * removing any one member breaks it. In static wiring the largest part of the set minus one
 * member whose requirements are all met inside it is the only candidate (every valid subset
 * is within it), so the set is minimal when that part never covers the goals.
 */
export function isMinimalSet (problem: Problem, members: readonly number[]): boolean {
  return members.every((_, i) => {
    const rest = [...members.slice(0, i), ...members.slice(i + 1)]
    if (problem.mode.wiring === 'dataflow') return !isValidSet(problem, rest)
    return !coversGoals(problem, selfSufficientCore(problem, rest))
  })
}

function coversGoals (problem: Problem, members: readonly number[]): boolean {
  return problem.goals.every(goal => members.some(m => problem.optionOf(goal, m) !== undefined))
}

/** Is the requirement met by an available type or one of the members? */
function met (problem: Problem, item: Parameters<Problem['optionOf']>[0], among: Iterable<number>): boolean {
  if (problem.optionOf(item, -1) !== undefined) return true
  for (const m of among) if (problem.optionOf(item, m) !== undefined) return true
  return false
}

/** The members that can be wired in order from the available types: a forward fixpoint. */
function wiredCore (problem: Problem, members: readonly number[]): number[] {
  const wired: number[] = []
  const pending = new Set(members)
  let progress = true
  while (progress && pending.size > 0) {
    progress = false
    for (const m of pending) {
      if (problem.requirementsOf(m).every(item => met(problem, item, wired))) {
        pending.delete(m)
        wired.push(m)
        progress = true
      }
    }
  }
  return wired
}

/**
 * A valid subset of a valid set, found in one walk back from the goals: each goal, then each
 * requirement of a member taken, takes a provider among the members (an available type when
 * one meets it; else a member already taken, then the cheapest link, then the lowest index;
 * in dataflow wiring only a member that fires before the consumer). Linear in the members'
 * options, so a large set (a solver's incumbent before it is proven) shrinks to what its goals
 * use before anything quadratic looks at it.
 */
export function neededCore (problem: Problem, members: readonly number[]): number[] {
  const position = new Map((problem.mode.wiring === 'dataflow' ? wiredCore(problem, members) : members).map((m, i) => [m, i]))
  const taken = new Set<number>()
  const stack: number[] = []
  const take = (item: Parameters<Problem['optionOf']>[0], before: number): void => {
    if (problem.optionOf(item, -1) !== undefined) return
    let best: { provider: number, penalty: number } | undefined
    for (const option of problem.options(item)) {
      const at = position.get(option.provider)
      if (at === undefined || problem.mode.wiring === 'dataflow' && at >= before) continue
      if (best === undefined || rank(option) < rank(best)) best = option
    }
    if (best !== undefined && !taken.has(best.provider)) { taken.add(best.provider); stack.push(best.provider) }
  }
  const rank = (option: { provider: number, penalty: number }): number => (taken.has(option.provider) ? 0 : 1) * 1e15 + option.penalty * 1e9 + option.provider
  for (const goal of problem.goals) take(goal, Infinity)
  while (stack.length > 0) {
    const m = stack.pop()!
    for (const item of problem.requirementsOf(m)) take(item, position.get(m)!)
  }
  return members.filter(m => taken.has(m))
}

/**
 * The largest subset whose members all have their requirements met inside it (or by the
 * available types): members with an unmet requirement are dropped until none is left.
 */
export function selfSufficientCore (problem: Problem, members: readonly number[]): number[] {
  const kept = new Set(members)
  let progress = true
  while (progress) {
    progress = false
    for (const m of kept) {
      if (!problem.requirementsOf(m).every(item => met(problem, item, kept))) {
        kept.delete(m)
        progress = true
      }
    }
  }
  return members.filter(m => kept.has(m))
}

/**
 * An order in which the members can be wired, from the links chosen by the search
 * (`edges`: provider → consumer): Kahn's algorithm over the groups of members that need each
 * other (strongly connected components), smallest service index first; a group's members are
 * adjacent, in index order.
 */
export function wiringOrder (members: readonly number[], edges: ReadonlyArray<readonly [number, number]>): number[] {
  const groups = cyclesOf(members, edges)
  const groupOf = new Map<number, number>()
  const units: number[][] = []
  for (const group of groups) {
    for (const m of group) groupOf.set(m, units.length)
    units.push([...group])
  }
  for (const m of members) {
    if (!groupOf.has(m)) {
      groupOf.set(m, units.length)
      units.push([m])
    }
  }
  const indegree = units.map(() => 0)
  const unitEdges: Array<[number, number]> = []
  for (const [from, to] of edges) {
    const a = groupOf.get(from)
    const b = groupOf.get(to)
    if (a === undefined || b === undefined || a === b) continue
    unitEdges.push([a, b])
    indegree[b]!++
  }
  const first = (u: number): number => Math.min(...units[u]!)
  const order: number[] = []
  const ready = units.map((_, u) => u).filter(u => indegree[u] === 0)
  while (ready.length > 0) {
    ready.sort((a, b) => first(a) - first(b))
    const next = ready.shift()!
    order.push(...[...units[next]!].sort((a, b) => a - b))
    for (const [from, to] of unitEdges) {
      if (from === next && --indegree[to]! === 0) ready.push(to)
    }
  }
  return order
}

/**
 * The groups of members that need each other through the links (provider → consumer):
 * strongly connected components of more than one member (Tarjan), each in index order, the
 * groups ordered by their smallest member.
 */
export function cyclesOf (members: readonly number[], edges: ReadonlyArray<readonly [number, number]>): number[][] {
  const out = new Map<number, number[]>()
  for (const [from, to] of edges) {
    if (from === to) continue
    let list = out.get(from)
    if (list === undefined) out.set(from, list = [])
    list.push(to)
  }
  const index = new Map<number, number>()
  const low = new Map<number, number>()
  const stack: number[] = []
  const onStack = new Set<number>()
  const groups: number[][] = []
  const visit = (v: number): void => {
    index.set(v, index.size)
    low.set(v, index.get(v)!)
    stack.push(v)
    onStack.add(v)
    for (const w of out.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w)
        low.set(v, Math.min(low.get(v)!, low.get(w)!))
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!))
      }
    }
    if (low.get(v) === index.get(v)) {
      const group: number[] = []
      for (let w = stack.pop()!; ; w = stack.pop()!) {
        onStack.delete(w)
        group.push(w)
        if (w === v) break
      }
      if (group.length > 1) groups.push(group.sort((a, b) => a - b))
    }
  }
  for (const m of [...members].sort((a, b) => a - b)) if (!index.has(m)) visit(m)
  return groups.sort((a, b) => a[0]! - b[0]!)
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
