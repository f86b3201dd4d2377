/**
 * The routes' JSON schemas compiled in slices: Fastify compiles every route's validators and
 * serializers in one piece as it gets ready (about 0.35 s for this API), which would hold every
 * request a starting server answers meanwhile. Here Fastify's own compilers (those it uses by
 * default, loaded from its own dependencies) are called for the same schemas with the same
 * options, in the same order, but from the app's `onReady` hook, a few per turn of the event
 * loop: `ready()` still resolves only when every schema is compiled, and a schema that does not
 * compile still fails it. (With compilers of its own, Fastify no longer writes a headers schema's
 * names in lower case, as Node.js gives them: such a schema must name them so itself.)
 */
import { createRequire } from 'node:module'
import type { FastifyServerOptions } from 'fastify'
import { SymphonyError } from '../errors.js'
import { nextTurn, SliceClock } from '../turns.js'

type CompilersFactory = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>
/** What Fastify hands a compiler: one schema of one route. */
interface RouteSchema { readonly schema: unknown, readonly method: string, readonly url: string, readonly httpPart?: string }
/** An ajv validate function as Fastify calls it. */
type Validator = ((...args: unknown[]) => unknown) & { readonly errors?: unknown, readonly schemaEnv?: unknown }
type Serializer = (data: unknown) => string
type Factory<T> = (externalSchemas: unknown, options: unknown) => (route: RouteSchema) => T

// Fastify's default compilers, from where Fastify itself resolves them.
const fromFastify = createRequire(createRequire(import.meta.url).resolve('fastify'))
const defaultValidators = fromFastify('@fastify/ajv-compiler') as () => Factory<Validator>
const defaultSerializers = fromFastify('@fastify/fast-json-stringify-compiler') as () => Factory<Serializer>

/** Compilers for one app whose work waits for `compileAll`. */
export class SchemaCompiles {
  readonly #pending: Array<() => unknown> = []
  readonly #validators = defaultValidators()
  readonly #serializers = defaultSerializers()

  /** For Fastify's `schemaController` option. */
  readonly compilersFactory = {
    // The compiler itself (an ajv instance with the shared schemas) is made on the first compile too.
    buildValidator: (externalSchemas: unknown, options: unknown) => {
      const compiler = once(() => this.#validators(externalSchemas, options))
      return (route: RouteSchema) => {
        if (route.httpPart === 'headers') headerNamesInLowerCase(route.schema, `${route.method} ${route.url}`)
        return this.#validator(() => compiler()(route))
      }
    },
    buildSerializer: (externalSchemas: unknown, options: unknown) => {
      const compiler = once(() => this.#serializers(externalSchemas, options))
      return (route: RouteSchema) => this.#serializer(() => compiler()(route))
    }
  // Fastify types its factories by the compilers' own packages, which are not this project's dependencies.
  } as unknown as CompilersFactory

  /** Schemas handed to the compilers and not compiled yet. */
  get pending (): number {
    return this.#pending.length
  }

  /** Compiles every schema handed over so far, in order, a slice of about 2 ms (`clock`) per turn of the event loop. */
  async compileAll (clock: Pick<SliceClock, 'over' | 'start'> = new SliceClock()): Promise<void> {
    clock.start()
    while (this.#pending.length > 0) {
      if (clock.over()) {
        await nextTurn()
        clock.start()
      }
      this.#pending.shift()!()
    }
  }

  #validator (compile: () => Validator): Validator {
    let compiled: Validator | undefined
    const get = (): Validator => (compiled ??= compile())
    this.#pending.push(get)
    // Fastify reads `errors` after a failed call, and passes the parent data when `schemaEnv` is set (ajv).
    const validator = (...args: unknown[]) => get()(...args)
    Object.defineProperty(validator, 'errors', { get: () => get().errors })
    Object.defineProperty(validator, 'schemaEnv', { get: () => get().schemaEnv })
    return validator
  }

  #serializer (compile: () => Serializer): Serializer {
    let compiled: Serializer | undefined
    const get = (): Serializer => (compiled ??= compile())
    this.#pending.push(get)
    return data => get()(data)
  }
}

function once<T> (make: () => T): () => T {
  let made: { value: T } | undefined
  return () => (made ??= { value: make() }).value
}

/** Refuses a headers schema naming a header with a capital letter (it would never match). */
function headerNamesInLowerCase (schema: unknown, route: string): void {
  if (Array.isArray(schema)) {
    for (const item of schema) headerNamesInLowerCase(item, route)
    return
  }
  if (schema === null || typeof schema !== 'object') return
  for (const [key, value] of Object.entries(schema)) {
    const names = key === 'properties' && value !== null && typeof value === 'object' ? Object.keys(value) : key === 'required' && Array.isArray(value) ? value.map(String) : []
    const named = names.find(name => name !== name.toLowerCase())
    if (named !== undefined) {
      throw new SymphonyError('INTERNAL', {
        en: `${route}: the headers schema names "${named}"; name headers in lower case, as Node.js gives them`,
        de: `${route}: das Header-Schema nennt "${named}"; nennen Sie Header in Kleinbuchstaben, wie Node.js sie liefert`
      })
    }
    headerNamesInLowerCase(value, route)
  }
}
