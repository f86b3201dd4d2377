/**
 * Faults: a customer reports one on a subscription, a member or a link between two members;
 * the providers it is routed to work it (notes, state) with their tokens; the SLA report
 * counts response and resolution times against the offers' promises.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Subscription } from '../../operations/index.js'
import type { NoteInput, OpenInput, Ticket, TicketState } from '../../tickets/index.js'
import { slaReport, ticketIn, viewOf } from '../../tickets/index.js'
import { requestLanguage } from '../language.js'
import { SymphonyError } from '../../errors.js'
import type { RouteContext } from '../context.js'
import { principalOf, requireRole } from '../auth.js'
import { iriSchema, openObject, problems } from '../schemas.js'
import { namesOf, subscriptionAccess, ticketAccess, ticketSubscriptionAccess } from './operations-access.js'

const ticketSchema = { ...openObject, description: 'A ticket: scope, routes (providers and why), notes, state history, SLA per provider' } as const
const bearer = [{ bearer: [] }]
const idParams = { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] } as const
const states = ['acknowledged', 'inProgress', 'resolved', 'closed']
// Attachments are checked one by one against the desk's limit (413 with the limit); the body may hold several.
const bodyLimit = 16 * 1_048_576
const noteProperties = {
  text: { type: 'string', maxLength: 20_000 },
  attachments: {
    type: 'array',
    maxItems: 10,
    items: {
      type: 'object',
      properties: { name: { type: 'string', minLength: 1, maxLength: 200 }, mediaType: { type: 'string', maxLength: 100 }, content: { type: 'string', description: 'The file, base64-encoded' } },
      required: ['name', 'content'],
      additionalProperties: false
    }
  }
} as const

export async function ticketsRoutes (app: FastifyInstance, { engine }: RouteContext): Promise<void> {
  // Why each state changed and why a delivery was given up, in the request's language; `names`
  // labels the ticket's services and the providers it is routed to.
  const view = (request: FastifyRequest) => async (ticket: Ticket) => {
    const language = requestLanguage(request)
    const names = await namesOf(engine, [...ticket.services, ...ticket.routes.map(route => route.provider)], language)
    return { ...ticketIn(viewOf(ticket, engine.tickets.now()), language), names }
  }

  app.post('/tickets', {
    bodyLimit,
    preHandler: [requireRole('customer'), ticketSubscriptionAccess(engine)],
    schema: {
      tags: ['operations'],
      summary: 'Report a fault on a subscription (no services), a member (one service) or the link between two members (two services)',
      security: bearer,
      body: {
        type: 'object',
        properties: {
          subscription: { type: 'string', minLength: 1, description: 'The subscription id' },
          services: { type: 'array', items: iriSchema, maxItems: 2 },
          summary: { type: 'string', minLength: 1, maxLength: 300 },
          ...noteProperties
        },
        required: ['subscription', 'summary'],
        additionalProperties: false
      },
      response: { 201: ticketSchema, ...problems(400, 401, 403, 404, 409, 413, 422) }
    }
  }, async (request, reply) => {
    const principal = principalOf(request)
    const body = request.body as Omit<OpenInput, 'text'> & { text?: string }
    const ticket = await engine.tickets.open({ role: principal.role, id: principal.id }, { ...body, text: body.text ?? '' })
    return reply.code(201).header('location', `/tickets/${ticket.id}`).send(await view(request)(ticket))
  })

  app.get('/tickets', {
    preHandler: requireRole('customer', 'provider', 'operator'),
    schema: {
      tags: ['operations'],
      summary: "The caller's tickets (a provider: those routed to it; the operator: all)",
      security: bearer,
      querystring: { type: 'object', properties: { state: { type: 'string', enum: states } } },
      response: { 200: { type: 'array', items: ticketSchema }, ...problems(401, 403) }
    }
  }, async request => {
    const principal = principalOf(request)
    const { state } = request.query as { state?: TicketState }
    const filter = principal.role === 'customer' ? { customer: principal.id } : principal.role === 'provider' ? { provider: principal.id } : {}
    return await Promise.all((await engine.tickets.tickets({ ...filter, ...(state === undefined ? {} : { state }) })).map(view(request)))
  })

  app.get('/tickets/:id', {
    preHandler: [requireRole('customer', 'provider', 'operator'), ticketAccess(engine)],
    schema: { tags: ['operations'], summary: "One ticket with its notes, history and SLA state; why each state changed and why a delivery to a provider's endpoint was given up in the request's language (?lang=, Accept-Language)", security: bearer, params: idParams, response: { 200: ticketSchema, ...problems(401, 403, 404) } }
  }, async request => await view(request)(request.operationsRecord as Ticket))

  app.post('/tickets/:id/notes', {
    bodyLimit,
    preHandler: [requireRole('customer', 'provider', 'operator'), ticketAccess(engine)],
    schema: {
      tags: ['operations'],
      summary: "Add a note (every party on the ticket sees it); a provider's first note ends its response time",
      security: bearer,
      params: idParams,
      body: { type: 'object', properties: noteProperties, required: ['text'], additionalProperties: false },
      response: { 201: ticketSchema, ...problems(400, 401, 403, 404, 409, 413) }
    }
  }, async (request, reply) => {
    const principal = principalOf(request)
    const ticket = await engine.tickets.note((request.params as { id: string }).id, { role: principal.role, id: principal.id }, request.body as NoteInput)
    return reply.code(201).send(await view(request)(ticket))
  })

  app.post('/tickets/:id/state', {
    preHandler: [requireRole('customer', 'provider', 'operator'), ticketAccess(engine)],
    schema: {
      tags: ['operations'],
      summary: 'Move the ticket: providers to inProgress or resolved; the customer confirms (closed) or reopens (inProgress) a resolved one',
      security: bearer,
      params: idParams,
      body: { type: 'object', properties: { state: { type: 'string', enum: states }, why: { type: 'string', maxLength: 2000 } }, required: ['state'], additionalProperties: false },
      response: { 200: ticketSchema, ...problems(400, 401, 403, 404, 409) }
    }
  }, async request => {
    const principal = principalOf(request)
    const body = request.body as { state: TicketState, why?: string }
    return await view(request)(await engine.tickets.move((request.params as { id: string }).id, body.state, { role: principal.role, id: principal.id }, body.why))
  })

  app.get('/subscriptions/:id/links', {
    preHandler: [requireRole('customer', 'provider', 'operator'), subscriptionAccess(engine)],
    schema: {
      tags: ['operations'],
      summary: "The links between the subscription's members (which member's requirement the other meets): a fault can be reported on each",
      security: bearer,
      params: idParams,
      response: { 200: { type: 'array', items: { ...openObject, description: 'from (providing member), to (requiring member), their providers, interface types, degree' } }, ...problems(401, 403, 404, 422) }
    }
  }, async request => {
    const subscription = request.operationsRecord as Subscription
    const providerOf = new Map(subscription.members.map(m => [m.service, m.provider]))
    const links = await engine.operations.links(subscription.id)
    return links.filter(l => !l.available).map(l => ({
      from: l.from, fromProvider: providerOf.get(l.from) ?? null, to: l.to, toProvider: providerOf.get(l.to) ?? null,
      interfaceTypes: l.interfaceTypes, providedTypes: l.providedTypes, degree: l.degree
    }))
  })

  app.get('/reports/sla', {
    preHandler: requireRole('provider', 'operator'),
    schema: {
      tags: ['operations'],
      summary: 'Response and resolution times against the offers\' promises, per provider, for tickets reported in [from, to) (a provider: its own)',
      security: bearer,
      querystring: {
        type: 'object',
        properties: { from: { type: 'string', format: 'date-time' }, to: { type: 'string', format: 'date-time' } },
        required: ['from', 'to']
      },
      response: { 200: { ...openObject, description: 'from, to, at, one row per provider, and names: the providers\' labels in the request\'s language' }, ...problems(400, 401, 403) }
    }
  }, async request => {
    const principal = principalOf(request)
    const query = request.query as { from: string, to: string }
    const from = new Date(query.from)
    const to = new Date(query.to)
    if (!(from < to)) {
      throw new SymphonyError('INVALID_REQUEST', {
        en: `from (${query.from}) must be before to (${query.to})`,
        de: `from (${query.from}) muss vor to (${query.to}) liegen`
      })
    }
    const now = engine.tickets.now()
    const period = { from: from.toISOString(), to: to.toISOString() }
    const providers = slaReport(await engine.tickets.tickets(), period, now, principal.role === 'provider' ? principal.id : undefined)
    return { ...period, at: now.toISOString(), providers, names: await namesOf(engine, providers.map(row => row.provider), requestLanguage(request)) }
  })
}
