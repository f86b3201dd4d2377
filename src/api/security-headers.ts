/**
 * Security headers on every answer: a closed content policy (a route may widen it for its pages
 * with `config.contentPolicy`), no sniffing, no framing, no referrer, same-origin isolation — the
 * set helmet sends by default, without Strict-Transport-Security (served over plain HTTP on a
 * laptop or behind a TLS proxy alike: HTTPS is the proxy's decision). The header values are
 * worked out once per policy, not for every request.
 */
import type { FastifyInstance } from 'fastify'

/** A content policy: directive (`default-src`) → its sources (`'self'`, `data:`). */
export type ContentPolicy = Readonly<Record<string, readonly string[]>>

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The content policy of this route's answers, instead of the app's. */
    contentPolicy?: ContentPolicy
  }
}

/** The headers every answer carries besides its content policy, in the order they are set. */
const isolation: ReadonlyArray<readonly [string, string]> = [
  ['cross-origin-opener-policy', 'same-origin'],
  ['cross-origin-resource-policy', 'same-origin'],
  ['origin-agent-cluster', '?1'],
  ['referrer-policy', 'no-referrer'],
  ['x-content-type-options', 'nosniff'],
  ['x-dns-prefetch-control', 'off'],
  ['x-download-options', 'noopen'],
  ['x-frame-options', 'SAMEORIGIN'],
  ['x-permitted-cross-domain-policies', 'none'],
  ['x-xss-protection', '0']
]

/** The `Content-Security-Policy` value of `policy`: `default-src 'none';base-uri 'none'`. */
export function contentPolicyHeader (policy: ContentPolicy): string {
  return Object.entries(policy).map(([directive, sources]) => [directive, ...sources].join(' ')).join(';')
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
  const headersOf = (given: ContentPolicy): ReadonlyArray<readonly [string, string]> => [['content-security-policy', contentPolicyHeader(given)], ...isolation]
  const defaults = headersOf(policy)
  const perRoute = new WeakMap<ContentPolicy, ReadonlyArray<readonly [string, string]>>()
  app.addHook('onRequest', (request, reply, done) => {
    const own = request.routeOptions.config.contentPolicy
    let headers = defaults
    if (own !== undefined) {
      headers = perRoute.get(own) ?? headersOf(own)
      perRoute.set(own, headers)
    }
    for (const [name, value] of headers) reply.raw.setHeader(name, value)
    done()
  })
}
