/** Composition: the top-k bundles for a goal under constraints, explained. */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { compositionAnswerSchema, compositionRequestSchema } from '../../api-types/schemas.js'
import type { RouteContext } from '../context.js'
import { pickLabel } from '../catalog-views.js'
import { bodySchema, languageSchema, problems } from '../schemas.js'

function languageOf (request: FastifyRequest): string {
  return (request.query as { lang?: string }).lang ?? (/^\s*de\b/i.test(request.headers['accept-language'] ?? '') ? 'de' : 'en')
}

export async function compositionRoutes (app: FastifyInstance, { engine }: RouteContext): Promise<void> {
  const answer = bodySchema(compositionAnswerSchema)
  app.post('/compose', {
    schema: {
      tags: ['composition'],
      summary: 'Bundles of services that meet a goal and constraints, ranked and explained; `labels` names every IRI in them',
      querystring: { type: 'object', properties: { lang: languageSchema } },
      body: bodySchema(compositionRequestSchema),
      response: {
        200: {
          ...answer,
          properties: {
            ...answer.properties,
            labels: { type: 'object', additionalProperties: { type: 'string' }, description: 'Display labels of the services, providers and types in the answer' }
          }
        },
        ...problems(400, 415)
      }
    }
  }, async request => {
    const result = await engine.compose(request.body)
    const catalog = await engine.catalog()
    const language = languageOf(request)
    const labels: Record<string, string> = {}
    for (const bundle of result.bundles) {
      for (const service of bundle.services) labels[service] ??= pickLabel(catalog.services.get(service)?.label, language, service)
      for (const link of bundle.links) for (const type of [...link.interfaceTypes, ...link.providedTypes]) labels[type] ??= pickLabel(catalog.hierarchy.label(type), language, type)
    }
    return { ...result, labels }
  })
}
