/**
 * The one HTTP error mapping: every failure leaves the API as `application/problem+json`
 * (RFC 9457) with the stable Symphony `code`. 5xx problems hide their details; the log keeps them.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { SymphonyError, errorCodes } from '../errors.js'
import type { ErrorCode } from '../errors.js'

export const problemMediaType = 'application/problem+json'

/** Base of the `type` IRIs of problems; `docs/api.md` lists them. */
export const problemTypeBase = 'https://w3id.org/symphony/problems/'

const titles: Record<ErrorCode, string> = {
  BAD_REQUEST: 'Bad request',
  PARSE_ERROR: 'Syntax error in RDF',
  UNSUPPORTED_FORMAT: 'Unsupported media type',
  NOT_ACCEPTABLE: 'Not acceptable',
  PAYLOAD_TOO_LARGE: 'Request body too large',
  UNKNOWN_PREFIX: 'Undefined prefix',
  INVALID_REQUEST: 'Invalid request',
  INVALID_QUERY: 'Invalid SPARQL query',
  UPDATE_NOT_ALLOWED: 'SPARQL update not allowed',
  UNAUTHORIZED: 'Authentication required',
  FORBIDDEN: 'Forbidden',
  MISDIRECTED_REQUEST: 'Host not served here',
  NOT_FOUND: 'Not found',
  UNKNOWN_SERVICE: 'Unknown service',
  UNKNOWN_CLASS: 'Unknown class',
  UNKNOWN_PROVIDER: 'Unknown provider',
  UNKNOWN_SHAPE: 'Unknown shape',
  CONFLICT: 'Conflict',
  DATA_DIR_LOCKED: 'Data directory in use',
  ILLEGAL_TRANSITION: 'State change not allowed',
  NOT_CONFORMING: 'Does not conform to the shapes',
  UNSUPPORTED_SHAPE: 'Unsupported shape',
  UNKNOWN_PRICE_COMPONENT: 'Unknown price component',
  CONTRADICTORY_CONSTRAINTS: 'Contradictory constraints',
  QUERY_TIMEOUT: 'Query timed out',
  BUSY: 'Busy',
  TOO_MANY_REQUESTS: 'Too many failed attempts',
  CANCELLED: 'Cancelled',
  RESULT_TOO_LARGE: 'Result too large',
  STORE_ERROR: 'Storage failure',
  INTERNAL: 'Internal error'
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
const publicServerCodes = new Set<ErrorCode>(['QUERY_TIMEOUT', 'BUSY'])

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

interface ValidationItem { instancePath: string, message?: string, params: Record<string, unknown> }

function validationProblem (error: FastifyError): { detail: string, extensions: Record<string, unknown> } {
  const context = (error as FastifyError & { validationContext?: string }).validationContext ?? 'body'
  const items = (error.validation ?? []) as unknown as ValidationItem[]
  const errors = items.map(item => {
    const missing = typeof item.params.missingProperty === 'string' ? `/${item.params.missingProperty}` : ''
    const extra = typeof item.params.additionalProperty === 'string' ? `/${item.params.additionalProperty}` : ''
    const field = `/${context}${item.instancePath}${missing}${extra}`
    const allowed = Array.isArray(item.params.allowedValues) ? ` (${item.params.allowedValues.join(', ')})` : ''
    return { field, message: `${item.message ?? 'is invalid'}${allowed}` }
  })
  const first = errors[0]
  const detail = first === undefined ? error.message : errors.map(e => `${e.field} ${e.message}`).join('; ')
  return { detail, extensions: { field: first?.field, errors } }
}

/** The problem document for any error thrown while handling `request`. */
export function toProblem (error: unknown, request: FastifyRequest): Problem {
  const instance = request.url
  if (error instanceof SymphonyError) {
    const status = error.status
    if (status >= 500 && !publicServerCodes.has(error.code)) return hidden(status, error.code, instance, request.id)
    return { ...extensionsOf(error), type: typeOf(error.code), title: titles[error.code], status, code: error.code, detail: error.message, instance }
  }
  const fastifyError = error as FastifyError
  if (Array.isArray(fastifyError.validation)) {
    const { detail, extensions } = validationProblem(fastifyError)
    return { ...extensions, type: typeOf('INVALID_REQUEST'), title: titles.INVALID_REQUEST, status: 400, code: 'INVALID_REQUEST', detail, instance }
  }
  const status = typeof fastifyError.statusCode === 'number' ? fastifyError.statusCode : 500
  if (status >= 500 || status < 400) return hidden(500, 'INTERNAL', instance, request.id)
  const code: ErrorCode = fastifyCodes[fastifyError.code] ?? 'BAD_REQUEST'
  const title = errorCodes[code] === status ? titles[code] : titles.BAD_REQUEST
  return { type: typeOf(code), title, status, code, detail: fastifyError.message, instance }
}

function hidden (status: number, code: ErrorCode, instance: string, requestId: string): Problem {
  return {
    type: typeOf(code),
    title: titles[code],
    status,
    code,
    detail: `the server could not answer this request; the operator finds the cause in the log under request id ${requestId}`,
    instance
  }
}

/** Fastify error handler: logs (5xx with the stack) and replies with a problem document. */
export function handleError (error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const problem = toProblem(error, request)
  if (problem.status >= 500) request.log.error({ err: error }, 'request failed')
  else request.log.info({ code: problem.code, detail: problem.detail }, 'request rejected')
  if (problem.code === 'UNAUTHORIZED') reply.header('www-authenticate', 'Bearer realm="symphony"')
  if (typeof problem.retryAfter === 'number') reply.header('retry-after', String(problem.retryAfter))
  return reply.code(problem.status).type(problemMediaType).send(problem)
}

/** Fastify not-found handler: a `NOT_FOUND` problem naming the method and path. */
export function handleNotFound (request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const error = new SymphonyError('NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0]}; the API's routes are listed at /openapi.json and /docs`)
  return handleError(error, request, reply)
}

/** Fastify's framework errors (a URL that does not decode, …): a problem document, like any other error. */
export function handleFrameworkError (error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const detail = error.code === 'FST_ERR_BAD_URL' ? `the URL ${JSON.stringify(request.url)} is not valid: it has a malformed percent-encoding; encode reserved and non-ASCII characters as %XX of their UTF-8 bytes` : error.message
  return handleError(new SymphonyError('INVALID_REQUEST', detail), request, reply)
}

/** Statuses for requests Node's HTTP parser refuses before Fastify sees them. */
const clientErrorStatus: Readonly<Record<string, [number, string, string]>> = {
  HPE_HEADER_OVERFLOW: [431, 'Request header fields too large', 'the request headers are larger than the server accepts; send fewer or shorter headers (cookies, tokens)'],
  HPE_URI_TOO_LONG: [414, 'URI too long', 'the URL is longer than the server accepts; send large requests as a POST body']
}

/**
 * Node's `clientError` (a request the HTTP parser refuses): a problem document on the socket,
 * then the connection closes.
 */
export function writeClientError (error: Error & { code?: string }, socket: { writable: boolean, end: (data: string) => void, destroy: () => void }): void {
  if (!socket.writable) {
    socket.destroy()
    return
  }
  const [status, title, detail] = clientErrorStatus[error.code ?? ''] ?? [400, 'Bad request', 'the request is not valid HTTP/1.1']
  const code: ErrorCode = status === 400 ? 'BAD_REQUEST' : 'PAYLOAD_TOO_LARGE'
  const body = JSON.stringify({ type: typeOf(code), title, status, code, detail })
  socket.end(`HTTP/1.1 ${status} ${title}\r\nContent-Type: ${problemMediaType}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`)
}

