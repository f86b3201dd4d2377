/**
 * A composition worker thread: it loads the catalog (once per store version) and answers compose
 * and discovery requests over it, so a long search never holds up the server's event loop. It
 * reads the data directory's catalog snapshot when it is sent one (the same read and key check as
 * the engine's), and compiles the quads (and graphs held as term ids) it is sent otherwise; either way it prepares the
 * catalog's discovery index before it says `loaded`, as the server does before a catalog becomes
 * the one requests get.
 * Protocol (every reply carries the id of its message; the thread says `ready` with id -1):
 *   → { type: 'load', id, snapshot: { file, key } }   ← { type: 'loaded', id } | { type: 'unreadable', id, status, reason? }
 *   → { type: 'load', id, catalog: CatalogTransfer }  ← { type: 'loaded', id } | { type: 'failed', … }
 *   → { type: 'compose', id, request, limits }        ← { type: 'answer', id, answer } | { type: 'failed', id, code, messages, location, details }
 *   → { type: 'discover', id, request }               ← { type: 'answer', id, answer } | { type: 'failed', … }
 */
import { parentPort } from 'node:worker_threads'
import { catalogOfParts, compileWithLines, LineGraph, readSnapshot } from '../../catalog/index.js'
import type { Catalog } from '../../catalog/index.js'
import { compose, loadSolver } from '../../composer/index.js'
import type { ComposeLimits, CompositionRequest } from '../../composer/index.js'
import { SymphonyError } from '../../errors.js'
import { discover, prepareDiscovery } from '../../matcher/index.js'
import { SliceClock } from '../../turns.js'
import { unpackQuads, type CatalogTransfer } from './catalog-transfer.js'

type Message =
  | { readonly type: 'load', readonly id: number, readonly catalog: CatalogTransfer }
  | { readonly type: 'load', readonly id: number, readonly snapshot: { readonly file: string, readonly key: string } }
  | { readonly type: 'compose', readonly id: number, readonly request: CompositionRequest, readonly limits?: ComposeLimits }
  | { readonly type: 'discover', readonly id: number, readonly request: unknown }

const port = parentPort
if (port === null) throw new Error('the composition worker runs only as a worker thread')

let catalog: Catalog | undefined

/** A failure as the server gets it: the code and the message in both languages. */
function failure (error: unknown): Record<string, unknown> {
  if (error instanceof SymphonyError) return { type: 'failed', code: error.code, messages: error.messages, location: error.location, details: error.details }
  const text = error instanceof Error ? error.message : String(error)
  return { type: 'failed', code: 'INTERNAL', messages: { en: text, de: `Fehler im Worker für Zusammenstellungen: ${text}` } }
}

/** Makes `loaded` the catalog discoveries and compositions run over, its discovery index prepared in one piece (nothing else waits on this thread). */
async function use (loaded: Catalog): Promise<void> {
  await prepareDiscovery(loaded, new SliceClock(Number.POSITIVE_INFINITY))
  catalog = loaded
}

/** Reads the snapshot; a missing, stale or corrupt one is reported, for the pool to send the quads instead. */
async function loadSnapshot (id: number, snapshot: { readonly file: string, readonly key: string }): Promise<void> {
  const read = await readSnapshot(snapshot.file, snapshot.key)
  if (read.status === 'loaded') {
    await use(read.catalog)
    port!.postMessage({ type: 'loaded', id })
  } else {
    port!.postMessage({ type: 'unreadable', id, status: read.status, ...(read.status === 'corrupt' ? { reason: read.reason } : {}) })
  }
}

port.on('message', (message: Message) => {
  try {
    if (message.type === 'load' && 'snapshot' in message) {
      // Reading yields between slices: a compose only comes after the pool has the answer.
      loadSnapshot(message.id, message.snapshot).catch((error: unknown) => port.postMessage({ ...failure(error), id: message.id }))
    } else if (message.type === 'load') {
      const { lines, rules } = message.catalog
      use(catalogOfParts(compileWithLines(unpackQuads(message.catalog), lines.map(held => LineGraph.ofHeld(held)), { rules })))
        .then(() => port.postMessage({ type: 'loaded', id: message.id }), (error: unknown) => port.postMessage({ ...failure(error), id: message.id }))
    } else {
      if (catalog === undefined) {
        throw new SymphonyError('INTERNAL', { en: 'the composition worker has no catalog loaded', de: 'der Worker für Zusammenstellungen hat keinen Katalog geladen' })
      }
      const answer = message.type === 'compose' ? compose(catalog, message.request, message.limits ?? {}) : discover(catalog, message.request)
      port.postMessage({ type: 'answer', id: message.id, answer })
    }
  } catch (error) {
    port.postMessage({ ...failure(error), id: message.id })
  }
})

await loadSolver()
port.postMessage({ type: 'ready', id: -1 })
