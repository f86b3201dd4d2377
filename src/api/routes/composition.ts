/** Composition: the top-k bundles for a goal under constraints, explained. */
import type { FastifyInstance } from 'fastify'
import { compositionAnswerSchema, compositionRequestSchema } from '../../api-types/schemas.js'
import type { RouteContext } from '../context.js'
import { pickLabel } from '../catalog-views.js'
import { bodySchema, languageSchema, problems } from '../schemas.js'
import { inLanguage, parseCompositionRequest } from '../../composer/index.js'
import type { CompositionAnswer } from '../../composer/index.js'
import { requestLanguage } from '../language.js'
import { clientGone } from '../client-gone.js'

export async function compositionRoutes (app: FastifyInstance, { engine, composer }: RouteContext): Promise<void> {
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
        ...problems(400, 415, 503)
      }
    }
  }, async (request, reply) => {
    // Checked here, so a bad request never waits for a worker.
    const result: CompositionAnswer = composer === undefined
      ? await engine.compose(request.body)
      : await composer.compose(parseCompositionRequest(request.body), { signal: clientGone(reply) })
    const catalog = await engine.catalog()
    const language = requestLanguage(request)
    const labels: Record<string, string> = {}
    const nearest = result.issues.flatMap(issue => issue.code === 'NEAREST_BUNDLE' ? [issue.bundle] : [])
    for (const bundle of [...result.bundles, ...nearest]) {
      for (const service of bundle.services) labels[service] ??= pickLabel(catalog.services.get(service)?.label, language, service)
      for (const link of bundle.links) for (const type of [...link.interfaceTypes, ...link.providedTypes]) labels[type] ??= pickLabel(catalog.hierarchy.label(type), language, type)
    }
    return { ...inLanguage(result, language), labels }
  })
}
