/**
 * The server's socket before the API is built: `serve` listens first and answers from here while
 * the data directory opens and the catalog loads — `/health` (liveness) at once, `/health/ready`
 * with the loading phase and `503 STARTING` with `Retry-After` for every other route — then hands
 * every request to the Fastify app (built with `serverFactory`).
 * While it loads, the socket is lent to a small child process, the door (`starting-door.ts`),
 * that gives the same answers: the main thread's garbage collections while the catalog fills its
 * heap then hold no request. The door lends it back when the app is ready.
 */
import { fork } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { createServer } from 'node:http'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import { createRequire } from 'node:module'
import { Server as NetServer } from 'node:net'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
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

/** What the starting answers need: how far loading is, when the server started, whether to end the connection. */
export interface StartingState {
  readonly progress: StartProgress
  /** When `serve` started (milliseconds since the epoch), for `uptimeSeconds`. */
  readonly startedAt: number
  /** Another process answers from now on: every answer ends its connection, so the client's next one reaches it. */
  readonly leaving: boolean
}

/**
 * What the door and `StartingServer` exchange over IPC. The listening socket travels with
 * `socket` (to the door) and `listening` (back, a copy `serve` keeps unwatched until the app is
 * ready or the door dies).
 */
export type DoorMessage =
  | { readonly type: 'socket', readonly progress: StartProgress, readonly startedAt: number }
  | { readonly type: 'progress', readonly progress: StartProgress }
  | { readonly type: 'listening' }
  | { readonly type: 'ready' }
  | { readonly type: 'left' }

/** How long a connection idle when its server stops answering may stay open: a client's next request on it gets an answer that closes it instead. */
export const leavingGraceMs = 1000

/** The listening socket itself (Node's TCP handle, as `cluster` passes it between processes): sending it does not start accepting in the receiver. */
type SocketHandle = { close: () => void }

/** The socket `serve` listens on, answering while it starts and handing over to the app when ready. */
export class StartingServer {
  readonly server: Server
  #progress: StartProgress = { phase: 'store', done: 0, total: 0 }
  readonly #startedAt = Date.now() - process.uptime() * 1000
  #app: Handler | undefined
  #open = false
  #door: ChildProcess | undefined
  /** The socket while the door answers on it: not accepted on here until the app is ready or the door dies. */
  #lent: SocketHandle | undefined

