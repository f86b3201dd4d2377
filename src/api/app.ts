/**
 * The HTTP API: a Fastify app over the engine. Handlers are thin: they read the request, call
 * the engine and send its answer; every failure goes through the one error handler.
 */
import { randomUUID } from 'node:crypto'
import { createRequire } from 'node:module'
import { availableParallelism } from 'node:os'
import Fastify, { LogController } from 'fastify'
import type { FastifyInstance } from 'fastify'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { Quad } from '@rdfjs/types'
import type { Engine } from '../engine.js'
import { registerBodyParsers } from './body-parsers.js'
import { requireFiniteNumbers } from './finite-numbers.js'
import { FailedAuthThrottle } from './auth-throttle.js'
import { hostCheck } from './host-check.js'
import { addSecurityHeaders } from './security-headers.js'
import type { RouteContext } from './context.js'
import { defaults } from './options.js'
import { docsPage } from './docs-page.js'
import type { ApiOptions } from './options.js'
import { handleError, handleFrameworkError, handleNotFound, writeClientError } from './problem.js'
import { problemSchema } from './schemas.js'
import { SchemaCompiles } from './schema-compiles.js'
import { EndpointRunner } from './sparql/endpoint-runner.js'
import { QueryRunner } from './sparql/runner.js'
import { snapshotOf } from './sparql/snapshot.js'
import type { SparqlRunner } from './sparql/runner.js'
import { routeModules } from './routes/index.js'
import { ComposePool, workerCatalogOf } from './compose-pool/index.js'
import { buildTermIndex } from './ontology/term-index.js'
import type { TermIndex } from './ontology/term-index.js'
import { isPrivateGraph } from '../project.js'
import { nextTurn } from '../turns.js'

const requestIdPattern = /^[\w.:-]{1,100}$/

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A probe asked every few seconds (`/health`, `/health/ready`): its answers are not logged line by line. */
    probe?: boolean
  }
}

// The largest modules Fastify (its logger) and the docs plugins require only when an app is built
// or registers them, loaded with this one (before `serve` listens) instead of in one piece while
// the app is built and gets ready and a starting server waits.
const resolve = createRequire(import.meta.url).resolve
for (const [from, module] of [['fastify', 'pino'], ['@fastify/swagger', 'yaml'], ['@fastify/swagger-ui', '@fastify/static']] as const) createRequire(resolve(from))(module)

/** Whether a request was routed to a probe (`config: { probe: true }`); unrouted ones are not. */
function isProbe (request: object): boolean {
  return (request as { routeOptions?: { config?: { probe?: boolean } } }).routeOptions?.config?.probe === true
}

/**
 * Builds the API app without listening; `symphony serve` listens, tests use `app.inject`.
 *
 * @example
 * const app = buildApp(engine, { logger: true, tokens })
 * await app.listen({ port: 8080, host: '127.0.0.1' })
 */
