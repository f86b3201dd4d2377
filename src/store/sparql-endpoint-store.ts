/**
 * A store on a remote SPARQL 1.1 endpoint (query, update and graph store protocol), for
 * catalogs that outgrow one process. Tested against Virtuoso.
 *
 * Writes of several graphs are all or nothing as far as the protocol allows: each new content is
 * first uploaded to a staging graph with the graph store protocol (one request per graph keeps
 * its blank nodes intact), then one update request moves every staging graph into place.
 */
import { randomUUID } from 'node:crypto'
import { DataFactory, Parser } from 'n3'
import type { Quad, Term } from '@rdfjs/types'
import { SymphonyError } from '../errors.js'
import { toNQuads } from './n-quads.js'
import type { GraphContent, GraphSummary, QueryResult, Store } from './types.js'

export interface SparqlEndpointOptions {
  /** SPARQL query endpoint, e.g. `http://127.0.0.1:8890/sparql`. */
  readonly queryUrl: string
  /** SPARQL update endpoint; default: the query endpoint. */
  readonly updateUrl?: string
  /** Graph store protocol endpoint, e.g. `http://127.0.0.1:8890/sparql-graph-crud`. */
  readonly graphStoreUrl: string
  /** Only graphs whose IRI starts with this belong to the catalog (endpoints hold system graphs too). */
  readonly graphPrefix?: string
  /** Extra request headers, e.g. `Authorization`. */
  readonly headers?: Readonly<Record<string, string>>
  /** Per-request timeout in milliseconds (default 30 s). */
  readonly timeoutMs?: number
  /**
   * Rows per request when reading a graph (default 10,000): endpoints cap result sizes
   * (Virtuoso's `ResultSetMaxRows` defaults to 10,000), so graphs are read page by page.
   */
  readonly pageSize?: number
}

interface SparqlJsonTerm { type: 'uri' | 'bnode' | 'literal' | 'typed-literal', value: string, 'xml:lang'?: string, datatype?: string }
interface SparqlJson { head: { vars?: string[] }, results?: { bindings: Array<Record<string, SparqlJsonTerm>> }, boolean?: boolean }

export class SparqlEndpointStore implements Store {
  readonly #options: Required<Omit<SparqlEndpointOptions, 'headers'>> & { headers: Readonly<Record<string, string>> }

