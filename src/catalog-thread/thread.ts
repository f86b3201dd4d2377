/**
 * The compile thread: it compiles catalogs from the quads (and graphs held as term ids) it is
 * sent and posts each back in
 * slices (`catalogSlices`), so the reasoning and reading of a large catalog never hold up the
 * event loop of the thread that serves requests.
 * Protocol (every message carries the job id it belongs to):
 *   → { type: 'quads', job, slice: QuadSlice } …   → { type: 'lines', job, held: HeldLines } …
 *   → { type: 'compile', job, rules, snapshot? }
 *   (graphs sent as `lines` follow the quads: compiled from their ids as `compileLineParts`
 *   compiles them, or from the quads built of them where that leaves a node to name)
 *   → { type: 'stored', job, after, stored: StoredFile } …: a data directory's graph file, read
 *   here (`storedParts`), in the store's order after the first `after` quads sent;
 *   ← { type: 'unread', job } when one is not read (replaced since, damaged): nothing compiled
 *   ← { type: 'slice', job, slice: CatalogSlice }, then after each → { type: 'next', job } the
 *     next one (the last one of kind 'end') | { type: 'failed', job, code, messages, location };
 *     → { type: 'cancel', job } drops the slices not yet posted
 *   ← { type: 'warning', job, messages } when the snapshot asked for could not be written
 *   With `keep: true` instead of `snapshot`, the slices are kept after the last one is posted,
 *   until → { type: 'save', job, snapshot } writes them as the snapshot or → { type: 'drop', job }
 *   (or the next job kept) lets them go: a write compiles its catalog before the content it is of
 *   is stored, so the snapshot's key is known only once the write is done.
 * One slice at a time: slices posted in a burst would be received (copied in) by the serving
 * thread in one go, holding its event loop for seconds at 100,000 services.
 * With `snapshot` ({ file, key }), the slices are also written as the catalog's snapshot, after
 * the last one is posted (`writeSnapshot`).
 */
import { parentPort } from 'node:worker_threads'
import { catalogSlices, compileWithLines, LineGraph, writeSnapshot, type CatalogSlice, type HeldLines } from '../catalog/index.js'
import { SymphonyError } from '../errors.js'
import type { ErrorLocation, ErrorMessages } from '../errors.js'
import type { Rule } from '../reasoner/index.js'
import { QuadReceiver, type QuadSlice } from './quads.js'
import { storedParts, type StoredFile } from './stored-files.js'

type Message =
  | { readonly type: 'quads', readonly job: number, readonly slice: QuadSlice }
  | { readonly type: 'lines', readonly job: number, readonly held: HeldLines }
  | { readonly type: 'stored', readonly job: number, readonly after: number, readonly stored: StoredFile }
  | { readonly type: 'compile', readonly job: number, readonly rules: readonly Rule[], readonly snapshot?: Target, readonly keep?: boolean }
  | { readonly type: 'next', readonly job: number }
  | { readonly type: 'cancel', readonly job: number }
  | { readonly type: 'save', readonly job: number, readonly snapshot: Target }
  | { readonly type: 'drop', readonly job: number }

interface Target {
  readonly file: string
  readonly key: string
}

/** A compiled catalog being posted: its slices, the one to post next, those kept for the snapshot. */
interface Sending {
  readonly slices: Iterator<CatalogSlice>
  next: IteratorResult<CatalogSlice>
  readonly kept: CatalogSlice[]
  /** The parts' shared objects (`CatalogParts.shared`): the snapshot writes each once. */
  readonly shared: ReadonlySet<object>
  readonly snapshot: Target | undefined
  readonly keep: boolean
}

const port = parentPort
if (port === null) throw new Error('the compile thread runs only as a worker thread')

/** Per job: the quads received, then the graphs held as term ids that follow them, or the graph files among them. */
const received = new Map<number, { readonly quads: QuadReceiver, readonly lines: LineGraph[], readonly files: Array<{ after: number, stored: StoredFile }> }>()

