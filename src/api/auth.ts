/** Bearer-token authentication of providers (RFC 6750): the token names the provider IRI. */
import type { FastifyRequest } from 'fastify'
import { SymphonyError } from '../errors.js'
import type { TokenVerifier } from './options.js'

/** The provider IRI the request's bearer token belongs to; UNAUTHORIZED otherwise. */
export async function authenticate (request: FastifyRequest, tokens: TokenVerifier | undefined): Promise<string> {
  const header = request.headers.authorization
  if (header === undefined || header.trim() === '') {
    throw new SymphonyError('UNAUTHORIZED', 'publishing needs a provider token: send "Authorization: Bearer <token>" (the operator issues tokens with `symphony token add <provider-IRI>`)')
  }
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header)
  if (match === null) {
    throw new SymphonyError('UNAUTHORIZED', 'the Authorization header must be "Bearer <token>"')
  }
  const provider = tokens === undefined ? undefined : await tokens.verify(match[1]!)
  if (provider === undefined) {
    throw new SymphonyError('UNAUTHORIZED', 'the bearer token is not valid (unknown or revoked); ask the operator for a new one')
  }
  return provider
}
