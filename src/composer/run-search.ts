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
import { relax, type Relaxation } from './relaxation.js'
import type { ResolvedRequest } from './resolve-request.js'
import { search, type FoundBundle, type SearchResult } from './search.js'
import { exactSearch } from './solver/exact-search.js'
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
  /** States a best-first search keeps at most. */
  readonly maxStates: number
  /** Coefficients an integer program may have at most. */
  readonly maxModelEntries: number
  /** When the searches stop with what they have. */
  readonly deadline: Deadline
}

export interface SearchRun {
  readonly problem: Problem
  readonly relaxation: Relaxation
  readonly result: SearchResult
  /**
   * Milliseconds building the problem and its relaxation took: the part of a search that
   * cannot be interrupted, for deciding whether another search still fits in what remains.
   */
  readonly setupMs: number
}

/**
 * Builds the problem for the mode, relaxes it, and searches it. A strict problem whose integer
 * program would exceed `maxModelEntries` is searched best-first instead, within `maxStates`
 * and `maxExpansions`: its bundles are valid and minimal but not proven cheapest (`cut`).
 *
 * The deadline: building the problem and its relaxation cannot be interrupted (each is linear
 * in the services and interfaces the request touches); every step after them starts only while
 * the deadline has not passed, and each search stops when it passes (`timedOut`). A strict
 * search first looks for a greedy bundle (`solver/greedy.ts`, a walk back from the goals): when
 * the time runs out before the search finds a bundle, the result holds that one.
 */
export function runSearch (context: CompositionContext, mode: ProblemMode, limit: number): SearchRun {
  const { deadline } = context
  deadline.step('problem')
  const started = deadline.clock()
  const problem = new Problem(context.catalog, context.table, context.request, context.links, context.requirements, mode)
  deadline.step('relaxation')
  const relaxation = relax(problem, problem.own)
  const setupMs = deadline.clock() - started
  const budget = context.request.budget
  const budgetCents = mode.budget && budget !== undefined ? Math.round(budget.amount * 100) : undefined
  const run = (result: SearchResult): SearchRun => ({ problem, relaxation, result, setupMs })
  // What the relaxation proves every bundle costs at least: the bound of a search that timed out before one of its own.
  const least = Math.max(0, ...problem.goals.map(goal => relaxation.baseCost(goal)))
  const timedOut: SearchResult = { bundles: [], expansions: 0, proven: false, bound: Number.isFinite(least) ? least : 0, timedOut: true }
  if (deadline.passed()) return run(timedOut)
  let greedy: FoundBundle | undefined
  /**
   * The greedy bundle stands in when the search found none and proved nothing in its time (not
   * when a size budget cut it: that answer stays `SEARCH_CUT` with what the search found).
   */
  const orGreedy = (result: SearchResult): SearchResult =>
    result.bundles.length === 0 && !result.proven && result.cut !== true && greedy !== undefined
      ? { ...result, bundles: [greedy], bound: Math.max(result.bound, timedOut.bound) }
      : result
  if (!mode.relaxed) {
    deadline.step('greedy')
    greedy = greedyBundle(problem, relaxation, budgetCents, deadline.poller(8))
    const result = exactSearch(problem, relaxation, {
      limit,
      deadline,
      maxEntries: context.maxModelEntries,
      ...(budgetCents === undefined ? {} : { budgetCents }),
      ...(greedy === undefined ? {} : { start: greedy.members })
    })
    if (result.cut !== true) return run(orGreedy(result.timedOut === true ? { ...result, bound: Math.max(result.bound, timedOut.bound) } : result))
    if (deadline.passed()) return run(orGreedy(timedOut))
  }
  deadline.step('best-first')
  const guide = relax(problem, problem.own, 'sum')
  const result = search(problem, relaxation, guide, {
    limit,
    out: deadline.poller(16),
    maxExpansions: context.maxExpansions,
    maxStates: context.maxStates,
    ...(context.proofExpansions === undefined ? {} : { maxProofExpansions: context.proofExpansions }),
    ...(budgetCents === undefined ? {} : { budgetCents, priceRelaxation: relax(problem, problem.cents) })
  })
  return run(orGreedy(mode.relaxed || result.proven || result.timedOut === true ? result : { ...result, cut: true }))
}
