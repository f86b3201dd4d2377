/**
 * Composition and discovery off the event loop: a fixed number of worker threads, each holding the compiled
 * catalog (loaded once per store version, again when the version moves): read from the data
 * directory's catalog snapshot when there is a current one, compiled in the thread from the
 * packed quads otherwise (none, or the thread found it missing, stale or corrupt). Jobs
 * wait in a bounded first-in-first-out queue; a full queue answers 503 BUSY with a retry hint at
 * once. A job whose caller gives up (the client disconnected) leaves the queue, or, when it is
 * running, its thread is terminated and a fresh one takes its place: a synchronous search cannot
 * be interrupted any other way. The same happens when a search overruns its own time budget by
 * the grace period, or the thread crashes; only that job fails.
 *
 * Discoveries go only to a thread that already holds the version the server's reads get (with its
 * discovery index prepared), and never wait behind a composition or a load: `discover` resolves
 * `undefined` when no such thread is idle or busy with discoveries, or when the one it waited for
 * turns to a composition (waiting compositions go first), and the caller answers on its own
 * thread. When no thread holds the current version, an idle one loads it meanwhile. A running
 * discovery is not interrupted when its caller gives up: it takes far less than reloading a
 * replaced thread's catalog.
 */
import type { Worker } from 'node:worker_threads'
import { effectiveLimits } from '../../composer/index.js'
import type { ComposeLimits, CompositionAnswer, CompositionRequest } from '../../composer/index.js'
import { SymphonyError } from '../../errors.js'
import type { ErrorMessages } from '../../errors.js'
import type { DiscoveryAnswer } from '../../matcher/index.js'
import type { WorkerCatalog } from './catalog-transfer.js'
import { siblingModule, startWorker } from './start-worker.js'
import { cancelled, fromReply, receive, shutDown, type Reply } from './worker-exchange.js'

export interface ComposePoolOptions {
  /** Worker threads (at least 1). */
  readonly size: number
  /** Most compositions waiting for a free thread before BUSY; as many discoveries may wait for a thread busy with discoveries. */
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
  /** Threads composing, discovering or loading the catalog. */
  readonly busy: number
  /** Compositions and discoveries waiting for a thread. */
  readonly queued: number
  /** Threads terminated after a cancellation, an overrun or a crash. */
  readonly replaced: number
  readonly lastFailure?: { readonly reason: string, readonly at: string }
}

interface Job {
  readonly request: CompositionRequest
  readonly signal: AbortSignal | undefined
  readonly resolve: (answer: CompositionAnswer) => void
  readonly reject: (error: unknown) => void
}

interface DiscoveryJob {
  readonly request: unknown
  /** The version the caller's reads get: only a thread holding it answers. */
  readonly version: string
  readonly resolve: (answer: DiscoveryAnswer | undefined) => void
  readonly reject: (error: unknown) => void
}

interface Slot {
  worker: Worker | undefined
  started: Promise<Worker> | undefined
  /** The store version whose catalog the thread holds (its discovery index prepared). */
  version: string | undefined
  task: 'compose' | 'discover' | 'load' | undefined
}

