/**
 * `GET /me`: who the bearer token belongs to, so a client (the console's header) can show who
 * is signed in and check a pasted token before keeping it.
 */
import type { FastifyInstance } from 'fastify'
import type { RouteContext } from '../context.js'
import { principalOf, requireRole } from '../auth.js'
import { problems } from '../schemas.js'

export async function meRoutes (app: FastifyInstance, _context: RouteContext): Promise<void> {
  app.get('/me', {
    onRequest: requireRole('customer', 'provider', 'operator'),
    schema: {
      tags: ['operations'],
      summary: "The caller's account: role, id (operator, provider IRI or customer IRI) and, for customers, the name",
      security: [{ bearer: [] }],
      response: {
        200: {
          type: 'object',
          properties: {
            role: { type: 'string', enum: ['operator', 'provider', 'customer'] },
            id: { type: 'string' },
            name: { type: 'string' }
          },
          required: ['role', 'id'],
          additionalProperties: false
        },
        ...problems(401, 403)
      }
    }
  }, async request => {
    const principal = principalOf(request)
    return principal.role === 'customer' ? { role: principal.role, id: principal.id, name: principal.name } : { role: principal.role, id: principal.id }
  })
}
