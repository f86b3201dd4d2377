/** The default store: graphs in memory, every durable write also kept in the data directory. */
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { DataFactory, Parser } from 'n3'
import type { Quad } from '@rdfjs/types'
import { SymphonyError } from '../errors.js'
import type { ErrorMessages } from '../errors.js'
import { GraphFiles } from './graph-files.js'
import type { GraphFile } from './graph-files.js'
import { acquireLock } from './lock-file.js'
import type { HeldLock, LockHolder } from './lock-file.js'
import { scopeBlankNodes } from './blank-nodes.js'
import { MemoryStore } from './memory-store.js'
import { toNQuads } from './n-quads.js'
import type { GraphContent, WriteOptions } from './types.js'

/** Told after each stored graph is read, for progress bars on large data directories. */
export type OpenProgress = (done: number, total: number) => void

export interface EmbeddedStoreOptions {
  /** Told after each stored graph is read. */
  readonly onProgress?: OpenProgress
  /**
   * Read a snapshot of what the last committed write left, without the lock, without recovery
   * and without changing any file; durable writes are refused.
   */
  readonly readOnly?: boolean
  /** What the writer runs (`serve`, `import`…), recorded in the lock for whoever is refused. */
  readonly command?: string
}

/** The lock file of a data directory: one writer at a time. */
export function lockFileOf (dataDir: string): string {
  return join(dataDir, 'lock')
}

export class EmbeddedStore extends MemoryStore {
  readonly #files: GraphFiles | undefined
  readonly #lock: HeldLock | undefined
  readonly #dataDir: string
  /** The latest durable write: the next one waits for it. */
  #writes: Promise<void> = Promise.resolve()

  private constructor (dataDir: string, files: GraphFiles | undefined, lock: HeldLock | undefined) {
    super()
    this.#dataDir = dataDir
    this.#files = files
    this.#lock = lock
  }

  /** What opening had to repair (e.g. a damaged journal set aside), for the operator. */
  get notices (): readonly string[] {
    return this.#files?.notices ?? []
  }

  /**
   * Opens the data directory and loads every graph stored there. A writer (the default) creates
   * the directory, takes its lock and finishes an interrupted write; a second writer fails with
   * `DATA_DIR_LOCKED` naming the holder.
   */
  static async open (dataDir: string, options: EmbeddedStoreOptions | OpenProgress = {}): Promise<EmbeddedStore> {
    const { onProgress, readOnly = false, command = 'symphony' } = typeof options === 'function' ? { onProgress: options } : options
    let store: EmbeddedStore
    let stored: GraphFile[]
    if (readOnly) {
      store = new EmbeddedStore(dataDir, undefined, undefined)
      stored = await GraphFiles.snapshot(dataDir)
    } else {
      await mkdir(dataDir, { recursive: true })
      const lock = await acquireLock(lockFileOf(dataDir), { command, advice: lockAdvice })
      try {
        const files = await GraphFiles.open(dataDir)
        store = new EmbeddedStore(dataDir, files, lock)
        stored = await files.readAll()
      } catch (error) {
        await lock.release()
        throw error
      }
    }
    try {
      store.replaceInMemory(parseStored(dataDir, stored, onProgress))
    } catch (error) {
      await store.close()
      throw error
    }
    return store
  }

  override async putGraphs (graphs: readonly GraphContent[], options: WriteOptions = {}): Promise<void> {
    const scoped = graphs.map(({ graph, quads }) => ({ graph, quads: scopeBlankNodes(graph, quads) }))
    const writer = options.durable === false ? undefined : this.#writer()
    await this.#inTurn(async () => {
      if (writer !== undefined) {
        await writer.write(scoped.filter(g => g.quads.length > 0).map(g => ({ graph: g.graph, nquads: toNQuads(g.quads) })),
          scoped.filter(g => g.quads.length === 0).map(g => g.graph))
      }
      this.replaceInMemory(scoped)
    })
  }

  override async deleteGraphs (graphs: readonly string[]): Promise<void> {
    const writer = this.#writer()
    await this.#inTurn(async () => {
      await writer.write([], graphs)
      this.replaceInMemory(graphs.map(graph => ({ graph, quads: [] })))
    })
  }

  /**
   * Runs `write` after every write started before it has finished (or failed): the graph files
   * share one journal, and the graphs in memory must change in the order they do on disk.
   */
  async #inTurn (write: () => Promise<void>): Promise<void> {
    const turn = this.#writes.catch(() => undefined).then(write)
    this.#writes = turn
    await turn
  }

  override async close (): Promise<void> {
    try {
      await this.#writes.catch(() => undefined)
      await super.close()
    } finally {
      await this.#lock?.release()
    }
  }

  #writer (): GraphFiles {
    if (this.#files === undefined) {
      throw new SymphonyError('STORE_ERROR', {
        en: `${this.#dataDir}: opened for reading only; writes go through the process that holds the data directory (the server's API, or a writing command)`,
        de: `${this.#dataDir}: nur zum Lesen geöffnet; Schreibzugriffe laufen über den Prozess, der das Datenverzeichnis hält (die API des Servers oder ein schreibender Befehl)`
      }, { file: this.#dataDir })
    }
    return this.#files
  }
}

function lockAdvice (holder: LockHolder): ErrorMessages {
  const { command, pid, hostname, started } = holder
  return {
    en: `the data directory is in use by "${command}" (pid ${pid} on ${hostname}, since ${started}); stop it first, or make the change through its HTTP API; read-only commands keep working meanwhile`,
    de: `das Datenverzeichnis wird von "${command}" benutzt (pid ${pid} auf ${hostname}, seit ${started}); beenden Sie den Prozess zuerst oder nehmen Sie die Änderung über seine HTTP-API vor; lesende Befehle funktionieren weiterhin`
  }
}

function parseStored (dataDir: string, stored: readonly GraphFile[], onProgress: OpenProgress | undefined): GraphContent[] {
  const graphs: GraphContent[] = []
  for (const [index, file] of stored.entries()) {
    const graph = DataFactory.namedNode(file.graph)
    let quads: Quad[]
    try {
      // The files hold only what this store wrote, blank nodes already scoped: keep their labels.
      quads = new Parser({ format: 'N-Quads', blankNodePrefix: '' }).parse(file.nquads) as Quad[]
    } catch (error) {
      const reason = (error as Error).message
      throw new SymphonyError('STORE_ERROR', {
        en: `${dataDir}: the stored graph <${file.graph}> is corrupt (${reason}); restore it from a backup or remove it`,
        de: `${dataDir}: der gespeicherte Graph <${file.graph}> ist beschädigt (${reason}); stellen Sie ihn aus einer Sicherung wieder her oder entfernen Sie ihn`
      }, { file: dataDir, cause: error })
    }
    for (let i = 0; i < quads.length; i++) {
      const q = quads[i]!
      if (!q.graph.equals(graph)) quads[i] = DataFactory.quad(q.subject, q.predicate, q.object, graph) as Quad
    }
    graphs.push({ graph: file.graph, quads })
    onProgress?.(index + 1, stored.length)
  }
  return graphs
}
