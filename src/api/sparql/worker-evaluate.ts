/**
 * The SPARQL worker's evaluation of a prepared query over its oxigraph copy of the public graphs.
 * oxigraph evaluates synchronously, which is why this runs in a worker thread the serving thread
 * can terminate.
 */
import type { Store } from 'oxigraph'
import { oxigraph } from './worker-packages.js'
import type { EngineFailed, WorkerRequest } from './worker-messages.js'

type Query = Extract<WorkerRequest, { type: 'query' }>

const json = 'application/sparql-results+json'

/** The answer's text and its size: rows (SELECT), triples (CONSTRUCT/DESCRIBE) or 1 (ASK). */
export function evaluate (store: Store, query: Query): { readonly text: string, readonly count: number } {
  const dataset = query.defaultGraphs.length > 0
    ? { default_graph: query.defaultGraphs.map(g => oxigraph.namedNode(g)) }
    : { use_default_graph_as_union: true }
  const options = query.namedGraphs.length > 0 ? { ...dataset, named_graphs: query.namedGraphs.map(g => oxigraph.namedNode(g)) } : dataset
  if (query.form === 'ASK') return { text: String(store.query(query.text, { ...options, results_format: json })), count: 1 }
  // SELECT and CONSTRUCT carry a LIMIT of at most cap + 1 (added when prepared), so the answer
  // built here is bounded before it is counted.
  if (query.form === 'SELECT') {
    const text = String(store.query(query.text, { ...options, results_format: json }))
    return { text, count: (JSON.parse(text) as { results: { bindings: unknown[] } }).results.bindings.length }
  }
  const triples = String(store.query(query.text, { ...options, results_format: 'application/n-triples' }))
  const count = triples === '' ? 0 : triples.split('\n').filter(line => line !== '').length
  if (count > query.cap || query.format === 'application/n-triples') return { text: triples, count }
  const result = new oxigraph.Store()
  result.load(triples, { format: 'application/n-triples' })
  return { text: result.dump({ format: query.format, from_graph_name: oxigraph.defaultGraph() }), count }
}

/** The reply for an error of the engine: a trap or a stack overflow can leave its memory inconsistent. */
export function failure (error: unknown): EngineFailed {
  if (error instanceof WebAssembly.RuntimeError || error instanceof RangeError) return { type: 'failed', code: 'ENGINE_FAILURE', message: error.message }
  const message = (error as { message?: unknown } | undefined)?.message
  return { type: 'failed', code: 'INVALID_QUERY', message: String(message ?? error) }
}
