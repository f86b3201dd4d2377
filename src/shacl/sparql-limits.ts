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

/** The command-line options that set them (`symphony serve --shacl-sparql-timeout-ms 30000`). */
export const sparqlLimitOptions = { timeoutMs: 'shacl-sparql-timeout-ms', maxRows: 'shacl-sparql-max-rows' } as const

export const defaultSparqlLimits: SparqlLimits = { timeoutMs: 10_000, maxRows: 10_000 }

/**
 * The limits given as options (`given`, by their option names), else from
 * `$SYMPHONY_SHACL_SPARQL_TIMEOUT_MS` and `$SYMPHONY_SHACL_SPARQL_MAX_ROWS`, else the defaults;
 * each a positive whole number. A bad value is refused naming the option or the variable.
 */
export function sparqlLimitsOf (env: Readonly<Record<string, string | undefined>> = process.env, given: Readonly<Record<string, unknown>> = {}): SparqlLimits {
  const read = (key: keyof SparqlLimits): number => {
    const option = given[sparqlLimitOptions[key]]
    const text = option === undefined ? env[sparqlLimitVariables[key]] : String(option)
    if (text === undefined || (option === undefined && text.trim() === '')) return defaultSparqlLimits[key]
    if (!/^\d+$/.test(text.trim()) || Number(text) < 1) {
      const named = option === undefined ? `$${sparqlLimitVariables[key]}` : `--${sparqlLimitOptions[key]}`
      const fix = option === undefined
        ? { en: `unset it for the default ${defaultSparqlLimits[key]}`, de: `entfernen Sie die Variable für den Standardwert ${defaultSparqlLimits[key]}` }
        : { en: `give one, or leave the option out for the default ${defaultSparqlLimits[key]}`, de: `geben Sie eine an oder lassen Sie die Option weg für den Standardwert ${defaultSparqlLimits[key]}` }
      throw new SymphonyError('BAD_REQUEST', {
        en: `${named} is ${JSON.stringify(text)}, not a positive whole number; ${fix.en}`,
        de: `${named} ist ${JSON.stringify(text)}, keine positive ganze Zahl; ${fix.de}`
      })
    }
    return Number(text)
  }
  return { timeoutMs: read('timeoutMs'), maxRows: read('maxRows') }
}
