/** `compose`: the composer with the matcher's interface matching. */
import type { Catalog } from '../catalog/index.js'
import { matchInterface, matchTypes } from '../matcher/index.js'
import { composeWith, type ComposeOptions } from './compose-with.js'
import type { LinkMatcher } from './link-match.js'
import type { CompositionAnswer, CompositionRequest } from './types.js'

/**
 * Composes the top-k bundles of catalog services that meet the request's goal and
 * constraints: every member's requirements are satisfied (exact or
 * plugin) by another member or an available interface type (in dataflow wiring: in some
 * order of firing); the bundles are the proven cheapest under the request's cost unless its
 * time budget runs out; adapter
 * services are inserted where interfaces need bridging; no member can be removed; bundles are
 * ranked by the preference weights and explained. Failures of the request throw
 * `SymphonyError` (`INVALID_REQUEST`, `UNKNOWN_CLASS`, `UNKNOWN_PROVIDER`,
 * `CONTRADICTORY_CONSTRAINTS`); "no bundle" is an answer with `bundles: []` and `issues`.
 * The solver must be loaded first (`await loadSolver()`, once per process).
 *
 * @example
 * await loadSolver()
 * const answer = compose(catalog, {
 *   serviceTypes: [sym + 'VirtualPBX', sym + 'CRM'],
 *   constraints: { dataLocation: [sym + 'EEA'], budget: { amount: 600, currency: 'EUR' } },
 *   seats: 12, limit: 3
 * })
 * answer.bundles[0]?.services // ['https://example.org/acme#AcmePBX', 'https://example.org/crm#Crm']
 */
export function compose (catalog: Catalog, request: CompositionRequest, options: ComposeOptions = {}): CompositionAnswer {
  return composeWith(catalog, request, catalogMatcher(catalog), options)
}

const matchers = new WeakMap<Catalog, LinkMatcher>()

/** The matcher's `matchInterface` and `matchTypes` over the catalog's class hierarchy (one per catalog). */
export function catalogMatcher (catalog: Catalog): LinkMatcher {
  let matcher = matchers.get(catalog)
  if (matcher === undefined) matchers.set(catalog, matcher = matcherOf(catalog))
  return matcher
}

function matcherOf (catalog: Catalog): LinkMatcher {
  const hierarchy = catalog.hierarchy
  return {
    interfaces (required, provided) {
      const result = matchInterface(required, provided, hierarchy)
      return { degree: result.degree, issues: result.issues.map(issue => issue.code) }
    },
    types: (requiredTypes, providedTypes) => matchTypes(requiredTypes, providedTypes, hierarchy).degree
  }
}
