/** The default store: oxigraph in memory, every durable write also kept in the data directory. */
import { SymphonyError } from '../errors.js'
import { GraphFiles } from './graph-files.js'
import { scopeBlankNodes } from './blank-nodes.js'
import { MemoryStore } from './memory-store.js'
import { toNQuads } from './n-quads.js'
import type { GraphContent, WriteOptions } from './types.js'

export class EmbeddedStore extends MemoryStore {
  readonly #files: GraphFiles

  private constructor (files: GraphFiles) {
    super()
    this.#files = files
  }

  /** Opens the data directory (created if missing) and loads every graph stored there. */
  static async open (dataDir: string): Promise<EmbeddedStore> {
    const files = await GraphFiles.open(dataDir)
    const store = new EmbeddedStore(files)
    const stored = await files.readAll()
    try {
      // The files hold only what this store wrote from parser-checked terms: no second check (lenient).
      store.oxigraph.load(stored.map(file => file.nquads).join(''), { format: 'application/n-quads', no_transaction: true, lenient: true })
    } catch (error) {
      throw new SymphonyError('STORE_ERROR', `${dataDir}: a stored graph file is corrupt (${(error as Error).message}); restore it from a backup or remove it`, { file: dataDir, cause: error })
    }
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
