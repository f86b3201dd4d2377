/**
 * Checking requests before they reach the matcher: shape first (`INVALID_REQUEST` naming the
 * field), then IRIs against the catalog (`UNKNOWN_CLASS`, `UNKNOWN_SERVICE`). The API and the
 * CLI call `validateDiscoveryRequest` on parsed JSON.
 */
import type { Catalog, Service } from '../catalog/index.js'
import { SymphonyError } from '../errors.js'

/** The discovery request, after validation (defaults filled in). */
export interface DiscoveryRequest {
  /** Interface types the customer already has. */
  readonly available: readonly string[]
  /** Interface types the customer wants provided. */
  readonly wanted: readonly string[]
  /** At most this many results (default 100). */
  readonly limit: number
  /** Results scoring below this are left out (default 0: none). */
  readonly minScore: number
  /** List near misses after the full matches (default true). */
  readonly includePartial: boolean
}

export const defaultLimit = 100

const absoluteIri = /^[a-z][a-z0-9+.-]*:[^\s<>"{}|\\^`]*$/i

/**
 * Checks the shape of a discovery request and fills in defaults; throws `INVALID_REQUEST`
 * naming the field. Unknown fields are rejected (a misspelt `wanted` would otherwise be ignored).
 *
 * @example validateDiscoveryRequest(JSON.parse(body)) // { available: [], wanted: [...], limit: 100 }
 */
export function validateDiscoveryRequest (input: unknown): DiscoveryRequest {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw invalid('', 'the discovery request must be a JSON object {"available": [IRI…], "wanted": [IRI…], "limit": n, "minScore": x, "includePartial": true|false}')
  }
  const record = input as Record<string, unknown>
  for (const key of Object.keys(record)) {
    if (!discoveryFields.includes(key)) {
      throw invalid(key, `unknown field "${key}" in the discovery request; the fields are ${discoveryFields.slice(0, -1).join(', ')} and ${discoveryFields.at(-1)!}`)
    }
  }
  const { minScore, includePartial } = record
  if (minScore !== undefined && (typeof minScore !== 'number' || !Number.isFinite(minScore) || minScore < 0 || minScore > 1)) {
    throw invalid('minScore', `minScore must be a number from 0 to 1, not ${JSON.stringify(minScore)}`)
  }
  if (includePartial !== undefined && typeof includePartial !== 'boolean') {
    throw invalid('includePartial', `includePartial must be true or false, not ${JSON.stringify(includePartial)}`)
  }
  return {
    available: validateIriList(record.available, 'available'),
    wanted: validateIriList(record.wanted, 'wanted'),
    limit: validateLimit(record.limit, 'limit'),
    minScore: minScore ?? 0,
    includePartial: includePartial ?? true
  }
}

const discoveryFields = ['available', 'wanted', 'limit', 'minScore', 'includePartial']

/** An optional array of absolute IRIs (duplicates dropped, order kept). */
export function validateIriList (value: unknown, field: string): string[] {
  if (value === undefined) return []
  if (!Array.isArray(value)) throw invalid(field, `${field} must be an array of IRIs`)
  value.forEach((item, i) => {
    if (typeof item !== 'string' || !absoluteIri.test(item)) {
      throw invalid(`${field}[${i}]`, `${field}[${i}] must be an absolute IRI such as "https://w3id.org/symphony/ontology#CRM", not ${JSON.stringify(item)}`)
    }
  })
  return [...new Set(value as string[])]
}

/** An optional positive integer, `defaultLimit` when absent. */
export function validateLimit (value: unknown, field: string): number {
  if (value === undefined) return defaultLimit
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw invalid(field, `${field} must be a positive integer, not ${JSON.stringify(value)}`)
  }
  return value
}

/** Throws `UNKNOWN_CLASS` for the first type the class hierarchy does not know. */
export function requireKnownClasses (catalog: Catalog, types: readonly string[], field: string): void {
  types.forEach((type, i) => {
    if (!catalog.hierarchy.has(type)) {
      throw new SymphonyError('UNKNOWN_CLASS',
        `${field}[${i}]: unknown class <${type}> — no loaded ontology or description mentions it; check the IRI or load the ontology that defines it`,
        { path: `${field}[${i}]`, node: type })
    }
  })
}

/** The service with this IRI; throws `UNKNOWN_SERVICE` naming it otherwise. */
export function requireService (catalog: Catalog, iri: string): Service {
  const service = catalog.services.get(iri)
  if (service === undefined) {
    throw new SymphonyError('UNKNOWN_SERVICE',
      `unknown service <${iri}> — the catalog has no service with this IRI; check the IRI or publish its description`, { node: iri })
  }
  return service
}

function invalid (path: string, message: string): SymphonyError {
  return new SymphonyError('INVALID_REQUEST', message, { path })
}
