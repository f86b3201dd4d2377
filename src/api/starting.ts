/**
 * The server's socket before the API is built: `serve` listens first and answers from here while
 * the data directory opens and the catalog loads — `/health` (liveness) at once, `/health/ready`
 * with the loading phase and `503 STARTING` with `Retry-After` for every other route — then hands
 * every request to the Fastify app (built with `serverFactory`).
 */
import { createServer } from 'node:http'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { ErrorLanguage, ErrorMessages } from '../errors.js'
import { problemMediaType, problemOf } from './problem.js'

/** What a starting server is doing: reading the stored graphs, opening operations, loading the catalog. */
export type StartPhase = 'store' | 'operations' | 'catalog'

/** The loading step and how far it is (graphs read, or catalog loaded 0 or 1 of 1). */
export interface StartProgress {
  readonly phase: StartPhase
  readonly done: number
  readonly total: number
}

type Handler = (request: IncomingMessage, response: ServerResponse) => void

/** Seconds a client waits before asking a starting server again. */
export const startingRetryAfterSeconds = 5

const phaseNames: Record<StartPhase, ErrorMessages> = {
  store: { en: 'reading the stored graphs', de: 'gespeicherte Graphen lesen' },
  operations: { en: 'opening orders, subscriptions and tickets', de: 'Bestellungen, Abonnements und Tickets öffnen' },
  catalog: { en: 'reading or compiling the catalog', de: 'Katalog lesen oder kompilieren' }
}

/** The socket `serve` listens on, answering while it starts and handing over to the app when ready. */
export class StartingServer {
  readonly server: Server
  #progress: StartProgress = { phase: 'store', done: 0, total: 0 }
  #app: Handler | undefined
  #open = false

  constructor () {
    this.server = createServer((request, response) => {
      if (this.#open && this.#app !== undefined) this.#app(request, response)
      else this.#answer(request, response)
    })
    // Fastify's own default: idle connections stay open across the hand-over and long loads.
    this.server.keepAliveTimeout = 72_000
  }

  /** The phase now, for `/health/ready` and the 503 answers. */
  get progress (): StartProgress {
    return this.#progress
  }

  /** Records how far loading is. */
  report (progress: StartProgress): void {
    this.#progress = progress
  }

  /** For Fastify's `serverFactory`: the app answers on this socket once `open` is called. */
  readonly serverFactory = (handler: Handler): Server => {
    this.#app = handler
    return this.server
  }

  /** From now on the app answers every request. */
  open (): void {
    if (this.#app === undefined) throw new Error('the app was not built with this server\'s serverFactory')
    this.#open = true
  }

  /** Listens and resolves with the address, e.g. `http://127.0.0.1:8080`. */
  listen (port: number, host: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const failed = (error: Error) => { reject(error) }
      this.server.once('error', failed)
      this.server.listen(port, host, () => {
        this.server.off('error', failed)
        const address = this.server.address() as AddressInfo
        resolve(`http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`)
      })
    })
  }

  /** Stops listening and ends idle connections. */
  async close (): Promise<void> {
    if (!this.server.listening) return
    await new Promise<void>(resolve => {
      this.server.close(() => { resolve() })
      this.server.closeIdleConnections()
    })
  }

  #answer (request: IncomingMessage, response: ServerResponse): void {
    const url = new URL(request.url ?? '/', 'http://starting')
    const path = url.pathname.replace(/\/+$/, '') || '/'
    const language: ErrorLanguage = url.searchParams.get('lang') === 'de' || (url.searchParams.get('lang') === null && /^\s*de\b/i.test(request.headers['accept-language'] ?? '')) ? 'de' : 'en'
    const uptimeSeconds = Math.floor(process.uptime())
    const get = request.method === 'GET' || request.method === 'HEAD'
    if (get && path === '/health') {
      send(response, 200, 'application/json; charset=utf-8', { status: 'ok', uptimeSeconds })
    } else if (get && path === '/health/ready') {
      send(response, 503, 'application/json; charset=utf-8', { status: 'starting', ...this.#progress, uptimeSeconds })
    } else {
      const { phase, done, total } = this.#progress
      const messages = {
        en: `the catalog is still loading: ${phaseNames[phase].en} ${done} of ${total}; ask again in ${startingRetryAfterSeconds} seconds (GET /health/ready says when it is ready)`,
        de: `der Katalog wird noch geladen: ${phaseNames[phase].de} ${done} von ${total}; fragen Sie in ${startingRetryAfterSeconds} Sekunden erneut (GET /health/ready meldet, wann er bereit ist)`
      }
      response.setHeader('Retry-After', String(startingRetryAfterSeconds))
      send(response, 503, problemMediaType, { ...problemOf('STARTING', 503, messages, language, url.pathname), phase, done, total })
    }
    // A request body nobody reads is drained, so the connection stays usable.
    request.resume()
  }
}

function send (response: ServerResponse, status: number, type: string, body: unknown): void {
  const text = JSON.stringify(body)
  response.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store' })
  response.end(response.req.method === 'HEAD' ? undefined : text)
}
