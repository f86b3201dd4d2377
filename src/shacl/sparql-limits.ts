/**
 * The limits of one query of a SHACL-SPARQL constraint (`bounded-select.ts`), from the
 * environment or given; here apart so that reading them does not load the query engine.
 */
import { SymphonyError } from '../errors.js'

/** How long one query of a SHACL-SPARQL constraint may run, and how many rows it may answer. */
export interface SparqlLimits {
  /** Milliseconds per query (one focus node of one shape). */
  readonly timeoutMs: number
  /** Result rows per query; each row is a validation result. */
  readonly maxRows: number
}

export const sparqlLimitVariables = { timeoutMs: 'SYMPHONY_SHACL_SPARQL_TIMEOUT_MS', maxRows: 'SYMPHONY_SHACL_SPARQL_MAX_ROWS' } as const

export const defaultSparqlLimits: SparqlLimits = { timeoutMs: 10_000, maxRows: 10_000 }

/**
 * The limits from `$SYMPHONY_SHACL_SPARQL_TIMEOUT_MS` and `$SYMPHONY_SHACL_SPARQL_MAX_ROWS`
 * (positive whole numbers), else the defaults.
 */
export function sparqlLimitsOf (env: Readonly<Record<string, string | undefined>> = process.env): SparqlLimits {
  const read = (key: keyof SparqlLimits): number => {
    const text = env[sparqlLimitVariables[key]]
    if (text === undefined || text.trim() === '') return defaultSparqlLimits[key]
    if (!/^\d+$/.test(text.trim()) || Number(text) < 1) {
      throw new SymphonyError('BAD_REQUEST', {
        en: `$${sparqlLimitVariables[key]} is ${JSON.stringify(text)}, not a positive whole number; unset it for the default ${defaultSparqlLimits[key]}`,
        de: `$${sparqlLimitVariables[key]} ist ${JSON.stringify(text)}, keine positive ganze Zahl; entfernen Sie die Variable für den Standardwert ${defaultSparqlLimits[key]}`
      })
    }
    return Number(text)
  }
  return { timeoutMs: read('timeoutMs'), maxRows: read('maxRows') }
}
