/**
 * The floor of the `/health` measurement: a bare `node:http` server that answers every request
 * with a fixed JSON body, with keep-alive as `serve` keeps it. Prints `serving at <url>/` on
 * stderr, as `serve` does, and runs until it is stopped.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

const body = JSON.stringify({ status: 'ok', uptimeSeconds: 0 })
const server = createServer((_request, response) => {
  response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) })
  response.end(body)
})
server.keepAliveTimeout = 72_000
server.listen(0, '127.0.0.1', () => {
  process.stderr.write(`serving at http://127.0.0.1:${(server.address() as AddressInfo).port}/\n`)
})
process.once('SIGTERM', () => { server.close(); server.closeAllConnections() })
