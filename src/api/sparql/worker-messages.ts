/**
 * The messages between the serving thread and the SPARQL worker (`worker.ts`). Every reply
 * carries the id of its request; the thread says `started` with id -1 once its modules are loaded.
 *   → load: every public graph, as N-Triples text, a data directory's graph file and digest, or
 *     N-Quads chunks (their memory transferred)
 *   ← loaded | stale (a file no longer holds the text the store read) | failed
 *   → prepare   ← prepared | failed (INVALID_QUERY, TOO_DEEP, UPDATE_NOT_ALLOWED, or
 *     SERVICE_NOT_ALLOWED / FUNCTION_NOT_ALLOWED / PRIVATE_GRAPH with the IRI as message)
 *   → query     ← answer | failed (RESULT_TOO_LARGE with the count, INVALID_QUERY, ENGINE_FAILURE)
 * A `failed` reply with code ENGINE_FAILURE means the WebAssembly engine trapped: its memory may
 * be corrupt, and the thread must not be used again.
 */
import type { GraphDump } from '../../store/index.js'
import type { PrepareRefusal, PreparedText, QueryForm } from './prepare.js'

/** What the serving thread asks of the worker (sent with an `id`). */
export type WorkerRequest =
  | { readonly type: 'load', readonly graphs: readonly GraphDump[] }
  | { readonly type: 'prepare', readonly text: string, readonly cap: number, readonly privatePrefixes: readonly string[] }
  | {
    readonly type: 'query'
    readonly text: string
    readonly form: QueryForm
    readonly cap: number
    /** For CONSTRUCT/DESCRIBE: the RDF media type of the answer. */
    readonly format: string
    readonly defaultGraphs: readonly string[]
    readonly namedGraphs: readonly string[]
  }

/** A load or evaluation that went wrong: the engine trapped, or it refused the query. */
export type EngineFailed =
  | { readonly type: 'failed', readonly code: 'ENGINE_FAILURE', readonly message: string }
  | { readonly type: 'failed', readonly code: 'INVALID_QUERY', readonly message: string }

/** What the worker answers (with the id of the request). */
export type WorkerReply =
  | { readonly type: 'started' }
  | { readonly type: 'loaded' }
  | { readonly type: 'stale', readonly graph: string }
  | ({ readonly type: 'prepared' } & PreparedText)
  | ({ readonly type: 'failed' } & PrepareRefusal)
  | EngineFailed
  | { readonly type: 'failed', readonly code: 'RESULT_TOO_LARGE', readonly message: string }
  | { readonly type: 'answer', readonly text: string, readonly count: number }

/** A message on the wire: the request or reply with its id. */
export type WithId<T> = T & { readonly id: number }
