/**
 * The integer program of one composition problem (set formulation). One binary `x_s` per
 * relevant service, costing its own ranking cost (size, price for the seats). Every item — a
 * goal, or a requirement of a relevant service — must be met when it applies:
 * - goals: `Σ x_p ≥ 1` over the providers that satisfy it;
 * - a requirement of `s`: `Σ x_p ≥ x_s` over its providers, unless an available type meets it.
 * When an item's options differ in link quality (a plugin link costs the degree weight), the
 * link costs are stated per item, not per link: with the item's distinct penalties
 * `v_0 < v_1 < … < v_m`, the cheapest present option costs
 * `v_0 + Σ_k (v_{k+1} − v_k) · [no present option costs v_k or less]`, so `v_0` goes to the
 * consumer (or, for a goal, to a constant) and each level `k` gets one binary `z_k` costing
 * `v_{k+1} − v_k` with `z_k + Σ_{p: penalty ≤ v_k} x_p ≥ x_s` (`≥ 1` for a goal); a level an
 * available type already reaches needs nothing. At an optimum `z_k` is 1 exactly when the
 * consumer is in and no option of that level is, so the objective is the same as with one
 * column per link, without the choices among equal links (no symmetry for the solver to
 * branch over) and with a row per level instead of two entries per link. A budget adds
 * `Σ cents_s x_s ≤ budget`.
 *
 * Static wiring needs nothing more. Dataflow wiring (members fire in order) and the top-k
 * enumeration add rows later (see `exact-search.ts`).
 */
import type { Item } from '../items.js'
import type { Option, Problem } from '../problem.js'

/** An item and its options among the relevant services (and the available types). */
export interface ModelItem {
  readonly item: Item
  /** Options whose provider is relevant or an available type. */
  readonly options: readonly Option[]
}

/** The program as sparse rows, ready to hand to the solver. */
export interface Model {
  /** Relevant services; column `i` is `x` of `services[i]`. */
  readonly services: readonly number[]
  readonly column: ReadonlyMap<number, number>
  readonly columns: number
  readonly costs: readonly number[]
  /** Columns that are binary (all of them). */
  readonly rows: ReadonlyArray<{ readonly lower: number, readonly upper: number, readonly indices: readonly number[], readonly values: readonly number[] }>
  /** Cost every bundle pays whatever its members (goals whose options are all plugin). */
  readonly constant: number
  /** Goals first, then each relevant service's requirements. */
  readonly items: readonly ModelItem[]
  /** A goal no relevant service satisfies: nothing is feasible. */
  readonly infeasible: boolean
}

/** The program would have more than the allowed entries (coefficients): it was not built. */
export interface OversizedModel {
  readonly oversized: true
  /** Entries counted when building stopped. */
  readonly entries: number
}

/** The time ran out while the program was built. */
export interface UnfinishedModel {
  readonly timedOut: true
}

/**
 * Builds the program, or stops as soon as its rows hold more than `maxEntries` coefficients
 * (the program's memory, in JavaScript and in the solver, grows with them), or as soon as
 * `out` (polled once per service) says the time has run out.
 */
