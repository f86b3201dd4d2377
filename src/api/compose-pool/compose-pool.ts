/**
 * Composition off the event loop: a fixed number of worker threads, each holding the compiled
 * catalog (loaded once per store version, again when the version moves): read from the data
 * directory's catalog snapshot when there is a current one, compiled in the thread from the
 * packed quads otherwise (none, or the thread found it missing, stale or corrupt). Jobs
 * wait in a bounded first-in-first-out queue; a full queue answers 503 BUSY with a retry hint at
 * once. A job whose caller gives up (the client disconnected) leaves the queue, or, when it is
 * running, its thread is terminated and a fresh one takes its place: a synchronous search cannot
 * be interrupted any other way. The same happens when a search overruns its own time budget by
 * the grace period, or the thread crashes; only that job fails.
 */
import type { Worker } from 'node:worker_threads'
import { effectiveLimits } from '../../composer/index.js'
import type { ComposeLimits, CompositionAnswer, CompositionRequest } from '../../composer/index.js'
import { SymphonyError } from '../../errors.js'
import type { ErrorCode, ErrorMessages } from '../../errors.js'
import type { WorkerCatalog } from './catalog-transfer.js'
import { siblingModule, startWorker } from './start-worker.js'

export interface ComposePoolOptions {
  /** Worker threads (at least 1). */
  readonly size: number
  /** Most jobs waiting for a free thread before BUSY. */
  readonly queueCapacity: number
  /** Where the workers load the catalog of the store's current version from; called per job, expected to cache per version. */
  readonly catalog: () => Promise<WorkerCatalog>
  /** Told what went wrong without failing a job (a corrupt snapshot, compiled from the quads instead). */
  readonly onWarning?: (messages: ErrorMessages) => void
  /** How long past its own `timeoutMs` a search may run before its thread is terminated (default 30 s: the diagnosis after a failed search is bounded by work, not by the time budget). */
  readonly graceMs?: number
  /** The worker module (default: this folder's `compose-worker`); tests pass others. */
  readonly entry?: URL
  /** The operator's budgets of every composition (default: the composer's). */
  readonly limits?: ComposeLimits
}

/** What `/health` says about the composition workers. */
export interface ComposePoolStatus {
  readonly workers: number
  readonly busy: number
  readonly queued: number
  /** Threads terminated after a cancellation, an overrun or a crash. */
  readonly replaced: number
  readonly lastFailure?: { readonly reason: string, readonly at: string }
}

type Reply = { readonly type: string, readonly id: number } & Record<string, unknown>

interface Job {
  readonly request: CompositionRequest
  readonly signal: AbortSignal | undefined
  readonly resolve: (answer: CompositionAnswer) => void
  readonly reject: (error: unknown) => void
}

interface Slot {
  worker: Worker | undefined
  started: Promise<Worker> | undefined
  version: string | undefined
  busy: boolean
}

export class ComposePool {
  readonly #options: ComposePoolOptions
  readonly #slots: Slot[]
  readonly #queue: Job[] = []
  readonly #entry: URL
  #nextId = 0
  #replaced = 0
  #lastFailure: ComposePoolStatus['lastFailure']
  #closed = false
  /** The key of a snapshot a worker found damaged: the other workers go straight to the quads. */
  #damaged: string | undefined

  constructor (options: ComposePoolOptions) {
    this.#options = options
    this.#entry = options.entry ?? siblingModule('compose-worker')
    this.#slots = Array.from({ length: Math.max(1, options.size) }, () => ({ worker: undefined, started: undefined, version: undefined, busy: false }))
  }

