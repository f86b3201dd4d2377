/** `GET /health`: liveness and what the store holds. */
import type { FastifyInstance } from 'fastify'
import type { RouteContext } from '../context.js'
import { problems } from '../schemas.js'

const started = Date.now()

export async function healthRoutes (app: FastifyInstance, { engine }: RouteContext): Promise<void> {
  app.get('/health', {
    schema: {
      tags: ['system'],
      summary: 'Liveness: the server answers and the store is readable',
      response: {
        200: {
          type: 'object',
          properties: {
            status: { type: 'string', const: 'ok' },
            graphs: { type: 'integer', description: 'Named graphs in the store' },
            triples: { type: 'integer' },
            uptimeSeconds: { type: 'integer' }
          },
          required: ['status', 'graphs', 'triples', 'uptimeSeconds']
        },
        ...problems()
      }
    }
  }, async () => {
    const graphs = await engine.store.graphs()
    return {
      status: 'ok',
      graphs: graphs.length,
      triples: graphs.reduce((sum, g) => sum + g.triples, 0),
      uptimeSeconds: Math.floor((Date.now() - started) / 1000)
    }
  })
}