  constructor () {
    this.server = createServer((request, response) => {
      if (this.#open && this.#app !== undefined) this.#app(request, response)
      else answerStarting(request, response, { progress: this.#progress, startedAt: this.#startedAt, leaving: this.#lent !== undefined })
    })
    // Fastify's own default: idle connections stay open across the hand-over and long loads.
    this.server.keepAliveTimeout = 72_000
  }

  /** The phase now, for `/health/ready` and the 503 answers. */
  get progress (): StartProgress {
    return this.#progress
  }

  /** Whether the door answers on the socket now: this process's event loop may then be held without anyone waiting. */
  get lent (): boolean {
    return this.#lent !== undefined
  }

  /** Records how far loading is (and tells the door). */
  report (progress: StartProgress): void {
    this.#progress = progress
    this.#tell({ type: 'progress', progress })
  }

  /** For Fastify's `serverFactory`: the app answers on this socket once `open` is called. */
  readonly serverFactory = (handler: Handler): Server => {
    this.#app = handler
    return this.server
  }

  /**
   * From now on the app answers every request: the socket is taken back from the door, which
   * passes the requests still coming on its connections to the app and exits. Resolves when the
   * door has stopped answering itself.
   */
  async open (): Promise<void> {
    if (this.#app === undefined) throw new Error('the app was not built with this server\'s serverFactory')
    this.#open = true
    this.#takeBack()
    const door = this.#door
    if (door?.connected !== true) return
    await new Promise<void>(resolve => {
      const left = (message: DoorMessage) => { if (message.type === 'left') done() }
      // A door that does not answer within the grace is stuck: it is ended, its connections with it.
      const stuck = setTimeout(() => { door.kill('SIGKILL') }, leavingGraceMs * 5)
      const done = () => {
        clearTimeout(stuck)
        door.off('message', left)
        door.off('exit', done)
        resolve()
      }
      door.on('message', left)
      door.once('exit', done)
      this.#tell({ type: 'ready' })
    })
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

  /**
   * Lends the listening socket to the door process at `module` (default: `starting-door` beside
   * this file). Resolves with whether the door answers now; when it cannot start (or dies), this
   * server goes on answering itself. The door exits with this process, even on `kill -9`.
   */
  lend (module: URL = new URL(`./starting-door${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url)): Promise<boolean> {
    const handle = (this.server as unknown as { _handle?: SocketHandle })._handle
    if (this.#door !== undefined || this.#open || handle === undefined) return Promise.resolve(false)
    // From TypeScript sources the door needs tsx's loader; compiled, it starts as plain JavaScript.
    const execArgv = module.pathname.endsWith('.ts') ? ['--import', createRequire(import.meta.url).resolve('tsx')] : []
    const door = fork(fileURLToPath(module), [], { execArgv, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] })
    this.#door = door
    return new Promise(resolve => {
      door.once('spawn', () => {
        door.send({ type: 'socket', progress: this.#progress, startedAt: this.#startedAt } satisfies DoorMessage, handle as never)
      })
      door.on('message', (message: DoorMessage, spare: unknown) => {
        if (message.type !== 'listening' || spare === undefined) return
        // Ready before the door was: this process never stopped accepting, and keeps no second copy.
        if (this.#open) return (spare as SocketHandle).close()
        this.#lent = spare as SocketHandle
        // Stops accepting; connections already open get answers that close them (`leaving`).
        NetServer.prototype.close.call(this.server)
        setTimeout(() => { if (this.#lent !== undefined) this.server.closeIdleConnections() }, leavingGraceMs).unref()
        resolve(true)
      })
      const gone = () => {
        this.#door = undefined
        this.#takeBack()
        resolve(false)
      }
      door.once('error', gone)
      door.once('exit', gone)
    })
  }

  /** Stops listening, ends idle connections and the door. */
  async close (): Promise<void> {
    const door = this.#door
    this.#door = undefined
    door?.kill()
    this.#lent?.close()
    this.#lent = undefined
    if (!this.server.listening) return
    await new Promise<void>(resolve => {
      this.server.close(() => { resolve() })
      this.server.closeIdleConnections()
    })
  }

  /** Accepts on the socket again (the app is ready, or the door is gone). */
  #takeBack (): void {
    const lent = this.#lent
    if (lent === undefined) return
    this.#lent = undefined
    if (!this.server.listening) this.server.listen(lent)
  }

  #tell (message: DoorMessage): void {
    if (this.#door?.connected === true) this.#door.send(message, error => { if (error !== null) this.#door?.kill() })
  }
}

/** The answer of a starting server: `/health` 200, `/health/ready` 503 with the phase, `503 STARTING` with `Retry-After` for the rest. */
export function answerStarting (request: IncomingMessage, response: ServerResponse, state: StartingState): void {
  const url = new URL(request.url ?? '/', 'http://starting')
  const path = url.pathname.replace(/\/+$/, '') || '/'
  const language: ErrorLanguage = url.searchParams.get('lang') === 'de' || (url.searchParams.get('lang') === null && /^\s*de\b/i.test(request.headers['accept-language'] ?? '')) ? 'de' : 'en'
  const uptimeSeconds = Math.floor((Date.now() - state.startedAt) / 1000)
  const get = request.method === 'GET' || request.method === 'HEAD'
  if (state.leaving) response.setHeader('Connection', 'close')
  if (get && path === '/health') {
    send(response, 200, 'application/json; charset=utf-8', { status: 'ok', uptimeSeconds })
  } else if (get && path === '/health/ready') {
    send(response, 503, 'application/json; charset=utf-8', { status: 'starting', ...state.progress, uptimeSeconds })
  } else {
    const { phase, done, total } = state.progress
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

function send (response: ServerResponse, status: number, type: string, body: unknown): void {
  const text = JSON.stringify(body)
  response.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store' })
  response.end(response.req.method === 'HEAD' ? undefined : text)
}
