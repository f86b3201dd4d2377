/**
 * Runs read-only SPARQL queries off the event loop, with a real timeout. One worker thread parses
 * each query and evaluates it over an oxigraph snapshot of the store (oxigraph evaluates
 * synchronously, so a timer on the main thread could never interrupt it). Queries wait in a
 * bounded queue and run one at a time; a full queue answers 503 BUSY at once. When parsing or
 * evaluating exceeds the timeout, the worker crashes, or its engine fails, the thread is
 * terminated and a fresh one reloads the snapshot for the next query.
 *
 * The snapshot gives a graph the store read from a data directory's file as that file, which the
 * worker reads itself, and a graph held as term ids as its N-Quads bytes: the serving thread
 * neither parses nor serializes either.
 *
 * The timeout covers parsing, evaluating and serializing. It does not cover waiting in the queue,
 * nor (re)loading the snapshot, which happens when the public data's version moved (a write to
 * the catalog, by this process or another) or after a replacement.
 */
import type { Worker } from 'node:worker_threads'
import { SymphonyError } from '../../errors.js'
import { privateGraphPrefixes } from '../../project.js'
import { JobQueue } from './job-queue.js'
import { preparedQuery, resultTooLarge } from './prepare.js'
import type { PreparedQuery } from './prepare.js'
import type { GraphDump } from '../../store/index.js'
import { WorkerHandle } from './worker-handle.js'
import type { WorkerStatus } from './worker-handle.js'
import type { WorkerReply } from './worker-messages.js'

/**
 * One graph of the snapshot: its IRI and its triples as N-Triples text; a data directory's graph
 * file (a header line `# graph <IRI>`, then N-Quads text) and the SHA-256 of its text as the store
 * read it, which the worker reads itself when the file still holds that text; or its N-Quads
 * bytes in chunks of whole lines (handed to the worker, not copied).
 */
export type SnapshotGraph = GraphDump

export interface QueryRunnerOptions {
  /** Longest parse or evaluation of one query, in milliseconds. */
  readonly timeoutMs: number
  /** Most queries waiting behind the running one before BUSY. */
  readonly queueCapacity: number
  /**
   * Every graph to query. Called lazily, when `version` moved, and after a replacement; with
   * `fromHeld` false, every graph as N-Triples text (a file given before no longer held its text).
   */
  readonly snapshot: (options: { readonly fromHeld: boolean }) => Promise<readonly SnapshotGraph[]>
  /** The version of what `snapshot` gives: asked before each query, cheap. */
  readonly version: () => Promise<string>
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

/** What `/health` reports about the SPARQL endpoint. */
export interface SparqlStatus extends WorkerStatus {
  /** Queries waiting. */
  readonly queued: number
}

/** What the SPARQL routes need: `QueryRunner` over a local snapshot, or `EndpointRunner`. */
export interface SparqlRunner {
  /** Parses a query in the worker: refuses updates, adds a LIMIT of cap + 1 where needed. */
  prepare (text: string, cap: number): Promise<PreparedQuery>
  run (request: QueryRequest): Promise<QueryAnswer>
  status (): SparqlStatus
  close (): Promise<void>
}

/**
 * The dataset a request asks for: the protocol's `default-graph-uri` / `named-graph-uri`
 * when given, which take precedence over the query's own FROM / FROM NAMED.
 */
export function datasetOf ({ query, defaultGraphs, namedGraphs }: QueryRequest): { default: readonly string[], named: readonly string[] } {
  return defaultGraphs.length > 0 || namedGraphs.length > 0 ? { default: defaultGraphs, named: namedGraphs } : query.from
}

/** Parses `text` in the worker of `handle`, bounded by `timeoutMs`. */
export async function prepareIn (handle: WorkerHandle, text: string, cap: number, timeoutMs: number): Promise<PreparedQuery> {
  const reply = await handle.exchange({ type: 'prepare', text, cap, privatePrefixes: privateGraphPrefixes }, timeoutMs)
  if (reply.type === 'prepared') return preparedQuery(text, reply, cap)
  if (reply.type !== 'failed' || reply.code === 'ENGINE_FAILURE' || reply.code === 'RESULT_TOO_LARGE') throw unexpected(reply)
  return preparedQuery(text, reply, cap)
}

/** The memory of a chunk that owns all of it, to hand over to the worker (any other chunk is copied). */
function ownBuffer (chunk: Uint8Array): ArrayBuffer[] {
  const { buffer } = chunk
  return buffer instanceof ArrayBuffer && chunk.byteOffset === 0 && chunk.byteLength === buffer.byteLength ? [buffer] : []
}

function unexpected (reply: WorkerReply): SymphonyError {
  return new SymphonyError('INTERNAL', {
    en: `unexpected message from the SPARQL worker: ${reply.type}`,
    de: `unerwartete Nachricht vom SPARQL-Worker: ${reply.type}`
  })
}

export class QueryRunner implements SparqlRunner {
  readonly #options: QueryRunnerOptions
  readonly #handle = new WorkerHandle()
  readonly #queue: JobQueue
  #loaded: { worker: Worker, version: string } | undefined
  #closed = false

