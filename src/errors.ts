/**
 * The one error class of Symphony and the catalogue of its stable codes.
 *
 * Expected outcomes ("does not match", "no bundle", "does not conform") are values, not
 * errors. A `SymphonyError` is a failure the caller must fix: bad input, an unknown IRI,
 * a broken file. Its message says what, where and how to fix, in English and German; `cause`
 * keeps the original.
 *
 * @example
 * throw new SymphonyError('UNKNOWN_SERVICE', {
 *   en: `no service ${iri} in the catalog; list them with GET /catalog/services`,
 *   de: `kein Dienst ${iri} im Katalog; GET /catalog/services listet sie`
 * })
 */

/** Every failure code, with the HTTP status the API maps it to. */
export const errorCodes = {
  BAD_REQUEST: 400,
  PARSE_ERROR: 400,
  UNSUPPORTED_FORMAT: 415,
  NOT_ACCEPTABLE: 406,
  PAYLOAD_TOO_LARGE: 413,
  UNKNOWN_PREFIX: 400,
  INVALID_REQUEST: 400,
  INVALID_QUERY: 400,
  UPDATE_NOT_ALLOWED: 403,
  /** A SPARQL query with SERVICE: the endpoint answers over its own public graphs only. */
  SERVICE_NOT_ALLOWED: 403,
  /** A SPARQL query calling a function by IRI that is not an XSD cast (a store's own extension). */
  FUNCTION_NOT_ALLOWED: 403,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  /** The Host header names a host the server does not answer for. */
  MISDIRECTED_REQUEST: 421,
  NOT_FOUND: 404,
  UNKNOWN_SERVICE: 404,
  UNKNOWN_CLASS: 400,
  UNKNOWN_PROVIDER: 400,
  UNKNOWN_SHAPE: 404,
  CONFLICT: 409,
  /** Another process writes to the data directory (server or CLI command). */
  DATA_DIR_LOCKED: 409,
  ILLEGAL_TRANSITION: 409,
  NOT_CONFORMING: 422,
  UNSUPPORTED_SHAPE: 422,
  /** A fault report names services that are not members of the subscription, or two that are not linked: no provider to route it to. */
  FAULT_NOT_ROUTABLE: 422,
  UNKNOWN_PRICE_COMPONENT: 422,
  UNREADABLE_PRICE: 422,
  CONTRADICTORY_CONSTRAINTS: 400,
  TOO_MANY_REQUESTS: 429,
  QUERY_TIMEOUT: 503,
  BUSY: 503,
  /** The server listens but its catalog is still loading: ask again after `Retry-After`. */
  STARTING: 503,
  /** The client went away before the answer (nobody reads it; logs show it as 499, client closed request). */
  CANCELLED: 499,
  RESULT_TOO_LARGE: 413,
  STORE_ERROR: 500,
  INTERNAL: 500
} as const

export type ErrorCode = keyof typeof errorCodes

/** Where in a file or document the problem is. */
export interface ErrorLocation {
  file?: string
  line?: number
  column?: number
  node?: string
  path?: string
}

/** A message in each language a person may read it in. */
export interface ErrorMessages {
  readonly en: string
  readonly de: string
}

/** The languages of error messages. */
export type ErrorLanguage = keyof ErrorMessages

/** `de` for a language tag starting with `de`, else `en`. */
export function errorLanguageOf (requested: string | undefined): ErrorLanguage {
  return requested?.trim().toLowerCase().startsWith('de') === true ? 'de' : 'en'
}

export interface SymphonyErrorOptions extends ErrorLocation {
  cause?: unknown
  /** Extra machine-readable detail (e.g. a SHACL report), passed through to API problems. */
  details?: unknown
}

export class SymphonyError extends Error {
  override readonly name = 'SymphonyError'
  readonly code: ErrorCode
  readonly location: ErrorLocation
  readonly details: unknown
  /** The message in English and German; `message` is the English one. */
  readonly messages: ErrorMessages

  constructor (code: ErrorCode, messages: ErrorMessages, options: SymphonyErrorOptions = {}) {
    const { cause, details, ...location } = options
    super(messages.en, cause === undefined ? undefined : { cause })
    this.code = code
    this.location = location
    this.details = details
    this.messages = messages
  }

  /** The message in a language: German for `de…`, else English. */
  messageIn (language: string | undefined): string {
    return this.messages[errorLanguageOf(language)]
  }

  /** HTTP status for this error's code. */
  get status (): number {
    return errorCodes[this.code]
  }
}

/** `file:line:column` prefix for messages, omitting what is unknown. */
export function formatLocation (location: ErrorLocation): string {
  if (location.file === undefined) return ''
  let text = location.file
  if (location.line !== undefined) text += `:${location.line}`
  if (location.line !== undefined && location.column !== undefined) text += `:${location.column}`
  return text
}