const sending = new Map<number, Sending>()

/** The slices of the one job kept for a snapshot whose key is not known yet. */
let keptJob: { readonly job: number, readonly slices: CatalogSlice[], readonly shared: ReadonlySet<object> } | undefined

port.on('message', (message: Message) => {
  if (message.type === 'next') {
    const job = sending.get(message.job)
    if (job !== undefined) postNext(message.job, job)
    return
  }
  if (message.type === 'cancel') {
    sending.delete(message.job)
    return
  }
  if (message.type === 'save' || message.type === 'drop') {
    const kept = keptJob?.job === message.job ? keptJob : undefined
    if (kept === undefined) return
    keptJob = undefined
    if (message.type === 'save') save(message.job, message.snapshot, kept.slices, kept.shared)
    return
  }
  let receiver = received.get(message.job)
  if (receiver === undefined) received.set(message.job, receiver = { quads: new QuadReceiver(), lines: [], files: [] })
  if (message.type === 'quads') {
    receiver.quads.add(message.slice)
    return
  }
  if (message.type === 'lines') {
    receiver.lines.push(LineGraph.ofHeld(message.held))
    return
  }
  if (message.type === 'stored') {
    receiver.files.push({ after: message.after, stored: message.stored })
    return
  }
  received.delete(message.job)
  try {
    const parts = storedParts(receiver.quads.quads, receiver.files)
    if (parts === undefined) {
      port.postMessage({ type: 'unread', job: message.job })
      return
    }
    const compiled = compileWithLines(parts.quads, [...parts.lines, ...receiver.lines], { rules: message.rules })
    const slices = catalogSlices(compiled)
    const job: Sending = { slices, next: slices.next(), kept: [], shared: compiled.shared, snapshot: message.snapshot, keep: message.keep === true }
    if (job.keep) keptJob = undefined
    sending.set(message.job, job)
    postNext(message.job, job)
  } catch (error) {
    port.postMessage({ type: 'failed', job: message.job, ...failure(error) })
  }
})

/** Posts the job's next slice and reads the one after it; after the last, saves the snapshot. */
function postNext (id: number, job: Sending): void {
  try {
    if (job.next.done === true) return
    const slice = job.next.value
    port!.postMessage({ type: 'slice', job: id, slice })
    if (job.snapshot !== undefined || job.keep) job.kept.push(slice)
    if (slice.kind !== 'end') {
      job.next = job.slices.next()
      return
    }
  } catch (error) {
    sending.delete(id)
    port!.postMessage({ type: 'failed', job: id, ...failure(error) })
    return
  }
  sending.delete(id)
  if (job.keep) keptJob = { job: id, slices: job.kept, shared: job.shared }
  if (job.snapshot !== undefined) save(id, job.snapshot, job.kept, job.shared)
}

/** Writes a job's slices as the snapshot; a failure is a warning, not a failed compile. */
function save (id: number, snapshot: Target, slices: readonly CatalogSlice[], shared: ReadonlySet<object>): void {
  writeSnapshot(snapshot.file, snapshot.key, slices, shared).catch((error: unknown) => {
    const reason = error instanceof Error ? error.message : String(error)
    port!.postMessage({
      type: 'warning',
      job: id,
      messages: {
        en: `the compiled catalog was not saved as ${snapshot.file} (${reason}); the next start compiles it again`,
        de: `der kompilierte Katalog wurde nicht als ${snapshot.file} gespeichert (${reason}); der nächste Start kompiliert ihn erneut`
      }
    })
  })
}

/** A failure as the compiling thread gets it: the code and the message in both languages. */
function failure (error: unknown): { code: string, messages: ErrorMessages, location?: ErrorLocation } {
  if (error instanceof SymphonyError) return { code: error.code, messages: error.messages, location: error.location }
  const text = error instanceof Error ? error.message : String(error)
  return { code: 'INTERNAL', messages: { en: text, de: `Fehler beim Kompilieren des Katalogs: ${text}` } }
}
