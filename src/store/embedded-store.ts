/** The default store: graphs in memory, every durable write also kept in the data directory. */
import { DataFactory, Parser } from 'n3'
import type { Quad } from '@rdfjs/types'
import { SymphonyError } from '../errors.js'
import { GraphFiles } from './graph-files.js'
import { scopeBlankNodes } from './blank-nodes.js'
import { MemoryStore } from './memory-store.js'
import { toNQuads } from './n-quads.js'
import type { GraphContent, WriteOptions } from './types.js'

/** Told after each stored graph is read, for progress bars on large data directories. */
export type OpenProgress = (done: number, total: number) => void

export class EmbeddedStore extends MemoryStore {
  readonly #files: GraphFiles

  private constructor (files: GraphFiles) {
    super()
    this.#files = files
  }

  /** Opens the data directory (created if missing) and loads every graph stored there. */
  static async open (dataDir: string, onProgress?: OpenProgress): Promise<EmbeddedStore> {
    const files = await GraphFiles.open(dataDir)
    const store = new EmbeddedStore(files)
    const stored = await files.readAll()
    const graphs: GraphContent[] = []
    for (const [index, file] of stored.entries()) {
      const graph = DataFactory.namedNode(file.graph)
      let quads: Quad[]
      try {
        // The files hold only what this store wrote, blank nodes already scoped: keep their labels.
        quads = new Parser({ format: 'N-Quads', blankNodePrefix: '' }).parse(file.nquads) as Quad[]
      } catch (error) {
        throw new SymphonyError('STORE_ERROR', `${dataDir}: the stored graph <${file.graph}> is corrupt (${(error as Error).message}); restore it from a backup or remove it`, { file: dataDir, cause: error })
      }
      for (let i = 0; i < quads.length; i++) {
        const q = quads[i]!
        if (!q.graph.equals(graph)) quads[i] = DataFactory.quad(q.subject, q.predicate, q.object, graph) as Quad
      }
      graphs.push({ graph: file.graph, quads })
      onProgress?.(index + 1, stored.length)
    }
    store.replaceInMemory(graphs)
    return store
  }

  override async putGraphs (graphs: readonly GraphContent[], options: WriteOptions = {}): Promise<void> {
    const scoped = graphs.map(({ graph, quads }) => ({ graph, quads: scopeBlankNodes(graph, quads) }))
    if (options.durable !== false) {
      await this.#files.write(scoped.filter(g => g.quads.length > 0).map(g => ({ graph: g.graph, nquads: toNQuads(g.quads) })),
        scoped.filter(g => g.quads.length === 0).map(g => g.graph))
    }
    this.replaceInMemory(scoped)
  }

  override async deleteGraphs (graphs: readonly string[]): Promise<void> {
    await this.#files.write([], graphs)
    this.replaceInMemory(graphs.map(graph => ({ graph, quads: [] })))
  }
}
