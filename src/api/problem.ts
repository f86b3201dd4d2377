/**
 * The one HTTP error mapping: every failure leaves the API as `application/problem+json`
 * (RFC 9457) with the stable Symphony `code`. 5xx problems hide their details; the log keeps them.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { createRequire } from 'node:module'
import type { ErrorObject } from 'ajv'
import { SymphonyError, errorCodes, errorLanguageOf } from '../errors.js'
import type { ErrorCode, ErrorLanguage, ErrorMessages } from '../errors.js'
import { requestLanguage } from './language.js'
import { problemPage, problemPagePolicy, wantsPage } from './problem-page.js'

/** Ajv's messages in German (a CommonJS module exporting one function). */
const localizeGerman = createRequire(import.meta.url)('ajv-i18n/localize/de') as (errors: ErrorObject[]) => void

export const problemMediaType = 'application/problem+json'

/** Base of the `type` IRIs of problems; `docs/api.md` lists them. */
export const problemTypeBase = 'https://w3id.org/symphony/problems/'

const titles: Record<ErrorCode, ErrorMessages> = {
  BAD_REQUEST: { en: 'Bad request', de: 'Fehlerhafte Anfrage' },
  PARSE_ERROR: { en: 'Syntax error in RDF', de: 'Syntaxfehler im RDF' },
  UNSUPPORTED_FORMAT: { en: 'Unsupported media type', de: 'Nicht unterstützter Medientyp' },
  NOT_ACCEPTABLE: { en: 'Not acceptable', de: 'Nicht annehmbar' },
  PAYLOAD_TOO_LARGE: { en: 'Request body too large', de: 'Anfrage zu groß' },
  UNKNOWN_PREFIX: { en: 'Undefined prefix', de: 'Nicht definiertes Präfix' },
  INVALID_REQUEST: { en: 'Invalid request', de: 'Ungültige Anfrage' },
  INVALID_QUERY: { en: 'Invalid SPARQL query', de: 'Ungültige SPARQL-Abfrage' },
  UPDATE_NOT_ALLOWED: { en: 'SPARQL update not allowed', de: 'SPARQL-Update nicht erlaubt' },
  SERVICE_NOT_ALLOWED: { en: 'Federated SPARQL query not allowed', de: 'Föderierte SPARQL-Abfrage nicht erlaubt' },
  FUNCTION_NOT_ALLOWED: { en: 'SPARQL function not allowed', de: 'SPARQL-Funktion nicht erlaubt' },
  UNAUTHORIZED: { en: 'Authentication required', de: 'Anmeldung erforderlich' },
  FORBIDDEN: { en: 'Forbidden', de: 'Nicht erlaubt' },
  MISDIRECTED_REQUEST: { en: 'Host not served here', de: 'Host wird hier nicht bedient' },
  NOT_FOUND: { en: 'Not found', de: 'Nicht gefunden' },
  UNKNOWN_SERVICE: { en: 'Unknown service', de: 'Unbekannter Dienst' },
  UNKNOWN_CLASS: { en: 'Unknown class', de: 'Unbekannte Klasse' },
  UNKNOWN_PROVIDER: { en: 'Unknown provider', de: 'Unbekannter Anbieter' },
  UNKNOWN_SHAPE: { en: 'Unknown shape', de: 'Unbekannte Shape' },
  CONFLICT: { en: 'Conflict', de: 'Konflikt' },
  DATA_DIR_LOCKED: { en: 'Data directory in use', de: 'Datenverzeichnis in Benutzung' },
  ILLEGAL_TRANSITION: { en: 'State change not allowed', de: 'Zustandswechsel nicht erlaubt' },
  NOT_CONFORMING: { en: 'Does not conform to the shapes', de: 'Entspricht nicht den Shapes' },
  UNSUPPORTED_SHAPE: { en: 'Unsupported shape', de: 'Nicht unterstützte Shape' },
  FAULT_NOT_ROUTABLE: { en: 'Fault cannot be routed to a provider', de: 'Störung kann keinem Anbieter zugeordnet werden' },
  UNKNOWN_PRICE_COMPONENT: { en: 'Unknown price component', de: 'Unbekannte Preiskomponente' },
  UNREADABLE_PRICE: { en: 'Unreadable price', de: 'Unlesbarer Preis' },
  CONTRADICTORY_CONSTRAINTS: { en: 'Contradictory constraints', de: 'Widersprüchliche Bedingungen' },
  QUERY_TIMEOUT: { en: 'Query timed out', de: 'Zeitlimit der Abfrage überschritten' },
  BUSY: { en: 'Busy', de: 'Ausgelastet' },
  STARTING: { en: 'Starting', de: 'Startet' },
  TOO_MANY_REQUESTS: { en: 'Too many failed attempts', de: 'Zu viele fehlgeschlagene Versuche' },
  CANCELLED: { en: 'Cancelled', de: 'Abgebrochen' },
  RESULT_TOO_LARGE: { en: 'Result too large', de: 'Ergebnis zu groß' },
  STORE_ERROR: { en: 'Storage failure', de: 'Speicherfehler' },
  INTERNAL: { en: 'Internal error', de: 'Interner Fehler' }
}

