/** Options of `buildApp`. */
import type { FastifyServerOptions } from 'fastify'
import type { Principal } from '../accounts/index.js'
import type { BookedSubscription } from '../billing/index.js'
import type { ThrottleOptions } from './auth-throttle.js'

/** Checks bearer tokens: the principal a token belongs to, or `undefined` for an unknown token. */
export interface TokenVerifier {
  verify (token: string): Promise<Principal | undefined>
}

export interface ApiOptions {
  /** Serve on this socket instead of Fastify's own (`serve` listens before the app is built: `StartingServer`). */
  readonly serverFactory?: FastifyServerOptions['serverFactory']
  /** `true`, `false` (default) or pino options; every line carries the request id. */
  readonly logger?: FastifyServerOptions['logger']
  /** Log a line for each request and response (default true; off leaves errors and warnings). */
  readonly requestLog?: boolean
  /**
   * Host names the server answers for (ports are ignored); a request naming another host is
   * refused before any route runs, against DNS rebinding. Without it, any host is answered.
   */
  readonly allowedHosts?: readonly string[]
  /** Account tokens (operator, providers, customers); without them every route that needs a caller answers 401. */
  readonly tokens?: TokenVerifier
  /** Throttling of failed authentication per client address (default: 10 failures a minute). */
  readonly authThrottle?: ThrottleOptions
  readonly sparql?: {
    /** Longest evaluation of one SPARQL query in ms (default 10 000). */
    readonly timeoutMs?: number
    /** Most rows (SELECT) or triples (CONSTRUCT/DESCRIBE) in an answer (default 10 000). */
    readonly resultCap?: number
    /** Most characters in a query (default 100 000). */
    readonly maxQueryLength?: number
    /** Most brackets (`{`, `(`, `[`) open at once in a query (default 64). */
    readonly maxDepth?: number
    /** Most queries waiting for the worker before 503 BUSY (default 16). */
    readonly queueCapacity?: number
  }
  /** Composition in worker threads, so a long search never holds up other requests. */
  readonly compose?: {
    /** Worker threads (default: available cores − 1, at least 1); 0 composes on the main thread. */
    readonly workers?: number
    /** Most compositions waiting for a free worker before 503 BUSY (default 16). */
    readonly queueCapacity?: number
    /**
     * Discoveries over a catalog of at least this many services run in a worker that holds the
     * current catalog, when one is free of compositions (default 1,000; 0: every discovery).
     */
    readonly discoveryFrom?: number
    /** The worker module (default: the composition worker); tests pass others. */
    readonly entry?: URL
  }
  /** Largest request body in bytes (default 5 MiB). */
  readonly bodyLimit?: number
  /** Serve the web console at `/` (default true). */
  readonly console?: boolean
  /** Billing: where booked subscriptions come from (default: the engine's, once its operations are open) and the clock (default: system time). */
  readonly billing?: {
    readonly subscriptions?: () => Promise<readonly BookedSubscription[]>
    readonly now?: () => Date
  }
}

export const defaults = {
  timeoutMs: 10_000,
  resultCap: 10_000,
  maxQueryLength: 100_000,
  maxDepth: 64,
  queueCapacity: 16,
  discoveryFrom: 1000,
  bodyLimit: 5 * 1024 * 1024
} as const
