/**
 * SELECT queries of SHACL-SPARQL constraints with a limit: shapes are operator and provider
 * data, and their queries run on the validating thread, so each query stops after a time and a
 * number of result rows, and the validation fails with an error that names the shape, the limit
 * and how to raise it.
 */
import { QueryEngine } from '@comunica/query-sparql-rdfjs-lite'
import type { Bindings } from '@comunica/types'
import type { DatasetCore, Term, Variable } from '@rdfjs/types'
import { SymphonyError } from '../errors.js'
import { sparqlLimitOptions, sparqlLimitVariables, type SparqlLimits } from './sparql-limits.js'

/** What a bounded query needs: the query, the pre-bound variables, the data, and the shape it checks (for errors). */
export interface BoundedQuery {
  readonly query: string
  readonly bindings: ReadonlyArray<readonly [Variable, Term]>
  readonly dataset: DatasetCore
  /** IRI or `_:id` of the shape whose constraint the query is, or of the SPARQL-based target. */
  readonly shape: string
  /** A SPARQL-based target (`sh:target`) rather than a constraint. */
  readonly target?: boolean
}

export type BoundedSelect = (query: BoundedQuery) => Promise<Bindings[]>

/**
 * A SELECT runner (comunica over the data) that stops a query at the limits and throws
 * `QUERY_TIMEOUT` or `RESULT_TOO_LARGE` naming the shape.
 *
 * @example
 * const select = boundedSelect({ timeoutMs: 2000, maxRows: 1000 })
 * const rows = await select({ query: 'SELECT $this WHERE { $this ?p ?o }', bindings: [], dataset, shape: 'https://example.org/S' })
 */
export function boundedSelect (limits: SparqlLimits): BoundedSelect {
  const engine = new QueryEngine()
  return async ({ query, bindings, dataset, shape, target = false }) => {
    const what = target
      ? { en: `SHACL-SPARQL target <${shape}>`, de: `das SHACL-SPARQL-Ziel <${shape}>` }
      : { en: `SHACL-SPARQL constraint of shape <${shape}>`, de: `die SHACL-SPARQL-Bedingung der Shape <${shape}>` }
    const per = target ? { en: '', de: '' } : { en: ' for one focus node', de: ' für einen Fokusknoten' }
    const started = Date.now()
    const stream = await engine.queryBindings(query, { sources: [dataset as never], initialBindings: preBound(bindings) })
    return new Promise<Bindings[]>((resolve, reject) => {
      const rows: Bindings[] = []
      let finished = false
      const finish = (error?: unknown): void => {
        if (finished) return
        finished = true
        clearTimeout(timer)
        if (error === undefined) return resolve(rows)
        stream.destroy()
        reject(error)
      }
      const tooLong = (): SymphonyError => new SymphonyError('QUERY_TIMEOUT', {
        en: `the ${what.en} ran longer than ${limits.timeoutMs} ms${per.en} and was stopped; ` +
          `make its query cheaper (no cross product over the whole data, join on $this), or raise the limit with --${sparqlLimitOptions.timeoutMs} or $${sparqlLimitVariables.timeoutMs}`,
        de: `${what.de} lief${per.de} länger als ${limits.timeoutMs} ms und wurde abgebrochen; ` +
          `machen Sie ihre Abfrage günstiger (kein Kreuzprodukt über alle Daten, Verknüpfung über $this) oder erhöhen Sie die Grenze mit --${sparqlLimitOptions.timeoutMs} oder $${sparqlLimitVariables.timeoutMs}`
      }, { node: shape })
      const timer = setTimeout(() => finish(tooLong()), Math.max(0, limits.timeoutMs - (Date.now() - started)))
      stream.on('data', (row: Bindings) => {
        rows.push(row)
        if (rows.length > limits.maxRows) {
          finish(new SymphonyError('RESULT_TOO_LARGE', {
            en: `the ${what.en} answered more than ${limits.maxRows} rows${per.en} and was stopped; ` +
              `each row is a ${target ? 'focus node' : 'validation result'}, so the query most likely joins too little (a cross product); fix it, or raise the limit with --${sparqlLimitOptions.maxRows} or $${sparqlLimitVariables.maxRows}`,
            de: `${what.de} lieferte${per.de} mehr als ${limits.maxRows} Zeilen und wurde abgebrochen; ` +
              `jede Zeile ist ${target ? 'ein Fokusknoten' : 'ein Validierungsergebnis'}, die Abfrage verknüpft also höchstwahrscheinlich zu wenig (ein Kreuzprodukt); beheben Sie das oder erhöhen Sie die Grenze mit --${sparqlLimitOptions.maxRows} oder $${sparqlLimitVariables.maxRows}`
          }, { node: shape }))
        } else if (Date.now() - started > limits.timeoutMs) {
          finish(tooLong())
        }
      })
      stream.on('end', () => finish())
      stream.on('error', (error: unknown) => finish(error))
    })
  }
}

/**
 * The pre-bound variables as the bindings comunica reads when it substitutes them into the
 * query (`get`, `has`, `forEach`, `keys`, `size`, iteration), keyed by variable name.
 */
function preBound (pairs: ReadonlyArray<readonly [Variable, Term]>): Bindings {
  const byName = new Map(pairs.map(([variable, term]) => [variable.value, [variable, term] as const]))
  const entries = (): Array<[Variable, Term]> => [...byName.values()].map(([variable, term]) => [variable, term])
  const bindings = {
    type: 'bindings',
    get size () { return byName.size },
    get: (variable: Variable | string) => byName.get(typeof variable === 'string' ? variable : variable.value)?.[1],
    has: (variable: Variable | string) => byName.has(typeof variable === 'string' ? variable : variable.value),
    forEach: (each: (term: Term, variable: Variable) => void) => { for (const [variable, term] of entries()) each(term, variable) },
    keys: () => entries().map(([variable]) => variable)[Symbol.iterator](),
    values: () => entries().map(([, term]) => term)[Symbol.iterator](),
    [Symbol.iterator]: () => entries()[Symbol.iterator]()
  }
  return bindings as unknown as Bindings
}
