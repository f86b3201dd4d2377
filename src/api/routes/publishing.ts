/**
 * Publishing: providers write versions of their descriptions with a bearer token;
 * anyone reads them. Writes are validated (400 syntax, 422 shapes, 403 ownership, 409 conflicts)
 * before anything is stored.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { RouteContext } from '../context.js'
import { principalOf, requireRole } from '../auth.js'
import { mediaTypeOf } from '../body-parsers.js'
import { chooseMediaType, formatParameter, rdfMediaTypes, rdfResponseContent, sendRdf } from '../rdf-reply.js'
import type { RdfMediaType } from '../rdf-reply.js'
import { requestLanguage } from '../language.js'
import { languageSchema, problems } from '../schemas.js'
import { parseDescription } from '../../publishing/index.js'
import { reportQuads } from '../../shacl/index.js'
import { deprecateOutcome, descriptionBody, validationReport, descriptionParams, descriptionSummary, providerParams, publishOutcome, versionParams } from './publishing-schemas.js'

interface DescriptionParams { provider: string, name: string }
interface VersionParams extends DescriptionParams { version: number }

function descriptionPath ({ provider, name }: DescriptionParams): string {
  return `/providers/${encodeURIComponent(provider)}/descriptions/${encodeURIComponent(name)}`
}

const lang = { type: 'object', properties: { lang: languageSchema } } as const

export async function publishingRoutes (app: FastifyInstance, { engine }: RouteContext): Promise<void> {
  async function publish (request: FastifyRequest, reply: FastifyReply, dryRun: boolean): Promise<FastifyReply> {
    const actor = principalOf(request).id
    const params = request.params as DescriptionParams
    const outcome = await engine.publish({
      ...params,
      text: typeof request.body === 'string' ? request.body : '',
      mediaType: mediaTypeOf(request),
      language: requestLanguage(request)
    }, { actor, dryRun })
    const location = `${descriptionPath(params)}/versions/${outcome.version}`
    if (outcome.status === 'accepted') return reply.code(201).header('location', location).send(outcome)
    if (outcome.status === 'unchanged') reply.header('content-location', location)
    return reply.send(outcome)
  }

  const publishSchema = (summary: string) => ({
    tags: ['publishing'],
    summary,
    security: [{ bearer: [] }],
    params: descriptionParams,
    querystring: lang,
    body: descriptionBody,
    response: {
      200: { description: 'Unchanged: same graph as the active version', ...publishOutcome },
      201: { description: 'Accepted as a new version (Location: the version)', ...publishOutcome },
      ...problems(400, 401, 403, 409, 413, 415, 422)
    }
  })

  app.put('/providers/:provider/descriptions/:name', {
    onRequest: requireRole('provider'),
    schema: publishSchema('Publish a new version of a description (Turtle, JSON-LD or N-Triples); the same graph again changes nothing')
  }, async (request, reply) => publish(request, reply, false))

  app.post('/providers/:provider/descriptions/:name/versions', {
    onRequest: requireRole('provider'),
    schema: publishSchema('Publish a new version of a description (same as PUT on the description)')
  }, async (request, reply) => publish(request, reply, false))

  app.post('/providers/:provider/descriptions/:name/dry-run', {
    onRequest: requireRole('provider'),
    schema: {
      tags: ['publishing'],
      summary: 'Check a new version without accepting it: validation, and which matches and bundles it would change',
      security: [{ bearer: [] }],
      params: descriptionParams,
      querystring: lang,
      body: descriptionBody,
      response: { 200: publishOutcome, ...problems(400, 401, 403, 409, 413, 415, 422) }
    }
  }, async (request, reply) => publish(request, reply, true))

  app.post('/descriptions/validate', {
    onRequest: requireRole('provider', 'operator'),
    schema: {
      tags: ['publishing'],
      summary: 'Check a description against the publishing shapes, storing nothing: the SHACL report as JSON, or as an sh:ValidationReport graph in Turtle, JSON-LD or N-Triples',
      security: [{ bearer: [] }],
      querystring: {
        type: 'object',
        properties: {
          lang: languageSchema,
          format: { type: 'string', enum: ['json', 'turtle', 'ttl', 'jsonld', 'json-ld', 'ntriples', 'n-triples', 'nt'], description: 'Overrides the Accept header' },
          base: { type: 'string', format: 'uri', maxLength: 2000, description: 'Base IRI of relative IRIs in the description (default: this request\'s URL)' }
        }
      },
      body: descriptionBody,
      response: {
        200: {
          description: 'The report; `conforms` is false when there is any result, warnings included',
          content: { 'application/json': { schema: validationReport }, ...rdfResponseContent }
        },
        ...problems(400, 401, 403, 406, 413, 415)
      }
    }
  }, async (request, reply) => {
    const mediaType = chooseMediaType(request, ['application/json', ...rdfMediaTypes])
    const query = request.query as { lang?: string, base?: string }
    const base = query.base ?? `${request.protocol}://${request.host}${request.url.split('?')[0]!}`
    const quads = await parseDescription(typeof request.body === 'string' ? request.body : '', mediaTypeOf(request), base)
    const language = requestLanguage(request)
    const report = await engine.validateDescription(quads, { language })
    if (mediaType === 'application/json') return reply.header('vary', 'accept, accept-language').send({ conforms: report.conforms, results: report.results })
    return sendRdf(reply, reportQuads(report, { language }), mediaType as RdfMediaType)
  })

  app.get('/descriptions', {
    schema: {
      tags: ['publishing'],
      summary: 'Every published description with its versions',
      response: { 200: { type: 'object', properties: { descriptions: { type: 'array', items: descriptionSummary } }, required: ['descriptions'] }, ...problems() }
    }
  }, async () => ({ descriptions: await engine.descriptions() }))

  app.get('/providers/:provider/descriptions', {
    schema: {
      tags: ['publishing'],
      summary: "A provider's published descriptions with their versions",
      params: providerParams,
      response: { 200: { type: 'object', properties: { descriptions: { type: 'array', items: descriptionSummary } }, required: ['descriptions'] }, ...problems(400) }
    }
  }, async request => ({ descriptions: await engine.descriptions((request.params as { provider: string }).provider) }))

  app.get('/providers/:provider/descriptions/:name', {
    schema: {
      tags: ['publishing'],
      summary: 'One description: its versions and which one is active',
      params: descriptionParams,
      response: { 200: descriptionSummary, ...problems(400, 404) }
    }
  }, async request => engine.description(request.params as DescriptionParams))

  app.get('/providers/:provider/descriptions/:name/versions/:version', {
    schema: {
      tags: ['publishing'],
      summary: 'One version of a description, as Turtle, JSON-LD or N-Triples',
      params: versionParams,
      querystring: { type: 'object', properties: { format: formatParameter } },
      response: { 200: { description: 'The version (canonical form of what was submitted)', content: rdfResponseContent }, ...problems(400, 404, 406) }
    }
  }, async (request, reply) => {
    const mediaType = chooseMediaType(request, rdfMediaTypes) as RdfMediaType
    const { quads } = await engine.descriptionVersion(request.params as VersionParams)
    return sendRdf(reply, quads, mediaType)
  })

  app.post('/providers/:provider/descriptions/:name/versions/:version/deprecate', {
    onRequest: requireRole('provider'),
    schema: {
      tags: ['publishing'],
      summary: 'Deprecate a version: the catalog falls back to the newest version not deprecated (or none); nothing is deleted',
      security: [{ bearer: [] }],
      params: versionParams,
      response: { 200: deprecateOutcome, ...problems(400, 401, 403, 404) }
    }
  }, async request => {
    const actor = principalOf(request).id
    return engine.deprecate(request.params as VersionParams, { actor })
  })
}
