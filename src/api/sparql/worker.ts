/**
 * The SPARQL worker thread: it prepares queries (`worker-prepare.ts`), loads the copy of the
 * public graphs (`worker-load.ts`) and evaluates queries over it (`worker-evaluate.ts`), one
 * message at a time, so neither step can hold up the serving thread's event loop, and a query
 * that runs too long is stopped by terminating the thread (`WorkerHandle`). The messages are
 * those of `worker-messages.ts`.
 */
import { parentPort } from 'node:worker_threads'
import { oxigraph } from './worker-packages.js'
import { evaluate, failure } from './worker-evaluate.js'
import { loadGraphs } from './worker-load.js'
import type { WithId, WorkerReply, WorkerRequest } from './worker-messages.js'
import { prepareQuery } from './worker-prepare.js'

const port = parentPort
if (port === null) throw new Error('the SPARQL worker runs only as a worker thread')

let store = new oxigraph.Store()

const post = (id: number, reply: WorkerReply): void => { port.postMessage({ ...reply, id }) }

/** The reply to one request (a refusal or an engine failure included). */
function answer (message: WorkerRequest): WorkerReply {
  if (message.type === 'load') {
    try {
      // The copy before goes first: two copies of a large catalog would not fit beside each other.
      store = new oxigraph.Store()
      const stale = loadGraphs(store, message.graphs)
      return stale === undefined ? { type: 'loaded' } : { type: 'stale', graph: stale }
    } catch (error) {
      return failure(error)
    }
  }
  if (message.type === 'prepare') {
    const outcome = prepareQuery(message)
    return 'code' in outcome ? { type: 'failed', ...outcome } : { type: 'prepared', ...outcome }
  }
  try {
    const { text, count } = evaluate(store, message)
    return count > message.cap ? { type: 'failed', code: 'RESULT_TOO_LARGE', message: String(count) } : { type: 'answer', text, count }
  } catch (error) {
    return failure(error)
  }
}

port.on('message', (message: WithId<WorkerRequest>) => { post(message.id, answer(message)) })

post(-1, { type: 'started' })
