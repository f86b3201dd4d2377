/**
 * What a SPARQL request becomes once the worker has parsed it (see worker-prepare.ts): a syntax
 * error is a 400 with line and column; updates, SERVICE, extension functions and IRIs under a
 * private graph's prefix are refused (403); a LIMIT of cap + 1 is added to queries that have none (or a larger one) so no query can
 * build an unbounded answer; and FROM clauses are moved out of the text into the request's dataset.
 */
import { SymphonyError } from '../../errors.js'
import { querySyntaxPosition, querySyntaxReason } from '../../rdf/index.js'
import type { JisonHash } from '../../rdf/index.js'

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

export type { JisonHash }

function syntaxError (query: string, error: Error): SymphonyError {
  const at = querySyntaxPosition(query, error)
  const reason = querySyntaxReason(at)
  const position = at.line === undefined || at.column === undefined ? undefined : { line: at.line, column: at.column }
  const where = position === undefined ? { en: 'query', de: 'Abfrage' } : { en: `query:${position.line}:${position.column}`, de: `Abfrage, Zeile ${position.line}, Spalte ${position.column}` }
  return new SymphonyError('INVALID_QUERY', { en: `${where.en}: ${reason.en}`, de: `${where.de}: ${reason.de}` }, { ...position, cause: error })
}

/** A query the worker has parsed: the text to run, its form, and its own FROM / FROM NAMED. */
export interface PreparedText { readonly text: string, readonly form: QueryForm, readonly from: PreparedQuery['from'] }

/** Why the worker will not run a query: the refusal's code and the IRI (or the parser's message). */
export interface PrepareRefusal {
  readonly code: 'INVALID_QUERY' | 'UPDATE_NOT_ALLOWED' | 'SERVICE_NOT_ALLOWED' | 'FUNCTION_NOT_ALLOWED' | 'PRIVATE_GRAPH' | 'TOO_DEEP'
  readonly message: string
  readonly hash?: JisonHash
}

/** What the worker answers to `prepare`: the query to run, or why it cannot run. */
export type PrepareOutcome = PreparedText | PrepareRefusal

/** The refusal of a SPARQL update. */
export function updateRefused (): SymphonyError {
  return new SymphonyError('UPDATE_NOT_ALLOWED', {
    en: 'this endpoint is read-only: SPARQL Update is refused; publish descriptions through /providers/{provider}/descriptions instead',
    de: 'dieser Endpunkt ist nur lesbar: SPARQL Update wird abgelehnt; veröffentlichen Sie Beschreibungen stattdessen über /providers/{provider}/descriptions'
  })
}

/**
 * The refusal of a federated query (SERVICE): the endpoint answers over Symphony's public graphs
 * only, and a remote store would otherwise run the SERVICE itself — against its own private
 * graphs or any address it can reach.
 */
export function serviceRefused (iri: string): SymphonyError {
  const target = iri === '' ? 'SERVICE' : `SERVICE <${iri}>`
  return new SymphonyError('SERVICE_NOT_ALLOWED', {
    en: `this endpoint answers over its own public graphs only: ${target} (a federated query) is refused; send the part inside SERVICE to that endpoint yourself`,
    de: `dieser Endpunkt antwortet nur über seine eigenen öffentlichen Graphen: ${target} (eine föderierte Abfrage) wird abgelehnt; senden Sie den Teil in SERVICE selbst an jenen Endpunkt`
  })
}

/** The refusal of a function named by IRI that is not an XSD cast (a store's own extension, such as Virtuoso's bif:). */
export function functionRefused (iri: string): SymphonyError {
  return new SymphonyError('FUNCTION_NOT_ALLOWED', {
    en: `the function <${iri}> is refused: besides the built-in functions of SPARQL 1.1 only the XSD casts (xsd:integer(…), xsd:dateTime(…), …) may be called`,
    de: `die Funktion <${iri}> wird abgelehnt: außer den eingebauten Funktionen von SPARQL 1.1 dürfen nur die XSD-Umwandlungen (xsd:integer(…), xsd:dateTime(…), …) aufgerufen werden`
  })
}

/**
 * The refusal of a query or dataset that names an IRI under a private graph's prefix (operations
 * data, stored configurations): refused by its prefix alone, so the answer is the same whether
 * such a graph exists or not.
 */
export function privateGraphRefused (iri: string): SymphonyError {
  return new SymphonyError('FORBIDDEN', {
    en: `<${iri}> is private (orders, subscriptions, invoices, tickets and stored configurations are answered only to their owners, by the routes such as /orders and /configurations, with a token): this endpoint answers over the ontology, the shapes and the catalog`,
    de: `<${iri}> ist privat (Aufträge, Abonnements, Rechnungen, Störungsmeldungen und gespeicherte Konfigurationen erhalten nur ihre Eigentümer, über Routen wie /orders und /configurations, mit einem Token): dieser Endpunkt antwortet über die Ontologie, die Shapes und den Katalog`
  })
}

/** The prepared query of a worker's outcome, or the error it stands for. */
export function preparedQuery (query: string, outcome: PrepareOutcome, cap: number): PreparedQuery {
  if ('form' in outcome) return { text: outcome.text, form: outcome.form, cap, from: outcome.from }
  if (outcome.code === 'UPDATE_NOT_ALLOWED') throw updateRefused()
  if (outcome.code === 'SERVICE_NOT_ALLOWED') throw serviceRefused(outcome.message)
  if (outcome.code === 'FUNCTION_NOT_ALLOWED') throw functionRefused(outcome.message)
  if (outcome.code === 'PRIVATE_GRAPH') throw privateGraphRefused(outcome.message)
  if (outcome.code === 'TOO_DEEP') throw tooDeep()
  throw syntaxError(query, Object.assign(new Error(outcome.message), { hash: outcome.hash }))
}

/** The error for a query the parser or engine ran out of stack on. */
export function tooDeep (): SymphonyError {
  return new SymphonyError('INVALID_QUERY', {
    en: 'the query is nested too deeply to be evaluated; flatten its groups and expressions',
    de: 'die Abfrage ist zu tief verschachtelt, um ausgewertet zu werden; verflachen Sie ihre Gruppen und Ausdrücke'
  })
}

/** The error for an answer over the cap. */
export function resultTooLarge (query: PreparedQuery): SymphonyError {
  return new SymphonyError('RESULT_TOO_LARGE', {
    en: `the answer has more than ${query.cap} ${query.form === 'SELECT' ? 'rows' : 'triples'}; add LIMIT ${query.cap} (or less) and page with OFFSET, or narrow the query`,
    de: `die Antwort hat mehr als ${query.cap} ${query.form === 'SELECT' ? 'Zeilen' : 'Tripel'}; fügen Sie LIMIT ${query.cap} (oder weniger) hinzu und blättern Sie mit OFFSET, oder schränken Sie die Abfrage ein`
  })
}