  status (): ComposePoolStatus {
    return {
      workers: this.#slots.length,
      busy: this.#slots.filter(slot => slot.busy).length,
      queued: this.#queue.length,
      replaced: this.#replaced,
      ...(this.#lastFailure === undefined ? {} : { lastFailure: this.#lastFailure })
    }
  }

  /** Composes in a worker; rejects with BUSY when the queue is full, with the worker's error otherwise. */
  compose (request: CompositionRequest, options: { signal?: AbortSignal } = {}): Promise<CompositionAnswer> {
    if (this.#closed) return Promise.reject(shutDown())
    if (options.signal?.aborted === true) return Promise.reject(cancelled())
    const idle = this.#slots.some(slot => !slot.busy)
    if (!idle && this.#queue.length >= this.#options.queueCapacity) {
      const retryAfter = Math.max(1, Math.ceil(effectiveLimits(request, this.#options.limits).timeoutMs / 1000))
      return Promise.reject(new SymphonyError('BUSY', {
        en: `the composer has ${this.#queue.length} requests waiting for ${this.#slots.length} worker(s); retry in ${retryAfter} s`,
        de: `beim Composer warten ${this.#queue.length} Anfragen auf ${this.#slots.length} Worker; versuchen Sie es in ${retryAfter} s erneut`
      }, { details: { retryAfter } }))
    }
    return new Promise((resolve, reject) => {
      const job: Job = { request, signal: options.signal, resolve, reject }
      this.#queue.push(job)
      options.signal?.addEventListener('abort', () => {
        const at = this.#queue.indexOf(job)
        if (at >= 0) {
          this.#queue.splice(at, 1)
          reject(cancelled())
        }
      }, { once: true })
      this.#dispatch()
    })
  }

  async close (): Promise<void> {
    this.#closed = true
    for (const job of this.#queue.splice(0)) job.reject(shutDown())
    await Promise.all(this.#slots.map(async slot => {
      const worker = slot.worker
      slot.worker = undefined
      slot.started = undefined
      await worker?.terminate()
    }))
  }

  #dispatch (): void {
    for (const slot of this.#slots) {
      if (slot.busy) continue
      const job = this.#queue.shift()
      if (job === undefined) return
      slot.busy = true
      this.#run(slot, job).then(job.resolve, job.reject).finally(() => {
        slot.busy = false
        if (!this.#closed) this.#dispatch()
      })
    }
  }

  async #run (slot: Slot, job: Job): Promise<CompositionAnswer> {
    const worker = await this.#acquire(slot)
    const catalog = await this.#options.catalog()
    if (slot.version !== catalog.version) {
      await this.#load(slot, worker, catalog, job.signal)
      slot.version = catalog.version
    }
    const limits = this.#options.limits ?? {}
    const budget = effectiveLimits(job.request, limits).timeoutMs + (this.#options.graceMs ?? 30_000)
    const reply = await this.#exchange(slot, worker, { type: 'compose', request: job.request, limits }, budget, job.signal)
    if (reply.type === 'answer') return reply.answer as CompositionAnswer
    throw fromReply(reply, { en: 'composing', de: 'beim Zusammenstellen' })
  }

  /**
   * Loads the catalog into the thread: from the snapshot when there is one (and no other thread
   * found it damaged), else, or when the thread cannot read it, from the packed quads. A missing
   * or stale snapshot is tried again by the next thread to load: one being saved after a write
   * may be there by then.
   * Loading is not timed (it grows with the catalog), but a cancelled job does not wait for it.
   */
  async #load (slot: Slot, worker: Worker, catalog: WorkerCatalog, signal: AbortSignal | undefined): Promise<void> {
    const loading = { en: 'loading the catalog', de: 'beim Laden des Katalogs' }
    const snapshot = catalog.snapshot
    if (snapshot !== undefined && snapshot.key !== this.#damaged) {
      const read = await this.#exchange(slot, worker, { type: 'load', snapshot }, undefined, signal)
      if (read.type === 'loaded') return
      if (read.type !== 'unreadable') throw fromReply(read, loading)
      // Missing or stale is expected (a snapshot being replaced after a write); corrupt is not.
      if (read.status === 'corrupt') {
        this.#damaged = snapshot.key
        const reason = read.reason as ErrorMessages
        this.#options.onWarning?.({
          en: `${reason.en}; the composition workers compile the catalog from the store's quads instead`,
          de: `${reason.de}; die Worker für Zusammenstellungen kompilieren den Katalog stattdessen aus den Quads des Speichers`
        })
      }
    }
    const packed = await catalog.packed()
    const loaded = await this.#exchange(slot, worker, { type: 'load', catalog: packed }, undefined, signal)
    if (loaded.type !== 'loaded') throw fromReply(loaded, loading)
  }

  /** The slot's thread, started (and its solver loaded) when there is none. */
  async #acquire (slot: Slot): Promise<Worker> {
    if (slot.started !== undefined) return slot.started
    const worker = startWorker(this.#entry)
    worker.unref()
    slot.worker = worker
    slot.version = undefined
    const started = receive(worker, -1, undefined, undefined).then(() => worker)
    slot.started = started
    try {
      return await started
    } catch (error) {
      await this.#replace(slot, worker, (error as Error).message)
      throw error
    }
  }

  /** Sends a message and waits for its reply; on overrun, cancellation or crash the thread is replaced. */
  async #exchange (slot: Slot, worker: Worker, message: Record<string, unknown>, timeoutMs: number | undefined, signal: AbortSignal | undefined): Promise<Reply> {
    if (signal?.aborted === true) throw cancelled()
    const id = this.#nextId++
    worker.postMessage({ ...message, id })
    try {
      return await receive(worker, id, timeoutMs, signal)
    } catch (error) {
      await this.#replace(slot, worker, (error as Error).message)
      throw error
    }
  }

  async #replace (slot: Slot, worker: Worker, reason: string): Promise<void> {
    if (slot.worker === worker) {
      slot.worker = undefined
      slot.started = undefined
      slot.version = undefined
      this.#replaced++
      this.#lastFailure = { reason, at: new Date().toISOString() }
    }
    await worker.terminate()
  }
}

