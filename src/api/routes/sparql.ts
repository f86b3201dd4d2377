/**
 * Read-only SPARQL 1.1 Protocol endpoint (https://www.w3.org/TR/sparql11-protocol/ §2.1):
 * GET with `query=`, POST with `application/sparql-query` or a form. The default graph is the
 * union of all graphs unless `default-graph-uri` is given. SELECT/ASK answer SPARQL JSON (or CSV,
 * TSV), CONSTRUCT/DESCRIBE answer Turtle, N-Triples or JSON-LD.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { SymphonyError } from '../../errors.js'
import type { RouteContext } from '../context.js'
import { formMediaType, mediaTypeOf, sparqlQueryMediaType, sparqlUpdateMediaType } from '../body-parsers.js'
import { chooseMediaType, formatParameter, rdfMediaTypes } from '../rdf-reply.js'
import { problems } from '../schemas.js'
import { checkQueryShape } from '../sparql/limits.js'
import { privateGraphRefused, updateRefused } from '../sparql/prepare.js'
import { isPrivateGraph } from '../../project.js'
import { toCsv, toTsv } from '../sparql/results.js'
import { defaults } from '../options.js'

const resultsJson = 'application/sparql-results+json'
const selectOffers = [resultsJson, 'application/json', 'text/csv', 'text/tab-separated-values']
const askOffers = [resultsJson, 'application/json']

const graphList = { type: 'array', items: { type: 'string', minLength: 1 } } as const

const protocolParameters = {
  query: { type: 'string', description: 'The SPARQL 1.1 query' },
  'default-graph-uri': { ...graphList, description: 'Graphs whose union is the default graph (default: all graphs)' },
  'named-graph-uri': { ...graphList, description: 'Graphs available to GRAPH patterns (default: all graphs)' },
  format: formatParameter
} as const

const answerContent = Object.fromEntries([...selectOffers, ...rdfMediaTypes].map(type => [type, { schema: { type: 'string' } }]))

interface ProtocolRequest { query?: string, 'default-graph-uri'?: string[], 'named-graph-uri'?: string[], update?: string }

function asList (value: unknown): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value.map(String) : [String(value)]
}

export async function sparqlRoutes (app: FastifyInstance, { runner, options }: RouteContext): Promise<void> {
  const cap = options.sparql?.resultCap ?? defaults.resultCap
  const limits = {
    maxLength: options.sparql?.maxQueryLength ?? defaults.maxQueryLength,
    maxDepth: options.sparql?.maxDepth ?? defaults.maxDepth
  }

  async function answer (request: FastifyRequest, reply: FastifyReply, parameters: ProtocolRequest): Promise<FastifyReply> {
    if (parameters.update !== undefined) throw updateRefused()
    if (parameters.query === undefined || parameters.query.trim() === '') {
      throw new SymphonyError('BAD_REQUEST', {
        en: 'no query: pass it as query=… (GET or form) or as an application/sparql-query body',
        de: 'keine Abfrage: übergeben Sie sie als query=… (GET oder Formular) oder als Anfragerumpf vom Typ application/sparql-query'
      })
    }
    // Length and nesting are checked by one scan before any parser sees the query.
    checkQueryShape(parameters.query, limits)
    // A dataset may name public graphs only (the query's own FROM is checked as it is parsed).
    const named = [...asList(parameters['default-graph-uri']), ...asList(parameters['named-graph-uri'])]
    const privateGraph = named.find(isPrivateGraph)
    if (privateGraph !== undefined) throw privateGraphRefused(privateGraph)
    const query = await runner.prepare(parameters.query, cap)
    const offers = query.form === 'SELECT' ? selectOffers : query.form === 'ASK' ? askOffers : rdfMediaTypes
    const mediaType = chooseMediaType(request, offers)
    const result = await runner.run({
      query,
      format: mediaType,
      defaultGraphs: asList(parameters['default-graph-uri']),
      namedGraphs: asList(parameters['named-graph-uri'])
    })
    const body = mediaType === 'text/csv' ? toCsv(result.text) : mediaType === 'text/tab-separated-values' ? toTsv(result.text) : result.text
    return reply.header('vary', 'accept').header('x-result-count', String(result.count)).type(`${mediaType}; charset=utf-8`).send(body)
  }

  app.get('/sparql', {
    schema: {
      tags: ['sparql'],
      summary: 'SPARQL 1.1 query via GET (read-only)',
      querystring: { type: 'object', properties: protocolParameters },
      response: { 200: { description: 'Query results', content: answerContent }, ...problems(400, 403, 406, 413, 503) }
    }
  }, async (request, reply) => answer(request, reply, request.query as ProtocolRequest))

  app.post('/sparql', {
    schema: {
      tags: ['sparql'],
      summary: 'SPARQL 1.1 query via POST: application/sparql-query body, or a form with query=',
      querystring: { type: 'object', properties: protocolParameters },
      body: {
        content: {
          [sparqlQueryMediaType]: { schema: { type: 'string' } },
          [formMediaType]: { schema: { type: 'object', properties: { ...protocolParameters, update: { type: 'string', description: 'Refused with 403' } } } }
        }
      },
      response: { 200: { description: 'Query results', content: answerContent }, ...problems(400, 403, 406, 413, 415, 503) }
    }
  }, async (request, reply) => {
    const mediaType = mediaTypeOf(request)
    const urlParameters = request.query as ProtocolRequest
    if (mediaType === sparqlUpdateMediaType) {
      return answer(request, reply, { update: String(request.body) })
    }
    if (mediaType === sparqlQueryMediaType) {
      return answer(request, reply, { ...urlParameters, query: String(request.body) })
    }
    if (mediaType === formMediaType) {
      const form = request.body as Record<string, unknown>
      return answer(request, reply, {
        query: form.query === undefined ? undefined : String(form.query),
        update: form.update === undefined ? undefined : String(form.update),
        'default-graph-uri': [...asList(urlParameters['default-graph-uri']), ...asList(form['default-graph-uri'])],
        'named-graph-uri': [...asList(urlParameters['named-graph-uri']), ...asList(form['named-graph-uri'])]
      })
    }
    throw new SymphonyError('UNSUPPORTED_FORMAT', {
      en: `Content-Type "${mediaType}" is not a SPARQL request; send ${sparqlQueryMediaType} or ${formMediaType}`,
      de: `Content-Type "${mediaType}" ist keine SPARQL-Anfrage; senden Sie ${sparqlQueryMediaType} oder ${formMediaType}`
    })
  })
}
