/**
 * Compiling catalogs off the event loop: one worker thread (started on first use) reasons over
 * the quads (and graphs held as term ids) and reads the services; this thread only packs the
 * quads (copies the graphs' ids) and indexes the slices it gets back, one slice per turn of the event loop (it asks for the next one after a turn), so
 * requests keep being answered meanwhile.
 */
import type { Worker } from 'node:worker_threads'
import type { Quad } from '@rdfjs/types'
import { CatalogAssembler, type Catalog, type CatalogSlice, type LineGraph } from '../catalog/index.js'
import { SymphonyError, type ErrorCode, type ErrorMessages } from '../errors.js'
import type { Rule } from '../reasoner/index.js'
import { SliceClock, nextTurn } from '../turns.js'
import { moduleBeside, startWorker } from '../worker-thread.js'
import { sendQuads } from './quads.js'
import type { StoreGraph } from './store-graphs.js'
import type { StoredFile } from './stored-files.js'

type Reply =
  | { readonly type: 'slice', readonly job: number, readonly slice: CatalogSlice }
  | { readonly type: 'failed', readonly job: number, readonly code: ErrorCode, readonly messages: ErrorMessages, readonly location?: Record<string, unknown> }
  | { readonly type: 'warning', readonly job: number, readonly messages: ErrorMessages }
  | { readonly type: 'unread', readonly job: number }

/** Where the compile thread also saves what it compiled (`writeSnapshot`). */
export interface SnapshotTarget {
  readonly file: string
  readonly key: string
}

interface Job {
  readonly assembler: CatalogAssembler
  /** Undefined: a graph file sent was not read (`compileStored`). */
  readonly resolve: (catalog: Catalog | undefined) => void
  readonly reject: (error: unknown) => void
}

export class BackgroundCompiler {
  #worker: Worker | undefined
  readonly #jobs = new Map<number, Job>()
  #nextJob = 0
  #closed = false
  readonly #onWarning: (messages: ErrorMessages) => void

  /** `onWarning` is told what went wrong that fails no compile (a snapshot not saved). */
  constructor (onWarning: (messages: ErrorMessages) => void = () => undefined) {
    this.#onWarning = onWarning
  }

