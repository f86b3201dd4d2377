/**
 * Bearer-token authentication (RFC 6750) and the one place where a route states who may call
 * it: `onRequest: requireRole('customer', 'operator')` resolves the caller's `Principal` from
 * the token (401 without a valid one, 403 for another role) and puts it on the request.
 * Ownership of a thing is then checked with `ensureOwner` (403), or with `ensureVisible` (404,
 * as for a record that does not exist) where ids can be guessed.
 */
import type { FastifyReply, FastifyRequest } from 'fastify'
import { mayActFor } from '../accounts/index.js'
import type { Principal, Role } from '../accounts/index.js'
import { SymphonyError } from '../errors.js'
import type { ErrorMessages } from '../errors.js'
import type { FailedAuthThrottle } from './auth-throttle.js'
import type { TokenVerifier } from './options.js'

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated caller; set by `requireRole`. */
    principal?: Principal
  }
  interface FastifyInstance {
    /** The account tokens (`buildApp`'s `tokens` option); without them every protected route answers 401. */
    tokens: TokenVerifier | undefined
    /** Failed authentication per client address (429 after too many). */
    authThrottle: FailedAuthThrottle
  }
}

/** The roles in German sentences ("ein Konto als Kunde"). */
const roleInGerman: Readonly<Record<Role, string>> = { operator: 'Betreiber', provider: 'Anbieter', customer: 'Kunde' }

const howToGetOne: Readonly<Record<Role, string>> = {
  operator: '`symphony account add --operator`',
  provider: '`symphony account add --provider <provider-IRI>`',
  customer: '`symphony account add --customer <name>`'
}

/** The principal of the request's bearer token; UNAUTHORIZED when there is none or it is not valid. */
export async function authenticate (request: FastifyRequest, tokens: TokenVerifier | undefined, roles: readonly Role[]): Promise<Principal> {
  const throttle = request.server.authThrottle
  throttle.check(request.ip)
  try {
    return await verifyBearer(request, tokens, roles)
  } catch (error) {
    if (error instanceof SymphonyError && error.code === 'UNAUTHORIZED') throttle.fail(request.ip)
    throw error
  }
}

async function verifyBearer (request: FastifyRequest, tokens: TokenVerifier | undefined, roles: readonly Role[]): Promise<Principal> {
  const header = request.headers.authorization
  if (header === undefined || header.trim() === '') {
    const commands = roles.map(role => howToGetOne[role])
    throw new SymphonyError('UNAUTHORIZED', {
      en: `this needs a token of a ${roles.join(' or ')} account: send "Authorization: Bearer <token>" (the operator issues tokens with ${commands.join(' or ')})`,
      de: `dafür braucht es das Token eines Kontos als ${roles.map(role => roleInGerman[role]).join(' oder ')}: senden Sie "Authorization: Bearer <token>" (der Betreiber stellt Tokens mit ${commands.join(' oder ')} aus)`
    })
  }
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header)
  if (match === null) {
    throw new SymphonyError('UNAUTHORIZED', { en: 'the Authorization header must be "Bearer <token>"', de: 'der Authorization-Header muss "Bearer <token>" lauten' })
  }
  const principal = tokens === undefined ? undefined : await tokens.verify(match[1]!)
  if (principal === undefined) {
    throw new SymphonyError('UNAUTHORIZED', {
      en: 'the bearer token is not valid (unknown or revoked); ask the operator for a new one',
      de: 'das Bearer-Token ist ungültig (unbekannt oder widerrufen); bitten Sie den Betreiber um ein neues'
    })
  }
  return principal
}

/**
 * A route hook (`onRequest`, so nothing of an unauthenticated body is parsed; `preHandler`
 * works too) that lets only the given roles through and sets `request.principal`. The
 * verifier is the app's (`buildApp`'s `tokens`).
 *
 * @example
 * app.get('/orders', { onRequest: requireRole('customer', 'operator') }, async request => listOrders(principalOf(request)))
 */
export function requireRole (...roles: readonly Role[]): (request: FastifyRequest, reply: FastifyReply) => Promise<void> {
  return async function (request: FastifyRequest, _reply: FastifyReply): Promise<void> {
    const principal = await authenticate(request, request.server.tokens, roles)
    if (!roles.includes(principal.role)) {
      throw new SymphonyError('FORBIDDEN', {
        en: `this is for ${roles.join(' or ')} accounts; the token belongs to a ${principal.role} account (${principal.id})`,
        de: `dies ist Konten als ${roles.map(role => roleInGerman[role]).join(' oder ')} vorbehalten; das Token gehört zu einem Konto als ${roleInGerman[principal.role]} (${principal.id})`
      })
    }
    request.principal = principal
  }
}

/** The caller `requireRole` resolved; a route without `requireRole` has none (an internal error). */
export function principalOf (request: FastifyRequest): Principal {
  if (request.principal === undefined) {
    const route = request.routeOptions.url ?? request.url
    throw new SymphonyError('INTERNAL', {
      en: `route ${route} reads the caller without requireRole`,
      de: `die Route ${route} liest den Aufrufer ohne requireRole`
    })
  }
  return request.principal
}

/**
 * FORBIDDEN unless the principal is the operator or `owner` itself (a provider or customer IRI);
 * `what` names the record in English and German (`invoice 7`, `die Rechnung 7`).
 */
export function ensureOwner (principal: Principal, owner: string, what: ErrorMessages): void {
  if (!mayActFor(principal, owner)) {
    throw new SymphonyError('FORBIDDEN', {
      en: `${what.en} belongs to another account; a ${principal.role} account sees only its own`,
      de: `${what.de} gehört zu einem anderen Konto; ein Konto als ${roleInGerman[principal.role]} sieht nur seine eigenen`
    })
  }
}

/**
 * NOT_FOUND, worded as `missing` (the answer for a record that does not exist), unless the
 * principal is the operator or `owner` itself: for records whose ids can be guessed (an invoice
 * number is made of the customer's name and the month), where a FORBIDDEN would tell a stranger
 * that the record exists.
 */
export function ensureVisible (principal: Principal, owner: string, missing: ErrorMessages): void {
  if (!mayActFor(principal, owner)) throw new SymphonyError('NOT_FOUND', missing)
}

/** BAD_REQUEST for an operator's request about a customer that does not say which. */
export function operatorNamesTheCustomer (): SymphonyError {
  return new SymphonyError('BAD_REQUEST', {
    en: 'the operator names the customer: ?customer=<customer IRI>',
    de: 'der Betreiber nennt den Kunden: ?customer=<IRI des Kunden>'
  })
}
