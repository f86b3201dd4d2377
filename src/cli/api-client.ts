/**
 * Commands that act on a running Symphony server (orders and subscriptions live there: its
 * adapters talk to the providers and receive their callbacks): `--api <url>` (or
 * `$SYMPHONY_API`, default http://127.0.0.1:8080) and `--token <token>` (or `$SYMPHONY_TOKEN`).
 * Requests carry the CLI's language as `Accept-Language`, so what the server words is in it.
 */
import { SymphonyError } from '../errors.js'
import type { ErrorCode } from '../errors.js'
import { errorCodes } from '../errors.js'
import type { OptionSpecs, OptionValues } from './command.js'
import type { Io } from './io.js'
import { textLanguageOf } from './language.js'

export const apiClientOptions = {
  api: {
    type: 'string',
    help: {
      value: '<url>',
      text: { en: 'the Symphony server to ask', de: 'der Symphony-Server, der gefragt wird' },
      default: { en: '$SYMPHONY_API, else http://127.0.0.1:8080', de: '$SYMPHONY_API, sonst http://127.0.0.1:8080' }
    }
  },
  token: {
    type: 'string',
    help: {
      value: '<token>',
      text: { en: 'the bearer token of the account acting (symphony account add)', de: 'das Bearer-Token des handelnden Kontos (symphony account add)' },
      default: '$SYMPHONY_TOKEN'
    }
  }
} as const satisfies OptionSpecs

export interface ApiClient {
  call (method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<unknown>
  /** A GET whose answer is a document (XML, PDF, Turtle) rather than JSON: its bytes. */
  download (path: string, accept: string): Promise<Uint8Array>
}

/** A client for the server named by `--api`, authenticated with `--token`. */
export function apiClient (values: OptionValues, io: Io): ApiClient {
  const base = (typeof values.api === 'string' ? values.api : io.env.SYMPHONY_API ?? 'http://127.0.0.1:8080').replace(/\/+$/, '')
  const token = typeof values.token === 'string' ? values.token : io.env.SYMPHONY_TOKEN
  // The server answers in the CLI's language: reasons of failures, events, problem details.
  const language = textLanguageOf(values, io)
  const send = async (method: string, path: string, accept: string, body?: unknown): Promise<Response> => {
    let response: Response
    try {
      response = await fetch(base + path, {
        method,
        headers: {
          accept,
          'accept-language': language,
          ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
          ...(body === undefined ? {} : { 'content-type': 'application/json' })
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) })
      })
    } catch (error) {
      throw new SymphonyError('BAD_REQUEST', {
        en: `cannot reach the Symphony server at ${base} (start it with \`symphony serve\`, or pass --api <url>)`,
        de: `der Symphony-Server unter ${base} ist nicht erreichbar (starten Sie ihn mit \`symphony serve\` oder geben Sie --api <url> an)`
      }, { cause: error })
    }
    if (response.status >= 400) {
      const text = await response.text()
      const problem = parseProblem(text)
      const code = problem?.code !== undefined && problem.code in errorCodes ? problem.code as ErrorCode : 'BAD_REQUEST'
      const said = (language: 'en' | 'de'): string => `${method} ${path}: ${response.status} ${problem?.messages?.[language] ?? problem?.detail ?? text}`
      throw new SymphonyError(code, { en: said('en'), de: said('de') }, { details: problem })
    }
    return response
  }
  return {
    async call (method, path, body) {
      const text = await (await send(method, path, 'application/json', body)).text()
      return text === '' ? undefined : JSON.parse(text) as unknown
    },
    async download (path, accept) {
      return new Uint8Array(await (await send('GET', path, accept)).arrayBuffer())
    }
  }
}

/** A problem document's members the CLI reports. */
interface ProblemText { code?: string, detail?: string, messages?: Partial<Record<'en' | 'de', string>> }

function parseProblem (text: string): ProblemText | undefined {
  try {
    return JSON.parse(text) as ProblemText
  } catch {
    return undefined
  }
}