export interface Problem {
  readonly type: string
  readonly title: string
  readonly status: number
  readonly code: string
  readonly detail: string
  readonly instance: string
  readonly [extension: string]: unknown
}

/** Fastify's own client errors, by their code, as Symphony codes. */
const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_FORMAT',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'INVALID_REQUEST',
  FST_ERR_CTP_INVALID_JSON_BODY: 'INVALID_REQUEST',
  FST_ERR_NOT_FOUND: 'NOT_FOUND'
}

/** 5xx codes whose message says nothing about the server's internals and helps the client. */
const publicServerCodes = new Set<ErrorCode>(['QUERY_TIMEOUT', 'BUSY', 'STARTING'])

function typeOf (code: string): string {
  return problemTypeBase + code.toLowerCase().replaceAll('_', '-')
}

/** Extension members from a SymphonyError's location and details; never overriding standard members. */
function extensionsOf (error: SymphonyError): Record<string, unknown> {
  // `file` names a server path or "request body": not for clients.
  const location = Object.fromEntries(Object.entries(error.location).filter(([key]) => key !== 'file'))
  const details = error.details
  const extra = typeof details === 'object' && details !== null && !Array.isArray(details)
    ? details as Record<string, unknown>
    : details === undefined ? {} : { details }
  return { ...location, ...extra }
}

/**
 * Fastify's own client errors in English and German, saying what to send instead; a Fastify
 * error not listed keeps its English message, quoted in the German one.
 */
function fastifyMessages (error: FastifyError, request: FastifyRequest): ErrorMessages {
  const mediaType = (request.headers['content-type'] ?? '').split(';')[0]!.trim()
  const limit = request.routeOptions?.bodyLimit
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return limit === undefined
        ? { en: 'the request body is larger than the server accepts; send less data', de: 'der Anfragerumpf ist größer, als der Server annimmt; senden Sie weniger Daten' }
        : { en: `the request body is larger than the ${limit} bytes the server accepts; send less data`, de: `der Anfragerumpf ist größer als die ${limit} Bytes, die der Server annimmt; senden Sie weniger Daten` }
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        en: `Content-Type "${mediaType === '' ? '(none)' : mediaType}" is not accepted here; the route names its media types at /openapi.json`,
        de: `Content-Type "${mediaType === '' ? '(keiner)' : mediaType}" wird hier nicht angenommen; die Route nennt ihre Medientypen unter /openapi.json`
      }
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return {
        en: 'the request body is not as long as its Content-Length says; send the length of the body as sent, or leave Content-Length out',
        de: 'der Anfragerumpf ist nicht so lang, wie Content-Length angibt; senden Sie die Länge des gesendeten Rumpfs oder lassen Sie Content-Length weg'
      }
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return {
        en: 'the request body is empty although Content-Type says application/json; send a JSON document',
        de: 'der Anfragerumpf ist leer, obwohl Content-Type application/json angibt; senden Sie ein JSON-Dokument'
      }
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return {
        en: 'the request body is not valid JSON although Content-Type says application/json; send a JSON document',
        de: 'der Anfragerumpf ist kein gültiges JSON, obwohl Content-Type application/json angibt; senden Sie ein JSON-Dokument'
      }
    default:
      return { en: error.message, de: `der Server lehnt die Anfrage ab („${error.message}“)` }
  }
}

type ValidationItem = ErrorObject & { message?: string }

