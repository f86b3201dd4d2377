/**
 * Awaiting one reply of a worker thread by its message id, for the composition pool and the
 * SPARQL worker alike: the listeners are removed however it ends, and each way it can fail
 * (the thread fails or stops, the time runs out, the caller gives up) rejects with the error its
 * owner names.
 */
import type { Worker } from 'node:worker_threads'
import type { SymphonyError } from '../errors.js'

/** The errors a reply's wait rejects with, by what ended it. */
export interface ReplyFailures {
  readonly failed: (error: Error) => SymphonyError
  readonly stopped: (exitCode: number) => SymphonyError
  /** The time ran out (only asked with a timeout). */
  readonly overran: () => SymphonyError
  /** The caller gave up (only asked with a signal). */
  readonly aborted?: () => SymphonyError
}

/** The worker's message with `id`; rejects when the worker fails or stops, after `timeoutMs`, or when `signal` aborts. */
export function workerReply<T extends { readonly id?: unknown }> (worker: Worker, id: number, failures: ReplyFailures, timeoutMs?: number, signal?: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const end = (error: SymphonyError): void => { cleanup(); reject(error) }
    const onMessage = (message: T): void => {
      if (message['id'] !== id) return
      cleanup()
      resolve(message)
    }
    const onError = (error: Error): void => { end(failures.failed(error)) }
    const onExit = (code: number): void => { end(failures.stopped(code)) }
    const onAbort = (): void => { end(failures.aborted?.() ?? failures.overran()) }
    const timer = timeoutMs === undefined ? undefined : setTimeout(() => { end(failures.overran()) }, timeoutMs)
    const cleanup = (): void => {
      clearTimeout(timer)
      worker.off('message', onMessage)
      worker.off('error', onError)
      worker.off('exit', onExit)
      signal?.removeEventListener('abort', onAbort)
    }
    worker.on('message', onMessage)
    worker.on('error', onError)
    worker.on('exit', onExit)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
