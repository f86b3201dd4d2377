/**
 * Subscriptions: a completed order; its customer changes seats, adds or removes
 * members and cancels it, each as a change order through the providers' adapters. Events: each
 * customer's feed of order progress and of its providers' deprecations and new versions.
 */
import type { FastifyInstance } from 'fastify'
import type { CompositionRequest } from '../../composer/index.js'
import type { Subscription } from '../../operations/index.js'
import type { RouteContext } from '../context.js'
import { principalOf, requireRole } from '../auth.js'
import { iriSchema, openObject, problems } from '../schemas.js'
import { orderView, subscriptionAccess, subscriptionView } from './operations-access.js'
import { errorLanguageOf } from '../../errors.js'
import { requestLanguage } from '../language.js'

const subscriptionSchema = { ...openObject, description: 'A subscription: members, seats, monthly price (cents), seat history, state history' } as const
const orderSchema = { ...openObject, description: 'The change order' } as const
const bearer = [{ bearer: [] }]
const langSchema = { type: 'string', description: 'de or en (else Accept-Language)' } as const
const idParams = { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] } as const

export async function subscriptionsRoutes (app: FastifyInstance, { engine }: RouteContext): Promise<void> {
  const customerOwned = [requireRole('customer', 'operator'), subscriptionAccess(engine)]

  app.get('/subscriptions', {
    preHandler: requireRole('customer', 'provider', 'operator'),
    schema: {
      tags: ['operations'],
      summary: "The caller's subscriptions (a provider: those with its services; the operator: all); why each state changed in the request's language (?lang=, Accept-Language)",
      security: bearer,
      querystring: { type: 'object', properties: { service: iriSchema, lang: langSchema } },
      response: { 200: { type: 'array', items: subscriptionSchema }, ...problems(401, 403) }
    }
  }, async request => {
    const principal = principalOf(request)
    const { service } = request.query as { service?: string }
    const filter = principal.role === 'customer' ? { customer: principal.id } : principal.role === 'provider' ? { provider: principal.id } : {}
    return await Promise.all((await engine.operations.subscriptions({ ...filter, ...(service === undefined ? {} : { service }) })).map(async s => await subscriptionView(engine, request, s)))
  })

  app.get('/subscriptions/:id', {
    preHandler: [requireRole('customer', 'provider', 'operator'), subscriptionAccess(engine)],
    schema: {
      tags: ['operations'],
      summary: "One subscription; why each state changed in the request's language (?lang=, Accept-Language)",
      security: bearer,
      params: idParams,
      querystring: { type: 'object', properties: { lang: langSchema } },
      response: { 200: subscriptionSchema, ...problems(401, 403, 404) }
    }
  }, async request => await subscriptionView(engine, request, request.operationsRecord as Subscription))

  app.post('/subscriptions/:id/seats', {
    preHandler: customerOwned,
    schema: {
      tags: ['operations'],
      summary: 'Change the seats: re-priced by the composer, sent to every provider as a change order',
      security: bearer,
      params: idParams,
      body: { type: 'object', properties: { seats: { type: 'integer', minimum: 1 }, concurrentSeats: { type: 'integer', minimum: 1 } }, required: ['seats'], additionalProperties: false },
      response: { 201: orderSchema, ...problems(400, 401, 403, 404, 409, 422) }
    }
  }, async (request, reply) => {
    const principal = principalOf(request)
    const order = await engine.operations.changeSeats((request.params as { id: string }).id, request.body as { seats: number, concurrentSeats?: number }, { role: principal.role, id: principal.id })
    return reply.code(201).header('location', `/orders/${order.id}`).send(await orderView(engine, request, order))
  })

  app.post('/subscriptions/:id/members', {
    preHandler: customerOwned,
    schema: {
      tags: ['operations'],
      summary: 'Add or remove members: the new member set must be a bundle the composer answers for the (updated) request',
      security: bearer,
      params: idParams,
      body: {
        type: 'object',
        properties: {
          services: { type: 'array', items: iriSchema, minItems: 1, description: 'The new member set' },
          request: { ...openObject, description: 'The updated composition request (default: the subscription\'s)' },
          configurations: { type: 'array', items: iriSchema, description: 'Stored configurations for the new members' }
        },
        required: ['services'],
        additionalProperties: false
      },
      response: { 201: orderSchema, ...problems(400, 401, 403, 404, 409, 422) }
    }
  }, async (request, reply) => {
    const principal = principalOf(request)
    const body = request.body as { services: string[], request?: CompositionRequest, configurations?: string[] }
    const order = await engine.operations.changeMembers((request.params as { id: string }).id, body, { role: principal.role, id: principal.id })
    return reply.code(201).header('location', `/orders/${order.id}`).send(await orderView(engine, request, order))
  })

  app.post('/subscriptions/:id/cancel', {
    preHandler: customerOwned,
    schema: {
      tags: ['operations'],
      summary: 'Cancel the subscription: one cancellation item to each provider',
      security: bearer,
      params: idParams,
      body: { type: 'object', properties: { reason: { type: 'string', maxLength: 2000 } }, additionalProperties: false },
      response: { 201: orderSchema, ...problems(401, 403, 404, 409) }
    }
  }, async (request, reply) => {
    const principal = principalOf(request)
    const { reason } = request.body as { reason?: string }
    const order = await engine.operations.cancel((request.params as { id: string }).id, { role: principal.role, id: principal.id }, reason)
    return reply.code(201).header('location', `/orders/${order.id}`).send(await orderView(engine, request, order))
  })

  app.get('/events', {
    preHandler: requireRole('customer', 'operator'),
    schema: {
      tags: ['operations'],
      summary: "The caller's events, oldest first: order progress, subscription changes, providers' deprecations and new versions; message in the request's language (?lang=, Accept-Language), messages in English and German",
      security: bearer,
      querystring: { type: 'object', properties: { since: { type: 'string', format: 'date-time', description: 'Only events after this time (ISO 8601 with a time zone, e.g. 2026-12-01T00:00:00Z)' }, lang: { type: 'string', description: 'de or en (else Accept-Language)' } } },
      response: { 200: { type: 'array', items: openObject }, ...problems(401, 403) }
    }
  }, async request => {
    const principal = principalOf(request)
    const { since } = request.query as { since?: string }
    const language = errorLanguageOf(requestLanguage(request))
    // Events keep their times as UTC ISO strings: an offset such as +01:00 is compared after conversion to UTC.
    const events = await engine.operations.events({ ...(principal.role === 'customer' ? { customer: principal.id } : {}), ...(since === undefined ? {} : { since: new Date(since).toISOString() }) })
    return events.map(e => e.messages === undefined ? e : { ...e, message: e.messages[language] })
  })
}
