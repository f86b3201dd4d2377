/**
 * One search of a request: build the problem for a mode (strict, price-only, relaxed),
 * run the relaxation, and search it — the strict problems exactly (integer program, proven
 * optimal top-k), the relaxed one (nearest bundle, items may stay open) best-first.
 */
import type { Catalog } from '../catalog/index.js'
import type { Deadline } from './deadline.js'
import type { LinkIndex } from './item-links.js'
import type { RequirementItems } from './items.js'
import { Problem, type ProblemMode } from './problem.js'
import { relaxWithin, type Relaxation } from './relaxation.js'
import type { ResolvedRequest } from './resolve-request.js'
import { compareMembers, search, type FoundBundle, type SearchResult } from './search.js'
import { exactSearch, quickGuidedShare, quickNearProof } from './solver/exact-search.js'
import { greedyBundle } from './solver/greedy.js'
import type { ServiceTable } from './service-table.js'

/** Everything one request's searches share. */
export interface CompositionContext {
  readonly catalog: Catalog
  readonly request: ResolvedRequest
  readonly table: ServiceTable
  readonly links: LinkIndex
  readonly requirements: RequirementItems
  readonly maxExpansions: number
  readonly proofExpansions?: number
  /** States the best-first search expands at most before a small program's solver (`quickExpansions` in `solver/exact-search.ts`; its proof goes past its usual share only when near, `quickNearProof`). */
  readonly quickExpansions?: number
  /** States a best-first search keeps at most. */
  readonly maxStates: number
  /** Coefficients an integer program may have at most. */
  readonly maxModelEntries: number
  /** When the searches stop with what they have. */
  readonly deadline: Deadline
}

/** A search whose problem and relaxation were built. */
export interface BuiltSearchRun {
  readonly built: true
  readonly problem: Problem
  readonly relaxation: Relaxation
  readonly result: SearchResult
  /**
   * Milliseconds building the problem and its relaxation took: the part of a search that must
   * finish before it can find anything, for deciding whether another search still fits in what
   * remains.
   */
  readonly setupMs: number
}

/**
 * A search that ran out of time while its problem or relaxation was built: neither exists (a
 * part of them would prove nothing), the result is timed out with no bundle and no bound.
 */
export interface UnbuiltSearchRun {
  readonly built: false
  readonly result: SearchResult
  readonly setupMs: number
}

export type SearchRun = BuiltSearchRun | UnbuiltSearchRun

/**
 * Builds the problem for the mode, relaxes it, and searches it. A strict problem whose integer
 * program would exceed `maxModelEntries` is searched best-first instead, within `maxStates`
 * and `maxExpansions`: its bundles are valid and minimal but not proven cheapest (`cut`).
 *
 * The deadline: building the problem (pricing and checking the candidates) and its relaxation
 * poll the clock every 256 services and stop when it has passed, and the run is then not
 * `built`; every step after them starts only while the deadline has not passed, and each
 * search stops when it passes (`timedOut`). A strict search first looks for a greedy bundle
 * (`solver/greedy.ts`, a walk back from the goals): when the time runs out or a size budget
 * cuts the search before it finds a bundle, the result holds that one. The program is searched
 * best-first before the solver runs (`first` in `solver/exact-search.ts`; a small one within a
 * tighter budget), and that search's bundles stay in the result.
 */
