/** The one store interface: the embedded oxigraph store and a SPARQL endpoint both implement it. */
import type { Quad, Term } from '@rdfjs/types'
import type { WritableGraph } from './stored-graph.js'

export interface GraphSummary {
  readonly graph: string
  readonly triples: number
}

/** A graph to write: its IRI and its complete new content. */
export interface GraphContent {
  readonly graph: string
  readonly quads: readonly Quad[]
}

/**
 * A graph to write given in a form of its own (`WritableGraph`): its quads, as `quadsNow` builds
 * them, must be those a `GraphContent` would be stored as (blank nodes scoped, every quad in
 * `graph`).
 */
export interface HeldContent {
  readonly graph: string
  readonly held: WritableGraph
}

export type QueryResult =
  | { readonly type: 'bindings', readonly variables: readonly string[], readonly rows: ReadonlyArray<Readonly<Record<string, Term>>> }
  | { readonly type: 'boolean', readonly value: boolean }
  | { readonly type: 'quads', readonly quads: readonly Quad[] }

export interface WriteOptions {
  /**
   * `false` keeps the graphs in memory only (built-in ontology and shapes, `--data` files):
   * they are not written to the data directory.
   */
  readonly durable?: boolean
}

/**
 * Public graphs only: everything but operations data and stored configurations (see
 * `isPrivateGraph`), i.e. what the catalog, its exports and the SPARQL endpoint see.
 */
export interface ScopeOptions {
  readonly publicOnly?: boolean
}

export interface Store {
  /** Named graphs with their sizes, sorted by IRI. */
  graphs (): Promise<GraphSummary[]>
  /** The quads of one named graph (empty when the graph does not exist). */
  graph (graph: string): Promise<Quad[]>
  /** All quads of all named graphs; with `publicOnly`, of the public graphs only. */
  quads (options?: ScopeOptions): Promise<Quad[]>
  /**
   * Replaces each graph's content, all or nothing, durably unless `durable: false`.
   * Blank nodes are made unique per graph so graphs never share one by accident.
   */
  putGraphs (graphs: readonly GraphContent[], options?: WriteOptions): Promise<void>
  /** Deletes graphs, all or nothing. */
  deleteGraphs (graphs: readonly string[]): Promise<void>
  /** Evaluates a SPARQL 1.1 query over the union of all graphs. */
  query (sparql: string): Promise<QueryResult>
  /**
   * A token that changes with every write, including writes by other processes sharing the
   * store (several API instances over one endpoint); cheap to ask, so callers check it before
   * trusting anything they derived from the store. With `publicOnly`, a token that changes only
   * with writes to public graphs: what the catalog is compiled from, unmoved by orders and tickets.
   */
  version (options?: ScopeOptions): Promise<string>
  /** Releases memory and files. */
  close (): Promise<void>
}
