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
 *   least the least, over its providers, of the link's penalty and the provider's own cost. Of
 *   such items, a set whose option lists have no provider in common brings as many distinct new
 *   members, so their costs add up (picked greedily, dearest first); the others count their
 *   link's penalty only.
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
  /** The service options by penalty plus the provider's own cost, ascending. */
  readonly joining: readonly Option[]
  /** Per other list: do the two have no provider in common? */
  readonly disjoint: WeakMap<readonly Option[], boolean>
}

interface Needy {
  readonly list: readonly Option[]
  readonly facts: ListFacts
  /** What joining a new member adds beyond the least penalty. */
  readonly extra: number
}

/** Computes the bound for a problem; keeps what it learns per option list. */
export class OpenItemsBound {
  private readonly facts = new WeakMap<readonly Option[], ListFacts>()

  constructor (private readonly problem: Problem) {}

  /** A lower bound of what satisfying every open item adds to a state with these members. */
  value (open: readonly Item[], members: readonly number[]): number {
    const { problem } = this
    const relaxed = problem.mode.relaxed
    let links = 0
    const needy: Needy[] = []
    for (const item of open) {
      const group = problem.optionGroup(item)
      const facts = this.factsOf(group.shared)
      const least = relaxed ? Math.min(facts.leastPenalty, missingPenalty(item)) : facts.leastPenalty
      links += least
      if (this.helped(item, members)) continue
      let cost = Infinity
      for (const option of facts.joining) {
        if (option.provider === group.without || members.includes(option.provider)) continue
        cost = option.penalty + problem.own[option.provider]!
        break
      }
      if (relaxed) cost = Math.min(cost, missingPenalty(item))
      if (cost > least) needy.push({ list: group.shared, facts, extra: cost - least })
    }
    if (needy.length === 0) return links
    needy.sort((a, b) => b.extra - a.extra)
    // A greedy packing: each item taken has no provider in common with those taken before it.
    const taken: Needy[] = []
    let extra = 0
    for (const candidate of needy) {
      if (!taken.every(t => this.disjoint(t, candidate))) continue
      taken.push(candidate)
      extra += candidate.extra
    }
    return links + extra
  }

  /** Can an available type or a member (other than the item's consumer) satisfy the item? */
  private helped (item: Item, members: readonly number[]): boolean {
    if (this.problem.optionOf(item, -1) !== undefined) return true
    for (const m of members) if (this.problem.optionOf(item, m) !== undefined) return true
    return false
  }

  /** No provider in common (checked on the shared lists: their consumers left in only makes it stricter). */
  private disjoint (a: Needy, b: Needy): boolean {
    if (a.list === b.list) return false
    let known = a.facts.disjoint.get(b.list)
    if (known === undefined) {
      const [small, large] = a.facts.providers.size <= b.facts.providers.size ? [a.facts, b.facts] : [b.facts, a.facts]
      known = true
      for (const p of small.providers) if (large.providers.has(p)) { known = false; break }
      a.facts.disjoint.set(b.list, known)
      b.facts.disjoint.set(a.list, known)
    }
    return known
  }

  private factsOf (list: readonly Option[]): ListFacts {
    let facts = this.facts.get(list)
    if (facts === undefined) {
      const own = this.problem.own
      let leastPenalty = Infinity
      for (const option of list) leastPenalty = Math.min(leastPenalty, option.penalty)
      const services = list.filter(o => o.provider >= 0)
      const joining = [...services].sort((a, b) => a.penalty + own[a.provider]! - b.penalty - own[b.provider]! || a.provider - b.provider)
      facts = { leastPenalty, providers: new Set(services.map(o => o.provider)), joining, disjoint: new WeakMap() }
      this.facts.set(list, facts)
    }
    return facts
  }
}
