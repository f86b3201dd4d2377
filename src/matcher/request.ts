/**
 * Checking requests before they reach the matcher: shape first (`INVALID_REQUEST` naming the
 * field), then IRIs against the catalog (`UNKNOWN_CLASS`, `UNKNOWN_SERVICE`). The API and the
 * CLI call `validateDiscoveryRequest` on parsed JSON.
 */
import type { Catalog, Service } from '../catalog/index.js'
import { SymphonyError } from '../errors.js'
import { expandPrefixed } from '../rdf/index.js'
import type { ErrorMessages } from '../errors.js'

/** The discovery request, after validation (defaults filled in). */
export interface DiscoveryRequest {
  /** Interface types the customer already has. */
  readonly available: readonly string[]
  /** Interface types the customer wants provided. */
  readonly wanted: readonly string[]
  /** At most this many results (default 100, at most `maxLimit`). */
  readonly limit: number
  /** Results skipped before the first one listed, for paging (default 0). */
  readonly offset: number
  /** Results scoring below this are left out (default 0: none). */
  readonly minScore: number
  /** List near misses after the full matches (default true). */
  readonly includePartial: boolean
}

export const defaultLimit = 100
/**
 * The most results one answer of discovery or "combinable with" lists (`limit`): more are
 * paged with `offset`. It bounds an answer's size and the ranking's memory.
 */
export const maxLimit = 10_000

const absoluteIri = /^[a-z][a-z0-9+.-]*:[^\s<>"{}|\\^`]*$/i

/**
 * Checks the shape of a discovery request and fills in defaults; throws `INVALID_REQUEST`
 * naming the field. Unknown fields are rejected (a misspelt `wanted` would otherwise be ignored).
 *
 * @example validateDiscoveryRequest(JSON.parse(body)) // { available: [], wanted: [...], limit: 100 }
 */
export function validateDiscoveryRequest (input: unknown): DiscoveryRequest {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw invalid('', {
      en: 'the discovery request must be a JSON object {"available": [IRI…], "wanted": [IRI…], "limit": n, "offset": n, "minScore": x, "includePartial": true|false}',
      de: 'die Suchanfrage muss ein JSON-Objekt {"available": [IRI…], "wanted": [IRI…], "limit": n, "offset": n, "minScore": x, "includePartial": true|false} sein'
    })
  }
  const record = input as Record<string, unknown>
  for (const key of Object.keys(record)) {
    if (!discoveryFields.includes(key)) {
      const fields = discoveryFields.slice(0, -1).join(', ')
      const last = discoveryFields.at(-1)!
      throw invalid(key, {
        en: `unknown field "${key}" in the discovery request; the fields are ${fields} and ${last}`,
        de: `unbekanntes Feld "${key}" in der Suchanfrage; die Felder sind ${fields} und ${last}`
      })
    }
  }
  const { minScore, includePartial } = record
  if (minScore !== undefined && (typeof minScore !== 'number' || !Number.isFinite(minScore) || minScore < 0 || minScore > 1)) {
    throw invalid('minScore', {
      en: `minScore must be a number from 0 to 1, not ${JSON.stringify(minScore)}`,
      de: `minScore muss eine Zahl von 0 bis 1 sein, nicht ${JSON.stringify(minScore)}`
    })
  }
  if (includePartial !== undefined && typeof includePartial !== 'boolean') {
    throw invalid('includePartial', {
      en: `includePartial must be true or false, not ${JSON.stringify(includePartial)}`,
      de: `includePartial muss true oder false sein, nicht ${JSON.stringify(includePartial)}`
    })
  }
  return {
    available: validateIriList(record.available, 'available'),
    wanted: validateIriList(record.wanted, 'wanted'),
    limit: validateLimit(record.limit, 'limit'),
    offset: validateOffset(record.offset, 'offset'),
    minScore: minScore ?? 0,
    includePartial: includePartial ?? true
  }
}

const discoveryFields = ['available', 'wanted', 'limit', 'offset', 'minScore', 'includePartial']

/**
 * An optional array of absolute IRIs (duplicates dropped, order kept); names with a Symphony
 * prefix (`sym:CRM`) are expanded, as in composition requests.
 */
