/** JSON Schemas shared by the routes: the problem document, IRIs, and the standard error answers. */
import type { FastifyReply } from 'fastify'
import { problemMediaType } from './problem.js'

export const problemSchema = {
  $id: 'Problem',
  type: 'object',
  description: 'RFC 9457 problem details; extension members (line, column, field, errors, report, …) depend on the code',
  properties: {
    type: { type: 'string', format: 'uri' },
    title: { type: 'string' },
    status: { type: 'integer' },
    code: { type: 'string', description: 'Stable Symphony error code (src/errors.ts)' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    line: { type: 'integer' },
    column: { type: 'integer' },
    field: { type: 'string' }
  },
  required: ['type', 'title', 'status', 'code', 'detail', 'instance'],
  additionalProperties: true
} as const

export { iri as iriSchema } from '../api-types/schemas.js'

export const languageSchema = { type: 'string', enum: ['en', 'de'], description: 'Language of labels and messages' } as const

const descriptions: Record<number, string> = {
  400: 'Bad request (problem+json names the field, or line and column)',
  401: 'Missing or unknown bearer token',
  403: 'Not allowed',
  404: 'Not found',
  406: 'None of the accepted media types is available',
  409: 'Conflict',
  413: 'Too large',
  415: 'Unsupported Content-Type',
  422: 'Does not conform to the shapes',
  500: 'Internal error (details in the server log)',
  503: 'Timed out or unavailable'
}

/** Response entries for error statuses, each a problem document. */
export function problems (...statuses: number[]): Record<number, unknown> {
  return Object.fromEntries([...statuses, 500].map(status => [status, {
    description: descriptions[status] ?? 'Error',
    content: { [problemMediaType]: { schema: { $ref: 'Problem#' } } }
  }]))
}

/** An open JSON object: the engine's answers carry explanations whose shape the engine owns. */
export const openObject = { type: 'object', additionalProperties: true } as const

/**
 * A large answer as JSON, written by `JSON.stringify` and encoded as UTF-8 once, instead of by a
 * serializer compiled from the route's response schema: for answers that are mostly open objects
 * (links with their explanations) that serializer hands those to `JSON.stringify` anyway, after
 * walking the rest more slowly, and a text answer is measured in bytes in a pass of its own
 * before it is encoded again to be sent. The route's schema still documents the answer.
 */
export function sendJson (reply: FastifyReply, answer: unknown): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(Buffer.from(JSON.stringify(answer)))
}

/**
 * A schema of `src/api-types/schemas.ts` for a route: without `$schema` (fastify's validator
 * uses its own dialect) and `title`; the OpenAPI document gets the rest.
 */
export function bodySchema<T extends { $schema?: string, title?: string }> (schema: T): Omit<T, '$schema' | 'title'> {
  return Object.fromEntries(Object.entries(schema).filter(([key]) => key !== '$schema' && key !== 'title')) as Omit<T, '$schema' | 'title'>
}
