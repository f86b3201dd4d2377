/** `GET /health`: liveness and what the store holds. */
import type { FastifyInstance } from 'fastify'
import type { RouteContext } from '../context.js'
import { problems } from '../schemas.js'

const started = Date.now()

export async function healthRoutes (app: FastifyInstance, { engine, runner }: RouteContext): Promise<void> {
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
            uptimeSeconds: { type: 'integer' },
            sparql: {
              type: 'object',
              description: 'The SPARQL worker: `replaced` counts threads terminated after a timeout, crash or engine failure',
              properties: {
                state: { type: 'string', enum: ['idle', 'ready'] },
                replaced: { type: 'integer' },
                queued: { type: 'integer' },
                lastFailure: { type: 'object', properties: { reason: { type: 'string' }, at: { type: 'string', format: 'date-time' } }, required: ['reason', 'at'] }
              },
              required: ['state', 'replaced', 'queued']
            }
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
      uptimeSeconds: Math.floor((Date.now() - started) / 1000),
      sparql: runner.status()
    }
  })
}
