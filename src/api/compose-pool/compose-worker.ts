/**
 * A composition worker thread: it compiles the catalog it is sent (once per store version) and
 * answers compose requests over it, so a long search never holds up the server's event loop.
 * Protocol (every reply carries the id of its message; the thread says `ready` with id -1):
 *   → { type: 'load', id, catalog: CatalogTransfer }  ← { type: 'loaded', id } | { type: 'failed', … }
 *   → { type: 'compose', id, request, limits }        ← { type: 'answer', id, answer } | { type: 'failed', id, code, messages, location, details }
 */
import { parentPort } from 'node:worker_threads'
import { compileCatalog } from '../../catalog/index.js'
import type { Catalog } from '../../catalog/index.js'
import { compose, loadSolver } from '../../composer/index.js'
import type { ComposeLimits, CompositionRequest } from '../../composer/index.js'
import { SymphonyError } from '../../errors.js'
import { unpackQuads, type CatalogTransfer } from './catalog-transfer.js'

type Message =
  | { readonly type: 'load', readonly id: number, readonly catalog: CatalogTransfer }
  | { readonly type: 'compose', readonly id: number, readonly request: CompositionRequest, readonly limits?: ComposeLimits }

const port = parentPort
if (port === null) throw new Error('the composition worker runs only as a worker thread')

let catalog: Catalog | undefined

/** A failure as the server gets it: the code and the message in both languages. */
function failure (error: unknown): Record<string, unknown> {
  if (error instanceof SymphonyError) return { type: 'failed', code: error.code, messages: error.messages, location: error.location, details: error.details }
  const text = error instanceof Error ? error.message : String(error)
  return { type: 'failed', code: 'INTERNAL', messages: { en: text, de: `Fehler im Worker für Zusammenstellungen: ${text}` } }
}

port.on('message', (message: Message) => {
  try {
    if (message.type === 'load') {
      catalog = compileCatalog(unpackQuads(message.catalog), { rules: message.catalog.rules })
      port.postMessage({ type: 'loaded', id: message.id })
    } else {
      if (catalog === undefined) {
        throw new SymphonyError('INTERNAL', { en: 'the composition worker has no catalog loaded', de: 'der Worker für Zusammenstellungen hat keinen Katalog geladen' })
      }
      port.postMessage({ type: 'answer', id: message.id, answer: compose(catalog, message.request, message.limits ?? {}) })
    }
  } catch (error) {
    port.postMessage({ ...failure(error), id: message.id })
  }
})

await loadSolver()
port.postMessage({ type: 'ready', id: -1 })