function shutDown (): SymphonyError {
  return new SymphonyError('INTERNAL', { en: 'the composition workers are shut down', de: 'die Worker für Zusammenstellungen sind beendet' })
}

function cancelled (): SymphonyError {
  return new SymphonyError('CANCELLED', {
    en: 'the composition was cancelled: the client went away before the answer',
    de: 'die Zusammenstellung wurde abgebrochen: der Client hat die Verbindung vor der Antwort beendet'
  })
}

/** The error a worker's `failed` reply stands for, with the worker's message in both languages. */
function fromReply (reply: Reply, doing: ErrorMessages): SymphonyError {
  if (reply.type !== 'failed') {
    return new SymphonyError('INTERNAL', {
      en: `unexpected message from the composition worker while ${doing.en}: ${reply.type}`,
      de: `unerwartete Nachricht vom Worker für Zusammenstellungen ${doing.de}: ${reply.type}`
    })
  }
  const location = (reply.location ?? {}) as Record<string, unknown>
  const messages = reply.messages as ErrorMessages
  return new SymphonyError(reply.code as ErrorCode, messages, { ...location, ...(reply.details === undefined ? {} : { details: reply.details }) })
}

/** The worker's reply with `id`; rejects on a crash, an overrun of `timeoutMs` or an abort. */
function receive (worker: Worker, id: number, timeoutMs: number | undefined, signal: AbortSignal | undefined): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const cleanup = (): void => {
      clearTimeout(timer)
      worker.off('message', onMessage)
      worker.off('error', onError)
      worker.off('exit', onExit)
      signal?.removeEventListener('abort', onAbort)
    }
    const onMessage = (message: Reply): void => {
      if (message.id !== id) return
      cleanup()
      resolve(message)
    }
    const onError = (error: Error): void => {
      cleanup()
      reject(new SymphonyError('INTERNAL', {
        en: `the composition worker failed: ${error.message}; it was restarted, send the request again`,
        de: `der Worker für Zusammenstellungen ist ausgefallen: ${error.message}; er wurde neu gestartet, senden Sie die Anfrage erneut`
      }, { cause: error }))
    }
    const onExit = (code: number): void => {
      cleanup()
      reject(new SymphonyError('INTERNAL', {
        en: `the composition worker stopped (exit code ${code}); it was restarted, send the request again`,
        de: `der Worker für Zusammenstellungen endete (Exit-Code ${code}); er wurde neu gestartet, senden Sie die Anfrage erneut`
      }))
    }
    const onAbort = (): void => {
      cleanup()
      reject(cancelled())
    }
    const timer = timeoutMs === undefined
      ? undefined
      : setTimeout(() => {
        cleanup()
        reject(new SymphonyError('QUERY_TIMEOUT', {
          en: `the composition ran ${timeoutMs} ms, past its time budget, and was stopped; give it a smaller "timeoutMs" or narrow the request`,
          de: `die Zusammenstellung lief ${timeoutMs} ms, über ihr Zeitbudget hinaus, und wurde abgebrochen; geben Sie ihr ein kleineres "timeoutMs" oder schränken Sie die Anfrage ein`
        }))
      }, timeoutMs)
    worker.on('message', onMessage)
    worker.on('error', onError)
    worker.on('exit', onExit)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
