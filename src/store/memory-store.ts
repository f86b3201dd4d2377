/**
 * In-memory store: the parsed quads of each graph, kept as they are, so the catalog compiles
 * straight from them (a graph read from a data directory is parsed when first read), plus a
 * SPARQL view on oxigraph (WASM) that is built on the first query and kept in step with later
 * writes. Oxigraph was measured ~20× faster than comunica over n3 and
 * ~9× smaller per triple, but loading every triple into it (and reading them back out) tripled
 * the cost of opening a large catalog that most runs never query with SPARQL.
 */
import { DataFactory } from 'n3'
import oxigraph from 'oxigraph'
import type { Quad, Term } from '@rdfjs/types'
import { SymphonyError } from '../errors.js'
import { scopeBlankNodes } from './blank-nodes.js'
import { toNQuads } from './n-quads.js'
import { isPrivateGraph } from '../project.js'
import { forEachInSlices, nextTurn } from '../turns.js'
import { heldQuads, isWritable, StoredGraph } from './stored-graph.js'
import type { HeldGraph } from './stored-graph.js'
import type { GraphContent, GraphSummary, HeldContent, QueryResult, ScopeOptions, Store, WriteOptions } from './types.js'

/** What the store holds, kept up to date on every write (no scan). */
export interface StoreCounts {
  readonly graphs: number
  readonly triples: number
}

/** Quads serialized per turn of the event loop when dumping. */
const dumpSlice = 20_000

export class MemoryStore implements Store {
  #graphs: Map<string, HeldGraph> | undefined = new Map()
  #triples = 0
  /** Graphs and triples of the public graphs (not `isPrivateGraph`), kept beside the totals. */
  #publicGraphs = 0
  #publicTriples = 0
  /** Counts writes (this process is the only writer of an in-memory store), and those to public graphs. */
  #writes = 0
  #publicWrites = 0
  #sparql: oxigraph.Store | undefined

  get #contents (): Map<string, HeldGraph> {
    if (this.#graphs === undefined) throw new SymphonyError('STORE_ERROR', { en: 'the store is closed', de: 'der Speicher ist geschlossen' })
    return this.#graphs
  }

