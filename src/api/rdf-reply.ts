/** Replying with RDF in the media type the client negotiated (Turtle, JSON-LD, N-Triples). */
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Quad } from '@rdfjs/types'
import { inDefaultGraph, serializeRdf } from '../rdf/index.js'
import type { SerializationFormat } from '../rdf/index.js'
import { negotiateOrFail } from './negotiate.js'
import { SymphonyError } from '../errors.js'

/** Media types of RDF answers, in the server's order of preference. */
export const rdfMediaTypes = ['text/turtle', 'application/ld+json', 'application/n-triples'] as const
export type RdfMediaType = typeof rdfMediaTypes[number]

const formats: Record<RdfMediaType, SerializationFormat> = {
  'text/turtle': 'turtle',
  'application/ld+json': 'json-ld',
  'application/n-triples': 'n-triples'
}

/** `?format=` values and the media type each stands for. */
export const formatNames: Readonly<Record<string, string>> = {
  turtle: 'text/turtle',
  ttl: 'text/turtle',
  jsonld: 'application/ld+json',
  'json-ld': 'application/ld+json',
  ntriples: 'application/n-triples',
  'n-triples': 'application/n-triples',
  nt: 'application/n-triples',
  html: 'text/html',
  json: 'application/json',
  csv: 'text/csv',
  tsv: 'text/tab-separated-values'
}

/** JSON Schema of the `format` query parameter. */
export const formatParameter = {
  type: 'string',
  enum: Object.keys(formatNames),
  description: 'Overrides the Accept header: turtle, jsonld, ntriples (and html, json, csv, tsv where offered)'
} as const

/**
 * The media type to answer with: `?format=` when given (it must be one of `offers`),
 * otherwise negotiated from the Accept header.
 */
export function chooseMediaType (request: FastifyRequest, offers: readonly string[]): string {
  const format = (request.query as { format?: unknown } | undefined)?.format
  if (typeof format === 'string') {
    const mediaType = formatNames[format]
    if (mediaType === undefined || !offers.includes(mediaType)) {
      const names = offers.map(o => Object.keys(formatNames).find(k => formatNames[k] === o)).join(', ')
      throw new SymphonyError('NOT_ACCEPTABLE', {
        en: `format=${format} is not available here; use one of ${names}`,
        de: `format=${format} ist hier nicht verfügbar; verwenden Sie eines von ${names}`
      })
    }
    return mediaType
  }
  return negotiateOrFail(request.headers.accept, offers)
}

export function isRdfMediaType (mediaType: string): mediaType is RdfMediaType {
  return (rdfMediaTypes as readonly string[]).includes(mediaType)
}

/** Serializes quads as triples in the given RDF media type and sends them. */
export async function sendRdf (reply: FastifyReply, quads: readonly Quad[], mediaType: RdfMediaType): Promise<FastifyReply> {
  const triples = quads.map(inDefaultGraph)
  const text = await serializeRdf(triples, formats[mediaType])
  return reply.header('vary', 'accept').type(`${mediaType}; charset=utf-8`).send(text)
}

/** OpenAPI `content` for an RDF answer. */
export const rdfResponseContent = Object.fromEntries(rdfMediaTypes.map(mediaType => [mediaType, { schema: { type: 'string' } }]))
