/**
 * The vocabulary and the shapes, content-negotiated (Turtle, JSON-LD, N-Triples), and an HTML
 * page per term for people (labels en/de, comment, super/subclasses, properties): `sym:` terms
 * by local name, the terms of extensions by IRI.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { SymphonyError } from '../../errors.js'
import { graphs } from '../../project.js'
import { ns } from '../../rdf/index.js'
import type { RouteContext } from '../context.js'
import { chooseMediaType, formatParameter, isRdfMediaType, rdfMediaTypes, rdfResponseContent, sendRdf } from '../rdf-reply.js'
import { languageSchema, problems } from '../schemas.js'
import { renderIndexPage, renderTermPage } from '../ontology/term-page.js'
import type { PageLanguage } from '../ontology/term-page.js'
import type { TermIndex } from '../ontology/term-index.js'
import { negotiate } from '../negotiate.js'

const withHtml = [...rdfMediaTypes, 'text/html']

const querystring = {
  type: 'object',
  properties: { format: formatParameter, lang: languageSchema },
  additionalProperties: false
} as const

const pageContent = { ...rdfResponseContent, 'text/html': { schema: { type: 'string' } } }

function pageLanguage (request: FastifyRequest): PageLanguage {
  const lang = (request.query as { lang?: PageLanguage }).lang
  if (lang !== undefined) return lang
  const preferred = negotiate(request.headers['accept-language']?.replace(/\b(en|de)(-[A-Za-z]+)?\b/g, 'lang/$1'), ['lang/en', 'lang/de'])
  return preferred === 'lang/de' ? 'de' : 'en'
}

async function sendTerm (request: FastifyRequest, reply: FastifyReply, terms: TermIndex, iri: string): Promise<FastifyReply> {
  const info = terms.terms.get(iri)
  if (info === undefined) {
    const name = iri.startsWith(ns.sym) ? `sym:${iri.slice(ns.sym.length)}` : `<${iri}>`
    throw new SymphonyError('NOT_FOUND', {
      en: `${name} is not a term of the vocabulary; the index at /ontology lists every term`,
      de: `${name} ist kein Begriff des Vokabulars; das Verzeichnis unter /ontology listet jeden Begriff`
    })
  }
  const mediaType = chooseMediaType(request, withHtml)
  if (isRdfMediaType(mediaType)) return sendRdf(reply, terms.describe(info.iri), mediaType)
  return reply.header('vary', 'accept, accept-language').type('text/html; charset=utf-8').send(renderTermPage(terms, info, pageLanguage(request)))
}

export async function ontologyRoutes (app: FastifyInstance, { engine, terms: termIndex }: RouteContext): Promise<void> {
  app.get('/ontology', {
    schema: {
      tags: ['ontology'],
      summary: 'The vocabulary: Turtle, JSON-LD, N-Triples, or an HTML index of its terms',
      querystring,
      response: { 200: { description: 'The ontology graph', content: pageContent }, ...problems(400, 406) }
    }
  }, async (request, reply) => {
    const mediaType = chooseMediaType(request, withHtml)
    if (isRdfMediaType(mediaType)) return sendRdf(reply, await engine.store.graph(graphs.ontology), mediaType)
    return reply.header('vary', 'accept, accept-language').type('text/html; charset=utf-8').send(renderIndexPage(await termIndex(), pageLanguage(request)))
  })

  app.get('/ontology/term', {
    schema: {
      tags: ['ontology'],
      summary: 'One term of the vocabulary in any namespace (extensions included), by IRI: an HTML page for people, or its RDF description',
      querystring: {
        type: 'object',
        properties: { iri: { type: 'string', minLength: 1, description: 'The term\'s IRI' }, format: formatParameter, lang: languageSchema },
        required: ['iri'],
        additionalProperties: false
      },
      response: { 200: { description: 'The term', content: pageContent }, ...problems(400, 404, 406) }
    }
  }, async (request, reply) => sendTerm(request, reply, await termIndex(), (request.query as { iri: string }).iri))

  app.get('/ontology/:term', {
    schema: {
      tags: ['ontology'],
      summary: 'One term of the vocabulary (sym: local name): an HTML page for people, or its RDF description',
      params: {
        type: 'object',
        properties: { term: { type: 'string', minLength: 1, description: 'Local name in sym:, e.g. VirtualPBX' } },
        required: ['term']
      },
      querystring,
      response: { 200: { description: 'The term', content: pageContent }, ...problems(400, 404, 406) }
    }
  }, async (request, reply) => {
    const { term } = request.params as { term: string }
    return sendTerm(request, reply, await termIndex(), ns.sym + term)
  })

  app.get('/shapes', {
    schema: {
      tags: ['ontology'],
      summary: 'The SHACL shapes (service descriptions and configuration forms)',
      querystring: { type: 'object', properties: { format: formatParameter }, additionalProperties: false },
      response: { 200: { description: 'The shapes graph', content: rdfResponseContent }, ...problems(400, 406) }
    }
  }, async (request, reply) => {
    const mediaType = chooseMediaType(request, rdfMediaTypes)
    return sendRdf(reply, await engine.store.graph(graphs.shapes), mediaType as typeof rdfMediaTypes[number])
  })
}