/** A schema validation failure: each failing field with its message in both languages. */
function validationProblem (error: FastifyError, language: ErrorLanguage): { messages: ErrorMessages, extensions: Record<string, unknown> } {
  const context = (error as FastifyError & { validationContext?: string }).validationContext ?? 'body'
  const items = (error.validation ?? []) as unknown as ValidationItem[]
  const german = items.map(item => ({ ...item }))
  localizeGerman(german)
  const errors = items.map((item, index) => {
    const missing = typeof item.params.missingProperty === 'string' ? `/${item.params.missingProperty}` : ''
    const extra = typeof item.params.additionalProperty === 'string' ? `/${item.params.additionalProperty}` : ''
    const field = `/${context}${item.instancePath}${missing}${extra}`
    const allowed = Array.isArray(item.params.allowedValues) ? ` (${item.params.allowedValues.join(', ')})` : ''
    const messages = { en: `${item.message ?? 'is invalid'}${allowed}`, de: `${german[index]?.message ?? 'ist ungültig'}${allowed}` }
    return { field, message: messages[language], messages }
  })
  const first = errors[0]
  const joined = (in_: ErrorLanguage): string => errors.map(e => `${e.field} ${e.messages[in_]}`).join('; ')
  const messages = first === undefined ? { en: error.message, de: error.message } : { en: joined('en'), de: joined('de') }
  return { messages, extensions: { field: first?.field, errors } }
}

/** A problem document's standard members, with the detail in the request's language and beside it in both. */
export function problemOf (code: ErrorCode, status: number, messages: ErrorMessages, language: ErrorLanguage, instance: string): Problem {
  return { type: typeOf(code), title: titles[code][language], status, code, detail: messages[language], messages, instance }
}

/** The problem document for any error thrown while handling `request`, in the request's language. */
export function toProblem (error: unknown, request: FastifyRequest): Problem {
  const instance = request.url
  const language = errorLanguageOf(requestLanguage(request))
  if (error instanceof SymphonyError) {
    const status = error.status
    if (status >= 500 && !publicServerCodes.has(error.code)) return hidden(status, error.code, language, instance, request.id)
    return { ...extensionsOf(error), ...problemOf(error.code, status, error.messages, language, instance) }
  }
  const fastifyError = error as FastifyError
  if (Array.isArray(fastifyError.validation)) {
    const { messages, extensions } = validationProblem(fastifyError, language)
    return { ...extensions, ...problemOf('INVALID_REQUEST', 400, messages, language, instance) }
  }
  const status = typeof fastifyError.statusCode === 'number' ? fastifyError.statusCode : 500
  if (status >= 500 || status < 400) return hidden(500, 'INTERNAL', language, instance, request.id)
  const code: ErrorCode = fastifyCodes[fastifyError.code] ?? 'BAD_REQUEST'
  const messages = fastifyMessages(fastifyError, request)
  return { ...problemOf(code, status, messages, language, instance), title: titles[errorCodes[code] === status ? code : 'BAD_REQUEST'][language] }
}

function hidden (status: number, code: ErrorCode, language: ErrorLanguage, instance: string, requestId: string): Problem {
  return problemOf(code, status, {
    en: `the server could not answer this request; the operator finds the cause in the log under request id ${requestId}`,
    de: `der Server konnte diese Anfrage nicht beantworten; der Betreiber findet die Ursache im Protokoll unter der Anfrage-ID ${requestId}`
  }, language, instance)
}

/** Fastify error handler: logs (5xx with the stack) and replies with a problem document (an HTML page to a browser). */
export function handleError (error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const problem = toProblem(error, request)
  if (problem.status >= 500) request.log.error({ err: error }, 'request failed')
  else request.log.info({ code: problem.code, detail: problem.detail }, 'request rejected')
  if (problem.code === 'UNAUTHORIZED') reply.header('www-authenticate', 'Bearer realm="symphony"')
  if (typeof problem.retryAfter === 'number') reply.header('retry-after', String(problem.retryAfter))
  // A browser navigating gets a page in its language; programs get the problem document.
  if (wantsPage(request)) {
    return reply.code(problem.status).header('content-security-policy', problemPagePolicy).type('text/html; charset=utf-8')
      .send(problemPage(problem, errorLanguageOf(requestLanguage(request))))
  }
  return reply.code(problem.status).type(problemMediaType).send(problem)
}

