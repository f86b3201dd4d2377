/**
 * `PUT|GET|DELETE /me/webhook`: a customer's HTTPS endpoint that receives its events as they
 * are written (the objects `GET /events` lists), signed with a secret shown only when the
 * webhook is set. The operator acts for a customer with `?customer=<IRI>`.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { SymphonyError } from '../../errors.js'
import type { RouteContext } from '../context.js'
import { operatorNamesTheCustomer, principalOf, requireRole } from '../auth.js'
import { problems } from '../schemas.js'
import { requestLanguage } from '../language.js'
import { deliveryIn } from '../../operations/index.js'

const bearer = [{ bearer: [] }]
const customerQuery = {
  type: 'object',
  properties: {
    customer: { type: 'string', format: 'uri', description: 'Only for the operator: the customer it acts for' },
    lang: { type: 'string', description: 'de or en (else Accept-Language): the language of the last delivery\'s reason' }
  },
  additionalProperties: false
} as const
const lastDelivery = {
  type: 'object',
  description: 'The outcome of the latest delivery (given up after the retries when ok is false)',
  properties: {
    event: { type: 'string', description: 'The event id (also its Idempotency-Key)' },
    at: { type: 'string' },
    ok: { type: 'boolean' },
    status: { type: 'integer', description: "The receiver's last HTTP status" },
    reason: { type: 'string', description: "Why it was given up, in the request's language (?lang=, Accept-Language)" }
  },
  required: ['event', 'at', 'ok'],
  additionalProperties: false
} as const
const view = {
  type: 'object',
  properties: { url: { type: 'string' }, createdAt: { type: 'string' }, lastDelivery },
  required: ['url', 'createdAt'],
  additionalProperties: false
} as const

export async function webhookRoutes (app: FastifyInstance, { engine }: RouteContext): Promise<void> {
  app.put('/me/webhook', {
    onRequest: requireRole('customer', 'operator'),
    schema: {
      tags: ['operations'],
      summary: "Set the caller's (or, for the operator, ?customer=) webhook: its events are POSTed there, signed; the secret is shown only in this answer, and setting it again gives a new one",
      security: bearer,
      querystring: customerQuery,
      body: { type: 'object', properties: { url: { type: 'string', minLength: 1 } }, required: ['url'], additionalProperties: false },
      response: {
        200: { ...view, properties: { ...view.properties, secret: { type: 'string', description: 'HMAC-SHA256 key of the Symphony-Signature header (base64url); keep it, it is not shown again' } }, required: [...view.required, 'secret'] },
        ...problems(400, 401, 403)
      }
    }
  }, async request => {
    const set = await engine.operations.webhooks.set(customerOf(request), (request.body as { url: string }).url)
    return set.lastDelivery === undefined ? set : { ...set, lastDelivery: deliveryIn(set.lastDelivery, requestLanguage(request)) }
  })

  app.get('/me/webhook', {
    onRequest: requireRole('customer', 'operator'),
    schema: {
      tags: ['operations'],
      summary: "The caller's (or, for the operator, ?customer=) webhook and its latest delivery; 404 when none is set",
      security: bearer,
      querystring: customerQuery,
      response: { 200: view, ...problems(400, 401, 403, 404) }
    }
  }, async request => {
    const view = await engine.operations.webhooks.view(customerOf(request))
    return view.lastDelivery === undefined ? view : { ...view, lastDelivery: deliveryIn(view.lastDelivery, requestLanguage(request)) }
  })

  app.delete('/me/webhook', {
    onRequest: requireRole('customer', 'operator'),
    schema: {
      tags: ['operations'],
      summary: "Remove the caller's (or, for the operator, ?customer=) webhook; its events stay in GET /events",
      security: bearer,
      querystring: customerQuery,
      response: { 204: { type: 'null', description: 'Removed' }, ...problems(400, 401, 403, 404) }
    }
  }, async (request, reply) => {
    const customer = customerOf(request)
    if (!await engine.operations.webhooks.remove(customer)) {
      throw new SymphonyError('NOT_FOUND', { en: `${customer} has no webhook to remove`, de: `${customer} hat keinen Webhook, der entfernt werden könnte` })
    }
    return reply.code(204).send()
  })
}

/** The customer a webhook request is about: the caller, or for the operator `?customer=`. */
function customerOf (request: FastifyRequest): string {
  const principal = principalOf(request)
  const { customer } = request.query as { customer?: string }
  if (principal.role === 'customer') {
    if (customer !== undefined && customer !== principal.id) {
      throw new SymphonyError('FORBIDDEN', {
        en: `a customer sets only its own webhook; leave out ?customer= (${customer} is another customer)`,
        de: `ein Kunde setzt nur seinen eigenen Webhook; lassen Sie ?customer= weg (${customer} ist ein anderer Kunde)`
      })
    }
    return principal.id
  }
  if (customer === undefined) throw operatorNamesTheCustomer()
  return customer
}
