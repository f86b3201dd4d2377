/**
 * Landmark cuts for dataflow wiring. Dataflow composition is delete-free planning: a service is
 * an action, its requirement items are its preconditions, the items it meets are its effects,
 * the items an available type meets hold from the start, and the goals must all hold at the
 * end. The program (`model.ts`) states only static wiring, which services that feed each other
 * around a cycle satisfy without any of them reaching back to the available types; the rows
 * here state what such cycles lack.
 *
 * **The cut of a set of items.** Take the program's items (its goals and the requirement items
 * of its services) and any set `R` of them that holds every item an available type meets and
 * misses some goal. Every valid dataflow bundle then holds at least one service of
 *
 *   `L(R) = { p in the program : every requirement item of p is in R, and p meets an item ∉ R }`.
 *
 * Proof: order the bundle's members by firing. Some member meets an item outside `R` (the
 * goal missing from `R` is met); let `p` be the first. Each requirement item of `p` is met by
 * an available type or by a member fired before `p`; an available type meets only items in
 * `R`, and so does every member before `p` (it is before the first that meets one outside),
 * so every requirement item of `p` is in `R` and `p ∈ L(R)`. Hence `Σ_{p∈L(R)} x_p ≥ 1`
 * removes no valid bundle, and it has no `(1 − x)` terms, so the linear relaxation cannot
 * satisfy it with a fraction of every service of a cycle. It holds for dataflow only: with
 * static wiring a cycle is a valid bundle.
 *
 * Three families of `R` are used:
 * - **From a solution** (`landmarkOf`): `R` = the items met by the available types or by the
 *   members that could fire. When the members cannot all fire, none of `L(R)` is a member (the
 *   fired ones meet only items in `R`, the stuck ones have a requirement outside it), so the cut
 *   removes that solution.
 * - **The start** (`startLandmark`): `R` = the items the available types meet, the cut of a
 *   solution none of whose members can fire. Every valid bundle has a member that fires first,
 *   from the available types alone, and meets something new. Added before the first solve, it
 *   removes every solution whose members all wait on each other, which the loop above would
 *   otherwise remove one solver call later: on the 8,000-service challenge set, the static
 *   optimum is such a solution (15 members, none of which can fire), and with this row the
 *   linear relaxation alone lets reduced-cost fixing fix three quarters of the columns.
 * - **LM-cut** (`rootLandmarks`, Helmert & Domshlak 2009, on the delete-free task): `h_max`
 *   of every item under the current service costs, each service's costliest requirement as its
 *   precondition choice, the goal zone `Z` (the goal of highest `h_max`, and back from each
 *   item in `Z` to the precondition choice of a provider that now costs 0, never an item an
 *   available type meets). `R` = the reachable items outside `Z`: it holds every item an
 *   available type meets and misses that goal. A service that is reached (its requirements
 *   are all reachable) meets only reachable items, so `L(R)` is the reached providers of items
 *   in `Z` whose requirements all lie outside `Z`. Each of them costs more than 0 (one costing 0
 *   that meets an item of `Z` has its precondition choice in `Z`), so lowering their costs by
 *   the cheapest makes one more service cost 0, and the loop ends after at most one round per
 *   service. Rows found before the first solve lift the linear relaxation to at least the
 *   LM-cut estimate under the costs the loop ran on (the costs taken off for the landmarks a
 *   service is in add up to at most its cost, and every bundle hits every landmark); the loop
 *   runs on `costUnits`, which are at most the costs divided by the unit.
 */
import { NumberHeap } from '../priority-queue.js'
import type { Model } from './model.js'

/** The program's items as facts and its services (columns) as actions, in compressed arrays. */
export interface DeleteFreeTask {
  readonly items: number
  /** 1 for an item an available type meets. */
  readonly initial: Uint8Array
  /** Item indices of the goals. */
  readonly goals: Int32Array
  /** Column `c`'s requirement items: `requireItems[requireStart[c] .. requireStart[c + 1]]`. */
  readonly requireStart: Int32Array
  readonly requireItems: Int32Array
  /** Column `c`'s met items: `meetItems[meetStart[c] .. meetStart[c + 1]]`. */
  readonly meetStart: Int32Array
  readonly meetItems: Int32Array
  /** Item `i`'s providers (columns): `providerColumns[providerStart[i] .. providerStart[i + 1]]`. */
  readonly providerStart: Int32Array
  readonly providerColumns: Int32Array
  /** The column whose requirement item `i` is (-1 for a goal). */
  readonly consumer: Int32Array
  /** The service columns (`x`), `0 .. services`. */
  readonly services: number
}

