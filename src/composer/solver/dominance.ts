/**
 * Dominance among the relevant services: `d` dominates `s` when it can take `s`'s place in
 * any bundle at no higher cost —
 *
 * - it satisfies every item `s` satisfies, each at a link penalty no higher;
 * - each of its requirements is one of `s`'s (the same shared option list), so it is met
 *   wherever `s`'s are, and (dataflow) it can fire wherever `s` fires;
 * - it requires nothing `s` provides (it could not provide that to itself);
 * - it costs no more (ranking cost and, under a budget, price), and when it costs the same it
 *   ranks first among equal bundles (a lower index: the tie-break of `exact-search.ts`).
 *
 * A minimal bundle holding `s` holds none of its dominators (the dominator would make `s`
 * removable), so each of them yields a distinct bundle at least as good that ranks before it.
 * A service dominated by at least `limit` others is therefore in none of the `limit` best
 * bundles and is left out of the program. Rivals that offer the same interfaces from the same
 * requirements at a higher price are the common case; without them the solver no longer has
 * to tell apart bundles that differ only in which rival they take.
 */
import type { Option, Problem } from '../problem.js'

/** One item a service satisfies: the item's shared options, and the penalty of its link. */
interface Provision {
  readonly options: readonly Option[]
  readonly byProvider: ReadonlyMap<number, Option>
  readonly penalty: number
}

/**
 * The services of `relevant` (ascending) that fewer than `limit` others dominate, ascending;
 * `undefined` when `out` (polled once per service) says the time has run out first.
 */
export function undominated (problem: Problem, relevant: readonly number[], limit: number, budget: boolean, out: () => boolean = () => false): number[] | undefined {
  // Per service, in arrays indexed by it: the lists of every relevant service's items are read once each.
  const isRelevant = new Uint8Array(problem.own.length)
  for (const s of relevant) isRelevant[s] = 1
  const provisions: Array<Provision[] | undefined> = []
  const requires: Array<ReadonlySet<readonly Option[]> | undefined> = []
  const seen = new Set<readonly Option[]>()
  const record = (options: readonly Option[], byProvider: ReadonlyMap<number, Option>): void => {
    if (seen.has(options)) return
    seen.add(options)
    for (const option of options) {
      const p = option.provider
      if (p < 0 || isRelevant[p] !== 1) continue
      const list = provisions[p]
      if (list === undefined) provisions[p] = [{ options, byProvider, penalty: option.penalty }]
      else list.push({ options, byProvider, penalty: option.penalty })
    }
  }
  for (const goal of problem.goals) {
    const { shared, sharedBy } = problem.optionGroup(goal)
    record(shared, sharedBy)
  }
  for (const s of relevant) {
    const lists = new Set<readonly Option[]>()
    for (const item of problem.requirementsOf(s)) {
      const { shared, sharedBy } = problem.optionGroup(item)
      record(shared, sharedBy)
      lists.add(shared)
    }
    requires[s] = lists
  }

  const dominates = (d: number, s: number, provided: readonly Provision[]): boolean => {
    if (isRelevant[d] !== 1) return false
    const own = problem.own[d]! - problem.own[s]!
    if (own > 0 || own === 0 && d > s) return false
    if (budget && problem.cents[d]! > problem.cents[s]!) return false
    const mine = requires[s]!
    const theirs = requires[d]!
    for (const list of theirs) if (!mine.has(list)) return false
    for (const { options, byProvider, penalty } of provided) {
      if ((byProvider.get(d)?.penalty ?? Infinity) > penalty) return false
      if (theirs.has(options)) return false
    }
    return true
  }

  const kept: number[] = []
  for (const s of relevant) {
    if (out()) return undefined
    const provided = provisions[s] ?? []
    // Candidates: the providers of the item with the fewest options that `s` satisfies.
    let fewest: Provision | undefined
    for (const p of provided) if (fewest === undefined || p.options.length < fewest.options.length) fewest = p
    let dominators = 0
    if (fewest !== undefined) {
      for (const option of fewest.options) {
        if (option.provider === s || option.provider < 0 || !dominates(option.provider, s, provided)) continue
        if (++dominators >= limit) break
      }
    }
    if (dominators < limit) kept.push(s)
  }
  return kept
}
