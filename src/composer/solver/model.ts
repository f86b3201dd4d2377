/**
 * The integer program of one composition problem (set formulation). One binary `x_s` per
 * relevant service, costing its own ranking cost (size, price for the seats). Every item — a
 * goal, or a requirement of a relevant service — must be met when it applies:
 * - goals: `Σ x_p ≥ 1` over the providers that satisfy it;
 * - a requirement of `s`: `Σ x_p ≥ x_s` over its providers, unless an available type meets it.
 * Every option costs at least the item's cheapest penalty, which is added to the consumer (or,
 * for a goal, to a constant). When the options differ in link quality (a plugin link costs the
 * degree weight), each dearer penalty level `p_j` (ascending, above the cheapest `p_1`) gets
 * one binary `z_j` costing `p_j − p_{j−1}`, with `z_j + Σ x_p ≥ x_s` (`≥ 1` for a goal) over
 * the providers cheaper than `p_j`: `z_j` is 1 when the consumer is in and no option cheaper
 * than `p_j` is, so the `z` of an item add up to the penalty of its cheapest option present
 * minus `p_1`. Levels dearer than an available type's option need no `z` (that option is
 * always there). This states the same linear relaxation as one column per option, with one
 * column and one row per level instead of one column and one row per option. A budget adds
 * `Σ cents_s x_s ≤ budget`.
 *
 * Static wiring needs nothing more. Dataflow wiring (members fire in order) and the top-k
 * enumeration add rows later (see `exact-search.ts`).
 */
import type { Item } from '../items.js'
import type { Option, Problem } from '../problem.js'

/** A dearer penalty level of an item: `z` (column `column`) is 1 when no option cheaper than `penalty` is in. */
export interface PenaltyColumn {
  readonly column: number
  readonly penalty: number
}