export function validateIriList (value: unknown, field: string): string[] {
  if (value === undefined) return []
  if (!Array.isArray(value)) throw invalid(field, { en: `${field} must be an array of IRIs`, de: `${field} muss ein Array aus IRIs sein` })
  const iris = value.map((item: unknown) => typeof item === 'string' ? expandPrefixed(item) : item)
  iris.forEach((item, i) => {
    if (typeof item !== 'string' || !absoluteIri.test(item)) {
      throw invalid(`${field}[${i}]`, {
        en: `${field}[${i}] must be an absolute IRI such as "https://w3id.org/symphony/ontology#CRM", not ${JSON.stringify(item)}`,
        de: `${field}[${i}] muss eine absolute IRI wie "https://w3id.org/symphony/ontology#CRM" sein, nicht ${JSON.stringify(item)}`
      })
    }
  })
  return [...new Set(iris as string[])]
}

/**
 * An optional positive integer up to `maxLimit`, `defaultLimit` when absent. Above the maximum
 * the message says how to page (`offset`, as the API and the request files call it; the CLI
 * passes `--offset` as `field` names it).
 */
export function validateLimit (value: unknown, field: string, offsetField = 'offset'): number {
  if (value === undefined) return defaultLimit
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw invalid(field, {
      en: `${field} must be a positive integer, not ${JSON.stringify(value)}`,
      de: `${field} muss eine positive ganze Zahl sein, nicht ${JSON.stringify(value)}`
    })
  }
  if (value > maxLimit) {
    throw new SymphonyError('INVALID_REQUEST', {
      en: `${field} ${value} is more than ${maxLimit}, the most results one answer lists; page through them instead: ${field} ${maxLimit} with ${offsetField} 0, then ${offsetField} ${maxLimit}, ${2 * maxLimit}, … until an answer lists fewer`,
      de: `${field} ${value} ist mehr als ${maxLimit}, die meisten Ergebnisse, die eine Antwort auflistet; blättern Sie stattdessen: ${field} ${maxLimit} mit ${offsetField} 0, dann ${offsetField} ${maxLimit}, ${2 * maxLimit}, … bis eine Antwort weniger auflistet`
    }, { path: field, details: { maximum: maxLimit } })
  }
  return value
}

/** An optional whole number ≥ 0 of results to skip (paging), 0 when absent. */
export function validateOffset (value: unknown, field: string): number {
  if (value === undefined) return 0
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw invalid(field, {
      en: `${field} must be a whole number ≥ 0 (the results to skip), not ${JSON.stringify(value)}`,
      de: `${field} muss eine ganze Zahl ≥ 0 sein (die zu überspringenden Ergebnisse), nicht ${JSON.stringify(value)}`
    })
  }
  return value
}

/** Throws `UNKNOWN_CLASS` for the first type the class hierarchy does not know. */
export function requireKnownClasses (catalog: Catalog, types: readonly string[], field: string): void {
  types.forEach((type, i) => {
    if (!catalog.hierarchy.has(type)) {
      throw new SymphonyError('UNKNOWN_CLASS', {
        en: `${field}[${i}]: unknown class <${type}> — no loaded ontology or description mentions it; check the IRI or load the ontology that defines it`,
        de: `${field}[${i}]: unbekannte Klasse <${type}> — keine geladene Ontologie und keine Beschreibung erwähnt sie; prüfen Sie die IRI oder laden Sie die Ontologie, die sie definiert`
      }, { path: `${field}[${i}]`, node: type })
    }
  })
}

/** The service with this IRI; throws `UNKNOWN_SERVICE` naming it otherwise. */
export function requireService (catalog: Catalog, iri: string): Service {
  const service = catalog.services.get(iri)
  if (service === undefined) {
    throw new SymphonyError('UNKNOWN_SERVICE', {
      en: `unknown service <${iri}> — the catalog has no service with this IRI; check the IRI or publish its description`,
      de: `unbekannter Dienst <${iri}> — der Katalog hat keinen Dienst mit dieser IRI; prüfen Sie die IRI oder veröffentlichen Sie seine Beschreibung`
    }, { node: iri })
  }
  return service
}

function invalid (path: string, message: ErrorMessages): SymphonyError {
  return new SymphonyError('INVALID_REQUEST', message, { path })
}
