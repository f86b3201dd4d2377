/**
 * SPARQL queries of the API on a remote store: sent to the endpoint as they are, with the
 * endpoint doing the work and the HTTP timeout bounding it. No copy of the data is kept.
 */
import { Parser } from 'n3'
import type { Quad } from '@rdfjs/types'
import { serializeRdf } from '../../rdf/index.js'
import type { SerializationFormat } from '../../rdf/index.js'
import type { SparqlEndpointStore } from '../../store/index.js'
import { resultTooLarge } from './prepare.js'
import type { QueryAnswer, QueryRequest, SparqlRunner } from './runner.js'

const formats: Record<string, SerializationFormat> = {
  'text/turtle': 'turtle',
  'application/n-triples': 'n-triples',
  'application/ld+json': 'json-ld'
}

export class EndpointRunner implements SparqlRunner {
  readonly #endpoint: SparqlEndpointStore
  readonly #timeoutMs: number

  constructor (endpoint: SparqlEndpointStore, options: { timeoutMs: number }) {
    this.#endpoint = endpoint
    this.#timeoutMs = options.timeoutMs
  }

  async run ({ query, format, defaultGraphs, namedGraphs }: QueryRequest): Promise<QueryAnswer> {
    const options = { defaultGraphs, namedGraphs, timeoutMs: this.#timeoutMs }
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

  invalidate (): void {}

  async close (): Promise<void> {}
}