export class ComposePool {
  readonly #options: ComposePoolOptions
  readonly #slots: Slot[]
  readonly #queue: Job[] = []
  readonly #discoveries: DiscoveryJob[] = []
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
    this.#slots = Array.from({ length: Math.max(1, options.size) }, () => ({ worker: undefined, started: undefined, version: undefined, task: undefined }))
  }

  status (): ComposePoolStatus {
    return {
      workers: this.#slots.length,
      busy: this.#slots.filter(slot => slot.task !== undefined).length,
      queued: this.#queue.length + this.#discoveries.length,
      replaced: this.#replaced,
      ...(this.#lastFailure === undefined ? {} : { lastFailure: this.#lastFailure })
    }
  }

  /** Composes in a worker; rejects with BUSY when the queue is full, with the worker's error otherwise. */
  compose (request: CompositionRequest, options: { signal?: AbortSignal } = {}): Promise<CompositionAnswer> {
    if (this.#closed) return Promise.reject(shutDown())
    if (options.signal?.aborted === true) return Promise.reject(cancelled())
    const idle = this.#slots.some(slot => slot.task === undefined)
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

  /**
   * Discovers in a thread holding the current version: the answer `discover` gives over it, or
   * `undefined` when no such thread can take the request soon (the caller then answers it). A
   * request given up while it waits leaves the queue.
   */
  async discover (request: unknown, options: { signal?: AbortSignal } = {}): Promise<DiscoveryAnswer | undefined> {
    if (this.#closed) return undefined
    const { version } = await this.#options.catalog()
    if (options.signal?.aborted === true) throw cancelled('discovery')
    const holding = this.#slots.filter(slot => slot.version === version)
    if (holding.length === 0) {
      this.#warm()
      return undefined
    }
    const takes = holding.some(slot => slot.task === undefined) ||
      (holding.some(slot => slot.task === 'discover') && this.#discoveries.length < this.#options.queueCapacity)
    if (this.#closed || !takes) return undefined
    return new Promise((resolve, reject) => {
      const job: DiscoveryJob = { request, version, resolve, reject }
      this.#discoveries.push(job)
      options.signal?.addEventListener('abort', () => {
        const at = this.#discoveries.indexOf(job)
        if (at >= 0) {
          this.#discoveries.splice(at, 1)
          reject(cancelled('discovery'))
        }
      }, { once: true })
      this.#dispatch()
    })
  }

  async close (): Promise<void> {
    this.#closed = true
    for (const job of [...this.#queue.splice(0), ...this.#discoveries.splice(0)]) job.reject(shutDown())
    await Promise.all(this.#slots.map(async slot => {
      const worker = slot.worker
      slot.worker = undefined
      slot.started = undefined
      await worker?.terminate()
    }))
  }

  /** Gives each idle thread the oldest composition, else a discovery of its version; hands back the discoveries no thread will take soon. */
  #dispatch (): void {
    for (const slot of this.#slots) {
      if (slot.task !== undefined) continue
      const job = this.#queue.shift()
      if (job !== undefined) {
        this.#start(slot, 'compose', this.#run(slot, job).then(job.resolve, job.reject))
        continue
      }
      const at = this.#discoveries.findIndex(discovery => discovery.version === slot.version)
      if (at < 0) continue
      const [discovery] = this.#discoveries.splice(at, 1) as [DiscoveryJob]
      this.#start(slot, 'discover', this.#discover(slot, discovery).then(discovery.resolve, discovery.reject))
    }
    for (const discovery of [...this.#discoveries]) {
      if (this.#slots.some(slot => slot.version === discovery.version && slot.task === 'discover')) continue
      this.#discoveries.splice(this.#discoveries.indexOf(discovery), 1)
      discovery.resolve(undefined)
    }
  }

  /** Marks the slot busy with `task` until `running` settles, then gives it the next job. */
  #start (slot: Slot, task: NonNullable<Slot['task']>, running: Promise<void>): void {
    slot.task = task
    void running.finally(() => {
      slot.task = undefined
      if (!this.#closed) this.#dispatch()
    })
  }

  /** Loads the current version into an idle thread, unless one is loading already, for the discoveries after this one. */
  #warm (): void {
    if (this.#closed || this.#slots.some(slot => slot.task === 'load')) return
    const slot = this.#slots.find(slot => slot.task === undefined)
    // A failure is the next job's to report (a replaced thread is counted in the status).
    if (slot !== undefined) this.#start(slot, 'load', this.#current(slot, undefined, { waitForSnapshot: true }).then(() => undefined, () => undefined))
  }

  /**
   * The slot's thread, holding the store's current version (loaded when it does not). With
   * `waitForSnapshot`, a snapshot not saved yet (just after a write) is not replaced by quads
   * packed on the main thread: the thread keeps what it holds, for a later try.
   */
  async #current (slot: Slot, signal: AbortSignal | undefined, options: { waitForSnapshot?: boolean } = {}): Promise<Worker> {
    const worker = await this.#acquire(slot)
    const catalog = await this.#options.catalog()
    if (slot.version !== catalog.version && await this.#load(slot, worker, catalog, signal, options.waitForSnapshot === true)) slot.version = catalog.version
    return worker
  }

  async #discover (slot: Slot, job: DiscoveryJob): Promise<DiscoveryAnswer | undefined> {
    const worker = slot.worker
    // Replaced since it was chosen: the caller answers.
    if (worker === undefined || slot.version !== job.version) return undefined
    const reply = await this.#exchange(slot, worker, { type: 'discover', request: job.request }, undefined, undefined)
    if (reply.type === 'answer') return reply.answer as DiscoveryAnswer
    throw fromReply(reply, { en: 'discovering', de: 'bei der Dienstsuche' })
  }

  async #run (slot: Slot, job: Job): Promise<CompositionAnswer> {
    const worker = await this.#current(slot, job.signal)
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
   * Whether it loaded: not when `waitForSnapshot` and the snapshot is missing or stale.
   */
  async #load (slot: Slot, worker: Worker, catalog: WorkerCatalog, signal: AbortSignal | undefined, waitForSnapshot: boolean): Promise<boolean> {
    const loading = { en: 'loading the catalog', de: 'beim Laden des Katalogs' }
    const snapshot = catalog.snapshot
    if (snapshot !== undefined && snapshot.key !== this.#damaged) {
      const read = await this.#exchange(slot, worker, { type: 'load', snapshot }, undefined, signal)
      if (read.type === 'loaded') return true
      if (read.type !== 'unreadable') throw fromReply(read, loading)
      if (waitForSnapshot && read.status !== 'corrupt') return false
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
    return true
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

