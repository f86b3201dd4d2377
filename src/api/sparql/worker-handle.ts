/**
 * One SPARQL worker thread and its replacement: a message exchange with a timeout, after which
 * (or after a crash, or after the engine reports a failure) the thread is terminated and the next
 * exchange starts a fresh one. It keeps count of replacements so `/health` can report them.
 */
import type { Worker } from 'node:worker_threads'
import { SymphonyError } from '../../errors.js'
import { moduleBeside, startWorker } from '../../worker-thread.js'
import { workerReply } from '../worker-reply.js'
import type { WithId, WorkerReply, WorkerRequest } from './worker-messages.js'

/** What `/health` says about the SPARQL worker. */
export interface WorkerStatus {
  /** `idle`: no thread yet (or none since the last replacement); `ready`: a thread holds the data. */
  readonly state: 'idle' | 'ready'
  /** Threads terminated after a timeout, a crash or an engine failure. */
  readonly replaced: number
  /** Why the last thread was replaced, with the time. */
  readonly lastFailure?: { readonly reason: string, readonly at: string }
}

export class WorkerHandle {
  #worker: Worker | undefined
  #replaced = 0
  #lastFailure: WorkerStatus['lastFailure']
  #nextId = 0

  status (): WorkerStatus {
    return {
      state: this.#worker === undefined ? 'idle' : 'ready',
      replaced: this.#replaced,
      ...(this.#lastFailure === undefined ? {} : { lastFailure: this.#lastFailure })
    }
  }

  /** The thread, started when there is none; resolves once it has loaded its modules (not timed). */
  async acquire (): Promise<Worker> {
    if (this.#worker !== undefined) return this.#worker
    const worker = startWorker(moduleBeside(import.meta.url, 'worker'))
    worker.unref()
    this.#worker = worker
    try {
      await receive(worker, -1, undefined)
    } catch (error) {
      await this.replace(worker, (error as Error).message)
      throw error
    }
    return worker
  }

  /**
   * Sends a message and waits for the answer to it; on timeout or crash the thread is replaced.
   * The timeout runs from sending, after the thread has started. `transfer`: memory handed to the
   * thread with the message (no longer usable here).
   */
  async exchange (message: WorkerRequest, timeoutMs: number | undefined, transfer: readonly ArrayBuffer[] = []): Promise<WithId<WorkerReply>> {
    const worker = await this.acquire()
    const id = this.#nextId++
    worker.postMessage({ ...message, id }, [...transfer])
    try {
      return await receive(worker, id, timeoutMs)
    } catch (error) {
      await this.replace(worker, (error as Error).message)
      throw error
    }
  }

  /** Terminates `worker` (when it is still the current one, the next exchange starts a new thread). */
  async replace (worker: Worker, reason: string): Promise<void> {
    if (this.#worker === worker) {
      this.#worker = undefined
      this.#replaced++
      this.#lastFailure = { reason, at: new Date().toISOString() }
    }
    await worker.terminate()
  }

  async close (): Promise<void> {
    const worker = this.#worker
    this.#worker = undefined
    await worker?.terminate()
  }
}

/** The worker's message with `id`; rejects on a crash or, with a timeout, with QUERY_TIMEOUT. */
function receive (worker: Worker, id: number, timeoutMs: number | undefined): Promise<WithId<WorkerReply>> {
  return workerReply<WithId<WorkerReply>>(worker, id, {
    failed: error => new SymphonyError('STORE_ERROR', { en: `the SPARQL worker failed: ${error.message}`, de: `der SPARQL-Worker ist ausgefallen: ${error.message}` }, { cause: error }),
    stopped: code => new SymphonyError('STORE_ERROR', { en: `the SPARQL worker stopped (exit code ${code})`, de: `der SPARQL-Worker endete (Exit-Code ${code})` }),
    overran: () => new SymphonyError('QUERY_TIMEOUT', {
      en: `the query ran longer than ${timeoutMs} ms and was stopped; narrow it (more specific patterns, LIMIT) or ask the operator for a longer --sparql-timeout`,
      de: `die Abfrage lief länger als ${timeoutMs} ms und wurde abgebrochen; schränken Sie sie ein (genauere Muster, LIMIT) oder bitten Sie den Betreiber um ein längeres --sparql-timeout`
    })
  }, timeoutMs)
}
