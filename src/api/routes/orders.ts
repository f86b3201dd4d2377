/**
 * Orders: a customer books a bundle, watches its items move through the
 * providers, and providers report progress on their own items (callbacks, manual confirmation).
 */
import type { FastifyInstance } from 'fastify'
import type { BookingRequest, ItemReport, Order } from '../../operations/index.js'
import type { RouteContext } from '../context.js'
import { principalOf, requireRole } from '../auth.js'
import { iriSchema, openObject, problems } from '../schemas.js'
import { orderAccess, orderView } from './operations-access.js'

const orderSchema = { ...openObject, description: 'An order with its items, their states and the history of every change' } as const
const bearer = [{ bearer: [] }]

export async function ordersRoutes (app: FastifyInstance, { engine }: RouteContext): Promise<void> {
  app.post('/orders', {
    preHandler: requireRole('customer'),
    schema: {
      tags: ['operations'],
      summary: 'Book a bundle: re-checked by the composer, configurations by SHACL, priced, split into one item per provider and sent',
      security: bearer,
      body: {
        type: 'object',
        properties: {
          request: { ...openObject, description: 'The composition request the bundle answers' },
          services: { type: 'array', items: iriSchema, minItems: 1, description: "The bundle's members" },
          seats: { type: 'integer', minimum: 1 },
          concurrentSeats: { type: 'integer', minimum: 1 },
          configurations: { type: 'array', items: iriSchema, description: 'Stored configurations of the joint form (POST /configurations)' }
        },
        required: ['request', 'services'],
        additionalProperties: false
      },
      response: { 201: orderSchema, ...problems(400, 401, 403, 404, 415, 422) }
    }
  }, async (request, reply) => {
    const principal = principalOf(request)
    const order = await engine.operations.book({ id: principal.id, name: principal.role === 'customer' ? principal.name : principal.id }, request.body as BookingRequest)
    return reply.code(201).header('location', `/orders/${order.id}`).send(await orderView(engine, request, order))
  })

  app.get('/orders', {
    preHandler: requireRole('customer', 'provider', 'operator'),
    schema: {
      tags: ['operations'],
      summary: "The caller's orders (a provider: orders with its items, only those items; the operator: all)",
      security: bearer,
      response: { 200: { type: 'array', items: orderSchema }, ...problems(401, 403) }
    }
  }, async request => {
    const principal = principalOf(request)
    const filter = principal.role === 'customer' ? { customer: principal.id } : principal.role === 'provider' ? { provider: principal.id } : {}
    return await Promise.all((await engine.operations.orders(filter)).map(async order => await orderView(engine, request, order)))
  })

  app.get('/orders/:id', {
    preHandler: [requireRole('customer', 'provider', 'operator'), orderAccess(engine)],
    schema: {
      tags: ['operations'],
      summary: "One order with per-provider progress; the reasons of a failure and why each state changed in the request's language (?lang=, Accept-Language)",
      security: bearer,
      params: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
      response: { 200: orderSchema, ...problems(401, 403, 404) }
    }
  }, async request => await orderView(engine, request, request.operationsRecord as Order))

  app.post('/orders/:id/items/:item/status', {
    preHandler: [requireRole('provider', 'operator'), orderAccess(engine, { item: true })],
    schema: {
      tags: ['operations'],
      summary: "A provider reports its item's state (callback, or confirmation of a manual item); the same report twice changes nothing",
      security: bearer,
      params: { type: 'object', properties: { id: { type: 'string' }, item: { type: 'string' } }, required: ['id', 'item'] },
      body: {
        type: 'object',
        properties: {
          status: { type: 'string', enum: ['acknowledged', 'inProgress', 'completed', 'failed', 'cancelled'] },
          reason: { type: 'string', maxLength: 2000 },
          reference: { type: 'string', maxLength: 200 }
        },
        required: ['status'],
        additionalProperties: false
      },
      response: { 200: orderSchema, ...problems(400, 401, 403, 404, 409) }
    }
  }, async request => {
    const principal = principalOf(request)
    const { id, item } = request.params as { id: string, item: string }
    const order = await engine.operations.report(id, item, request.body as ItemReport, { role: principal.role, id: principal.id })
    return await orderView(engine, request, order)
  })
}
