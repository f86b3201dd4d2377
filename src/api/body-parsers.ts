/**
 * Request bodies Symphony accepts. RDF and SPARQL bodies are kept as text (their parsers report
 * line and column); JSON gets line and column on syntax errors too. Anything else is a 415.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { SymphonyError } from '../errors.js'
import { jsonErrorOffset } from '../rdf/index.js'

/** RDF media types a description may be published in. */
export const rdfBodyMediaTypes = ['text/turtle', 'application/ld+json', 'application/n-triples'] as const

export const sparqlQueryMediaType = 'application/sparql-query'
export const sparqlUpdateMediaType = 'application/sparql-update'
export const formMediaType = 'application/x-www-form-urlencoded'

function lineAndColumn (text: string, offset: number): { line: number, column: number } {
  const before = text.slice(0, offset)
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') }
}

/** Parses a JSON body; a syntax error is `INVALID_REQUEST` with line and column. */
export function parseJsonBody (text: string): unknown {
  if (text.trim() === '') {
    throw new SymphonyError('INVALID_REQUEST', { en: 'the request body is empty; send a JSON document', de: 'der Anfragerumpf ist leer; senden Sie ein JSON-Dokument' })
  }
  try {
    return JSON.parse(text)
  } catch (error) {
    const offset = jsonErrorOffset(text)
    const at = offset < 0 ? undefined : lineAndColumn(text, offset)
    const where = at === undefined ? 'request body' : `request body:${at.line}:${at.column}`
    const whereDe = at === undefined ? 'Anfragerumpf' : `Anfragerumpf, Zeile ${at.line}, Spalte ${at.column}`
    const reason = (error as Error).message
    throw new SymphonyError('INVALID_REQUEST', { en: `${where}: invalid JSON — ${reason}`, de: `${whereDe}: ungültiges JSON — ${reason}` }, { ...at, cause: error })
  }
}

/** Form-encoded fields; a field given several times becomes an array. */
export function parseForm (text: string): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = {}
  for (const [name, value] of new URLSearchParams(text)) {
    const previous = fields[name]
    fields[name] = previous === undefined ? value : Array.isArray(previous) ? [...previous, value] : [previous, value]
  }
  return fields
}

const asText = (_request: FastifyRequest, body: string, done: (error: Error | null, body?: unknown) => void): void => { done(null, body) }

export function registerBodyParsers (app: FastifyInstance): void {
  app.removeContentTypeParser(['application/json', 'text/plain'])
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, parseJsonBody(body as string))
    } catch (error) {
      done(error as Error)
    }
  })
  app.addContentTypeParser([...rdfBodyMediaTypes, sparqlQueryMediaType, sparqlUpdateMediaType], { parseAs: 'string' }, asText)
  app.addContentTypeParser(formMediaType, { parseAs: 'string' }, (_request, body, done) => { done(null, parseForm(body as string)) })
}

/** The media type of a request, without parameters, lower case. */
export function mediaTypeOf (request: FastifyRequest): string {
  return (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase()
}

/** Throws `UNSUPPORTED_FORMAT` unless the request's media type is one of `allowed`. */
export function requireMediaType (request: FastifyRequest, allowed: readonly string[]): string {
  const mediaType = mediaTypeOf(request)
  if (!allowed.includes(mediaType)) {
    throw new SymphonyError('UNSUPPORTED_FORMAT', {
      en: `Content-Type "${mediaType === '' ? '(none)' : mediaType}" is not accepted here; send one of ${allowed.join(', ')}`,
      de: `Content-Type "${mediaType === '' ? '(keiner)' : mediaType}" wird hier nicht angenommen; senden Sie einen von ${allowed.join(', ')}`
    })
  }
  return mediaType
}
