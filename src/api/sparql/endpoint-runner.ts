/**
 * SPARQL queries of the API on a remote store: parsed in a worker thread (as on the embedded
 * store), then sent to the endpoint, with the endpoint doing the work and the HTTP timeout
 * bounding it. No copy of the data is kept. The dataset is always given explicitly
 * (`default-graph-uri`, `named-graph-uri`, which take precedence over the query's own FROM
 * clauses), so operations graphs are never queried.
 */
import { Parser } from 'n3'
import type { Quad } from '@rdfjs/types'
import { serializeRdf } from '../../rdf/index.js'
import type { SerializationFormat } from '../../rdf/index.js'
import type { SparqlEndpointStore } from '../../store/index.js'
import { JobQueue } from './job-queue.js'
import { resultTooLarge } from './prepare.js'
import type { PreparedQuery } from './prepare.js'
import { datasetOf, prepareIn } from './runner.js'
import type { QueryAnswer, QueryRequest, SparqlRunner, SparqlStatus } from './runner.js'
import { WorkerHandle } from './worker-handle.js'

const formats: Record<string, SerializationFormat> = {
  'text/turtle': 'turtle',
  'application/n-triples': 'n-triples',
  'application/ld+json': 'json-ld'
}

/** A graph that never exists: the dataset of a request that named only graphs it may not read. */
const noGraph = 'https://w3id.org/symphony/graph/none'

export class EndpointRunner implements SparqlRunner {
  readonly #endpoint: SparqlEndpointStore
  readonly #timeoutMs: number
  readonly #handle = new WorkerHandle()
  readonly #parsing: JobQueue
  readonly #publicGraphs: () => Promise<readonly string[]>

  constructor (endpoint: SparqlEndpointStore, options: { timeoutMs: number, queueCapacity: number, publicGraphs: () => Promise<readonly string[]> }) {
    this.#endpoint = endpoint
    this.#publicGraphs = options.publicGraphs
    this.#timeoutMs = options.timeoutMs
    this.#parsing = new JobQueue(options.queueCapacity, Math.max(1, Math.ceil(options.timeoutMs / 1000)))
  }

  prepare (text: string, cap: number): Promise<PreparedQuery> {
    return this.#parsing.run(async () => prepareIn(this.#handle, text, cap, this.#timeoutMs))
  }

  status (): SparqlStatus {
    return { ...this.#handle.status(), queued: this.#parsing.waiting }
  }

  async run (request: QueryRequest): Promise<QueryAnswer> {
    const { query, format } = request
    const readable = await this.#publicGraphs()
    const dataset = datasetOf(request)
    const options = { defaultGraphs: within(dataset.default, readable), namedGraphs: within(dataset.named, readable), timeoutMs: this.#timeoutMs }
    if (query.form === 'SELECT' || query.form === 'ASK') {
      const text = await this.#endpoint.forward(query.text, { ...options, accept: 'application/sparql-results+json' })
      const count = query.form === 'SELECT' ? (JSON.parse(text) as { results: { bindings: unknown[] } }).results.bindings.length : 1
      if (count > query.cap) throw resultTooLarge(query)
      return { text, count }
    }
    const ntriples = await this.#endpoint.forward(query.text, { ...options, accept: 'application/n-triples' })
    const quads = new Parser({ format: 'N-Triples' }).parse(ntriples) as Quad[]
    if (quads.length > query.cap) throw resultTooLarge(query)
    return { text: await serializeRdf(quads, formats[format] ?? 'n-triples'), count: quads.length }
  }

  async close (): Promise<void> {
    await this.#handle.close()
  }
}

/** The requested graphs that may be read; all readable ones when none were requested. */
function within (requested: readonly string[], readable: readonly string[]): readonly string[] {
  if (requested.length === 0) return readable.length === 0 ? [noGraph] : readable
  const allowed = new Set(readable)
  const kept = requested.filter(graph => allowed.has(graph))
  return kept.length === 0 ? [noGraph] : kept
}
