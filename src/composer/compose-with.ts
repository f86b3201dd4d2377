/**
 * The composer's pipeline for one request: resolve it, search the strict problem for the
 * top-k minimal bundles, and, when none is found, diagnose why and find the nearest bundle.
 */
import type { Catalog } from '../catalog/index.js'
import { buildBundle, compareBundles } from './bundle.js'
import { diagnose } from './diagnose.js'
import { LinkIndex } from './item-links.js'
import { unknownPriceComponentIssues } from './price-issues.js'
import { RequirementItems } from './items.js'
import type { LinkMatcher } from './link-match.js'
import { checkRequestValues } from './parse-request.js'
import { resolveRequest } from './resolve-request.js'
import { runSearch, type CompositionContext } from './run-search.js'
import type { SearchResult } from './search.js'
import { buildServiceTable } from './service-table.js'
import type { Bundle, CompositionAnswer, CompositionIssue, CompositionRequest } from './types.js'

export interface ComposeOptions {
  /**
   * States the search expands at most per search (default 200,000). When reached, the answer
   * holds the bundles found so far and a `SEARCH_LIMIT` issue.
   */
  readonly maxExpansions?: number
  /**
   * States the search may expand, after finding the bundles, to prove that none cheaper exists
   * (default: max(200, 2 × what finding them took)). When it runs out, the answer has a
   * `RANKING_UNPROVEN` issue.
   */
  readonly proofExpansions?: number
}

/** `compose` with an explicit interface matcher (the composition root passes the matcher's). */
export function composeWith (catalog: Catalog, request: CompositionRequest, match: LinkMatcher, options: ComposeOptions = {}): CompositionAnswer {
  checkRequestValues(request)
  const resolved = resolveRequest(catalog, request)
  const table = buildServiceTable(catalog, resolved)
  const context: CompositionContext = {
    catalog,
    request: resolved,
    table,
    links: new LinkIndex(catalog, table, resolved, match),
    requirements: new RequirementItems(table),
    maxExpansions: options.maxExpansions ?? 200_000,
    ...(options.proofExpansions === undefined ? {} : { proofExpansions: options.proofExpansions })
  }
  const strict = runSearch(context, { relaxed: false, budget: resolved.budget !== undefined, weights: resolved.weights }, resolved.limit)
  const bundles = strict.result.bundles.map(found => buildBundle(strict.problem, found, resolved.weights)).sort(compareBundles).slice(0, resolved.limit)
  const issues: CompositionIssue[] = []
  if (!strict.result.proven) issues.push(searchLimitIssue(strict.result, bundles, resolved.limit))
  if (bundles.length === 0) issues.push(...diagnose(context, strict))
  issues.push(...unknownPriceComponentIssues(bundles, issues))
  return { bundles, issues }
}

function searchLimitIssue (result: SearchResult, bundles: readonly Bundle[], limit: number): CompositionIssue {
  if (bundles.length < limit) {
    return {
      code: 'SEARCH_LIMIT',
      expansions: result.expansions,
      message: `the search stopped after ${result.expansions} expansions with ${bundles.length} of ${limit} bundles; further bundles may exist — narrow the request or raise maxExpansions`
    }
  }
  const bound = Math.round(result.bound * 1e6) / 1e6
  const last = bundles[bundles.length - 1]!.explanation.cost.total
  return {
    code: 'RANKING_UNPROVEN',
    expansions: result.expansions,
    bound,
    message: `the bundles are valid and minimal, but after ${result.expansions} expansions the search has not proven that no cheaper one exists: any other bundle costs at least ${bound} (the listed ones cost up to ${last}); narrow the request or raise maxExpansions for a proof`
  }
}
