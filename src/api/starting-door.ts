/**
 * The door: a child process of `serve` that answers on the listening socket while the main
 * process loads its catalog (`StartingServer.lend`), with the starting answers of
 * `starting.ts`. Its heap is small, so its garbage collections do not hold a request the way the
 * main thread's do while the catalog fills a gigabyte. When `serve` says `ready` it stops
 * accepting (`serve` accepts on its copy of the socket already), passes the requests that still
 * come on its open connections to the app through the socket and closes each after its answer,
 * closes the connections still idle after a grace, and exits; it exits at once when `serve` is
 * gone.
 */
import { createServer, request as httpRequest } from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { Server as NetServer } from 'node:net'
import type { AddressInfo } from 'node:net'
import { answerStarting, leavingGraceMs } from './starting.js'
import type { DoorMessage, StartingState } from './starting.js'

/** How long the door waits for its last connections after the hand-over before it closes them. */
const lastConnectionsMs = 10_000

let state: StartingState = { progress: { phase: 'store', done: 0, total: 0 }, startedAt: Date.now(), leaving: false }
/** Where the app listens once `serve` is ready: the same socket. */
let app: AddressInfo | undefined
const server = createServer((request, response) => {
  if (app === undefined) answerStarting(request, response, state)
  else forward(request, response, app)
})
// As on the main server: idle connections stay open while it starts.
server.keepAliveTimeout = 72_000

process.on('message', (message: DoorMessage, handle: unknown) => {
  if (message.type === 'socket') {
    state = { ...state, progress: message.progress, startedAt: message.startedAt }
    server.listen(handle as never, () => { process.send?.({ type: 'listening' } satisfies DoorMessage, handle as never) })
  } else if (message.type === 'progress') {
    state = { ...state, progress: message.progress }
  } else if (message.type === 'ready') {
    leave()
  }
})
// `serve` is gone (it exited, or was killed): nothing is left to answer for. The channel's end is
// not always told (Node waits for the rest of a message it was reading when the channel closed),
// so the door also looks whether it still has its parent.
process.on('disconnect', () => { process.exit(0) })
const parent = process.ppid
setInterval(() => { if (process.ppid !== parent) process.exit(0) }, 250).unref()

function leave (): void {
  app = server.address() as AddressInfo
  // Not `server.close()`, which also closes idle connections at once: a client sending on one
  // just then would see it reset. They get until the grace is over to ask once more.
  NetServer.prototype.close.call(server)
  process.send?.({ type: 'left' } satisfies DoorMessage)
  server.once('close', () => { process.exit(0) })
  setTimeout(() => { server.closeIdleConnections() }, leavingGraceMs).unref()
  setTimeout(() => {
    server.closeAllConnections()
    process.exit(0)
  }, lastConnectionsMs).unref()
}

/** Passes a request that came after the hand-over to the app, and closes the connection after its answer. */
function forward (request: IncomingMessage, response: ServerResponse, to: AddressInfo): void {
  const upstream = httpRequest({ host: to.address, port: to.port, method: request.method, path: request.url, headers: request.headers, agent: false }, answer => {
    const headers = { ...answer.headers }
    delete headers['keep-alive']
    response.writeHead(answer.statusCode ?? 502, { ...headers, connection: 'close' })
    answer.pipe(response)
  })
  upstream.once('error', () => { response.destroy() })
  request.pipe(upstream)
}