  constructor (options: QueryRunnerOptions) {
    this.#options = options
    this.#queue = new JobQueue(options.queueCapacity, Math.max(1, Math.ceil(options.timeoutMs / 1000)))
  }

  status (): SparqlStatus {
    return { ...this.#handle.status(), queued: this.#queue.waiting }
  }

  prepare (text: string, cap: number): Promise<PreparedQuery> {
    return this.#queue.run(async () => {
      this.#checkOpen()
      return prepareIn(this.#handle, text, cap, this.#options.timeoutMs)
    })
  }

  /** Evaluates a prepared query; queries run one after another. */
  run (request: QueryRequest): Promise<QueryAnswer> {
    return this.#queue.run(async () => this.#evaluate(request))
  }

  async close (): Promise<void> {
    this.#closed = true
    await this.#handle.close()
  }

  #checkOpen (): void {
    if (this.#closed) throw new SymphonyError('STORE_ERROR', { en: 'the SPARQL endpoint is shut down', de: 'der SPARQL-Endpunkt ist beendet' })
  }

  async #evaluate (request: QueryRequest): Promise<QueryAnswer> {
    this.#checkOpen()
    const worker = await this.#ready()
    const { query, format } = request
    const dataset = datasetOf(request)
    const reply = await this.#handle.exchange({ type: 'query', text: query.text, form: query.form, cap: query.cap, format, defaultGraphs: dataset.default, namedGraphs: dataset.named }, this.#options.timeoutMs)
    if (reply.type === 'answer') return { text: reply.text, count: reply.count }
    if (reply.type !== 'failed') throw unexpected(reply)
    const { message } = reply
    switch (reply.code) {
      case 'RESULT_TOO_LARGE': throw resultTooLarge(query)
      case 'ENGINE_FAILURE':
        // The WebAssembly engine trapped: its memory cannot be trusted, so the thread goes.
        await this.#handle.replace(worker, `engine failure: ${message}`)
        throw new SymphonyError('STORE_ERROR', {
          en: `the SPARQL engine failed on this query (${message}); it was restarted`,
          de: `die SPARQL-Engine ist an dieser Abfrage gescheitert (${message}); sie wurde neu gestartet`
        })
      default: {
        const position = /error at (\d+):(\d+)/.exec(message)
        const location = position === null ? {} : { line: Number(position[1]), column: Number(position[2]) }
        const engineSays = message.split('\n')[0]
        throw new SymphonyError('INVALID_QUERY', {
          en: `query rejected by the SPARQL engine: ${engineSays}`,
          de: `die SPARQL-Engine hat die Abfrage abgelehnt: ${engineSays}`
        }, location)
      }
    }
  }

  /** The worker, with the current snapshot loaded. */
  async #ready (): Promise<Worker> {
    const worker = await this.#handle.acquire()
    const version = await this.#options.version()
    if (this.#loaded?.worker === worker && this.#loaded.version === version) return worker
    const load = async (fromHeld: boolean): Promise<WorkerReply> => {
      const graphs = await this.#options.snapshot({ fromHeld })
      return this.#handle.exchange({ type: 'load', graphs }, undefined, graphs.flatMap(g => 'nquads' in g ? g.nquads.flatMap(ownBuffer) : []))
    }
    let reply = await load(true)
    // A graph file no longer holds the text the store read from it (replaced or damaged since):
    // the store's own content, as text.
    if (reply.type === 'stale') reply = await load(false)
    if (reply.type !== 'loaded') {
      const reason = reply.type === 'failed' ? reply.message : `unexpected reply ${reply.type}`
      await this.#handle.replace(worker, `loading the data failed: ${reason}`)
      throw new SymphonyError('STORE_ERROR', {
        en: `the SPARQL worker could not load the data: ${reason}`,
        de: `der SPARQL-Worker konnte die Daten nicht laden: ${reason}`
      })
    }
    this.#loaded = { worker, version }
    return worker
  }
}
