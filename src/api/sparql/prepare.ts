/**
 * Checks a SPARQL request before anything runs: sparqljs parses it (a syntax error is a 400 with
 * line and column), updates are refused (403), a LIMIT of cap + 1 is added to queries that
 * have none (or a larger one) so no query can build an unbounded answer, and FROM clauses are
 * moved out of the text into the request's dataset.
 */
import sparqljs from 'sparqljs'
import { SymphonyError } from '../../errors.js'

export type QueryForm = 'SELECT' | 'ASK' | 'CONSTRUCT' | 'DESCRIBE'

export interface PreparedQuery {
  /** Query text to run (the client's, or regenerated with the added LIMIT). */
  readonly text: string
  readonly form: QueryForm
  /** More than this many results (rows, or triples for CONSTRUCT/DESCRIBE) is a RESULT_TOO_LARGE. */
  readonly cap: number
  /**
   * The query's own FROM / FROM NAMED, taken out of `text`: a remote endpoint is always sent its
   * dataset as protocol parameters (some endpoints would merge the two instead of letting the
   * parameters win, as the SPARQL protocol asks).
   */
  readonly from: { readonly default: readonly string[], readonly named: readonly string[] }
}

interface JisonHash { text?: string, line?: number, loc?: { last_line: number, last_column: number } }

/** 1-based line and column of the token a sparqljs (Jison) syntax error points at. */
function positionOf (query: string, hash: JisonHash): { line: number, column: number } | undefined {
  if (typeof hash.line !== 'number') return undefined
  const line = hash.line + 1
  const text = query.split('\n')[hash.line] ?? ''
  const start = hash.loc !== undefined && hash.loc.last_line === line ? hash.loc.last_column : 0
  const found = hash.text === undefined || hash.text === '' ? -1 : text.indexOf(hash.text, start)
  return { line, column: (found >= 0 ? found : start) + 1 }
}

/** Where a prefixed name with an undeclared prefix first occurs. */
function positionOfPrefix (query: string, prefix: string): { line: number, column: number } | undefined {
  const match = new RegExp(`(^|[\\s(/^|{,;])${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:`, 'm').exec(query)
  if (match === null) return undefined
  const offset = match.index + match[1]!.length
  const before = query.slice(0, offset)
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') }
}

function syntaxError (query: string, error: Error): SymphonyError {
  const hash = (error as Error & { hash?: JisonHash }).hash
  const prefix = /^Unknown prefix: (\S*)/.exec(error.message)
  const at = hash !== undefined ? positionOf(query, hash) : prefix !== null ? positionOfPrefix(query, prefix[1]!) : undefined
  const reason = prefix !== null
    ? `undefined prefix "${prefix[1]}" — declare it with PREFIX ${prefix[1]}: <…>`
    : (error.message.split('\n').at(-1) ?? error.message)
  const where = at === undefined ? 'query' : `query:${at.line}:${at.column}`
  return new SymphonyError('INVALID_QUERY', `${where}: ${reason}`, { ...at, cause: error })
}

/** Parses, refuses updates, and caps the number of results. */
export function prepareQuery (query: string, options: { cap: number }): PreparedQuery {
  let parsed: sparqljs.SparqlQuery
  try {
    parsed = new sparqljs.Parser().parse(query)
  } catch (error) {
    throw syntaxError(query, error as Error)
  }
  if (parsed.type === 'update') {
    throw new SymphonyError('UPDATE_NOT_ALLOWED', 'this endpoint is read-only: SPARQL Update is refused; publish descriptions through /providers/{provider}/descriptions instead')
  }
  const form = parsed.queryType as QueryForm
  const from = { default: (parsed.from?.default ?? []).map(graph => graph.value), named: (parsed.from?.named ?? []).map(graph => graph.value) }
  const limit = (parsed as { limit?: number }).limit
  const capped = form !== 'ASK' && (limit === undefined || limit > options.cap)
  if (!capped && parsed.from === undefined) return { text: query, form, cap: options.cap, from }
  const rewritten: sparqljs.SparqlQuery = { ...parsed, ...(capped ? { limit: options.cap + 1 } : {}) }
  delete rewritten.from
  return { text: new sparqljs.Generator().stringify(rewritten), form, cap: options.cap, from }
}

/** The error for an answer over the cap. */
export function resultTooLarge (query: PreparedQuery): SymphonyError {
  return new SymphonyError('RESULT_TOO_LARGE', `the answer has more than ${query.cap} ${query.form === 'SELECT' ? 'rows' : 'triples'}; add LIMIT ${query.cap} (or less) and page with OFFSET, or narrow the query`)
}
