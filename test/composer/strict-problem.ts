/** The strict problem of a request, built as a compose builds it (no deadline), for tests of the solver's parts. */
import type { Catalog } from '../../src/catalog/index.js'
import { catalogMatcher } from '../../src/composer/compose.js'
import type { CompositionRequest } from '../../src/composer/index.js'
import { LinkIndex } from '../../src/composer/item-links.js'
import { RequirementItems } from '../../src/composer/items.js'
import { Problem } from '../../src/composer/problem.js'
import { resolveRequest } from '../../src/composer/resolve-request.js'
import { buildServiceTable } from '../../src/composer/service-table.js'

export function strictProblem (catalog: Catalog, request: CompositionRequest): Problem {
  const resolved = resolveRequest(catalog, request)
  const table = buildServiceTable(catalog, resolved)
  return new Problem(catalog, table, resolved, new LinkIndex(catalog, table, resolved, catalogMatcher(catalog)), new RequirementItems(table),
    { relaxed: false, budget: resolved.budget !== undefined, weights: resolved.weights, wiring: resolved.wiring })
}
