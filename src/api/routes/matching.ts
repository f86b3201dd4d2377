/** Matching: discovery, "does A fit B", "what can be combined with X". */
import type { FastifyInstance } from 'fastify'
import { discoveryAnswerSchema, discoveryRequestSchema } from '../../api-types/schemas.js'
import type { RouteContext } from '../context.js'
import { pickLabel } from '../catalog-views.js'
import { bodySchema, iriSchema, languageSchema, openObject, problems, sendJson } from '../schemas.js'
import { checkDiscoveryRequest, combinableInLanguage, discoveryInLanguage, maxLimit, pairCheckInLanguage } from '../../matcher/index.js'
import type { DiscoveryAnswer } from '../../matcher/index.js'
import { requestLanguage } from '../language.js'
import { clientGone } from '../client-gone.js'
import { defaults } from '../options.js'

const sentence = { type: 'string', description: 'In the requested language (?lang= or Accept-Language; English by default)' } as const
const sentences = { type: 'object', properties: { en: { type: 'string' }, de: { type: 'string' } }, required: ['en', 'de'], description: 'The sentence in English and German' } as const

export async function matchingRoutes (app: FastifyInstance, { engine, composer, options }: RouteContext): Promise<void> {
  const discoveryFrom = options.compose?.discoveryFrom ?? defaults.discoveryFrom
  const discoveryAnswer = bodySchema(discoveryAnswerSchema)
  app.post('/discover', {
    schema: {
      tags: ['matching'],
      summary: 'Discovery: services whose provided interfaces satisfy every wanted type, given the available ones; full matches first, then near misses; `labels` names the services and types in the answer',
      querystring: { type: 'object', properties: { lang: languageSchema } },
      body: bodySchema(discoveryRequestSchema),
      response: {
        200: {
          ...discoveryAnswer,
          properties: {
            ...discoveryAnswer.properties,
            labels: { type: 'object', additionalProperties: { type: 'string' }, description: 'Display labels of the services and types in the answer' }
          }
        },
        ...problems(400, 415)
      }
    }
  }, async (request, reply) => {
    // Over a large catalog in a worker that holds it, checked here first so a bad request never
    // waits for one; on this thread when none is free of compositions or holds the current version.
    let result: DiscoveryAnswer | undefined
    const current = await engine.catalog()
    if (composer !== undefined && current.services.size >= discoveryFrom) {
      checkDiscoveryRequest(current, request.body)
      result = await composer.discover(request.body, { signal: clientGone(reply) })
    }
    result ??= await engine.discover(request.body)
    const catalog = await engine.catalog()
    const language = requestLanguage(request)
    const labels: Record<string, string> = {}
    for (const r of result.results) {
      labels[r.service] ??= pickLabel(catalog.services.get(r.service)?.label, language, r.service)
      for (const m of r.missing) for (const type of [m.requirement, m.closest]) if (type !== undefined) labels[type] ??= pickLabel(catalog.hierarchy.label(type), language, type)
    }
    return { ...discoveryInLanguage(result, language), labels }
  })

  app.get('/match', {
    schema: {
      tags: ['matching'],
      summary: 'Does A fit B: the pairwise check in both directions, explained per requirement; sentences (`message`, `fix`) in the requested language, `messages` and `fixes` in English and German',
      querystring: {
        type: 'object',
        properties: { a: { ...iriSchema, description: 'A service IRI' }, b: { ...iriSchema, description: 'Another service IRI' }, lang: languageSchema },
        required: ['a', 'b']
      },
      response: {
        200: {
          type: 'object',
          properties: {
            a: iriSchema,
            b: iriSchema,
            ok: { type: 'boolean' },
            degree: { type: 'string', enum: ['exact', 'plugin', 'subsumes', 'fail'] },
            directions: { type: 'array', items: openObject },
            message: sentence,
            messages: sentences
          },
          required: ['a', 'b', 'ok', 'degree', 'directions', 'message', 'messages'],
          additionalProperties: true
        },
        ...problems(400, 404)
      }
    }
  }, async request => {
    const { a, b } = request.query as { a: string, b: string }
    return pairCheckInLanguage(await engine.match(a, b), requestLanguage(request))
  })

  app.get('/catalog/services/:service/combinable', {
    schema: {
      tags: ['matching'],
      summary: 'What can be combined with a service, both directions, ranked by degree, then by what the links meet; each link\'s `message` in the requested language, `messages` in English and German',
      params: { type: 'object', properties: { service: { ...iriSchema, description: 'Service IRI, URL-encoded' } }, required: ['service'] },
      querystring: {
        type: 'object',
        properties: {
          limit: { type: 'integer', minimum: 1, default: 100, description: `At most this many services, 1 to ${maxLimit}; page through more with offset` },
          offset: { type: 'integer', minimum: 0, default: 0, description: 'Services skipped before the first one listed (paging)' },
          minDegree: { type: 'string', enum: ['exact', 'plugin', 'subsumes'], default: 'subsumes' },
          lang: languageSchema
        }
      },
      response: {
        200: {
          type: 'object',
          properties: {
            service: iriSchema,
            combinable: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  service: iriSchema,
                  degree: { type: 'string', enum: ['exact', 'plugin', 'subsumes'] },
                  distance: { type: 'number' },
                  mandatory: { type: 'integer', minimum: 0, description: 'Links that meet a mandatory requirement of either service' },
                  unmet: { type: 'integer', minimum: 0, description: 'This service\'s mandatory requirements that no link from the asked service meets exactly or by plugin' },
                  links: { type: 'array', items: openObject }
                },
                required: ['service', 'degree', 'distance', 'mandatory', 'unmet', 'links'],
                additionalProperties: true
              }
            }
          },
          required: ['service', 'combinable']
        },
        ...problems(400, 404)
      }
    }
  }, async (request, reply) => {
    const { service } = request.params as { service: string }
    const { limit, offset, minDegree } = request.query as { limit: number, offset: number, minDegree: 'exact' | 'plugin' | 'subsumes' }
    return sendJson(reply, { service, combinable: combinableInLanguage(await engine.combinable(service, { limit, offset, minDegree }), requestLanguage(request)) })
  })
}
