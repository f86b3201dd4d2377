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
 * quads of the statements. Each term is written once and its text reused.
 */
export function nQuadsBytesOfIds ({ terms, s, p, o, size }: IdStatements, graph: string, chunk = chunkStatements): Buffer[] {
  const written: Array<string | undefined> = new Array<string | undefined>(terms.size)
  const text = (id: number): string => {
    let term = written[id]
    if (term === undefined) term = written[id] = termText(terms, id)
    return term
  }
  const ending = ` ${iriText(graph)} .\n`
  const chunks: Buffer[] = []
  for (let start = 0; start < size; start += chunk) {
    let lines = ''
    const end = Math.min(size, start + chunk)
    for (let i = start; i < end; i++) {
      const subject = text(s[i]!)
      const predicate = text(p[i]!)
      const object = text(o[i]!)
      lines += subject === '' || predicate === '' || object === ''
        ? otherLine(terms, s[i]!, p[i]!, o[i]!, graph)
        : subject + ' ' + predicate + ' ' + object + ending
    }
    chunks.push(Buffer.from(lines, 'utf8'))
  }
  return chunks
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