export function runSearch (context: CompositionContext, mode: ProblemMode, limit: number): SearchRun {
  const { deadline } = context
  deadline.step('problem')
  const started = deadline.clock()
  const unbuilt = (): UnbuiltSearchRun =>
    ({ built: false, result: { bundles: [], expansions: 0, proven: false, bound: 0, timedOut: true }, setupMs: deadline.clock() - started })
  const problem = new Problem(context.catalog, context.table, context.request, context.links, context.requirements, mode, deadline.poller())
  if (!problem.complete) return unbuilt()
  deadline.step('relaxation')
  const relaxation = relaxWithin(problem, problem.own, deadline.poller())
  if (relaxation === undefined) return unbuilt()
  const setupMs = deadline.clock() - started
  const budget = context.request.budget
  const budgetCents = mode.budget && budget !== undefined ? Math.round(budget.amount * 100) : undefined
  const run = (result: SearchResult): BuiltSearchRun => ({ built: true, problem, relaxation, result, setupMs })
  // What the relaxation proves every bundle costs at least: the bound of a search that timed out before one of its own.
  const least = Math.max(0, ...problem.goals.map(goal => relaxation.baseCost(goal)))
  const timedOut: SearchResult = { bundles: [], expansions: 0, proven: false, bound: Number.isFinite(least) ? least : 0, timedOut: true }
  if (deadline.passed()) return run(timedOut)
  let greedy: FoundBundle | undefined
  /**
   * The greedy bundle stands in when the search found none and proved nothing, whether its time
   * ran out or a size budget cut it (the answer then stays `SEARCH_CUT`, with the greedy bundle).
   */
  const orGreedy = (result: SearchResult): SearchResult =>
    result.bundles.length === 0 && !result.proven && greedy !== undefined
      ? { ...result, bundles: [greedy], bound: Math.max(result.bound, timedOut.bound) }
      : result
  /** The last best-first search ran within a tighter budget than its own: a full one may find more. */
  let bounded = false
  /**
   * The best-first search (within `maxExpansions` when given), or `undefined` when the time ran out
   * while its guide and price bound were built.
   */
  const bestFirst = (maxExpansions?: number): SearchResult | undefined => {
    deadline.step('best-first')
    bounded = maxExpansions !== undefined
    // The search's guide and price bound are fixpoints too: when the time runs out in them, the search does not start.
    const guide = relaxWithin(problem, problem.own, deadline.poller(), 'sum')
    const priceRelaxation = budgetCents === undefined ? undefined : relaxWithin(problem, problem.cents, deadline.poller())
    if (guide === undefined || (budgetCents !== undefined && priceRelaxation === undefined)) return undefined
    return search(problem, relaxation, guide, {
      limit,
      out: deadline.poller(16),
      maxExpansions: Math.min(context.maxExpansions, maxExpansions ?? Infinity),
      maxStates: context.maxStates,
      // Within a budget of its own (a small program's, before the solver) a proof near its end
      // goes on past its share: the share stopped the top three of a 200-service program 11
      // expansions short of their proof, and the solver then took seconds to prove them. Its
      // guided phase gets a part of that budget: the proof phase finds bundles too, in cost order.
      ...(context.proofExpansions === undefined ? {} : { maxProofExpansions: context.proofExpansions }),
      ...(maxExpansions === undefined ? {} : { nearProof: quickNearProof, maxGuidedExpansions: Math.floor(maxExpansions * quickGuidedShare) }),
      ...(budgetCents === undefined || priceRelaxation === undefined ? {} : { budgetCents, priceRelaxation })
    })
  }

  /**
   * A strict best-first search that neither proved its ranking nor ran out of time stopped at a
   * size budget (its states, or its expansions): `cut`.
   */
  const sized = (result: SearchResult): SearchResult =>
    mode.relaxed || result.proven || result.timedOut === true ? result : { ...result, cut: true }
  /** The best-first search's answer when it is all there is: `cut` unless it proved or ran out of time. */
  const bestFirstAlone = (result: SearchResult | undefined): BuiltSearchRun =>
    run(orGreedy(result === undefined ? timedOut : sized(result)))

  if (!mode.relaxed) {
    deadline.step('greedy')
    greedy = greedyBundle(problem, relaxation, budgetCents, deadline.poller(8))
    // The solver starts from the best-first search's bundles, run first (`first`).
    const result = exactSearch(problem, relaxation, {
      limit,
      deadline,
      maxEntries: context.maxModelEntries,
      first: bestFirst,
      ...(context.quickExpansions === undefined ? {} : { quickExpansions: context.quickExpansions }),
      ...(budgetCents === undefined ? {} : { budgetCents }),
      ...(greedy === undefined ? {} : { start: greedy.members }),
      // One known bundle bounds the program only when one bundle is asked for.
      ...(greedy === undefined || limit > 1 ? {} : { bound: greedy.cost })
    })
    const { first } = result
    /** The best-first search ran before the solver within its own budget: running it again finds nothing more. */
    const searchedFully = first !== undefined && !bounded
    if (result.cut === true) return searchedFully || deadline.passed() ? bestFirstAlone(first) : bestFirstAlone(bestFirst())
    /** The solver's bundles, and the best-first search's when it ran: the cheapest of both. */
    const withFirst = (exact: SearchResult): SearchResult => first === undefined ? exact : merged(first, exact)
    if (result.timedOut === true) return run(orGreedy(withFirst({ ...result, bound: Math.max(result.bound, timedOut.bound) })))
    if (result.proven || deadline.passed() || searchedFully) return run(orGreedy(withFirst(result)))
    // A solver call stopped at its own time limit, short of the deadline (a large program's
    // call gets a part of what remains), and the best-first search did not run within its own
    // budget before it: the time left goes to that search, and the answer holds the cheapest
    // bundles of both. When that search stops at its size budget before the deadline, the answer
    // is cut, not short of time.
    const searched = bestFirst()
    return run(orGreedy(searched === undefined ? withFirst(result) : merged(withFirst(result), sized(searched))))
  }
  return bestFirstAlone(bestFirst())
}

/**
 * The bundles two searches of the same problem found, cheapest first (ties by member IRIs),
 * each once. A bundle neither found costs at least the larger of their bounds; the ranking
 * is proven when the second search proved its own (it then holds every bundle that can rank).
 * The second search is the one that ended the pair: the merged one is cut when it was cut (at its
 * size budget) and neither ran out of time; a solver that stopped for another reason than time
 * (`solverStop`), or a solver call that stopped at its share of the time (`shareMs`), is told
 * when neither ran out of time or was cut.
 */
export function merged (first: SearchResult, second: SearchResult): SearchResult {
  if (second.proven) return second
  const byMembers = new Map<string, FoundBundle>()
  for (const bundle of [...first.bundles, ...second.bundles]) {
    const key = bundle.members.join(',')
    if (!byMembers.has(key)) byMembers.set(key, bundle)
  }
  const bundles = [...byMembers.values()].sort((a, b) => a.cost - b.cost || compareMembers(a.members, b.members))
  return {
    bundles,
    expansions: first.expansions + second.expansions,
    proven: false,
    bound: Math.max(first.bound, second.bound),
    ...(first.timedOut === true || second.timedOut === true
      ? { timedOut: true }
      : second.cut === true ? { cut: true } : stopOf(first, second))
  }
}

/** The solver's stop (or the share of the time it stopped at), when one of two searches stopped there. */
function stopOf (first: SearchResult, second: SearchResult): { solverStop?: string } | { shareMs?: number } {
  const solverStop = second.solverStop ?? first.solverStop
  if (solverStop !== undefined) return { solverStop }
  const shareMs = second.shareMs ?? first.shareMs
  return shareMs === undefined ? {} : { shareMs }
}
