/**
 * Security headers on every answer: a closed content policy (a route may widen it for its pages
 * with `config.contentPolicy`), no sniffing, no framing, no referrer, same-origin isolation —
 * helmet's defaults, without Strict-Transport-Security (served over plain HTTP on a laptop or
 * behind a TLS proxy alike: HTTPS is the proxy's decision). Helmet works the headers out once
 * per policy; every answer then only sets them.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { FastifyInstance } from 'fastify'
import helmet from 'helmet'

/** A content policy: directive (`default-src`) → its sources (`'self'`, `data:`). */
export type ContentPolicy = Readonly<Record<string, readonly string[]>>

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The content policy of this route's answers, instead of the app's. */
    contentPolicy?: ContentPolicy
  }
}

type Headers = ReadonlyArray<readonly [string, string]>

/** The headers helmet sets for `policy`, in its order, taken from one run of its middleware. */
export function securityHeaders (policy: ContentPolicy): Headers {
  const headers: Array<readonly [string, string]> = []
  const response = {
    setHeader (name: string, value: number | string | readonly string[]) { headers.push([name.toLowerCase(), String(value)]) },
    removeHeader () {}
  }
  const middleware = helmet({ contentSecurityPolicy: { useDefaults: false, directives: policy }, strictTransportSecurity: false })
  let ran = false
  middleware({} as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => {
    if (error !== undefined) throw error instanceof Error ? error : new Error(String(error))
    ran = true
  })
  if (!ran) throw new Error('helmet did not set its headers in one synchronous run')
  return headers
}

/**
 * Sets the security headers on every answer of `app` (a route's own `config.contentPolicy`
 * replacing `policy`), in an `onRequest` hook added now: hooks added after it (the Host check)
 * answer with the headers too.
 *
 * @example
 * addSecurityHeaders(app, { 'default-src': ["'none'"], 'frame-ancestors': ["'none'"] })
 */
export function addSecurityHeaders (app: FastifyInstance, policy: ContentPolicy): void {
  const defaults = securityHeaders(policy)
  const perRoute = new WeakMap<ContentPolicy, Headers>()
  app.addHook('onRequest', (request, reply, done) => {
    const own = request.routeOptions.config.contentPolicy
    let headers = defaults
    if (own !== undefined) {
      headers = perRoute.get(own) ?? securityHeaders(own)
      perRoute.set(own, headers)
    }
    for (const [name, value] of headers) reply.raw.setHeader(name, value)
    done()
  })
}
