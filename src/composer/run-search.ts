/**
 * One search of a request: build the problem for a mode (strict, price-only, relaxed),
 * run the relaxation for its heuristic, and search it.
 */
import type { Catalog } from '../catalog/index.js'
import type { LinkIndex } from './item-links.js'
import type { RequirementItems } from './items.js'
import { Problem, type ProblemMode } from './problem.js'
import { relax, type Relaxation } from './relaxation.js'
import type { ResolvedRequest } from './resolve-request.js'
import { search, type SearchResult } from './search.js'
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
}

export interface SearchRun {
  readonly problem: Problem
  readonly relaxation: Relaxation
  readonly result: SearchResult
}

/** Builds the problem for the mode, relaxes it, and searches it. */
export function runSearch (context: CompositionContext, mode: ProblemMode, limit: number): SearchRun {
  const problem = new Problem(context.catalog, context.table, context.request, context.links, context.requirements, mode)
  const relaxation = relax(problem, problem.own)
  const guide = relax(problem, problem.own, 'sum')
  const budget = context.request.budget
  const result = search(problem, relaxation, guide, {
    limit,
    maxExpansions: context.maxExpansions,
    ...(context.proofExpansions === undefined ? {} : { maxProofExpansions: context.proofExpansions }),
    ...(mode.budget && budget !== undefined
      ? { budgetCents: Math.round(budget.amount * 100), priceRelaxation: relax(problem, problem.cents) }
      : {})
  })
  return { problem, relaxation, result }
}
