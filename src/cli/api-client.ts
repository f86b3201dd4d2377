/**
 * Commands that act on a running Symphony server (orders and subscriptions live there: its
 * adapters talk to the providers and receive their callbacks): `--api <url>` (or
 * `$SYMPHONY_API`, default http://127.0.0.1:8080) and `--token <token>` (or `$SYMPHONY_TOKEN`).
 */
import { SymphonyError } from '../errors.js'
import type { ErrorCode } from '../errors.js'
import { errorCodes } from '../errors.js'
import type { OptionValues } from './command.js'
import type { Io } from './io.js'

export const apiClientOptions = {
  api: { type: 'string' },
  token: { type: 'string' }
} as const

export interface ApiClient {
  call (method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown>
}

/** A client for the server named by `--api`, authenticated with `--token`. */
export function apiClient (values: OptionValues, io: Io): ApiClient {
  const base = (typeof values.api === 'string' ? values.api : io.env.SYMPHONY_API ?? 'http://127.0.0.1:8080').replace(/\/+$/, '')
  const token = typeof values.token === 'string' ? values.token : io.env.SYMPHONY_TOKEN
  return {
    async call (method, path, body) {
      let response: Response
      try {
        response = await fetch(base + path, {
          method,
          headers: {
            accept: 'application/json',
            ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
            ...(body === undefined ? {} : { 'content-type': 'application/json' })
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) })
        })
      } catch (error) {
        throw new SymphonyError('BAD_REQUEST', `cannot reach the Symphony server at ${base} (start it with \`symphony serve\`, or pass --api <url>)`, { cause: error })
      }
      const text = await response.text()
      const answer = text === '' ? undefined : JSON.parse(text) as unknown
      if (response.status >= 400) {
        const problem = answer as { code?: string, detail?: string } | undefined
        const code = problem?.code !== undefined && problem.code in errorCodes ? problem.code as ErrorCode : 'BAD_REQUEST'
        throw new SymphonyError(code, `${method} ${path}: ${response.status} ${problem?.detail ?? text}`, { details: answer })
      }
      return answer
    }
  }
}