/** The delete-free task of a program (items in `model.items` order). */
export function deleteFreeTask (model: Model): DeleteFreeTask {
  const services = model.services.length
  const items = model.items.length
  const initial = new Uint8Array(items)
  const goals: number[] = []
  const requireCount = new Int32Array(services + 1)
  const meetCount = new Int32Array(services + 1)
  const providerStart = new Int32Array(items + 1)
  const { columnOf } = model
  model.items.forEach(({ item, options }, i) => {
    if (item.kind === 'requires') requireCount[columnOf[item.consumer]! + 1]!++
    else goals.push(i)
    let providers = 0
    for (const option of options) {
      if (option.provider < 0) { initial[i] = 1; continue }
      meetCount[columnOf[option.provider]! + 1]!++
      providers++
    }
    providerStart[i + 1] = providerStart[i]! + providers
  })
  for (let c = 0; c < services; c++) { requireCount[c + 1]! += requireCount[c]!; meetCount[c + 1]! += meetCount[c]! }
  const requireStart = requireCount.slice()
  const meetStart = meetCount.slice()
  const requireItems = new Int32Array(requireStart[services]!)
  const meetItems = new Int32Array(meetStart[services]!)
  const providerColumns = new Int32Array(providerStart[items]!)
  const consumer = new Int32Array(items).fill(-1)
  model.items.forEach(({ item, options }, i) => {
    if (item.kind === 'requires') { const c = columnOf[item.consumer]!; requireItems[requireCount[c]!++] = i; consumer[i] = c }
    let at = providerStart[i]!
    for (const option of options) {
      if (option.provider < 0) continue
      const c = columnOf[option.provider]!
      meetItems[meetCount[c]!++] = i
      providerColumns[at++] = c
    }
  })
  return { items, initial, goals: Int32Array.from(goals), requireStart, requireItems, meetStart, meetItems, providerStart, providerColumns, consumer, services }
}

/**
 * The cut of the items met by the available types or by `fired` (columns of members that could
 * fire): the columns of `L(R)`, ascending.
 */
export function landmarkOf (task: DeleteFreeTask, fired: readonly number[]): number[] {
  const inR = task.initial.slice()
  for (const c of fired) for (let k = task.meetStart[c]!; k < task.meetStart[c + 1]!; k++) inR[task.meetItems[k]!] = 1
  return cutOf(task, inR)
}

/**
 * The cut of the items the available types meet (`landmarkOf` with nothing fired), or undefined
 * when they meet every goal (the set of items then misses none, and the cut is no landmark) or
 * when no service can start (no valid bundle exists; the solver's loop finds that out itself).
 */
export function startLandmark (task: DeleteFreeTask): number[] | undefined {
  if (task.goals.every(g => task.initial[g] === 1)) return undefined
  const cut = cutOf(task, task.initial)
  return cut.length === 0 ? undefined : cut
}

/** The columns of `L(R)` for `R` given as a 0/1 array over items, ascending. */
export function cutOf (task: DeleteFreeTask, inR: Uint8Array): number[] {
  const cut: number[] = []
  for (let c = 0; c < task.services; c++) {
    let ready = true
    for (let k = task.requireStart[c]!; k < task.requireStart[c + 1]! && ready; k++) if (inR[task.requireItems[k]!] !== 1) ready = false
    if (!ready) continue
    for (let k = task.meetStart[c]!; k < task.meetStart[c + 1]!; k++) {
      if (inR[task.meetItems[k]!] !== 1) { cut.push(c); break }
    }
  }
  return cut
}

/**
 * Rows before the first solve at most: the start landmark and the rounds of the LM-cut loop.
 * Each round costs one `h_max` (linear in the program's coefficients: about 6 ms on the
 * 8,000-service challenge set); with costs in units (`costUnits`) each round adds a unit to the
 * estimate, so this is reached only when bundles cost more than this many units.
 */
export const maxRootLandmarks = 64

/**
 * Service costs in whole units of the cheapest service that costs anything, rounded down (at
 * least 1 for a service that costs anything): the LM-cut loop then adds a unit per round. With
 * the exact costs it added a few cents per round, as the costs left after each cut differ by
 * the services' prices (1,190 rounds in 6.9 s did not finish on the 8,000-service challenge
 * set; in units, 15 rounds in 0.1 s). The landmarks are valid whatever the costs, and `unit`
 * times the loop's estimate is at most what the services of any bundle cost (a service's units
 * times `unit` are at most its cost).
 */
export function costUnits (costs: ArrayLike<number>, services: number): { readonly units: Float64Array, readonly unit: number } {
  let unit = Infinity
  for (let c = 0; c < services; c++) if (costs[c]! > zero) unit = Math.min(unit, costs[c]!)
  const units = Float64Array.from({ length: services }, (_, c) => costs[c]! > zero ? Math.max(1, Math.floor(costs[c]! / unit + 1e-9)) : 0)
  return { units, unit: Number.isFinite(unit) ? unit : 0 }
}

