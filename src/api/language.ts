/**
 * The language of an answer: `?lang=` (or a body's `language`), else German for
 * `Accept-Language: de…`, else English.
 */
import type { FastifyRequest } from 'fastify'

export function requestLanguage (request: FastifyRequest, body?: { language?: string }): string {
  const given = body?.language ?? (request.query as { lang?: unknown } | undefined)?.lang
  if (typeof given === 'string') return given
  return /^\s*de\b/i.test(request.headers['accept-language'] ?? '') ? 'de' : 'en'
}