/** Fastify not-found handler: a `NOT_FOUND` problem naming the method and path. */
export function handleNotFound (request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const route = `${request.method} ${request.url.split('?')[0]}`
  const error = new SymphonyError('NOT_FOUND', {
    en: `no route ${route}; the API's routes are listed at /openapi.json and /docs`,
    de: `keine Route ${route}; die Routen der API stehen unter /openapi.json und /docs`
  })
  return handleError(error, request, reply)
}

/** Fastify's framework errors (a URL that does not decode, …): a problem document, like any other error. */
export function handleFrameworkError (error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const url = JSON.stringify(request.url)
  const messages = error.code === 'FST_ERR_BAD_URL'
    ? {
        en: `the URL ${url} is not valid: it has a malformed percent-encoding; encode reserved and non-ASCII characters as %XX of their UTF-8 bytes`,
        de: `die URL ${url} ist ungültig: ihre Prozentkodierung ist fehlerhaft; kodieren Sie reservierte und Nicht-ASCII-Zeichen als %XX ihrer UTF-8-Bytes`
      }
    : error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? {
          en: `a path segment of the URL ${url} is longer than the server accepts; send long values in a query string or a POST body`,
          de: `ein Pfadsegment der URL ${url} ist länger, als der Server annimmt; senden Sie lange Werte im Query-String oder im Rumpf eines POST`
        }
      : fastifyMessages(error, request)
  return handleError(new SymphonyError('INVALID_REQUEST', messages), request, reply)
}

/** Requests Node's HTTP parser refuses before Fastify sees them: status, title and detail in English and German. */
const clientErrors: Readonly<Record<string, { status: number, title: ErrorMessages, messages: ErrorMessages }>> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    title: { en: 'Request header fields too large', de: 'Anfrage-Header zu groß' },
    messages: {
      en: 'the request headers are larger than the server accepts; send fewer or shorter headers (cookies, tokens)',
      de: 'die Header der Anfrage sind größer, als der Server annimmt; senden Sie weniger oder kürzere Header (Cookies, Tokens)'
    }
  },
  HPE_URI_TOO_LONG: {
    status: 414,
    title: { en: 'URI too long', de: 'URI zu lang' },
    messages: {
      en: 'the URL is longer than the server accepts; send large requests as a POST body',
      de: 'die URL ist länger, als der Server annimmt; senden Sie große Anfragen als Rumpf eines POST'
    }
  }
}

const badHttp = {
  status: 400,
  title: titles.BAD_REQUEST,
  messages: { en: 'the request is not valid HTTP/1.1', de: 'die Anfrage ist kein gültiges HTTP/1.1' }
}

/**
 * The language of a request the HTTP parser refused, from the `Accept-Language` header among
 * the bytes it read, when they hold it; `undefined` when they do not.
 */
export function rawRequestLanguage (rawPacket: unknown): ErrorLanguage | undefined {
  if (!Buffer.isBuffer(rawPacket)) return undefined
  const header = /(?:^|\r?\n)accept-language[ \t]*:[ \t]*([^\r\n]*)\r?\n/i.exec(rawPacket.toString('latin1'))
  return header === null ? undefined : errorLanguageOf(header[1])
}

/**
 * Node's `clientError` (a request the HTTP parser refuses): a problem document on the socket,
 * then the connection closes. Title and detail are in the request's language when its
 * `Accept-Language` could be read, else English; `messages` has the detail in both.
 */
export function writeClientError (error: Error & { code?: string, rawPacket?: unknown }, socket: { writable: boolean, end: (data: string) => void, destroy: () => void }): void {
  if (!socket.writable) {
    socket.destroy()
    return
  }
  const { status, title, messages } = clientErrors[error.code ?? ''] ?? badHttp
  const language = rawRequestLanguage(error.rawPacket) ?? 'en'
  const code: ErrorCode = status === 400 ? 'BAD_REQUEST' : 'PAYLOAD_TOO_LARGE'
  const body = JSON.stringify({ type: typeOf(code), title: title[language], status, code, detail: messages[language], messages })
  // The status line's reason phrase is protocol, in English; the body is for people.
  socket.end(`HTTP/1.1 ${status} ${title.en}\r\nContent-Type: ${problemMediaType}\r\nContent-Language: ${language}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`)
}