/** Costs at or below this count as 0 (costs are lowered by subtraction). */
const zero = 1e-9

/** What the LM-cut loop found: its landmarks and the estimate they prove (the sum of the cheapest costs cut). */
export interface RootLandmarks {
  readonly landmarks: number[][]
  readonly estimate: number
  /** The loop ended (estimate complete) rather than stopping at `maxRounds` or `out`. */
  readonly complete: boolean
}

/**
 * LM-cut landmarks of the task under `costs` (one per service column, at least 0), at most
 * `maxRounds`, stopping early when `out` says so. No landmark when a goal is unreachable.
 */
export function rootLandmarks (task: DeleteFreeTask, costs: ArrayLike<number>, maxRounds = Infinity, out: () => boolean = () => false): RootLandmarks {
  const cost = Float64Array.from({ length: task.services }, (_, c) => Math.max(0, costs[c]!))
  const landmarks: number[][] = []
  let estimate = 0
  const h = new Float64Array(task.items)
  const choice = new Int32Array(task.services)
  const waiting = new Int32Array(task.services)
  const zone = new Uint8Array(task.items)
  const heap = new NumberHeap()
  for (let round = 0; round < maxRounds; round++) {
    if (out()) return { landmarks, estimate, complete: false }
    const goal = hMax(task, cost, h, choice, waiting, heap)
    if (goal < 0 || h[goal]! <= zero) return { landmarks, estimate, complete: true }
    // The goal zone: back from the goal over providers that cost 0, to their precondition choice.
    zone.fill(0)
    zone[goal] = 1
    const stack = [goal]
    while (stack.length > 0) {
      const f = stack.pop()!
      for (let k = task.providerStart[f]!; k < task.providerStart[f + 1]!; k++) {
        const c = task.providerColumns[k]!
        if (cost[c]! > zero || waiting[c]! > 0) continue
        const pre = choice[c]!
        if (pre >= 0 && zone[pre] === 0 && task.initial[pre] === 0) { zone[pre] = 1; stack.push(pre) }
      }
    }
    // L(R) for R = the reachable items outside the zone: reached providers of zone items whose requirements are all outside it.
    const cut: number[] = []
    const inCut = new Set<number>()
    let least = Infinity
    for (let f = 0; f < task.items; f++) {
      if (zone[f] === 0) continue
      for (let k = task.providerStart[f]!; k < task.providerStart[f + 1]!; k++) {
        const c = task.providerColumns[k]!
        if (waiting[c]! > 0 || inCut.has(c)) continue
        let outside = true
        for (let r = task.requireStart[c]!; r < task.requireStart[c + 1]! && outside; r++) if (zone[task.requireItems[r]!] === 1) outside = false
        if (!outside) continue
        inCut.add(c)
        cut.push(c)
        least = Math.min(least, cost[c]!)
      }
    }
    if (cut.length === 0 || least <= zero) return { landmarks, estimate, complete: false }
    for (const c of cut) cost[c]! -= least
    estimate += least
    landmarks.push(cut.sort((a, b) => a - b))
  }
  return { landmarks, estimate, complete: false }
}

/**
 * `h_max` of every item under `cost` (into `h`), each reached column's precondition choice (its
 * requirement of highest `h_max`, -1 when it has none) into `choice`, and `waiting` (0 for a
 * reached column). Returns the goal item of highest `h_max` (-1 when there are no goals).
 */
function hMax (task: DeleteFreeTask, cost: Float64Array, h: Float64Array, choice: Int32Array, waiting: Int32Array, heap: NumberHeap): number {
  h.fill(Infinity)
  const apply = (c: number, value: number): void => {
    for (let k = task.meetStart[c]!; k < task.meetStart[c + 1]!; k++) {
      const e = task.meetItems[k]!
      if (value < h[e]!) { h[e] = value; heap.push(value, e) }
    }
  }
  for (let i = 0; i < task.items; i++) if (task.initial[i] === 1) { h[i] = 0; heap.push(0, i) }
  for (let c = 0; c < task.services; c++) {
    waiting[c] = task.requireStart[c + 1]! - task.requireStart[c]!
    choice[c] = -1
    if (waiting[c] === 0) apply(c, cost[c]!)
  }
  const settled = new Uint8Array(task.items)
  while (heap.size > 0) {
    const priority = heap.topPriority
    const i = heap.pop()
    if (settled[i] === 1 || priority > h[i]!) continue
    settled[i] = 1
    const c = task.consumer[i]!
    if (c >= 0 && --waiting[c]! === 0) {
      // Items settle in order of h_max: the last requirement settled is the costliest.
      choice[c] = i
      apply(c, cost[c]! + h[i]!)
    }
  }
  let goal = -1
  for (const g of task.goals) if (goal < 0 || h[g]! > h[goal]!) goal = g
  return goal
}
