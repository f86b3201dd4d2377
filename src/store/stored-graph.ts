/**
 * A graph as the data directory stores it, parsed on first use: opening a data directory only
 * hashes and counts each file's bytes, so a server over a large catalog whose compiled snapshot
 * is current starts without building a quad of it.
 */
import { createHash } from 'node:crypto'
import { DataFactory } from 'n3'
import type { Quad } from '@rdfjs/types'
import { SymphonyError } from '../errors.js'
import { quadsOfLines } from '../rdf/parse.js'
import { nextTurn } from '../turns.js'

/** A graph's content as a store holds it: its quads, or stored text parsed when first asked. */
export interface HeldGraph {
  /** How many quads it holds, known without parsing. */
  readonly triples: number
  /** The quads (not to be changed), parsed at once when needed. */
  quadsNow: () => readonly Quad[]
  /** The quads (not to be changed), parsed a slice per turn of the event loop when needed. */
  quads: () => Promise<readonly Quad[]>
}

/**
 * A graph held in a form of its own that writes its N-Quads bytes itself (a file read into term
 * ids), so a durable write needs none of its quads.
 */
export interface WritableGraph extends HeldGraph {
  /**
   * The UTF-8 bytes of its N-Quads text in chunks of whole lines, each written when asked for:
   * those `toNQuadsBytes` gives for its quads.
   */
  nQuadsChunks: () => Iterable<Uint8Array>
}

/** Whether a held graph writes its own N-Quads bytes (a file read into term ids). */
export function isWritable (held: HeldGraph): held is WritableGraph {
  return 'nQuadsChunks' in held
}

/** Quads held as they are. */
export function heldQuads (quads: readonly Quad[]): HeldGraph {
  return { triples: quads.length, quadsNow: () => quads, quads: async () => quads }
}

/** Bytes of N-Quads hashed, counted or parsed between two turns of the event loop. */
const slice = 1 << 18
const newline = 0x0a
const hashSign = 0x23

/**
 * One stored graph: the bytes of its N-Quads text (outside the JavaScript heap) until the first
 * read parses them, then its quads. A write never changes one: it replaces the store's entry, so
 * whoever took this object earlier keeps reading the content of that moment.
 */
export class StoredGraph implements HeldGraph {
  readonly graph: string
  /** SHA-256 of the N-Quads text as stored (after the header line). */
  readonly digest: string
  readonly triples: number
  /**
   * The graph file the text was read from (a header line, then the text). A later write may
   * replace that file: whoever reads it checks its text against `digest`.
   */
  readonly file: string | undefined
  readonly #dataDir: string
  #bytes: Buffer | undefined
  #quads: readonly Quad[] | undefined
  #failure: SymphonyError | undefined
  /** The parse under way, shared by every reader: a slice per step. */
  #parse: Generator<void, void> | undefined
  #parsing: Promise<readonly Quad[]> | undefined

  private constructor (dataDir: string, graph: string, bytes: Buffer, digest: string, triples: number, file: string | undefined) {
    this.#dataDir = dataDir
    this.file = file
    this.graph = graph
    this.#bytes = bytes
    this.digest = digest
    this.triples = triples
  }

  /**
   * The graph stored as `bytes` (N-Quads text, every quad in `graph`, one a line as this store
   * writes them): hashed and counted a slice per turn of the event loop, not parsed. `file`: the
   * graph file they were read from.
   */
  static async read (dataDir: string, graph: string, bytes: Buffer, file?: string): Promise<StoredGraph> {
    const hash = createHash('sha256')
    let triples = 0
    for (let start = 0; start < bytes.length;) {
      if (start > 0) await nextTurn()
      const end = sliceEnd(bytes, start)
      hash.update(bytes.subarray(start, end))
      triples += countStatements(bytes, start, end)
      start = end
    }
    return new StoredGraph(dataDir, graph, bytes, hash.digest('hex'), triples, file)
  }

  /** Whether the text has been parsed (or found corrupt). */
  get parsed (): boolean {
    return this.#bytes === undefined
  }

  quadsNow (): readonly Quad[] {
    if (this.#quads === undefined && this.#failure === undefined) {
      const parse = this.#parser()
      while (parse.next().done !== true);
    }
    return this.#result()
  }