export function buildApp (engine: Engine, options: ApiOptions = {}): FastifyInstance {
  // The routes' schemas are compiled as the app gets ready, in slices (see `onReady` below).
  const schemas = new SchemaCompiles()
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? defaults.bodyLimit,
    requestIdHeader: false,
    // The probes (liveness and readiness) are asked every few seconds by load balancers and
    // orchestrators: their answers would fill the log and cost each probe two synchronous writes.
    // Refused or failed probes are still logged (by the error handler, which this does not gate).
    logController: new LogController({ requestIdLogLabel: 'requestId', disableRequestLogging: options.requestLog === false ? true : isProbe }),
    // A client's X-Request-Id is kept when it is a plain token, so logs can be correlated across systems.
    genReqId: request => {
      const given = request.headers['x-request-id']
      return typeof given === 'string' && requestIdPattern.test(given) ? given : randomUUID()
    },
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false } },
    schemaController: { compilersFactory: schemas.compilersFactory },
    frameworkErrors: handleFrameworkError,
    clientErrorHandler: writeClientError,
    routerOptions: { ignoreTrailingSlash: true },
    ...(options.serverFactory === undefined ? {} : { serverFactory: options.serverFactory })
  })

  // On a remote store the endpoint answers SPARQL itself; locally a worker holds a snapshot.
  const timeoutMs = options.sparql?.timeoutMs ?? defaults.timeoutMs
  const queueCapacity = options.sparql?.queueCapacity ?? defaults.queueCapacity
  const endpoint = engine.endpoint
  const runner: SparqlRunner = endpoint !== undefined
    ? new EndpointRunner(endpoint, { timeoutMs, queueCapacity, publicGraphs: () => engine.publicGraphs() })
    : new QueryRunner({ timeoutMs, queueCapacity, snapshot: async options => snapshotOf(engine.store, isPrivateGraph, options), version: () => engine.store.version({ publicOnly: true }) })
  // The term pages follow the vocabulary (extensions included): rebuilt when it changes.
  const termIndexes = new WeakMap<readonly Quad[], TermIndex>()
  // One core stays with the event loop; on a single core the one worker still keeps it free.
  const workers = options.compose?.workers ?? Math.max(1, availableParallelism() - 1)
  const composer = workers === 0
    ? undefined
    : new ComposePool({ size: workers, queueCapacity: options.compose?.queueCapacity ?? defaults.queueCapacity, catalog: workerCatalogOf(engine), limits: engine.composeLimits, onWarning: messages => { app.log.warn(messages.en) }, ...(options.compose?.entry === undefined ? {} : { entry: options.compose.entry }) })
  const context: RouteContext = {
    engine,
    options,
    runner,
    composer,
    terms: async () => {
      const vocabulary = await engine.vocabulary()
      let index = termIndexes.get(vocabulary)
      if (index === undefined) termIndexes.set(vocabulary, index = buildTermIndex(vocabulary))
      return index
    }
  }

  // Security headers on every answer; the console and /docs widen the content policy for their pages.
  addSecurityHeaders(app, { 'default-src': ["'none'"], 'base-uri': ["'none'"], 'form-action': ["'none'"], 'frame-ancestors': ["'none'"] })
  // After the headers, so a refused host gets them too; before any route.
  if (options.allowedHosts !== undefined) {
    const checkHost = hostCheck(options.allowedHosts)
    app.addHook('onRequest', async request => { checkHost(request.headers.host) })
  }
  app.decorate('tokens', options.tokens)
  app.decorate('authThrottle', new FailedAuthThrottle(options.authThrottle))
  registerBodyParsers(app)
  app.addHook('preHandler', requireFiniteNumbers)
  app.addSchema(problemSchema)
  app.setErrorHandler(handleError)
  app.setNotFoundHandler(handleNotFound)
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-request-id', request.id)
    return payload
  })
  app.addHook('onClose', async () => { await Promise.all([runner.close(), composer?.close()]) })
  // A server that is starting keeps answering while the schemas compile.
  app.addHook('onReady', async () => { await schemas.compileAll() })

  app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Symphony API',
        version: '0.1.0',
        description: 'Ontology-driven ICT service matching, composition and configuration forms. Errors are application/problem+json with a stable `code`.'
      },
      tags: [
        { name: 'system' }, { name: 'ontology' }, { name: 'sparql' }, { name: 'catalog' }, { name: 'matching' },
        { name: 'composition' }, { name: 'forms' }, { name: 'publishing' }, { name: 'operations' }, { name: 'vocabulary' }
      ],
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'Account token from `symphony account add` (operator, provider or customer)' } } }
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => typeof json.$id === 'string' ? json.$id : `def-${i}` }
  })
  app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true, transformStaticCSP: docsPolicy, ...docsPage })
  app.register(async instance => {
    instance.get('/openapi.json', { schema: { hide: true } }, async () => instance.swagger())
    // A turn of the event loop after each module's routes: a starting server keeps answering.
    for (const routes of routeModules) {
      await instance.register(routes, context)
      await nextTurn()
    }
  })
  return app
}

/**
 * The API docs' content policy: Swagger UI sets inline styles as it renders (scripts stay locked to
 * this server), and its pages come from this server, so nothing is upgraded to HTTPS (which a
 * server on a local network may not speak).
 */
function docsPolicy (policy: string): string {
  return policy.replace(/\s*upgrade-insecure-requests;?/, '').replace(/style-src ([^;]*)/, "style-src $1 'unsafe-inline'")
}
