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
import { search, type SearchResult } from './search.js'
import { exactSearch } from './solver/exact-search.js'
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
}

/**
 * Builds the problem for the mode, relaxes it, and searches it. A strict problem whose integer
 * program would exceed `maxModelEntries` is searched best-first instead, within `maxStates`
 * and `maxExpansions`: its bundles are valid and minimal but not proven cheapest (`cut`).
 * Building the problem and its relaxations cannot be interrupted (each is linear in the
 * services and interfaces the request touches); every step after them starts only while the
 * deadline has not passed, and each search stops when it passes (`timedOut`).
 */
export function runSearch (context: CompositionContext, mode: ProblemMode, limit: number): SearchRun {
  const { deadline } = context
  deadline.step('problem')
  const problem = new Problem(context.catalog, context.table, context.request, context.links, context.requirements, mode)
  deadline.step('relaxation')
  const relaxation = relax(problem, problem.own)
  const budget = context.request.budget
  const timedOut: SearchResult = { bundles: [], expansions: 0, proven: false, bound: 0, timedOut: true }
  if (!mode.relaxed) {
    const result = exactSearch(problem, relaxation, {
      limit,
      deadline,
      maxEntries: context.maxModelEntries,
      ...(mode.budget && budget !== undefined ? { budgetCents: Math.round(budget.amount * 100) } : {})
    })
    if (result.cut !== true) return { problem, relaxation, result }
  }
  if (deadline.passed()) return { problem, relaxation, result: timedOut }
  deadline.step('best-first')
  const guide = relax(problem, problem.own, 'sum')
  const result = search(problem, relaxation, guide, {
    limit,
    out: deadline.poller(16),
    maxExpansions: context.maxExpansions,
    maxStates: context.maxStates,
    ...(context.proofExpansions === undefined ? {} : { maxProofExpansions: context.proofExpansions }),
    ...(mode.budget && budget !== undefined
      ? { budgetCents: Math.round(budget.amount * 100), priceRelaxation: relax(problem, problem.cents) }
      : {})
  })
  return { problem, relaxation, result: mode.relaxed || result.proven || result.timedOut === true ? result : { ...result, cut: true } }
}