  /** Graph and triple counts without a scan; with `publicOnly`, of the public graphs only. */
  counts (options: ScopeOptions = {}): StoreCounts {
    if (options.publicOnly === true) return { graphs: this.#publicGraphs, triples: this.#publicTriples }
    return { graphs: this.#contents.size, triples: this.#triples }
  }

  async graphs (): Promise<GraphSummary[]> {
    return [...this.#contents].map(([graph, held]) => ({ graph, triples: held.triples }))
      .sort((a, b) => a.graph < b.graph ? -1 : a.graph > b.graph ? 1 : 0)
  }

  async graph (graph: string): Promise<Quad[]> {
    const held = this.#contents.get(graph)
    return held === undefined ? [] : (await held.quads()).slice()
  }

  /** The quads of one graph as held (not to be changed), synchronously: parsed at once if need be. */
  protected graphNow (graph: string): readonly Quad[] {
    return this.#contents.get(graph)?.quadsNow() ?? []
  }

  /** The graphs as they are when called, parsed (when need be) a slice per turn of the event loop. */
  async quads (options: ScopeOptions = {}): Promise<Quad[]> {
    return gatherQuads(this.heldNow(options))
  }

  /**
   * Each graph's content as held now, in the order `quads` lists them, parsed or not. A write
   * replaces a graph's content and never changes one in place, so what this returns stays as it
   * was when taken.
   */
  heldNow (options: ScopeOptions = {}): Array<[string, HeldGraph]> {
    return [...this.#contents].filter(([graph]) => options.publicOnly !== true || !isPrivateGraph(graph))
  }

  /**
   * Each named graph's triples as N-Triples text, one graph at a time, written in slices with the
   * event loop free between them: for copies of the store such as the SPARQL worker's. With
   * `fromHeld`, a graph held in a form with N-Quads of its own is given as those, not parsed: a
   * graph read from a data directory's file as that file and the digest of the text the store
   * read from it (whoever reads the file checks the digest: a later write may have replaced it),
   * a graph held as term ids as its N-Quads bytes, written a chunk per turn.
   */
  async * graphDumps (include: (graph: string) => boolean = () => true, { fromHeld = false }: { readonly fromHeld?: boolean } = {}): AsyncGenerator<GraphDump> {
    const names = [...this.#contents.keys()].filter(include).sort()
    for (const graph of names) {
      const held = this.#contents.get(graph)
      if (fromHeld && held instanceof StoredGraph && held.file !== undefined) {
        yield { graph, file: held.file, digest: held.digest }
        continue
      }
      if (fromHeld && held !== undefined && isWritable(held)) {
        const nquads: Uint8Array[] = []
        for (const chunk of held.nQuadsChunks()) {
          nquads.push(chunk)
          await nextTurn()
        }
        yield { graph, nquads }
        continue
      }
      const quads = await held?.quads() ?? []
      let ntriples = ''
      for (let start = 0; start < quads.length; start += dumpSlice) {
        await new Promise(resolve => setImmediate(resolve))
        ntriples += toNQuads(quads.slice(start, start + dumpSlice).map(q => DataFactory.quad(q.subject, q.predicate, q.object) as Quad))
      }
      yield { graph, ntriples }
    }
  }

  /** Stores graphs in one write, each given as quads or held in a form of its own (as `holdGraphs`). */
  async putGraphs (graphs: ReadonlyArray<GraphContent | HeldContent>, _options?: WriteOptions): Promise<void> {
    this.holdInMemory(graphs.map(heldOf))
  }

  /**
   * Stores graphs in one write, each given as quads (scoped as `putGraphs` scopes them) or held
   * in a form of its own (a file read into term ids, its quads built when first read), whose
   * quads must be those `putGraphs` would have stored: blank nodes scoped, every quad in its
   * graph. Kept in memory only, as `putGraphs` with `durable: false`.
   */
  holdGraphs (graphs: ReadonlyArray<GraphContent | { readonly graph: string, readonly held: HeldGraph }>): void {
    this.holdInMemory(graphs.map(heldOf))
  }

  /** Swaps graph contents; content must already be scoped, every quad in its graph. */
  protected replaceInMemory (graphs: readonly GraphContent[]): void {
    this.holdInMemory(graphs.map(({ graph, quads }) => [graph, heldQuads(quads)]))
  }

  /**
   * Swaps graph contents, parsed or not (a graph read from a data directory); content must
   * already be scoped, every quad in its graph.
   */
  protected holdInMemory (graphs: ReadonlyArray<readonly [string, HeldGraph]>): void {
    const contents = this.#contents
    this.#writes++
    if (graphs.some(([graph]) => !isPrivateGraph(graph))) this.#publicWrites++
    for (const [graph, held] of graphs) {
      const before = contents.get(graph)?.triples ?? 0
      this.#triples += held.triples - before
      if (!isPrivateGraph(graph)) {
        this.#publicTriples += held.triples - before
        this.#publicGraphs += (held.triples > 0 ? 1 : 0) - (before > 0 ? 1 : 0)
      }
      if (held.triples === 0) contents.delete(graph)
      else contents.set(graph, held)
    }
    const sparql = this.#sparql
    if (sparql === undefined) return
    for (const [graph] of graphs) sparql.update(`DROP SILENT GRAPH <${graph}>`)
    loadInto(sparql, graphs.map(([, held]) => held.quadsNow()))
  }

  async deleteGraphs (graphs: readonly string[]): Promise<void> {
    this.replaceInMemory(graphs.map(graph => ({ graph, quads: [] })))
  }

  async version (options: ScopeOptions = {}): Promise<string> {
    // Asking a closed store is an error, as for every other read.
    void this.#contents
    return String(options.publicOnly === true ? this.#publicWrites : this.#writes)
  }

  async query (sparql: string): Promise<QueryResult> {
    let result: ReturnType<oxigraph.Store['query']>
    // Every graph not parsed yet is parsed a slice per turn before the view is built (at once).
    if (this.#sparql === undefined) for (const [, held] of this.heldNow()) await held.quads()
    const store = this.#sparqlView()
    try {
      result = store.query(sparql, { use_default_graph_as_union: true })
    } catch (error) {
      const reason = (error as Error).message
      throw new SymphonyError('INVALID_QUERY', { en: `SPARQL query rejected: ${reason}`, de: `SPARQL-Abfrage abgelehnt: ${reason}` }, { cause: error })
    }
    if (typeof result === 'boolean') return { type: 'boolean', value: result }
    if (typeof result === 'string') throw new SymphonyError('INTERNAL', { en: 'unexpected serialized query result', de: 'unerwartetes serialisiertes Abfrageergebnis' })
    if (result.length > 0 && isQuad(result[0])) return { type: 'quads', quads: result as unknown as Quad[] }
    const rows = (result as Map<string, Term>[]).map(row => Object.fromEntries(row))
    return { type: 'bindings', variables: selectVariables(sparql, rows), rows }
  }

  async close (): Promise<void> {
    (this.#sparql as unknown as { free?: () => void } | undefined)?.free?.()
    this.#sparql = undefined
    this.#graphs = undefined
  }

  /** The oxigraph view, loaded with every graph on first use. */
  #sparqlView (): oxigraph.Store {
    const contents = this.#contents
    if (this.#sparql === undefined) {
      const store = new oxigraph.Store()
      loadInto(store, [...contents.values()].map(held => held.quadsNow()))
      this.#sparql = store
    }
    return this.#sparql
  }
}

/**
 * One graph of a store's copy (`graphDumps`): its triples as N-Triples text; the data directory's
 * file it was read from and the SHA-256 of that file's N-Quads text (after its header line,
 * `# graph <IRI>`) as the store read it; or its N-Quads bytes in chunks of whole lines.
 */
export type GraphDump =
  | { readonly graph: string, readonly ntriples: string }
  | { readonly graph: string, readonly file: string, readonly digest: string }
  | { readonly graph: string, readonly nquads: readonly Uint8Array[] }

/** A graph's content as held: quads scoped as `putGraphs` scopes them, or the form it was given in. */
function heldOf (content: GraphContent | { readonly graph: string, readonly held: HeldGraph }): readonly [string, HeldGraph] {
  return 'held' in content ? [content.graph, content.held] : [content.graph, heldQuads(scopeBlankNodes(content.graph, content.quads))]
}

/** The quads of `graphs`, in order, each parsed a slice per turn of the event loop when need be. */
export async function gatherQuads (graphs: ReadonlyArray<readonly [string, HeldGraph]>): Promise<Quad[]> {
  const all: Quad[] = []
  for (const [, held] of graphs) await forEachInSlices(await held.quads(), quad => { all.push(quad) })
  return all
}

/**
 * One bulk load of N-Quads text per graph: far faster than adding quads one by one across the
 * WASM boundary, and oxigraph relabels blank nodes per load, so a graph must not be split. The
 * text is written here from terms a parser already checked, so oxigraph may skip its own checks
 * (lenient, half the load time) and the transaction (the graphs were cleared).
 */
function loadInto (store: oxigraph.Store, graphs: ReadonlyArray<readonly Quad[]>): void {
  for (const quads of graphs) {
    if (quads.length > 0) store.load(toNQuads(quads), { format: 'application/n-quads', no_transaction: true, lenient: true })
  }
}

function isQuad (value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'subject' in value && 'predicate' in value
}

/** Variables in projection order: from the rows, or from the query text when nothing matched. */
function selectVariables (sparql: string, rows: ReadonlyArray<Record<string, Term>>): string[] {
  const seen = new Set<string>()
  const projection = /SELECT\s+(?:DISTINCT\s+|REDUCED\s+)?(.*?)\s*(?:FROM|WHERE|\{)/is.exec(sparql)?.[1] ?? ''
  for (const match of projection.matchAll(/(?:AS\s+)?[?$](\w+)/g)) seen.add(match[1]!)
  for (const row of rows) for (const name of Object.keys(row)) seen.add(name)
  return [...seen]
}