  constructor (options: SparqlEndpointOptions) {
    this.#options = {
      updateUrl: options.queryUrl,
      graphPrefix: 'https://w3id.org/symphony/graph/',
      headers: {},
      timeoutMs: 30_000,
      pageSize: 10_000,
      ...options
    }
  }

  async graphs (): Promise<GraphSummary[]> {
    const result = await this.#select(`SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), ${JSON.stringify(this.#options.graphPrefix)})) } GROUP BY ?g ORDER BY ?g`)
    return result.rows.map(row => ({ graph: row.g!.value, triples: Number(row.n!.value) }))
  }

  async graph (graph: string): Promise<Quad[]> {
    const node = DataFactory.namedNode(graph)
    const { pageSize } = this.#options
    const quads: Quad[] = []
    // Ordered pages, so that no triple is skipped or read twice between requests.
    for (let offset = 0; ; offset += pageSize) {
      const text = await this.#request(this.#options.queryUrl, 'query',
        `CONSTRUCT { ?s ?p ?o } WHERE { SELECT ?s ?p ?o WHERE { GRAPH <${graph}> { ?s ?p ?o } } ORDER BY ?s ?p ?o LIMIT ${pageSize} OFFSET ${offset} }`,
        'application/n-triples')
      // Keep the endpoint's labels: they name the same node on every page.
      const page = new Parser({ format: 'N-Triples', blankNodePrefix: '' }).parse(text)
      for (const q of page) quads.push(DataFactory.quad(q.subject, q.predicate, q.object, node) as Quad)
      if (page.length < pageSize) return quads
    }
  }

  async quads (): Promise<Quad[]> {
    const all: Quad[] = []
    for (const { graph } of await this.graphs()) all.push(...await this.graph(graph))
    return all
  }

  async putGraphs (graphs: readonly GraphContent[]): Promise<void> {
    const staged: Array<{ staging: string, graph: string }> = []
    try {
      for (const { graph, quads } of graphs) {
        const staging = `${this.#options.graphPrefix}staging/${randomUUID()}`
        staged.push({ staging, graph })
        await this.#upload(staging, quads)
      }
    } catch (error) {
      await this.#update(staged.map(({ staging }) => `DROP SILENT GRAPH <${staging}>`).join(' ;\n')).catch(() => undefined)
      throw error
    }
    await this.#update(staged.map(({ staging, graph }) => `DROP SILENT GRAPH <${graph}> ; MOVE SILENT GRAPH <${staging}> TO GRAPH <${graph}>`).join(' ;\n'))
  }

  async deleteGraphs (graphs: readonly string[]): Promise<void> {
    if (graphs.length > 0) await this.#update(graphs.map(graph => `DROP SILENT GRAPH <${graph}>`).join(' ;\n'))
  }

  async query (sparql: string): Promise<QueryResult> {
    const form = /^\s*(?:(?:PREFIX|BASE)[^\n]*\n|#[^\n]*\n|\s)*(SELECT|ASK|CONSTRUCT|DESCRIBE)/i.exec(sparql)?.[1]?.toUpperCase()
    if (form === 'CONSTRUCT' || form === 'DESCRIBE') {
      const text = await this.#request(this.#options.queryUrl, 'query', sparql, 'application/n-triples')
      return { type: 'quads', quads: new Parser({ format: 'N-Triples' }).parse(text) as Quad[] }
    }
    const json = JSON.parse(await this.#request(this.#options.queryUrl, 'query', sparql, 'application/sparql-results+json')) as SparqlJson
    if (typeof json.boolean === 'boolean') return { type: 'boolean', value: json.boolean }
    return toBindings(json)
  }

  /**
   * Sends a read-only query to the endpoint as it is and returns the endpoint's answer text in
   * the requested media type (for the API's SPARQL endpoint, which then needs no copy of the data).
   */
  async forward (sparql: string, options: { accept: string, defaultGraphs?: readonly string[], namedGraphs?: readonly string[], timeoutMs?: number }): Promise<string> {
    const body = new URLSearchParams({ query: sparql })
    for (const graph of options.defaultGraphs ?? []) body.append('default-graph-uri', graph)
    for (const graph of options.namedGraphs ?? []) body.append('named-graph-uri', graph)
    return this.#fetch(this.#options.queryUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: options.accept },
      body: body.toString()
    }, 'SPARQL query', options.timeoutMs)
  }

  async close (): Promise<void> {}

  async #select (sparql: string): Promise<Extract<QueryResult, { type: 'bindings' }>> {
    return toBindings(JSON.parse(await this.#request(this.#options.queryUrl, 'query', sparql, 'application/sparql-results+json')) as SparqlJson)
  }

  async #update (sparql: string): Promise<void> {
    await this.#request(this.#options.updateUrl, 'update', sparql, '*/*')
  }

  async #upload (graph: string, quads: readonly Quad[]): Promise<void> {
    const url = `${this.#options.graphStoreUrl}?graph=${encodeURIComponent(graph)}`
    const body = toNQuads(quads.map(q => DataFactory.quad(q.subject, q.predicate, q.object) as Quad))
    await this.#fetch(url, { method: 'PUT', headers: { 'content-type': 'application/n-triples' }, body }, `upload of graph ${graph}`)
  }

  async #request (url: string, kind: 'query' | 'update', sparql: string, accept: string): Promise<string> {
    const response = await this.#fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept },
      body: new URLSearchParams({ [kind]: sparql }).toString()
    }, `SPARQL ${kind}`)
    return response
  }

  async #fetch (url: string, init: RequestInit, what: string, timeoutMs = this.#options.timeoutMs): Promise<string> {
    let response: Response
    try {
      response = await fetch(url, { ...init, headers: { ...this.#options.headers, ...init.headers as Record<string, string> }, signal: AbortSignal.timeout(timeoutMs) })
    } catch (error) {
      if ((error as Error).name === 'TimeoutError') {
        throw new SymphonyError('QUERY_TIMEOUT', `${what} at ${url} took longer than ${timeoutMs} ms and was abandoned; narrow it (more specific patterns, LIMIT)`, { cause: error })
      }
      throw new SymphonyError('STORE_ERROR', `${what} at ${url} failed: ${(error as Error).message}; check the endpoint is running and reachable`, { cause: error })
    }
    const text = await response.text()
    if (!response.ok) {
      const code = response.status === 400 ? 'INVALID_QUERY' : 'STORE_ERROR'
      throw new SymphonyError(code, `${what} at ${url} answered ${response.status}: ${text.trim().slice(0, 500)}`)
    }
    return text
  }
}

function toTerm (term: SparqlJsonTerm): Term {
  switch (term.type) {
    case 'uri': return DataFactory.namedNode(term.value)
    case 'bnode': return DataFactory.blankNode(term.value)
    default: return term['xml:lang'] !== undefined
      ? DataFactory.literal(term.value, term['xml:lang'])
      : DataFactory.literal(term.value, term.datatype === undefined ? undefined : DataFactory.namedNode(term.datatype))
  }
}

function toBindings (json: SparqlJson): Extract<QueryResult, { type: 'bindings' }> {
  const rows = (json.results?.bindings ?? []).map(row => Object.fromEntries(Object.entries(row).map(([name, term]) => [name, toTerm(term)])))
  return { type: 'bindings', variables: json.head.vars ?? [], rows }
}
