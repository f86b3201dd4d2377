/**
 * A second admissible bound of what a partial bundle's open items still add to its ranking cost,
 * for the best-first search's proof (`search.ts`), which takes the larger of it and the
 * relaxation's. The relaxation's bound is the largest over the open items of what one of them
 * costs (h_max): with static wiring that is one service's own cost, however many items are open.
 * This one sums, over disjoint parts of what a completion must pay:
 *
 * - every open item is satisfied by a link of its own (or, relaxed, left open): at least the least
 *   penalty among its options;
 * - an open item that neither an available type nor a member can satisfy brings a new member, at
 *   least the least, over its providers, of the link's penalty, the provider's own cost and the
 *   least penalties of the provider's requirements (items of its own). Of such items, a set whose
 *   provider sets are pairwise disjoint brings as many distinct new members, so their costs add up
 *   (picked greedily, dearest first); the others count their link's penalty only.
 *
 * Members that would close a cycle (dataflow) count as able to help: that only lowers the bound.
 */
import type { Item } from './items.js'
import { missingPenalty, type Option, type Problem } from './problem.js'

/** What is kept per shared option list. */
interface ListFacts {
  /** The least penalty of any option (available type or provider). */
  readonly leastPenalty: number
  /** The services that provide it. */
  readonly providers: ReadonlySet<number>
  /** The service options by what joining through them costs at least, ascending, and that cost. */
  readonly joining: readonly Option[]
  readonly joinCost: ReadonlyMap<Option, number>
}

/** Computes the bound for a problem; keeps what it learns per option list. */
export class OpenItemsBound {
  private readonly facts = new WeakMap<readonly Option[], ListFacts>()
  /** Per service: the least penalties of its requirements, summed. */
  private readonly requirementPenalties = new Map<number, number>()

  constructor (private readonly problem: Problem) {}

  /** A lower bound of what satisfying every open item adds to a state with these members. */
  value (open: readonly Item[], members: readonly number[]): number {
    let links = 0
    const needy: Array<{ readonly item: Item, readonly cost: number }> = []
    for (const item of open) {
      const least = this.leastPenalty(item)
      if (this.helped(item, members)) { links += least; continue }
      const cost = this.joinCost(item, members)
      // Its link's penalty is counted either way; what a new member adds is counted for a packing only.
      links += least
      if (cost > least) needy.push({ item, cost })
    }
    needy.sort((a, b) => b.cost - a.cost)
    const taken = new Set<number>()
    let extra = 0
    for (const { item, cost } of needy) {
      const group = this.problem.optionGroup(item)
      const { providers } = this.factsOf(group.shared)
      let disjoint = true
      for (const p of providers) if (p !== group.without && taken.has(p)) { disjoint = false; break }
      if (!disjoint) continue
      for (const p of providers) if (p !== group.without) taken.add(p)
      extra += cost - this.leastPenalty(item)
    }
    return links + extra
  }

  /** Can an available type or a member (other than the item's consumer) satisfy the item? */
  private helped (item: Item, members: readonly number[]): boolean {
    if (this.problem.optionOf(item, -1) !== undefined) return true
    for (const m of members) if (this.problem.optionOf(item, m) !== undefined) return true
    return false
  }

  private leastPenalty (item: Item): number {
    const least = this.factsOf(this.problem.optionGroup(item).shared).leastPenalty
    return this.problem.mode.relaxed ? Math.min(least, missingPenalty(item)) : least
  }

  /** The least cost of satisfying the item with a service not yet a member (capped when relaxed). */
  private joinCost (item: Item, members: readonly number[]): number {
    const group = this.problem.optionGroup(item)
    const facts = this.factsOf(group.shared)
    let cost = Infinity
    for (const option of facts.joining) {
      if (option.provider === group.without || members.includes(option.provider)) continue
      cost = facts.joinCost.get(option)!
      break
    }
    return this.problem.mode.relaxed ? Math.min(cost, missingPenalty(item)) : cost
  }

  private factsOf (list: readonly Option[]): ListFacts {
    let facts = this.facts.get(list)
    if (facts === undefined) {
      let leastPenalty = Infinity
      for (const option of list) leastPenalty = Math.min(leastPenalty, option.penalty)
      const services = list.filter(o => o.provider >= 0)
      const joinCost = new Map(services.map(o => [o, o.penalty + this.problem.own[o.provider]! + this.requirementPenalty(o.provider)]))
      const joining = services.sort((a, b) => joinCost.get(a)! - joinCost.get(b)! || a.provider - b.provider)
      facts = { leastPenalty, providers: new Set(services.map(o => o.provider)), joining, joinCost }
      this.facts.set(list, facts)
    }
    return facts
  }

  /** The least penalties of a service's requirements, summed: each is an item of its own once it joins. */
  private requirementPenalty (s: number): number {
    let sum = this.requirementPenalties.get(s)
    if (sum === undefined) {
      sum = 0
      for (const req of this.problem.requirementsOf(s)) {
        let least = Infinity
        for (const option of this.problem.options(req)) least = Math.min(least, option.penalty)
        sum += this.problem.mode.relaxed ? Math.min(least, missingPenalty(req)) : least
      }
      this.requirementPenalties.set(s, sum)
    }
    return sum
  }
}
