/**
 * The composer's pipeline for one request: resolve it, search the strict problem for the
 * top-k minimal bundles, and, when none is found, diagnose why and find the nearest bundle.
 */
import type { Catalog } from '../catalog/index.js'
import { buildBundle, compareBundles } from './bundle.js'
import { Deadline, systemClock, type Clock, type StepListener } from './deadline.js'
import { diagnose } from './diagnose.js'
import { LinkIndex } from './item-links.js'
import { unknownPriceComponentIssues } from './price-issues.js'
import { RequirementItems } from './items.js'
import type { LinkMatcher } from './link-match.js'
import { effectiveLimits, type ComposeLimits } from './limits.js'
import { checkRequestValues } from './parse-request.js'
import { maxTimeoutMs, resolveRequest } from './resolve-request.js'
import { runSearch, type CompositionContext } from './run-search.js'
import type { SearchResult } from './search.js'
import { buildServiceTable } from './service-table.js'
import { catalogNamer, say, type Namer } from './texts.js'
import type { Bundle, CompositionAnswer, CompositionIssue, CompositionRequest } from './types.js'

export interface ComposeOptions extends ComposeLimits {
  /**
   * States the nearest-bundle search (relaxed constraints, after no bundle was found) expands
   * at most (default 200,000).
   */
  readonly maxExpansions?: number
  /**
   * States the best-first search expands at most before the solver runs on a small integer
   * program (default 1,000; 0: the solver alone).
   */
  readonly quickExpansions?: number
  /** The clock the time budget is kept on, in milliseconds (default `performance.now`). */
  readonly clock?: Clock
  /** Told when each long step of the request starts, with the clock's time (measurements). */
  readonly onStep?: StepListener
}

/**
 * The part of a request's time budget kept for the diagnosis when no bundle is found: a tenth,
 * at most two seconds. The searches for bundles stop that much before the end of the budget.
 */
export function diagnosisShare (timeoutMs: number): number {
  return Math.min(timeoutMs / 10, 2000)
}

/**
 * `compose` with an explicit interface matcher (the composition root passes the matcher's).
 * The time budget runs from the call: the searches stop `diagnosisShare` before its end, the
 * diagnosis (when no bundle is found) at its end. When it runs out while the service table,
 * the strict problem or its relaxation is built, the answer has no bundle and `SEARCH_LIMIT`
 * only: there is no search to diagnose.
 */
export function composeWith (catalog: Catalog, request: CompositionRequest, match: LinkMatcher, options: ComposeOptions = {}): CompositionAnswer {
  const clock = options.clock ?? systemClock
  const start = clock()
  checkRequestValues(request)
  const resolved = resolveRequest(catalog, request)
  const limits = effectiveLimits(request, options)
  const end = start + limits.timeoutMs
  const deadline = new Deadline(clock, end - diagnosisShare(limits.timeoutMs), options.onStep)
  // Only a budget below the operator's longest can be raised by the request: the texts advise it only then.
  const budget: TimeBudget = { timeoutMs: limits.timeoutMs, raisable: limits.timeoutMs < (options.maxTimeoutMs ?? maxTimeoutMs) }
  deadline.step('table')
  const table = buildServiceTable(catalog, resolved, deadline.poller())
  // Out of time before the search could be set up: nothing found, nothing proven, nothing to diagnose from.
  const unprepared = (result: SearchResult): CompositionAnswer =>
    ({ bundles: [], issues: [searchLimitIssue(result, [], resolved.limit, budget, catalogNamer(catalog))] })
  if (!table.complete) return unprepared({ bundles: [], expansions: 0, proven: false, bound: 0, timedOut: true })
  const context: CompositionContext = {
    catalog,
    request: resolved,
    table,
    links: new LinkIndex(catalog, table, resolved, match),
    requirements: new RequirementItems(table),
    maxExpansions: options.maxExpansions ?? 200_000,
    maxStates: limits.maxStates,
    ...(options.quickExpansions === undefined ? {} : { quickExpansions: options.quickExpansions }),
    maxModelEntries: limits.maxModelEntries,
    deadline
  }
  const strict = runSearch(context, { relaxed: false, budget: resolved.budget !== undefined, weights: resolved.weights, wiring: resolved.wiring }, resolved.limit)
  if (!strict.built) return unprepared(strict.result)
  const bundles = strict.result.bundles.map(found => buildBundle(strict.problem, found, resolved.weights)).sort(compareBundles).slice(0, resolved.limit)
  const issues: CompositionIssue[] = []
  if (strict.result.cut === true) issues.push(searchCutIssue(strict.result, bundles, resolved.limit, catalogNamer(catalog)))
  else if (!strict.result.proven) issues.push(searchLimitIssue(strict.result, bundles, resolved.limit, budget, catalogNamer(catalog)))
  if (bundles.length === 0) {
    deadline.step('diagnosis')
    issues.push(...diagnose({ ...context, deadline: deadline.until(end) }, strict))
  }
  issues.push(...unknownPriceComponentIssues(bundles, issues, catalogNamer(catalog)))
  return { bundles, issues }
}

/** A cost as the issues state it: to six decimals. */
const issueCost = (cost: number): number => Math.round(cost * 1e6) / 1e6

/**
 * The issue of a search cut at its size budget: what it found, the least cost any bundle it did
 * not list can have, and (with `limit` bundles listed) the gap from the last one to it.
 */
function searchCutIssue (result: SearchResult, bundles: readonly Bundle[], limit: number, namer: Namer): CompositionIssue {
  const found = bundles.length
  const bound = issueCost(result.bound)
  const last = found < limit ? undefined : bundles[found - 1]!.explanation.cost.total
  const gap = last === undefined ? {} : { gap: issueCost(Math.max(0, last - bound)) }
  const messages = say('SEARCH_CUT', { found, limit, bound, ...(last === undefined ? {} : { last }), ...gap }, namer)
  return { code: 'SEARCH_CUT', found, limit, bound, ...gap, message: messages.en, messages }
}

/** A request's time budget, and whether the request may have a larger one. */
interface TimeBudget {
  readonly timeoutMs: number
  readonly raisable: boolean
}

/**
 * The issue of a search that ended unproven, neither cut nor proven: its time ran out, or the
 * solver stopped for another reason (`solverStatus`, which more time would not change).
 */
function searchLimitIssue (result: SearchResult, bundles: readonly Bundle[], limit: number, { timeoutMs, raisable }: TimeBudget, namer: Namer): CompositionIssue {
  const bound = issueCost(result.bound)
  const stop = result.solverStop === undefined || result.timedOut === true ? {} : { solverStatus: result.solverStop }
  // The share a solver call stopped at is said in the texts only: more time helps, as when the budget runs out.
  const share = result.shareMs === undefined || result.timedOut === true ? {} : { shareMs: result.shareMs }
  if (bundles.length < limit) {
    const messages = say('SEARCH_LIMIT', { timeoutMs, found: bundles.length, limit, bound, raisable, ...stop, ...share }, namer)
    return { code: 'SEARCH_LIMIT', timeoutMs, bound, found: bundles.length, limit, ...stop, message: messages.en, messages }
  }
  const last = bundles[bundles.length - 1]!.explanation.cost.total
  const gap = issueCost(Math.max(0, last - bound))
  const messages = say('RANKING_UNPROVEN', { timeoutMs, bound, last, gap, raisable, ...stop, ...share }, namer)
  return { code: 'RANKING_UNPROVEN', timeoutMs, bound, gap, ...stop, message: messages.en, messages }
}
