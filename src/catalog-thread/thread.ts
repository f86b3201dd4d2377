/**
 * The compile thread: it compiles catalogs from the quads it is sent and posts each back in
 * slices (`catalogSlices`), so the reasoning and reading of a large catalog never hold up the
 * event loop of the thread that serves requests.
 * Protocol (every message carries the job id it belongs to):
 *   → { type: 'quads', job, slice: QuadSlice } …   → { type: 'compile', job, rules }
 *   ← { type: 'slice', job, slice: CatalogSlice } … (the last one of kind 'end') | { type: 'failed', job, code, messages, location }
 */
import { parentPort } from 'node:worker_threads'
import { catalogSlices, compileParts } from '../catalog/index.js'
import { SymphonyError } from '../errors.js'
import type { ErrorLocation, ErrorMessages } from '../errors.js'
import type { Rule } from '../reasoner/index.js'
import { QuadReceiver, type QuadSlice } from './quads.js'

type Message =
  | { readonly type: 'quads', readonly job: number, readonly slice: QuadSlice }
  | { readonly type: 'compile', readonly job: number, readonly rules: readonly Rule[] }

const port = parentPort
if (port === null) throw new Error('the compile thread runs only as a worker thread')

const received = new Map<number, QuadReceiver>()

port.on('message', (message: Message) => {
  let receiver = received.get(message.job)
  if (receiver === undefined) received.set(message.job, receiver = new QuadReceiver())
  if (message.type === 'quads') {
    receiver.add(message.slice)
    return
  }
  received.delete(message.job)
  try {
    for (const slice of catalogSlices(compileParts(receiver.quads, { rules: message.rules }))) port.postMessage({ type: 'slice', job: message.job, slice })
  } catch (error) {
    port.postMessage({ type: 'failed', job: message.job, ...failure(error) })
  }
})

/** A failure as the compiling thread gets it: the code and the message in both languages. */
function failure (error: unknown): { code: string, messages: ErrorMessages, location?: ErrorLocation } {
  if (error instanceof SymphonyError) return { code: error.code, messages: error.messages, location: error.location }
  const text = error instanceof Error ? error.message : String(error)
  return { code: 'INTERNAL', messages: { en: text, de: `Fehler beim Kompilieren des Katalogs: ${text}` } }
}