/** An item and its options among the relevant services (and the available types). */
export interface ModelItem {
  readonly item: Item
  /** Options whose provider is relevant or an available type. */
  readonly options: readonly Option[]
  /** The item's dearer penalty levels, ascending; empty when one level is all it needs. */
  readonly levels: readonly PenaltyColumn[]
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
  const surely = maxEntries < Infinity ? withinEntries(problem, services, maxEntries, out) : true
  if (surely === undefined) return { timedOut: true }
  if (!surely) {
    const entries = countEntries(problem, services, column, maxEntries, out)
    if (entries === undefined) return { timedOut: true }
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
    if (options.length === 0) {
      if (consumerColumn === undefined) infeasible = true
      else rows.push({ lower: 0, upper: 0, indices: [consumerColumn], values: [1] }) // the consumer cannot join
      items.push({ item, options, levels: [] })
      return
    }
    const penalties = [...new Set(options.map(o => o.penalty))].sort((a, b) => a - b)
    if (consumerColumn === undefined) constant += penalties[0]!
    else costs[consumerColumn]! += penalties[0]!
    const available = options.find(o => o.provider < 0)
    const providers = options.filter(o => o.provider >= 0)
    // Σ x_p ≥ x_s (≥ 1 for a goal): x_p − x_s ≥ 0.
    const row = (indices: number[], extra: number | undefined): void => {
      const values = indices.map(() => 1)
      if (extra !== undefined) { indices.push(extra); values.push(1) }
      if (consumerColumn === undefined) rows.push({ lower: 1, upper: Infinity, indices, values })
      else rows.push({ lower: 0, upper: Infinity, indices: [...indices, consumerColumn], values: [...values, -1] })
    }
    if (available === undefined) row(providers.map(o => column.get(o.provider)!), undefined)
    const levels: PenaltyColumn[] = []
    for (let j = 1; j < penalties.length; j++) {
      const penalty = penalties[j]!
      if (available !== undefined && available.penalty < penalty) break
      const z = columns++
      costs.push(penalty - penalties[j - 1]!)
      row(providers.filter(o => o.penalty < penalty).map(o => column.get(o.provider)!), z)
      levels.push({ column: z, penalty })
    }
    items.push({ item, options, levels })
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

/**
 * Whether the program over `services` surely has at most `maxEntries` coefficients, by a bound
 * read off the length of each item's option list alone: an item with `n` options writes at most
 * `n + 1` coefficients in its row and `n + 2` in each dearer penalty level's, and it has one such
 * level at most, as a link's penalty is 0 or the degree weight (`Problem`). Far under the budget
 * (a program after relevance and dominance, most of the time), the exact count is not needed.
 * `undefined` when `out` (polled once per service, as counting does) says the time has run out.
 */
function withinEntries (problem: Problem, services: readonly number[], maxEntries: number, out: () => boolean): boolean | undefined {
  let bound = 0
  for (const goal of problem.goals) bound += 2 * problem.optionGroup(goal).shared.length + 3
  for (const s of services) {
    if (out()) return undefined
    for (const item of problem.requirementsOf(s)) bound += 2 * problem.optionGroup(item).shared.length + 3
    if (bound > maxEntries) return false
  }
  return bound <= maxEntries
}

/** What the options of a shared list among the relevant services add up to. */
interface GroupCount {
  /** Options kept (available types and relevant providers). */
  readonly kept: number
  /** The available type's option's penalty, if one is kept. */
  readonly available: number | undefined
  /** Kept providers (not available types) by penalty. */
  readonly penalties: ReadonlyMap<number, number>
}

/**
 * The coefficients `buildModel` would write, counted without building anything: once per
 * shared option list, then per item. Stops, as building does, at the first goal list or
 * service whose items take the count past `maxEntries`, and returns the count there;
 * `undefined` when `out` (polled once per service, as building does) says the time has run out.
 */
function countEntries (problem: Problem, services: readonly number[], column: ReadonlyMap<number, number>, maxEntries: number, out: () => boolean): number | undefined {
  const groups = new Map<readonly Option[], GroupCount>()
  const groupCount = (shared: readonly Option[]): GroupCount => {
    let count = groups.get(shared)
    if (count === undefined) {
      const penalties = new Map<number, number>()
      let kept = 0
      let available: number | undefined
      for (const o of shared) {
        if (o.provider >= 0 && !column.has(o.provider)) continue
        kept++
        if (o.provider < 0) available = o.penalty
        else penalties.set(o.penalty, (penalties.get(o.penalty) ?? 0) + 1)
      }
      groups.set(shared, count = { kept, available, penalties })
    }
    return count
  }
  const itemEntries = (item: Item, consumer: boolean): number => {
    const { shared, sharedBy, without } = problem.optionGroup(item)
    const count = groupCount(shared)
    const left = without >= 0 && column.has(without) ? sharedBy.get(without) : undefined
    const kept = count.kept - (left === undefined ? 0 : 1)
    const own = consumer ? 1 : 0
    if (kept === 0) return own
    const providers = (penalty: number): number => (count.penalties.get(penalty) ?? 0) - (left?.penalty === penalty ? 1 : 0)
    const levels = new Set<number>()
    for (const penalty of count.penalties.keys()) if (providers(penalty) > 0) levels.add(penalty)
    if (count.available !== undefined) levels.add(count.available)
    const penalties = [...levels].sort((a, b) => a - b)
    // The row of every provider (none when an available type meets the item), then one row per dearer level.
    let entries = count.available === undefined ? kept + own : 0
    let cheaper = 0
    for (let j = 1; j < penalties.length; j++) {
      cheaper += providers(penalties[j - 1]!)
      if (count.available !== undefined && count.available < penalties[j]!) break
      entries += cheaper + 1 + own
    }
    return entries
  }
  let entries = 0
  for (const goal of problem.goals) entries += itemEntries(goal, false)
  if (entries > maxEntries) return entries
  for (const s of services) {
    if (out()) return undefined
    for (const item of problem.requirementsOf(s)) entries += itemEntries(item, true)
    if (entries > maxEntries) return entries
  }
  return entries
}
