/**
 * The services that can matter for a request: backward from the goals over the options of
 * each item (the providers that really link, under the constraints), keeping only services
 * the wiring's relaxation admits (dataflow: reachable forward from `available`; static: whose
 * requirements can all be met by services that can themselves be met). Nothing else is read,
 * so the work follows the part of the catalog the goals touch.
 *
 * **Bounded by a known cost.** The walk back is a shortest-path search: `toGoal(s)` is the
 * least own cost of a chain of services `s → t_1 → … → t_k` where each meets a requirement of
 * the next and `t_k` meets a goal (0 when `s` meets a goal). Every member `s` of a minimal
 * bundle `B` is on such a chain inside `B` (walk from the goals back over the providers used:
 * a member that no goal leads back to could be dropped), so `B` costs at least `own(s) +
 * toGoal(s)`, plus what linking the requirements of `s` costs at least (each item's cheapest
 * link penalty, `linkFloor`; the chain's services count theirs too). In dataflow wiring the chain's services fire after `s`, and the members that
 * fire before `s` meet its requirements from the available types, which costs at least the
 * relaxation's `h_max` of them: `B` costs at least `serviceCost(s) + toGoal(s)` (the
 * relaxation's `serviceCost` is `own(s)` plus that `h_max`). Given `bound`, a cost that
 * `limit` known bundles reach, a service whose least cost is above it is in none of the
 * `limit` best bundles (nor tied with the last of them) and is left out; chains through left-out
 * services are not followed, since a bundle holding one costs more than `bound` anyway.
 */
import type { Item } from '../items.js'
import type { Option, Problem } from '../problem.js'
import { NumberHeap } from '../priority-queue.js'
import type { Relaxation } from '../relaxation.js'

/** Costs within this of the bound count as reaching it (sums of prices in floating point). */
const epsilon = 1e-6

/** What else narrows the relevant services. */
export interface RelevantOptions {
  /**
   * A cost that enough known bundles reach (as many as the request's `limit`): services every
   * bundle of which costs more are left out.
   */
  readonly bound?: number
  /** Only these services are considered (a set found before, with a larger bound). */
  readonly within?: ReadonlySet<number>
}

/**
 * Service indices that can be in a bundle, ascending; `undefined` when `out` (polled once per
 * service settled) says the time has run out first.
 */
export function relevantServices (problem: Problem, relaxation: Relaxation, out: () => boolean = () => false, options: RelevantOptions = {}): number[] | undefined {
  const bound = options.bound ?? Infinity
  const n = problem.own.length
  // Per service, in typed arrays (the loop over the options reads them a hundred thousand times).
  let inside: Uint8Array | undefined
  if (options.within !== undefined) {
    inside = new Uint8Array(n)
    for (const s of options.within) inside[s] = 1
  }
  const dataflow = problem.mode.wiring === 'dataflow'
  const serviceCost = relaxation.serviceCosts
  const { own } = problem
  // Without a bound nothing is compared, so the link penalties are not read.
  const links = bound === Infinity ? () => 0 : linkFloor(problem)
  /**
   * Whether every bundle holding `s` costs more than the bound, given the chain cost after it.
   * The cost without the link penalties is compared first: reading them means building the
   * option lists of `s`'s requirements, which most services the bound leaves out never need.
   */
  const over = (s: number, toGoal: number): boolean => {
    const least = toGoal + (dataflow ? serviceCost[s]! : own[s]!)
    return least > bound + epsilon || least + links(s) > bound + epsilon
  }
  const toGoal = new Float64Array(n).fill(Infinity)
  const settled = new Uint8Array(n)
  const found: number[] = []
  // One heap for services (ids ≥ 0) and shared option lists (ids < 0): a list settles at the
  // least chain cost of a consumer requiring it, then offers that cost to its providers.
  // Items requiring the same interface share their options (but for their consumer, which
  // settled before the list), so each shared list is read once.
  const heap = new NumberHeap()
  const lists: Array<readonly Option[]> = []
  const listId = new Map<readonly Option[], number>()
  const listCost: number[] = []
  const listSettled: boolean[] = []
  const reach = (item: Item, cost: number): void => {
    const options = problem.optionGroup(item).shared
    let id = listId.get(options)
    if (id === undefined) {
      // An exact available type meets the requirement at no cost: no provider can do better.
      if (options.some(o => o.provider < 0 && o.penalty === 0)) return
      id = lists.length
      lists.push(options)
      listId.set(options, id)
      listCost.push(Infinity)
      listSettled.push(false)
    }
    if (cost < listCost[id]!) { listCost[id] = cost; heap.push(cost, -1 - id) }
  }
  for (const goal of problem.goals) reach(goal, 0)
  while (heap.size > 0) {
    const cost = heap.topPriority
    const id = heap.pop()
    if (id < 0) {
      const list = -1 - id
      if (listSettled[list]!) continue
      listSettled[list] = true
      for (const option of lists[list]!) {
        const p = option.provider
        if (p < 0 || settled[p] === 1 || cost >= toGoal[p]!) continue
        if (inside !== undefined && inside[p] !== 1) continue
        if (serviceCost[p] === Infinity || bound < Infinity && over(p, cost)) continue
        toGoal[p] = cost
        heap.push(cost, p)
      }
      continue
    }
    if (settled[id] === 1) continue
    if (out()) return undefined
    settled[id] = 1
    found.push(id)
    const after = cost + own[id]! + links(id)
    for (const item of problem.requirementsOf(id)) reach(item, after)
  }
  return found.sort((a, b) => a - b)
}

/** The lowest link penalty of a shared option list, how many options have it, and the next one. */
interface PenaltyFloor {
  readonly lowest: number
  readonly count: number
  readonly next: number
}

/**
 * What linking its requirements costs a service at least: for each requirement item, the
 * lowest penalty among its options (the consumer's own excluded); `Infinity` when an item has
 * no option, as the service cannot join then. Read once per service and per shared list.
 */
function linkFloor (problem: Problem): (s: number) => number {
  const floors = new Map<readonly Option[], PenaltyFloor>()
  const cache = new Float64Array(problem.own.length).fill(NaN)
  return (s: number): number => {
    let total = cache[s]!
    if (!Number.isNaN(total)) return total
    total = 0
    for (const item of problem.requirementsOf(s)) {
      const { shared, sharedBy, without } = problem.optionGroup(item)
      let floor = floors.get(shared)
      if (floor === undefined) {
        let lowest = Infinity
        let count = 0
        let next = Infinity
        for (const o of shared) {
          if (o.penalty < lowest) { next = lowest; lowest = o.penalty; count = 1 } else if (o.penalty === lowest) count++
          else if (o.penalty < next) next = o.penalty
        }
        floors.set(shared, floor = { lowest, count, next })
      }
      total += floor.count === 1 && sharedBy.get(without)?.penalty === floor.lowest ? floor.next : floor.lowest
    }
    cache[s] = total
    return total
  }
}
