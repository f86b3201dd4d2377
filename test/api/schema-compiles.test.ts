import Fastify from 'fastify'
import type { FastifyInstance } from 'fastify'
import { describe, expect, it } from 'vitest'
import { SchemaCompiles } from '../../src/api/schema-compiles.js'

const ajv = { customOptions: { removeAdditional: false, coerceTypes: 'array' as const, allErrors: false } }

const body = {
  type: 'object',
  required: ['name', 'tags'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 2 },
    count: { type: 'integer', minimum: 0, default: 3 },
    tags: { type: 'array', items: { type: 'string' } },
    when: { type: 'string', format: 'date-time' }
  }
}
const answer = {
  type: 'object',
  properties: { name: { type: 'string' }, count: { type: 'integer' }, tags: { type: 'array', items: { type: 'string' } }, limit: { type: 'number' }, id: { type: 'integer' } }
}

/** The same routes, with Fastify's compilers as it runs them or with `SchemaCompiles`. */
function appWith (schemas: SchemaCompiles | undefined): FastifyInstance {
  const app = Fastify({ ajv, ...(schemas === undefined ? {} : { schemaController: { compilersFactory: schemas.compilersFactory } }) })
  if (schemas !== undefined) app.addHook('onReady', async () => { await schemas.compileAll() })
  for (let route = 0; route < 20; route++) {
    app.post(`/items/${route}/:id`, {
      schema: {
        body,
        params: { type: 'object', properties: { id: { type: 'integer' } } },
        querystring: { type: 'object', properties: { limit: { type: 'number', maximum: 50 } } },
        headers: { type: 'object', properties: { 'x-trace': { type: 'string', pattern: '^[a-z]+$' } } },
        response: { 200: answer }
      }
    }, async request => ({ ...(request.body as object), ...(request.query as object), id: (request.params as { id: number }).id, secret: 'not in the schema' }))
  }
  return app
}

const requests = [
  { url: '/items/3/7?limit=5', payload: { name: 'ab', tags: 'one' } },
  { url: '/items/19/7', payload: { name: 'ab', tags: ['x', 'y'], count: '4' } },
  { url: '/items/0/7', payload: { name: 'a', tags: [] } },
  { url: '/items/0/7', payload: { name: 'ab', tags: [], extra: 1 } },
  { url: '/items/0/seven', payload: { name: 'ab', tags: [] } },
  { url: '/items/0/7?limit=500', payload: { name: 'ab', tags: [] } },
  { url: '/items/0/7', payload: { name: 'ab', tags: [], when: 'yesterday' } },
  { url: '/items/0/7', payload: { name: 'ab', tags: [] }, headers: { 'X-Trace': 'ABC' } },
  { url: '/items/0/7', payload: { name: 'ab', tags: [] }, headers: { 'x-trace': 'abc' } },
  { url: '/items/0/7', payload: { tags: [] } }
]

describe('schemas compiled in slices', () => {
  it('answers every request exactly as Fastify\'s own compilers do: coercion, defaults, errors, serialization', async () => {
    const plain = appWith(undefined)
    const sliced = appWith(new SchemaCompiles())
    for (const request of requests) {
      const [expected, actual] = await Promise.all([plain, sliced].map(app => app.inject({ method: 'POST', ...request })))
      expect({ status: actual!.statusCode, body: actual!.json() as unknown }).toEqual({ status: expected!.statusCode, body: expected!.json() as unknown })
    }
    // Some of them passed and some failed, for each part.
    const statuses = await Promise.all(requests.map(async request => (await sliced.inject({ method: 'POST', ...request })).statusCode))
    expect(statuses).toEqual([200, 200, 400, 400, 400, 400, 400, 400, 200, 400])
    expect((await sliced.inject({ method: 'POST', ...requests[1]! })).json()).toEqual({ name: 'ab', tags: ['x', 'y'], count: 4, id: 7 })
  })

  it('compiles nothing until the app gets ready, then every schema, a turn of the event loop between slices', async () => {
    const schemas = new SchemaCompiles()
    const app = Fastify({ ajv, schemaController: { compilersFactory: schemas.compilersFactory } })
    for (let route = 0; route < 5; route++) app.post(`/r${route}`, { schema: { body, response: { 200: answer } } }, async request => request.body)
    await app.register(async () => undefined)
    // Fastify hands the schemas over while it gets ready; a clock whose slices are always over
    // gives a turn before every compile.
    const seen: number[] = []
    let turns = true
    const watch = () => { seen.push(schemas.pending); if (turns) setImmediate(watch) }
    app.addHook('onReady', async () => {
      expect(schemas.pending).toBe(10)
      setImmediate(watch)
      await schemas.compileAll({ over: () => true, start: () => undefined })
      turns = false
    })
    await app.ready()
    expect(schemas.pending).toBe(0)
    expect(seen.slice(0, 10)).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1])
    expect((await app.inject({ method: 'POST', url: '/r2', payload: { name: 'ab', tags: [] } })).json()).toEqual({ name: 'ab', tags: [], count: 3 })
  })

  it('refuses a headers schema that names a header with capitals, which Fastify would have written in lower case', async () => {
    const schemas = new SchemaCompiles()
    const app = Fastify({ ajv, schemaController: { compilersFactory: schemas.compilersFactory } })
    app.get('/h', { schema: { headers: { type: 'object', required: ['X-Trace'], properties: { 'X-Trace': { type: 'string' } } } } }, async () => 'ok')
    await expect(app.ready()).rejects.toThrow(/GET \/h: the headers schema names "X-Trace"; name headers in lower case/)
  })
})