  quads (): Promise<readonly Quad[]> {
    if (this.#quads !== undefined) return Promise.resolve(this.#quads)
    this.#parsing ??= (async () => {
      const parse = this.#parser()
      // A synchronous read meanwhile finishes the same parse: the loop then ends at once.
      while (parse.next().done !== true) await nextTurn()
      return this.#result()
    })()
    return this.#parsing
  }

  #parser (): Generator<void, void> {
    this.#parse ??= this.#parseSlices()
    return this.#parse
  }

  #result (): readonly Quad[] {
    if (this.#failure !== undefined) throw this.#failure
    return this.#quads!
  }

  /** Parses the text a slice of lines per step; ends with the quads (or the failure) kept and the bytes let go. */
  * #parseSlices (): Generator<void, void> {
    const bytes = this.#bytes!
    const graph = DataFactory.namedNode(this.graph)
    const source = `<${this.graph}>`
    const quads: Quad[] = []
    let line = 0
    for (let start = 0; start < bytes.length;) {
      if (start > 0) yield
      const end = sliceEnd(bytes, start)
      // Cut at a line break (one byte, never inside a character): each slice is whole UTF-8.
      const text = bytes.toString('utf8', start, end)
      try {
        // The files hold only what this store wrote, blank nodes already scoped: keep their labels.
        for (const q of quadsOfLines(text, { format: 'n-quads', source, blankPrefix: '' })) {
          quads.push(q.graph.equals(graph) ? q : DataFactory.quad(q.subject, q.predicate, q.object, graph) as Quad)
        }
      } catch (error) {
        this.#failure = this.#corrupt(error, line)
        this.#bytes = undefined
        return
      }
      line += countLines(bytes, start, end)
      start = end
    }
    this.#quads = quads
    this.#bytes = undefined
  }

  /** STORE_ERROR for a slice that does not parse, its line numbered in the whole graph's text. */
  #corrupt (error: unknown, offset: number): SymphonyError {
    const where = `<${this.graph}>:`
    const inText = (message: string): string => renumber(message, where, offset)
    const reason = error instanceof SymphonyError ? error.messages : { en: (error as Error).message, de: (error as Error).message }
    return new SymphonyError('STORE_ERROR', {
      en: `${this.#dataDir}: the stored graph <${this.graph}> is corrupt (${inText(reason.en)}); restore it from a backup or remove it`,
      de: `${this.#dataDir}: der gespeicherte Graph <${this.graph}> ist beschädigt (${inText(reason.de)}); stellen Sie ihn aus einer Sicherung wieder her oder entfernen Sie ihn`
    }, { file: this.#dataDir, cause: error })
  }
}

/** Where the slice starting at `start` ends: just after the first line break `slice` bytes on, or at the end. */
function sliceEnd (bytes: Buffer, start: number): number {
  const cut = bytes.indexOf(newline, Math.min(bytes.length, start + slice))
  return cut === -1 ? bytes.length : cut + 1
}

/** Line breaks in `bytes[start, end)`. */
function countLines (bytes: Buffer, start: number, end: number): number {
  let count = 0
  for (let at = bytes.indexOf(newline, start); at !== -1 && at < end; at = bytes.indexOf(newline, at + 1)) count++
  return count
}

/** Statements in `bytes[start, end)`, which starts a line: its lines but empty ones and comments. */
function countStatements (bytes: Buffer, start: number, end: number): number {
  let count = 0
  for (let lineStart = start; lineStart < end;) {
    const at = bytes.indexOf(newline, lineStart)
    const lineEnd = at === -1 || at >= end ? end : at
    if (lineEnd > lineStart && bytes[lineStart] !== hashSign) count++
    lineStart = lineEnd + 1
  }
  return count
}

/** `message` with the line number after `where` moved on by `offset` lines. */
function renumber (message: string, where: string, offset: number): string {
  const at = message.indexOf(where)
  if (at === -1) return message
  const rest = message.slice(at + where.length)
  const number = /^\d+/.exec(rest)?.[0]
  return number === undefined ? message : `${message.slice(0, at)}${where}${offset + Number(number)}${rest.slice(number.length)}`
}