export function buildModel (problem: Problem, services: readonly number[], budgetCents: number | undefined, maxEntries = Infinity, out: () => boolean = () => false): Model | OversizedModel | UnfinishedModel {
  const column = new Map(services.map((s, i) => [s, i]))
  if (maxEntries < Infinity) {
    const entries = countEntries(problem, services, column, maxEntries)
    if (entries > maxEntries) return { oversized: true, entries }
  }
  const costs = services.map(s => problem.own[s]!)
  const rows: Array<{ lower: number, upper: number, indices: number[], values: number[] }> = []
  const items: ModelItem[] = []
  let constant = 0
  let infeasible = false
  let columns = services.length

  const add = (item: Item, consumer: number | undefined): void => {
    const options = problem.options(item).filter(o => o.provider < 0 || column.has(o.provider))
    const consumerColumn = consumer === undefined ? undefined : column.get(consumer)!
    items.push({ item, options })
    if (options.length === 0) {
      if (consumerColumn === undefined) infeasible = true
      else rows.push({ lower: 0, upper: 0, indices: [consumerColumn], values: [1] }) // the consumer cannot join
      return
    }
    const levels = [...new Set(options.map(o => o.penalty))].sort((x, y) => x - y)
    if (consumerColumn === undefined) constant += levels[0]!
    else costs[consumerColumn]! += levels[0]!
    const availableAt = Math.min(...options.map(o => o.provider < 0 ? o.penalty : Infinity))
    /** `Σ x_p (+ z) ≥ x_s` (≥ 1 for a goal) over the providers whose penalty is at most `upTo`. */
    const cover = (upTo: number, z?: number): void => {
      const indices = options.filter(o => o.provider >= 0 && o.penalty <= upTo).map(o => column.get(o.provider)!)
      if (z !== undefined) indices.push(z)
      const values = indices.map(() => 1)
      if (consumerColumn === undefined) rows.push({ lower: 1, upper: Infinity, indices, values })
      else rows.push({ lower: 0, upper: Infinity, indices: [...indices, consumerColumn], values: [...values, -1] })
    }
    if (availableAt === Infinity) cover(Infinity)
    for (let k = 0; k + 1 < levels.length && levels[k]! < availableAt; k++) {
      const z = columns++
      costs.push(levels[k + 1]! - levels[k]!)
      cover(levels[k]!, z)
    }
  }

  let entries = 0
  let counted = 0
  const oversized = (): boolean => {
    for (let r = counted; r < rows.length; r++) entries += rows[r]!.indices.length
    counted = rows.length
    return entries > maxEntries
  }
  for (const goal of problem.goals) add(goal, undefined)
  if (oversized()) return { oversized: true, entries }
  for (const s of services) {
    if (out()) return { timedOut: true }
    for (const item of problem.requirementsOf(s)) add(item, s)
    if (oversized()) return { oversized: true, entries }
  }
  if (budgetCents !== undefined) {
    rows.push({ lower: -Infinity, upper: budgetCents, indices: services.map((_, i) => i), values: services.map(s => problem.cents[s]!) })
  }
  return { services, column, columns, costs, rows, constant, items, infeasible }
}

/** What the options of a shared list among the relevant services add up to. */
interface GroupCount {
  /** Options kept (available types and relevant providers). */
  readonly kept: number
  /** Penalty of the available type's option, `Infinity` when there is none. */
  readonly availableAt: number
  /** Kept providers (not available types) by penalty. */
  readonly providers: ReadonlyMap<number, number>
}

/**
 * The coefficients `buildModel` would write, counted without building anything: once per
 * shared option list, then per item. Stops, as building does, at the first goal list or
 * service whose items take the count past `maxEntries`, and returns the count there.
 */
function countEntries (problem: Problem, services: readonly number[], column: ReadonlyMap<number, number>, maxEntries: number): number {
  const groups = new Map<readonly Option[], GroupCount>()
  const groupCount = (shared: readonly Option[]): GroupCount => {
    let count = groups.get(shared)
    if (count === undefined) {
      const providers = new Map<number, number>()
      let kept = 0
      let availableAt = Infinity
      for (const o of shared) {
        if (o.provider >= 0 && !column.has(o.provider)) continue
        kept++
        if (o.provider < 0) availableAt = Math.min(availableAt, o.penalty)
        else providers.set(o.penalty, (providers.get(o.penalty) ?? 0) + 1)
      }
      groups.set(shared, count = { kept, availableAt, providers })
    }
    return count
  }
  const itemEntries = (item: Item, consumer: boolean): number => {
    const { shared, sharedBy, without } = problem.optionGroup(item)
    const count = groupCount(shared)
    const left = without >= 0 && column.has(without) ? sharedBy.get(without) : undefined
    const own = consumer ? 1 : 0
    if (count.kept - (left === undefined ? 0 : 1) === 0) return own
    // Providers by penalty level without the left-out one; the available type makes its own level.
    const byLevel = new Map(count.providers)
    if (left !== undefined) byLevel.set(left.penalty, byLevel.get(left.penalty)! - 1)
    const levels = [...new Set([...byLevel].filter(([, n]) => n > 0).map(([v]) => v).concat(count.availableAt === Infinity ? [] : [count.availableAt]))].sort((x, y) => x - y)
    let providers = 0
    for (const n of byLevel.values()) providers += n
    let entries = count.availableAt === Infinity ? providers + own : 0
    let upTo = 0
    for (let k = 0; k + 1 < levels.length && levels[k]! < count.availableAt; k++) {
      upTo += byLevel.get(levels[k]!) ?? 0
      entries += 1 + upTo + own
    }
    return entries
  }
  let entries = 0
  for (const goal of problem.goals) entries += itemEntries(goal, false)
  if (entries > maxEntries) return entries
  for (const s of services) {
    for (const item of problem.requirementsOf(s)) entries += itemEntries(item, true)
    if (entries > maxEntries) return entries
  }
  return entries
}
