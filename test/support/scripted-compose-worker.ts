/**
 * A composition worker that speaks the pool's protocol but whose behaviour the request scripts,
 * for testing the pool's mechanics: `wanted: ['urn:hang']` never answers, `['urn:crash']` exits
 * the thread, anything else answers at once with no bundles and the catalog version it holds.
 */
import { parentPort } from 'node:worker_threads'

const port = parentPort!
let version = ''

port.on('message', (message: { type: string, id: number, catalog?: { version: string }, request?: { wanted?: string[] } }) => {
  if (message.type === 'load') {
    version = message.catalog!.version
    port.postMessage({ type: 'loaded', id: message.id })
    return
  }
  const wanted = message.request?.wanted?.[0]
  if (wanted === 'urn:crash') process.exit(3)
  // Blocks the thread for good, as a search that never returns would.
  if (wanted === 'urn:hang') Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0)
  port.postMessage({ type: 'answer', id: message.id, answer: { bundles: [], issues: [{ code: 'LOADED', message: version }] } })
})
port.postMessage({ type: 'ready', id: -1 })
