/** Options of `buildApp`. */
import type { FastifyServerOptions } from 'fastify'

/** Checks bearer tokens: the provider IRI a token belongs to, or `undefined` for an unknown token. */
export interface TokenVerifier {
  verify (token: string): Promise<string | undefined>
}

export interface ApiOptions {
  /** `true`, `false` (default) or pino options; every line carries the request id. */
  readonly logger?: FastifyServerOptions['logger']
  /** Publishing tokens; without them every publishing write is refused with 401. */
  readonly tokens?: TokenVerifier
  readonly sparql?: {
    /** Longest evaluation of one SPARQL query in ms (default 10 000). */
    readonly timeoutMs?: number
    /** Most rows (SELECT) or triples (CONSTRUCT/DESCRIBE) in an answer (default 10 000). */
    readonly resultCap?: number
  }
  /** Largest request body in bytes (default 5 MiB). */
  readonly bodyLimit?: number
  /** Serve the web console at `/` (default true). */
  readonly console?: boolean
}

export const defaults = {
  timeoutMs: 10_000,
  resultCap: 10_000,
  bodyLimit: 5 * 1024 * 1024
} as const
