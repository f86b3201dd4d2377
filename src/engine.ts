/**
 * The composition root: wires store, reasoner, catalog, matcher, composer and forms with plain
 * arguments. The API and CLI talk to the engine only.
 *
 * @example
 * const engine = await openEngine({ dataDir: 'data', seedExamples: true })
 * const answer = engine.discover({ available: [], wanted: ['https://w3id.org/symphony/ontology#CallEventFeed'], limit: 5 })
 * await engine.close()
 */
import { basename, extname } from 'node:path'
import type { Quad } from '@rdfjs/types'
import { readRdfFile, listTurtleFiles, serializeRdf } from './rdf/index.js'
import type { SerializationFormat } from './rdf/index.js'
import { EmbeddedStore, MemoryStore, SparqlEndpointStore } from './store/index.js'
import type { GraphContent, QueryResult, SparqlEndpointOptions, Store } from './store/index.js'
import { builtinFolders, graphs } from './project.js'
import { SymphonyError } from './errors.js'

export interface EngineOptions {
  /** Data directory of the embedded store; without it (and `endpoint`) the engine keeps everything in memory. */
  readonly dataDir?: string
  /** A remote SPARQL 1.1 endpoint to use instead of the embedded store. */
  readonly endpoint?: SparqlEndpointOptions
  /** Extra RDF files, loaded into memory only (never written to the data directory). */
  readonly dataFiles?: readonly string[]
  /** Import the example catalog when the store holds no catalog graph yet. */
  readonly seedExamples?: boolean
  /** Told about long work (imports), for progress bars. */
  readonly onProgress?: (progress: Progress) => void
}

export interface Progress {
  readonly phase: 'parse' | 'store'
  readonly done: number
  readonly total: number
  readonly file?: string
}

export interface ImportedGraph {
  readonly graph: string
  readonly file: string
  readonly triples: number
}

/** Graph IRI for an imported file: one graph per file, named by the file's stem. */
export function graphOfFile (file: string, base: string = graphs.imported): string {
  return base + encodeURIComponent(basename(file, extname(file)))
}

export class Engine {
  readonly store: Store
  readonly #onProgress: ((progress: Progress) => void) | undefined

  private constructor (store: Store, options: EngineOptions) {
    this.store = store
    this.#onProgress = options.onProgress
  }

  /** Opens the store, loads the built-in ontology and shapes, `--data` files, and seeds examples when asked. */
  static async open (options: EngineOptions = {}): Promise<Engine> {
    const store = options.endpoint !== undefined
      ? new SparqlEndpointStore(options.endpoint)
      : options.dataDir === undefined ? new MemoryStore() : await EmbeddedStore.open(options.dataDir)
    const engine = new Engine(store, options)
    try {
      const builtins: GraphContent[] = [
        { graph: graphs.ontology, quads: await readFolder(builtinFolders.ontology) },
        { graph: graphs.shapes, quads: await readFolder(builtinFolders.shapes) }
      ]
      const data = await engine.#parseFiles(options.dataFiles ?? [], graphs.data)
      await store.putGraphs([...builtins, ...data.map(({ graph, quads }) => ({ graph, quads }))], { durable: false })
      if (options.seedExamples === true && (await engine.catalogGraphs()).length === 0) {
        await engine.importFiles(await listTurtleFiles(builtinFolders.examples))
      }
    } catch (error) {
      await store.close()
      throw error
    }
    return engine
  }

  /** Named graphs that hold catalog data (everything but the built-in ontology and shapes). */
  async catalogGraphs (): Promise<string[]> {
    return (await this.store.graphs()).map(g => g.graph).filter(g => g !== graphs.ontology && g !== graphs.shapes)
  }

  /**
   * Imports RDF files, one graph per file, all or nothing: every file is parsed before anything
   * is written, so one bad file leaves the store unchanged.
   */
  async importFiles (files: readonly string[]): Promise<ImportedGraph[]> {
    const parsed = await this.#parseFiles(files, graphs.imported)
    this.#onProgress?.({ phase: 'store', done: 0, total: parsed.length })
    await this.store.putGraphs(parsed)
    this.#onProgress?.({ phase: 'store', done: parsed.length, total: parsed.length })
    return parsed.map(({ graph, file, quads }) => ({ graph, file, triples: quads.length }))
  }

  /** All catalog data (not the built-in ontology and shapes), serialized. */
  async export (format: SerializationFormat): Promise<string> {
    const keep = new Set(await this.catalogGraphs())
    const quads = (await this.store.quads()).filter(q => keep.has(q.graph.value))
    return serializeRdf(quads, format)
  }

  /** Read-only SPARQL over all graphs. */
  async query (sparql: string): Promise<QueryResult> {
    return this.store.query(sparql)
  }

  async close (): Promise<void> {
    await this.store.close()
  }

  async #parseFiles (files: readonly string[], base: string): Promise<Array<GraphContent & { file: string }>> {
    const parsed: Array<GraphContent & { file: string }> = []
    const seen = new Map<string, string>()
    for (const [index, file] of files.entries()) {
      const graph = graphOfFile(file, base)
      const previous = seen.get(graph)
      if (previous !== undefined) {
        throw new SymphonyError('CONFLICT', `${file}: same graph name as ${previous} (${graph}); rename one of the files`, { file })
      }
      seen.set(graph, file)
      parsed.push({ graph, file, quads: await readRdfFile(file) })
      this.#onProgress?.({ phase: 'parse', done: index + 1, total: files.length, file })
    }
    return parsed
  }
}

/** Opens an engine; see `EngineOptions`. */
export function openEngine (options: EngineOptions = {}): Promise<Engine> {
  return Engine.open(options)
}

async function readFolder (folder: string): Promise<Quad[]> {
  const quads: Quad[] = []
  for (const file of await listTurtleFiles(folder)) quads.push(...await readRdfFile(file))
  return quads
}
