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

/**
 * Rows in compressed form, as the solver loads them: row `r` is `lower[r] ≤ Σ values[k] ·
 * x_indices[k] ≤ upper[r]` over `k` from `starts[r]` to `starts[r + 1] − 1`.
 */
export interface ModelRows {
  readonly lower: Float64Array
  readonly upper: Float64Array
  readonly starts: Int32Array
  readonly indices: Int32Array
  readonly values: Float64Array
}

/** The program as sparse rows, ready to hand to the solver. */
export interface Model {
  /** Relevant services; column `i` is `x` of `services[i]`. */
  readonly services: readonly number[]
  /** A service's column by its index, -1 for a service not in the program. */
  readonly columnOf: Int32Array
  readonly columns: number
  readonly costs: readonly number[]
  /** Columns that are binary (all of them). */
  readonly rows: ModelRows
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
  // Columns by service index (-1: not in the program), read once per option of every item.
  const columnOf = new Int32Array(problem.own.length).fill(-1)
  services.forEach((s, i) => { columnOf[s] = i })
  const surely = maxEntries < Infinity ? withinEntries(problem, services, maxEntries, out) : true
  if (surely === undefined) return { timedOut: true }
  if (!surely) {
    const entries = countEntries(problem, services, columnOf, maxEntries, out)
    if (entries === undefined) return { timedOut: true }
    if (entries > maxEntries) return { oversized: true, entries }
  }
  const costs = services.map(s => problem.own[s]!)
  const rows = new RowWriter()
  const items: ModelItem[] = []
  const penalties: number[] = []
  let constant = 0
  let infeasible = false
  let columns = services.length

  /** The item's rows and levels; `consumer` is the consumer's column, -1 for a goal. */
  const add = (item: Item, consumer: number): void => {
    const options: Option[] = []
    let available: Option | undefined
    for (const o of problem.options(item)) {
      if (o.provider >= 0 && columnOf[o.provider] === -1) continue
      options.push(o)
      if (o.provider < 0) available ??= o
    }
    if (options.length === 0) {
      if (consumer < 0) infeasible = true
      else { rows.push(consumer, 1); rows.end(0, 0) } // the consumer cannot join
      items.push({ item, options, levels: noLevels })
      return
    }
    // The distinct penalties, ascending (a link's is 0 or the degree weight: one or two of them).
    penalties.length = 0
    for (const o of options) if (!penalties.includes(o.penalty)) penalties.push(o.penalty)
    if (penalties.length > 1) penalties.sort((a, b) => a - b)
    if (consumer < 0) constant += penalties[0]!
    else costs[consumer]! += penalties[0]!
    // Σ x_p ≥ x_s (≥ 1 for a goal): x_p − x_s ≥ 0.
    if (available === undefined) linkRow(rows, options, columnOf, Infinity, -1, consumer)
    let levels: PenaltyColumn[] = noLevels
    for (let j = 1; j < penalties.length; j++) {
      const penalty = penalties[j]!
      if (available !== undefined && available.penalty < penalty) break
      const z = columns++
      costs.push(penalty - penalties[j - 1]!)
      linkRow(rows, options, columnOf, penalty, z, consumer)
      if (levels === noLevels) levels = []
      levels.push({ column: z, penalty })
    }
    items.push({ item, options, levels })
  }

  for (const goal of problem.goals) add(goal, -1)
  if (rows.size > maxEntries) return { oversized: true, entries: rows.size }
  for (const s of services) {
    if (out()) return { timedOut: true }
    const consumer = columnOf[s]!
    for (const item of problem.requirementsOf(s)) add(item, consumer)
    if (rows.size > maxEntries) return { oversized: true, entries: rows.size }
  }
  if (budgetCents !== undefined) {
    services.forEach((s, i) => rows.push(i, problem.cents[s]!))
    rows.end(-Infinity, budgetCents)
  }
  return { services, columnOf, columns, costs, rows: rows.done(), constant, items, infeasible }
}

/** An item's levels when it has no dearer one (shared: most items have none). */
const noLevels: PenaltyColumn[] = []

/**
 * One row of an item: its providers cheaper than `below` (in option order), the level's column
 * `z` (unless -1), and the consumer's column at −1 (`≥ 0`), or `≥ 1` for a goal (`consumer` -1).
 */
function linkRow (rows: RowWriter, options: readonly Option[], columnOf: Int32Array, below: number, z: number, consumer: number): void {
  for (const o of options) if (o.provider >= 0 && o.penalty < below) rows.push(columnOf[o.provider]!, 1)
  if (z >= 0) rows.push(z, 1)
  if (consumer >= 0) { rows.push(consumer, -1); rows.end(0, Infinity) } else rows.end(1, Infinity)
}

/** Writes rows straight into growing typed arrays (no object per row or coefficient). */
class RowWriter {
  private lower = new Float64Array(256)
  private upper = new Float64Array(256)
  private starts = new Int32Array(257)
  private indices = new Int32Array(4096)
  private values = new Float64Array(4096)
  private count = 0
  /** Coefficients written. */
  size = 0

  /** Adds a coefficient to the row being written. */
  push (column: number, value: number): void {
    if (this.size === this.indices.length) {
      this.indices = grown(this.indices, new Int32Array(2 * this.size))
      this.values = grown(this.values, new Float64Array(2 * this.size))
    }
    this.indices[this.size] = column
    this.values[this.size++] = value
  }

  /** Ends the row being written with its bounds. */
  end (lower: number, upper: number): void {
    if (this.count === this.lower.length) {
      this.lower = grown(this.lower, new Float64Array(2 * this.count))
      this.upper = grown(this.upper, new Float64Array(2 * this.count))
      this.starts = grown(this.starts, new Int32Array(2 * this.count + 1))
    }
    this.lower[this.count] = lower
    this.upper[this.count++] = upper
    this.starts[this.count] = this.size
  }

  /** The rows written, in arrays of their exact lengths. */
  done (): ModelRows {
    return {
      lower: this.lower.slice(0, this.count),
      upper: this.upper.slice(0, this.count),
      starts: this.starts.slice(0, this.count + 1),
      indices: this.indices.slice(0, this.size),
      values: this.values.slice(0, this.size)
    }
  }
}

function grown<T extends Int32Array | Float64Array> (from: T, to: T): T {
  to.set(from)
  return to
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
function countEntries (problem: Problem, services: readonly number[], columnOf: Int32Array, maxEntries: number, out: () => boolean): number | undefined {
  const groups = new Map<readonly Option[], GroupCount>()
  const groupCount = (shared: readonly Option[]): GroupCount => {
    let count = groups.get(shared)
    if (count === undefined) {
      const penalties = new Map<number, number>()
      let kept = 0
      let available: number | undefined
      for (const o of shared) {
        if (o.provider >= 0 && columnOf[o.provider] === -1) continue
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
    const left = without >= 0 && columnOf[without] !== -1 ? sharedBy.get(without) : undefined
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
