/**
 * N-Quads bytes of statements held as term ids (`LineGraph`), written from the term table's keys
 * and the id arrays: the same bytes N3.js's writer gives for the quads those ids stand for
 * (`toNQuadsBytes` in the store), without building a quad. At 100,000 services that is 1.6 M
 * quads and their terms never made when an import writes its graph file.
 */
import { DataFactory, termFromId, Writer } from 'n3'
import type { Literal, Quad } from '@rdfjs/types'
import { termKinds, type TermTable } from '../reasoner/index.js'

/** Statements in term ids, as `LineGraph` holds them. */
export interface IdStatements {
  readonly terms: TermTable
  readonly s: Int32Array
  readonly p: Int32Array
  readonly o: Int32Array
  readonly size: number
}

/** Statements written per chunk: a few hundred kilobytes of text each, as `toNQuadsBytes` writes them. */
const chunkStatements = 2000

/**
 * The UTF-8 bytes of the statements' N-Quads text, every statement in `graph`, in chunks of
 * `chunkStatements` lines: one after the other, the bytes of N3.js's `N-Quads` writer over the
 * quads of the statements. Each term is written and encoded once; a chunk is made at its length
 * and its lines copied in from those bytes (concatenating 1.6 M lines as strings, then encoding
 * them, took about four times as long). Each chunk is written when asked for, so a reader may
 * take turns of the event loop between them.
 */
export function * nQuadsChunksOfIds ({ terms, s, p, o, size }: IdStatements, graph: string, chunk = chunkStatements): Generator<Buffer, void> {
  const texts = new TermBytes(terms)
  const ending = Buffer.from(` ${iriText(graph)} .\n`, 'utf8')
  for (let start = 0; start < size; start += chunk) {
    const end = Math.min(size, start + chunk)
    let length = 0
    for (let i = start; i < end; i++) {
      const subject = texts.length(s[i]!)
      const predicate = texts.length(p[i]!)
      const object = texts.length(o[i]!)
      length += subject < 0 || predicate < 0 || object < 0 ? texts.otherLine(s[i]!, p[i]!, o[i]!, graph)!.length : subject + predicate + object + 2 + ending.length
    }
    const out = Buffer.allocUnsafe(length)
    let at = 0
    for (let i = start; i < end; i++) {
      const other = texts.otherLine(s[i]!, p[i]!, o[i]!, graph, false)
      if (other !== undefined) {
        at += other.copy(out, at)
        continue
      }
      at = texts.copy(s[i]!, out, at)
      out[at++] = space
      at = texts.copy(p[i]!, out, at)
      out[at++] = space
      at = texts.copy(o[i]!, out, at)
      // Byte by byte: a copy call per line cost more than the line's few bytes.
      for (let j = 0; j < ending.length; j++) out[at++] = ending[j]!
    }
    yield out
  }
}

const space = 0x20

/** Each term's N-Quads text as UTF-8 bytes, one after the other in one buffer, made on first use. */
class TermBytes {
  readonly #terms: TermTable
  /** Where each term's bytes start (-1: not written yet, -2: a kind written with its statement) and how many. */
  readonly #starts: Int32Array
  readonly #lengths: Int32Array
  #bytes = Buffer.allocUnsafe(1 << 20)
  #used = 0
  /** Lines of statements with a term of another kind, by the statement's ids. */
  readonly #others = new Map<string, Buffer>()

  constructor (terms: TermTable) {
    this.#terms = terms
    this.#starts = new Int32Array(terms.size).fill(-1)
    this.#lengths = new Int32Array(terms.size)
  }

  /** The term's length in bytes, or -1 for a kind the statement's line is written for (`otherLine`). */
  length (id: number): number {
    let start = this.#starts[id]!
    if (start === -1) start = this.#write(id)
    return start === -2 ? -1 : this.#lengths[id]!
  }

  /** Copies the term's bytes (written by `length` before) into `out` at `at`; where they end. */
  copy (id: number, out: Buffer, at: number): number {
    const bytes = this.#bytes
    const start = this.#starts[id]!
    const end = start + this.#lengths[id]!
    for (let i = start; i < end; i++) out[at++] = bytes[i]!
    return at
  }

  /**
   * The line of a statement with a term of another kind (the line reader gives none), as the
   * writer writes its quad; undefined for any other statement when `make` is false.
   */
  otherLine (s: number, p: number, o: number, graph: string, make = true): Buffer | undefined {
    if (this.#starts[s] !== -2 && this.#starts[p] !== -2 && this.#starts[o] !== -2) return undefined
    const key = `${s} ${p} ${o}`
    let line = this.#others.get(key)
    if (line === undefined && make) this.#others.set(key, line = Buffer.from(otherLine(this.#terms, s, p, o, graph), 'utf8'))
    return line
  }

  #write (id: number): number {
    const text = termText(this.#terms, id)
    if (text === '') return (this.#starts[id] = -2)
    if (this.#used + text.length * 3 > this.#bytes.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.#bytes.length * 2, this.#used + text.length * 3))
      this.#bytes.copy(grown, 0, 0, this.#used)
      this.#bytes = grown
    }
    const start = this.#used
    this.#lengths[id] = this.#bytes.write(text, start, 'utf8')
    this.#used += this.#lengths[id]!
    return (this.#starts[id] = start)
  }
}

/**
 * A term as the N-Quads writer writes it (`<iri>`, `_:label`, `"lexical"…`), or '' for any
 * other kind (`otherLine` writes the statement then).
 */
function termText (terms: TermTable, id: number): string {
  const kind = terms.kinds[id]
  if (kind === termKinds.iri) return iriText(terms.n3Key(id))
  if (kind === termKinds.blank) return terms.n3Key(id)
  if (kind === termKinds.literal) return literalText(termFromId(terms.n3Key(id), DataFactory) as Literal)
  return ''
}

/** A statement with a term of another kind (the line reader gives none), as the writer writes its quad. */
function otherLine (terms: TermTable, s: number, p: number, o: number, graph: string): string {
  const quad = DataFactory.quad(terms.term(s) as Quad['subject'], terms.term(p) as Quad['predicate'], terms.term(o) as Quad['object'], DataFactory.namedNode(graph))
  return new Writer({ format: 'N-Quads' }).quadToString(quad.subject, quad.predicate, quad.object, quad.graph)
}

/**
 * Characters N3.js escapes in canonical N-Triples and N-Quads: U+0000–U+001F, `"`, `\`, U+007F,
 * U+FFFE and U+FFFF (its `canonicalEscape`).
 */
const escapedAll = /[^ !#-[\]-~\u0080-\uFFFD]/g
const escapedOne = /[^ !#-[\]-~\u0080-\uFFFD]/
const shortEscapes: Readonly<Record<string, string>> = { '\\': '\\\\', '"': '\\"', '\t': '\\t', '\n': '\\n', '\r': '\\r', '\b': '\\b', '\f': '\\f' }

function escaped (text: string): string {
  return escapedOne.test(text) ? text.replace(escapedAll, character => shortEscapes[character] ?? '\\u' + character.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')) : text
}

function iriText (iri: string): string {
  return '<' + escaped(iri) + '>'
}

const xsdString = 'http://www.w3.org/2001/XMLSchema#string'

function literalText (literal: Literal): string {
  const value = '"' + escaped(literal.value) + '"'
  if (literal.language !== '') {
    const direction = (literal as Literal & { direction?: string }).direction
    return value + '@' + literal.language + (direction === undefined || direction === '' ? '' : '--' + direction)
  }
  return literal.datatype.value === xsdString ? value : value + '^^' + iriText(literal.datatype.value)
}
