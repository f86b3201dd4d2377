/**
 * The default store: graphs in memory, every durable write also kept in the data directory. A
 * graph read from the data directory is kept as stored text until something reads it.
 */
import { createHash } from 'node:crypto'
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Quad } from '@rdfjs/types'
import { SymphonyError } from '../errors.js'
import type { ErrorMessages } from '../errors.js'
import { GraphFiles } from './graph-files.js'
import type { StoredGraphFile } from './graph-files.js'
import { acquireLock } from './lock-file.js'
import type { HeldLock, LockHolder } from './lock-file.js'
import { scopeBlankNodes } from './blank-nodes.js'
import { gatherQuads, MemoryStore } from './memory-store.js'
import { toNQuads, toNQuadsBytes } from './n-quads.js'
import { heldQuads, StoredGraph, type HeldGraph } from './stored-graph.js'
import { isPrivateGraph } from '../project.js'
import { nextTurn, SliceClock } from '../turns.js'
import type { GraphContent, HeldContent, WriteOptions } from './types.js'

/** Told after each stored graph is read (hashed and counted, not parsed), for progress bars on large data directories. */
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
   * Opens the data directory and reads every graph stored there: its digest and size, a slice per
   * turn of the event loop; its quads are parsed when first read (a corrupt graph fails then, with
   * STORE_ERROR naming it and the line). A writer (the default) creates
   * the directory, takes its lock and finishes an interrupted write; a second writer fails with
   * `DATA_DIR_LOCKED` naming the holder.
   */
  static async open (dataDir: string, options: EmbeddedStoreOptions | OpenProgress = {}): Promise<EmbeddedStore> {
    const { onProgress, readOnly = false, command = 'symphony' } = typeof options === 'function' ? { onProgress: options } : options
    let store: EmbeddedStore
    let stored: StoredGraphFile[]
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
      const held: StoredGraph[] = []
      for (const [index, { graph, bytes, file }] of stored.entries()) {
        held.push(await StoredGraph.read(dataDir, graph, bytes, file))
        onProgress?.(index + 1, stored.length)
      }
      store.holdInMemory(held.map(graph => [graph.graph, graph]))
      for (const { graph, digest } of held) store.#digests.set(graph, digest)
    } catch (error) {
      await store.close()
      throw error
    }
    return store
  }

  /**
   * Stores graphs in one write, all or nothing, each given as quads (scoped) or held in a form of
   * its own that writes its N-Quads bytes itself (a file read into term ids: no quad is built).
   */
  override async putGraphs (graphs: ReadonlyArray<GraphContent | HeldContent>, options: WriteOptions = {}): Promise<void> {
    const contents = graphs.map(content => {
      if ('held' in content) return { graph: content.graph, held: content.held, bytes: () => [...content.held.nQuadsChunks()] }
      const quads = scopeBlankNodes(content.graph, content.quads)
      return { graph: content.graph, held: heldQuads(quads), bytes: () => toNQuadsBytes(quads) }
    })
    const writer = options.durable === false ? undefined : this.#writer()
    await this.#inTurn(async () => {
      const digests = new Map<string, string>()
      if (writer !== undefined) {
        // Serialized and encoded once, a chunk at a time: the digest and the file are of the same bytes.
        const written = contents.filter(g => g.held.triples > 0).map(g => ({ graph: g.graph, bytes: g.bytes() }))
        for (const { graph, bytes } of written) digests.set(graph, digestOf(bytes))
        await writer.write(written, contents.filter(g => g.held.triples === 0).map(g => g.graph))
      }
      this.holdInMemory(contents.map(({ graph, held }) => [graph, held]))
      for (const { graph, held } of contents) this.#noteContent(graph, held.triples, digests.get(graph))
    })
  }

  /** As `putGraphs` with `durable: false`, each graph given as quads or held in a form of its own (`MemoryStore.holdGraphs`). */
  override holdGraphs (graphs: ReadonlyArray<GraphContent | { readonly graph: string, readonly held: HeldGraph }>): void {
    super.holdGraphs(graphs)
    for (const content of graphs) this.#noteContent(content.graph, 'held' in content ? content.held.triples : content.quads.length, undefined)
  }

  /** A graph's new content: an empty graph is gone; a digest not known yet (kept in memory only) is taken when first asked. */
  #noteContent (graph: string, triples: number, digest: string | undefined): void {
    if (triples === 0) this.#digests.delete(graph)
    else this.#digests.set(graph, digest)
  }

  /**
   * A digest of the public graphs' content (every graph's IRI and N-Quads text): equal digests,
   * equal content, in this process or the next one; each graph's content as held (`heldNow`);
   * and their quads, gathered (and parsed, when need be) a slice per turn of the event loop only
   * when asked. All are of the graphs as they are when this is called (a write replaces a graph's
   * content, it never changes it in place): a write made later is in none of them.
   */
  publicContent (): { digest: string, held: Array<[string, HeldGraph]>, quads: () => Promise<Quad[]> } {
    const held = this.heldNow({ publicOnly: true })
    const graphs = [...this.#digests.keys()].filter(graph => !isPrivateGraph(graph)).sort()
    const hash = createHash('sha256')
    for (const graph of graphs) {
      let digest = this.#digests.get(graph)
      if (digest === undefined) {
        // Kept in memory only (the built-in ontology and shapes): serialized once, when first asked.
        digest = digestOf(toNQuadsBytes(this.graphNow(graph)))
        this.#digests.set(graph, digest)
      }
      hash.update(graph).update('\n').update(digest).update('\n')
    }
    return { digest: hash.digest('hex'), held, quads: async () => gatherQuads(held) }
  }

  /**
   * Takes the digests `publicContent` would otherwise take in one piece: those of the public
   * graphs kept in memory only (the built-in ontology and shapes), their N-Quads text hashed
   * `digestSlice` quads at a time, a turn of the event loop after about 2 ms of work. The digest
   * is that of the whole text hashed at once; a graph written meanwhile keeps the write's.
   */
  async takeDigests (): Promise<void> {
    const clock = new SliceClock()
    for (const [graph, digest] of [...this.#digests]) {
      if (digest !== undefined || isPrivateGraph(graph)) continue
      const quads = this.graphNow(graph)
      const hash = createHash('sha256')
      for (let start = 0; start < quads.length; start += digestSlice) {
        if (clock.over()) {
          await nextTurn()
          clock.start()
        }
        hash.update(toNQuads(quads.slice(start, start + digestSlice)))
      }
      if (this.#digests.has(graph) && this.#digests.get(graph) === undefined && this.graphNow(graph) === quads) this.#digests.set(graph, hash.digest('hex'))
    }
  }

  /**
   * Of the graphs held as read from the data directory (not replaced since), how many have been
   * parsed and how many are still stored text: they are parsed when first read.
   */
  parsedGraphs (): { parsed: number, unparsed: number } {
    let parsed = 0
    let unparsed = 0
    for (const [, held] of this.heldNow()) {
      if (held instanceof StoredGraph) {
        if (held.parsed) parsed++
        else unparsed++
      }
    }
    return { parsed, unparsed }
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

/** Quads written as text and hashed between two looks at the clock. */
const digestSlice = 200

/** SHA-256 of N-Quads text, given as its UTF-8 bytes in chunks (as stored). */
function digestOf (chunks: readonly Uint8Array[]): string {
  const hash = createHash('sha256')
  for (const chunk of chunks) hash.update(chunk)
  return hash.digest('hex')
}
