/**
 * Vocabulary graphs, managed by the operator: extensions (classes, interface types,
 * configuration shapes, price components, compliance properties) that take effect at once in
 * matching, composition, forms, configuration, publishing validation and term pages.
 */
import type { FastifyInstance } from 'fastify'
import { SymphonyError } from '../../errors.js'
import { formatOfMediaType, parseRdf } from '../../rdf/index.js'
import { requireRole } from '../auth.js'
import { mediaTypeOf, rdfBodyMediaTypes } from '../body-parsers.js'
import type { RouteContext } from '../context.js'
import { problems } from '../schemas.js'

const params = {
  type: 'object',
  properties: { name: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$', description: 'Name of the vocabulary graph' } },
  required: ['name']
} as const

const vocabularyGraph = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    graph: { type: 'string', description: 'IRI of the named graph' },
    triples: { type: 'integer' }
  },
  required: ['name', 'graph', 'triples']
} as const

export async function vocabularyRoutes (app: FastifyInstance, { engine }: RouteContext): Promise<void> {
  app.get('/vocabulary', {
    onRequest: requireRole('operator'),
    schema: {
      tags: ['vocabulary'],
      summary: 'The vocabulary graphs the operator manages',
      security: [{ bearer: [] }],
      response: {
        200: { description: 'Vocabulary graphs, by name', type: 'object', properties: { vocabularies: { type: 'array', items: vocabularyGraph } }, required: ['vocabularies'] },
        ...problems(401, 403)
      }
    }
  }, async () => ({ vocabularies: await engine.vocabularies() }))

  app.put('/vocabulary/:name', {
    onRequest: requireRole('operator'),
    schema: {
      tags: ['vocabulary'],
      summary: 'Store (replace) a vocabulary graph (Turtle, JSON-LD or N-Triples); it takes effect at once',
      security: [{ bearer: [] }],
      params,
      body: {
        description: 'The vocabulary extension',
        content: Object.fromEntries(rdfBodyMediaTypes.map(type => [type, { schema: { type: 'string' } }]))
      },
      response: { 200: { description: 'Stored', ...vocabularyGraph }, ...problems(400, 401, 403, 413, 415) }
    }
  }, async request => {
    const { name } = request.params as { name: string }
    const mediaType = mediaTypeOf(request)
    const format = (rdfBodyMediaTypes as readonly string[]).includes(mediaType) ? formatOfMediaType(mediaType) : undefined
    if (format === undefined) {
      throw new SymphonyError('UNSUPPORTED_FORMAT', {
        en: `a vocabulary must be sent as ${rdfBodyMediaTypes.join(', ')}, not "${mediaType}"`,
        de: `ein Vokabular muss als ${rdfBodyMediaTypes.join(', ')} gesendet werden, nicht als "${mediaType}"`
      })
    }
    const text = typeof request.body === 'string' ? request.body : ''
    const quads = await parseRdf(text, { format, source: 'request body' })
    return engine.putVocabulary(name, quads)
  })

  app.delete('/vocabulary/:name', {
    onRequest: requireRole('operator'),
    schema: {
      tags: ['vocabulary'],
      summary: 'Delete a vocabulary graph',
      security: [{ bearer: [] }],
      params,
      response: { 204: { description: 'Deleted', type: 'null' }, ...problems(401, 403, 404) }
    }
  }, async (request, reply) => {
    await engine.deleteVocabulary((request.params as { name: string }).name)
    return reply.code(204).send()
  })
}