  /**
   * Compiles the catalog of the quads (as `compileCatalog` does) in the compile thread; with
   * `snapshot`, the thread then also saves it there; with `'later'`, the thread keeps what it
   * compiled until `saveSnapshot` or `dropSnapshot` is told of the catalog (it keeps one such
   * catalog: the next one kept replaces it).
   */
  async compile (quads: readonly Quad[], rules: readonly Rule[], snapshot?: SnapshotTarget | 'later'): Promise<Catalog> {
    return (await this.#run(quads, [], [], rules, snapshot))!
  }

  /**
   * Compiles the catalog of a data directory's graphs, in the store's order, each given as quads
   * or as its graph file and digest (`StoredFile`): the files are read in the compile thread into
   * term ids, so their quads are neither parsed nor packed here. The catalog is the one `compile`
   * gives for the graphs' quads in the same order. Undefined when a file no longer holds that
   * digest (replaced by a later write, damaged) or does not read: compile the quads then.
   */
  async compileStored (graphs: readonly StoreGraph[], rules: readonly Rule[], snapshot?: SnapshotTarget | 'later'): Promise<Catalog | undefined> {
    const quads: Quad[] = []
    const files: Array<{ after: number, stored: StoredFile }> = []
    for (const graph of graphs) {
      if ('file' in graph) files.push({ after: quads.length, stored: { graph: graph.graph, file: graph.file, digest: graph.digest } })
      else for (const quad of graph) quads.push(quad)
    }
    return this.#run(quads, [], files, rules, snapshot)
  }

  /**
   * Compiles the catalog of the quads followed by graphs held as term ids, as `compileLineParts`
   * does in place, or (when it leaves a node to name across the graphs) of the quads and the
   * graphs' quads, built in the compile thread: the quads of `lines` are never built here.
   */
  async compileLines (quads: readonly Quad[], lines: readonly LineGraph[], rules: readonly Rule[]): Promise<Catalog> {
    return (await this.#run(quads, lines, [], rules))!
  }

  async #run (quads: readonly Quad[], lines: readonly LineGraph[], files: ReadonlyArray<{ after: number, stored: StoredFile }>, rules: readonly Rule[],
    snapshot?: SnapshotTarget | 'later'): Promise<Catalog | undefined> {
    if (this.#closed) {
      throw new SymphonyError('INTERNAL', {
        en: 'the catalog compile thread is shut down: the engine was closed',
        de: 'der Kompilier-Thread des Katalogs ist beendet: die Engine wurde geschlossen'
      })
    }
    const worker = this.#thread()
    const job = this.#nextJob++
    const done = new Promise<Catalog | undefined>((resolve, reject) => {
      this.#jobs.set(job, { assembler: new CatalogAssembler(), resolve, reject })
    })
    worker.ref()
    try {
      await sendQuads(quads, slice => worker.postMessage({ type: 'quads', job, slice }, [slice.quads.buffer as ArrayBuffer]))
      for (const { after, stored } of files) worker.postMessage({ type: 'stored', job, after, stored })
      for (const graph of lines) {
        // A turn between graphs; each is copied in one piece (its ids are typed arrays).
        await nextTurn()
        const held = graph.held()
        worker.postMessage({ type: 'lines', job, held }, [held.ends.buffer, held.places.buffer, held.hashes.buffer, held.s.buffer, held.p.buffer, held.o.buffer] as ArrayBuffer[])
      }
      const saving = snapshot === undefined ? {} : snapshot === 'later' ? { keep: true } : { snapshot }
      worker.postMessage({ type: 'compile', job, rules, ...saving })
      const catalog = await done
      if (snapshot === 'later' && catalog !== undefined) this.#kept.set(catalog, { worker, job })
      return catalog
    } finally {
      this.#jobs.delete(job)
      if (this.#jobs.size === 0) this.#worker?.unref()
    }
  }

  /** Saves a catalog compiled with `snapshot: 'later'` as the snapshot (nothing when the thread no longer keeps it). */
  saveSnapshot (catalog: Catalog, snapshot: SnapshotTarget): void {
    this.#release(catalog, { type: 'save', snapshot })
  }

  /** Lets the thread drop what it kept of a catalog compiled with `snapshot: 'later'`. */
  dropSnapshot (catalog: Catalog): void {
    this.#release(catalog, { type: 'drop' })
  }

  readonly #kept = new WeakMap<Catalog, { readonly worker: Worker, readonly job: number }>()

  #release (catalog: Catalog, message: { type: 'save', snapshot: SnapshotTarget } | { type: 'drop' }): void {
    const kept = this.#kept.get(catalog)
    this.#kept.delete(catalog)
    // A thread started since (the one that kept it stopped) has nothing of it.
    if (kept !== undefined && kept.worker === this.#worker) kept.worker.postMessage({ ...message, job: kept.job })
  }

  /** Stops the thread; compiles in flight fail. */
  async close (): Promise<void> {
    this.#closed = true
    const worker = this.#worker
    this.#worker = undefined
    this.#fail(new SymphonyError('INTERNAL', {
      en: 'the catalog compile thread was shut down before the catalog was compiled',
      de: 'der Kompilier-Thread des Katalogs wurde beendet, bevor der Katalog kompiliert war'
    }))
    await worker?.terminate()
  }

  #thread (): Worker {
    if (this.#worker !== undefined) return this.#worker
    const worker = startWorker(moduleBeside(import.meta.url, 'thread'))
    worker.on('message', (reply: Reply) => this.#receive(reply))
    worker.on('error', error => {
      if (this.#worker === worker) this.#worker = undefined
      this.#fail(new SymphonyError('INTERNAL', {
        en: `the catalog compile thread failed: ${error.message}`,
        de: `der Kompilier-Thread des Katalogs ist ausgefallen: ${error.message}`
      }, { cause: error }))
    })
    worker.on('exit', code => {
      if (this.#worker !== worker) return
      this.#worker = undefined
      this.#fail(new SymphonyError('INTERNAL', {
        en: `the catalog compile thread stopped (exit code ${code}) before the catalog was compiled`,
        de: `der Kompilier-Thread des Katalogs endete (Exit-Code ${code}), bevor der Katalog kompiliert war`
      }))
    })
    this.#worker = worker
    return worker
  }

  #receive (reply: Reply): void {
    if (reply.type === 'warning') {
      this.#onWarning(reply.messages)
      return
    }
    const job = this.#jobs.get(reply.job)
    if (job === undefined) return
    if (reply.type === 'unread') {
      job.resolve(undefined)
      return
    }
    if (reply.type === 'failed') {
      job.reject(new SymphonyError(reply.code, reply.messages, reply.location ?? {}))
      return
    }
    void this.#assemble(reply.job, job, reply.slice)
  }

  /**
   * Takes a slice into the job's catalog in steps of a few milliseconds, with a turn of the event
   * loop between them (the head of a catalog of 100,000 services numbers hundreds of thousands of
   * terms, taken in one piece it held every request for seconds), then asks for the next slice
   * after another turn. The thread posts a slice only when asked, so one is assembled at a time.
   */
  async #assemble (id: number, job: Job, slice: CatalogSlice): Promise<void> {
    try {
      const steps = job.assembler.steps(slice, new SliceClock())
      while (steps.next().done !== true) {
        await nextTurn()
        // Failed meanwhile (the thread stopped, the engine closed): the rest is not wanted.
        if (!this.#jobs.has(id)) return
      }
      if (slice.kind === 'end') {
        job.resolve(job.assembler.catalog())
        return
      }
    } catch (error) {
      this.#worker?.postMessage({ type: 'cancel', job: id })
      job.reject(error)
      return
    }
    await nextTurn()
    if (this.#jobs.has(id)) this.#worker?.postMessage({ type: 'next', job: id })
  }

  #fail (error: SymphonyError): void {
    for (const job of this.#jobs.values()) job.reject(error)
  }
}
