/**
 * `GET /health`: liveness, answered without touching the store (load balancers poll it), with the
 * SPARQL worker's state.
 * `GET /health/ready`: readiness — whether the compiled catalog is current — with the version
 * and size of the store's public graphs, from counts kept on every write; 503 while the catalog
 * compiles. Private graphs (orders, tickets, configurations) are not counted: anyone may ask.
 * Both are probes, asked every few seconds: their answers are not logged line by line (src/api/app.ts).
 * Before the app is built (`serve` starting), `StartingServer` answers both (src/api/starting.ts).
 */
import type { FastifyInstance } from 'fastify'
import type { RouteContext } from '../context.js'
import { problems } from '../schemas.js'

const started = Date.now()

export async function healthRoutes (app: FastifyInstance, { engine, runner, composer }: RouteContext): Promise<void> {
  app.get('/health', {
    config: { probe: true },
    schema: {
      tags: ['system'],
      summary: 'Liveness: the server answers',
      response: {
        200: {
          type: 'object',
          properties: {
            status: { type: 'string', const: 'ok' },
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
            },
            compose: {
              type: 'object',
              description: 'The composition workers (they answer large discoveries too): `busy` counts threads composing, discovering or loading the catalog, `queued` the compositions and discoveries waiting, `replaced` the threads terminated after a cancellation, an overrun or a crash',
              properties: {
                workers: { type: 'integer' },
                busy: { type: 'integer' },
                queued: { type: 'integer' },
                replaced: { type: 'integer' },
                lastFailure: { type: 'object', properties: { reason: { type: 'string' }, at: { type: 'string', format: 'date-time' } }, required: ['reason', 'at'] }
              },
              required: ['workers', 'busy', 'queued', 'replaced']
            }
          },
          required: ['status', 'uptimeSeconds']
        },
        ...problems()
      }
    }
  }, async () => ({ status: 'ok', uptimeSeconds: Math.floor((Date.now() - started) / 1000), sparql: runner.status(), ...(composer === undefined ? {} : { compose: composer.status() }) }))

  const readiness = {
    type: 'object',
    properties: {
      status: { type: 'string', enum: ['ready', 'starting'], description: '"starting" while the catalog compiles (after start-up, or a write to the catalog: orders, tickets and configurations leave it as it is)' },
      version: { type: 'string', description: 'Changes with every write to a public graph (catalog, vocabulary), by any instance; orders, tickets and configurations leave it as it is' },
      graphs: { type: 'integer', description: 'Public named graphs in the store (operations data and stored configurations are not counted)' },
      triples: { type: 'integer' },
      uptimeSeconds: { type: 'integer' }
    },
    required: ['status', 'version', 'graphs', 'triples', 'uptimeSeconds']
  } as const

  app.get('/health/ready', {
    config: { probe: true },
    schema: {
      tags: ['system'],
      summary: 'Readiness: the compiled catalog is current; store version and counts',
      response: { 200: readiness, 503: readiness, ...problems() }
    }
  }, async (_request, reply) => {
    const { ready, version, graphs, triples } = await engine.readiness()
    return reply.status(ready ? 200 : 503).send({
      status: ready ? 'ready' : 'starting',
      version,
      graphs,
      triples,
      uptimeSeconds: Math.floor((Date.now() - started) / 1000)
    })
  })
}
