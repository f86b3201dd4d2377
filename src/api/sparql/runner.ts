/**
 * Runs read-only SPARQL queries with a real timeout. oxigraph evaluates a query synchronously
 * (WASM), so a timer on the main thread could never interrupt it. Instead one worker thread holds
 * an oxigraph snapshot of the store (N-Quads of every graph) and evaluates queries one at a
 * time; when a query exceeds the timeout the worker is terminated, which stops evaluation at once,
 * and a fresh worker reloads the snapshot for the next query.
 *
 * The timeout covers evaluating the query and serializing its answer in the worker. It does not
 * cover waiting in the queue behind other queries, nor (re)loading the snapshot, which happens
 * after a write to the catalog (`invalidate`) or a timeout.
 */
import { Worker } from 'node:worker_threads'
import { createRequire } from 'node:module'
import { SymphonyError } from '../../errors.js'
import { resultTooLarge } from './prepare.js'
import type { PreparedQuery } from './prepare.js'
import { workerSource } from './worker-source.js'

export interface QueryRunnerOptions {
  /** Longest evaluation of one query, in milliseconds. */
  readonly timeoutMs: number
  /** N-Quads of every graph to query. Called lazily, after `invalidate`, and after a timeout. */
  readonly snapshot: () => Promise<string>
}

export interface QueryRequest {
  readonly query: PreparedQuery
  /** For CONSTRUCT/DESCRIBE: the RDF media type of the answer. SELECT/ASK answer SPARQL JSON. */
  readonly format: string
  readonly defaultGraphs: readonly string[]
  readonly namedGraphs: readonly string[]
}

export interface QueryAnswer {
  readonly text: string
  /** Rows (SELECT), triples (CONSTRUCT/DESCRIBE) or 1 (ASK). */
  readonly count: number
}

type WorkerMessage =
  | { type: 'loaded' }
  | { type: 'answer', id: number, text: string, count: number }
  | { type: 'failed', id: number, code: 'RESULT_TOO_LARGE' | 'INVALID_QUERY', message: string }

const oxigraphPath = createRequire(import.meta.url).resolve('oxigraph')

/**
 * The dataset a request asks for: the protocol's `default-graph-uri` / `named-graph-uri`
 * when given, which take precedence over the query's own FROM / FROM NAMED.
 */
export function datasetOf ({ query, defaultGraphs, namedGraphs }: QueryRequest): { default: readonly string[], named: readonly string[] } {
  return defaultGraphs.length > 0 || namedGraphs.length > 0 ? { default: defaultGraphs, named: namedGraphs } : query.from
}

/** What the SPARQL routes need: `QueryRunner` over a local snapshot, or `EndpointRunner`. */
export interface SparqlRunner {
  run (request: QueryRequest): Promise<QueryAnswer>
  /** The data changed. */
  invalidate (): void
  close (): Promise<void>
}

export class QueryRunner implements SparqlRunner {
  readonly #options: QueryRunnerOptions
  #worker: Worker | undefined
  #generation = 0
  #loaded = -1
  #nextId = 0
  #queue: Promise<unknown> = Promise.resolve()
  #closed = false

  constructor (options: QueryRunnerOptions) {
    this.#options = options
  }

  /** The store changed: the next query runs on a fresh snapshot. */
  invalidate (): void {
    this.#generation++
  }

  /** Evaluates a prepared query; queries run one after another. */
  run (request: QueryRequest): Promise<QueryAnswer> {
    const result = this.#queue.then(() => this.#evaluate(request))
    this.#queue = result.catch(() => undefined)
    return result
  }

  async close (): Promise<void> {
    this.#closed = true
    await this.#worker?.terminate()
    this.#worker = undefined
  }

  async #evaluate (request: QueryRequest): Promise<QueryAnswer> {
    if (this.#closed) throw new SymphonyError('STORE_ERROR', 'the SPARQL endpoint is shut down')
    const worker = await this.#ready()
    const id = this.#nextId++
    const { query, format } = request
    const dataset = datasetOf(request)
    worker.postMessage({ type: 'query', id, text: query.text, form: query.form, cap: query.cap, format, defaultGraphs: dataset.default, namedGraphs: dataset.named })
    let message: WorkerMessage
    try {
      message = await this.#receive(worker, this.#options.timeoutMs)
    } catch (error) {
      await this.#discard(worker)
      throw error
    }
    if (message.type === 'answer') return { text: message.text, count: message.count }
    if (message.type === 'failed' && message.code === 'RESULT_TOO_LARGE') {
      throw resultTooLarge(query)
    }
    if (message.type === 'failed') {
      const position = /error at (\d+):(\d+)/.exec(message.message)
      const location = position === null ? {} : { line: Number(position[1]), column: Number(position[2]) }
      throw new SymphonyError('INVALID_QUERY', `query rejected by the SPARQL engine: ${message.message.split('\n')[0]}`, location)
    }
    throw new SymphonyError('INTERNAL', `unexpected message from the SPARQL worker: ${message.type}`)
  }

  /** A worker with the current snapshot loaded. */
  async #ready (): Promise<Worker> {
    let worker = this.#worker
    if (worker === undefined) {
      worker = new Worker(workerSource, { eval: true, workerData: { oxigraph: oxigraphPath } })
      worker.unref()
      this.#worker = worker
      this.#loaded = -1
    }
    if (this.#loaded !== this.#generation) {
      const generation = this.#generation
      const nquads = await this.#options.snapshot()
      worker.postMessage({ type: 'load', nquads })
      try {
        await this.#receive(worker, undefined)
      } catch (error) {
        await this.#discard(worker)
        throw error
      }
      this.#loaded = generation
    }
    return worker
  }

  async #discard (worker: Worker): Promise<void> {
    if (this.#worker === worker) this.#worker = undefined
    await worker.terminate()
  }

  /** The worker's next message; rejects on a crash or, with a timeout, with QUERY_TIMEOUT. */
  #receive (worker: Worker, timeoutMs: number | undefined): Promise<WorkerMessage> {
    return new Promise((resolve, reject) => {
      const cleanup = (): void => {
        clearTimeout(timer)
        worker.off('message', onMessage)
        worker.off('error', onError)
        worker.off('exit', onExit)
      }
      const onMessage = (message: WorkerMessage): void => { cleanup(); resolve(message) }
      const onError = (error: Error): void => {
        cleanup()
        reject(new SymphonyError('STORE_ERROR', `the SPARQL worker failed: ${error.message}`, { cause: error }))
      }
      const onExit = (code: number): void => {
        cleanup()
        reject(new SymphonyError('STORE_ERROR', `the SPARQL worker stopped (exit code ${code})`))
      }
      const timer = timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
          cleanup()
          reject(new SymphonyError('QUERY_TIMEOUT', `the query ran longer than ${timeoutMs} ms and was stopped; narrow it (more specific patterns, LIMIT) or ask the operator for a longer --sparql-timeout`))
        }, timeoutMs)
      worker.on('message', onMessage)
      worker.on('error', onError)
      worker.on('exit', onExit)
    })
  }
}
