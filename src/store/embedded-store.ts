/** The default store: graphs in memory, every durable write also kept in the data directory. */
import { createHash } from 'node:crypto'
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { DataFactory } from 'n3'
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
import { quadsOfLines } from '../rdf/parse.js'
import { isPrivateGraph } from '../project.js'
import { forEachInSlices, nextTurn } from '../turns.js'
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
  /**
   * SHA-256 of each graph's N-Quads text as stored; `undefined` for a graph kept in memory only
   * until `publicContent` asks (it is serialized then).
   */
  readonly #digests = new Map<string, string | undefined>()

  private constructor (dataDir: string, files: GraphFiles | undefined, lock: HeldLock | undefined) {
    super()
    this.#dataDir = dataDir
    this.#files = files
    this.#lock = lock
  }

  /** What opening had to repair (e.g. a damaged journal set aside), for the operator. */
  get notices (): readonly ErrorMessages[] {
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
      const parsed = await parseStored(dataDir, stored, onProgress)
      store.replaceInMemory(parsed)
      for (const { graph, digest } of parsed) store.#digests.set(graph, digest)
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
      const texts = new Map<string, string>()
      if (writer !== undefined) {
        const written = scoped.filter(g => g.quads.length > 0).map(g => ({ graph: g.graph, nquads: toNQuads(g.quads) }))
        for (const { graph, nquads } of written) texts.set(graph, nquads)
        await writer.write(written, scoped.filter(g => g.quads.length === 0).map(g => g.graph))
      }
      this.replaceInMemory(scoped)
      for (const { graph, quads } of scoped) {
        const text = texts.get(graph)
        if (quads.length === 0) this.#digests.delete(graph)
        else this.#digests.set(graph, text === undefined ? undefined : digestOf(text))
      }
    })
  }

  /**
   * The quads of every public graph and a digest of exactly that content (every graph's IRI and
   * N-Quads text): equal digests, equal content, in this process or the next one. The graphs are
   * taken as they are when called (a write replaces a graph's quads, it never changes them in
   * place), then gathered a slice per turn of the event loop: a write made meanwhile is not in it.
   */
  async publicContent (): Promise<{ quads: Quad[], digest: string }> {
    const held = this.graphsNow({ publicOnly: true })
    const graphs = [...this.#digests.keys()].filter(graph => !isPrivateGraph(graph)).sort()
    const hash = createHash('sha256')
    for (const graph of graphs) {
      let digest = this.#digests.get(graph)
      if (digest === undefined) {
        // Kept in memory only (the built-in ontology and shapes): serialized once, when first asked.
        digest = digestOf(toNQuads(this.graphNow(graph)))
        this.#digests.set(graph, digest)
      }
      hash.update(graph).update('\n').update(digest).update('\n')
    }
    const quads: Quad[] = []
    for (const [, graphQuads] of held) await forEachInSlices(graphQuads, quad => { quads.push(quad) })
    return { quads, digest: hash.digest('hex') }
  }

  override async deleteGraphs (graphs: readonly string[]): Promise<void> {
    const writer = this.#writer()
    await this.#inTurn(async () => {
      await writer.write([], graphs)
      this.replaceInMemory(graphs.map(graph => ({ graph, quads: [] })))
      for (const graph of graphs) this.#digests.delete(graph)
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

/** Characters of N-Quads parsed between two turns of the event loop (a server answers meanwhile). */
const parseSlice = 1 << 18

/**
 * Parses the stored graphs a slice of lines at a time, giving the event loop a turn between
 * slices: a server that listens while it opens a large data directory keeps answering.
 */
async function parseStored (dataDir: string, stored: readonly GraphFile[], onProgress: OpenProgress | undefined): Promise<Array<GraphContent & { digest: string }>> {
  const graphs: Array<GraphContent & { digest: string }> = []
  for (const [index, file] of stored.entries()) {
    const graph = DataFactory.namedNode(file.graph)
    const quads: Quad[] = []
    // The digest of the text as stored, hashed slice by slice with the parse (cut at line breaks).
    const hash = createHash('sha256')
    const text = file.nquads
    const source = `<${file.graph}>`
    let start = 0
    let line = 0
    while (start < text.length) {
      // N-Quads holds one statement a line: a slice ends at a line break.
      const cut = text.indexOf('\n', Math.min(text.length, start + parseSlice))
      const end = cut === -1 ? text.length : cut + 1
      const slice = text.slice(start, end)
      hash.update(slice)
      try {
        // The files hold only what this store wrote, blank nodes already scoped: keep their labels.
        const parsed = quadsOfLines(slice, { format: 'n-quads', source, blankPrefix: '' })
        for (const q of parsed) quads.push(q.graph.equals(graph) ? q : DataFactory.quad(q.subject, q.predicate, q.object, graph) as Quad)
      } catch (error) {
        // Lines are counted in the slice: named in the whole graph's text.
        const inText = (message: string): string => renumber(message, `${source}:`, line)
        const reason = error instanceof SymphonyError ? error.messages : { en: (error as Error).message, de: (error as Error).message }
        throw new SymphonyError('STORE_ERROR', {
          en: `${dataDir}: the stored graph <${file.graph}> is corrupt (${inText(reason.en)}); restore it from a backup or remove it`,
          de: `${dataDir}: der gespeicherte Graph <${file.graph}> ist beschädigt (${inText(reason.de)}); stellen Sie ihn aus einer Sicherung wieder her oder entfernen Sie ihn`
        }, { file: dataDir, cause: error })
      }
      if (end < text.length) {
        line += countLines(slice)
        await nextTurn()
      }
      start = end
    }
    graphs.push({ graph: file.graph, quads, digest: hash.digest('hex') })
    onProgress?.(index + 1, stored.length)
  }
  return graphs
}

/** `message` with the line number after `where` moved on by `offset` lines. */
function renumber (message: string, where: string, offset: number): string {
  const at = message.indexOf(where)
  if (at === -1) return message
  const rest = message.slice(at + where.length)
  const number = /^\d+/.exec(rest)?.[0]
  return number === undefined ? message : `${message.slice(0, at)}${where}${offset + Number(number)}${rest.slice(number.length)}`
}

function countLines (text: string): number {
  let count = 0
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count++
  return count
}

function digestOf (text: string): string {
  return createHash('sha256').update(text).digest('hex')
}
