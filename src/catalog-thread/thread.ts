/**
 * The compile thread: it compiles catalogs from the quads it is sent and posts each back in
 * slices (`catalogSlices`), so the reasoning and reading of a large catalog never hold up the
 * event loop of the thread that serves requests.
 * Protocol (every message carries the job id it belongs to):
 *   → { type: 'quads', job, slice: QuadSlice } …   → { type: 'compile', job, rules, snapshot? }
 *   ← { type: 'slice', job, slice: CatalogSlice } … (the last one of kind 'end') | { type: 'failed', job, code, messages, location }
 *   ← { type: 'warning', job, messages } when the snapshot asked for could not be written
 * With `snapshot` ({ file, key }), the slices are also written as the catalog's snapshot, after
 * the last one is posted (`writeSnapshot`).
 */
import { parentPort } from 'node:worker_threads'
import { catalogSlices, compileParts, writeSnapshot, type CatalogSlice } from '../catalog/index.js'
import { SymphonyError } from '../errors.js'
import type { ErrorLocation, ErrorMessages } from '../errors.js'
import type { Rule } from '../reasoner/index.js'
import { QuadReceiver, type QuadSlice } from './quads.js'

type Message =
  | { readonly type: 'quads', readonly job: number, readonly slice: QuadSlice }
  | { readonly type: 'compile', readonly job: number, readonly rules: readonly Rule[], readonly snapshot?: { readonly file: string, readonly key: string } }

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
  const kept: CatalogSlice[] = []
  try {
    for (const slice of catalogSlices(compileParts(receiver.quads, { rules: message.rules }))) {
      port.postMessage({ type: 'slice', job: message.job, slice })
      if (message.snapshot !== undefined) kept.push(slice)
    }
  } catch (error) {
    port.postMessage({ type: 'failed', job: message.job, ...failure(error) })
    return
  }
  const snapshot = message.snapshot
  if (snapshot === undefined) return
  writeSnapshot(snapshot.file, snapshot.key, kept).catch((error: unknown) => {
    const reason = error instanceof Error ? error.message : String(error)
    port.postMessage({
      type: 'warning',
      job: message.job,
      messages: {
        en: `the compiled catalog was not saved as ${snapshot.file} (${reason}); the next start compiles it again`,
        de: `der kompilierte Katalog wurde nicht als ${snapshot.file} gespeichert (${reason}); der nächste Start kompiliert ihn erneut`
      }
    })
  })
})

/** A failure as the compiling thread gets it: the code and the message in both languages. */
function failure (error: unknown): { code: string, messages: ErrorMessages, location?: ErrorLocation } {
  if (error instanceof SymphonyError) return { code: error.code, messages: error.messages, location: error.location }
  const text = error instanceof Error ? error.message : String(error)
  return { code: 'INTERNAL', messages: { en: text, de: `Fehler beim Kompilieren des Katalogs: ${text}` } }
}
