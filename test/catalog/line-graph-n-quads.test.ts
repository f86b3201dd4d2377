import { describe, expect, it } from 'vitest'
import { DataFactory } from 'n3'
import type { Quad, Term } from '@rdfjs/types'
import { LineGraph } from '../../src/catalog/index.js'
import { nQuadsChunksOfIds } from '../../src/catalog/line-graph-n-quads.js'
import { freshBlankPrefix, quadsOfLines } from '../../src/rdf/index.js'
import { TermTable } from '../../src/reasoner/index.js'
import { MemoryStore } from '../../src/store/index.js'
import { toNQuads, toNQuadsBytes } from '../../src/store/n-quads.js'
import { generateCatalog } from '../../bench/catalog-generator.js'
import { asNQuads } from './line-files.js'

const { namedNode, blankNode, literal, quad } = DataFactory
const ex = 'https://example.org/bench#'
const xsd = 'http://www.w3.org/2001/XMLSchema#'
const graph = 'https://g.example/a "graph"'

/** Statements in ids of `quads`, interned as the reasoner interns terms. */
function idsOf (quads: readonly Quad[]): { terms: TermTable, s: Int32Array, p: Int32Array, o: Int32Array, size: number } {
  const terms = new TermTable()
  const ids = (pick: (q: Quad) => Term): Int32Array => Int32Array.from(quads, q => terms.intern(pick(q)))
  return { terms, s: ids(q => q.subject), p: ids(q => q.predicate), o: ids(q => q.object), size: quads.length }
}

/** What the store writes for `quads` in `graph`. */
function written (quads: readonly Quad[], into = graph): string {
  return Buffer.concat(toNQuadsBytes(quads.map(q => quad(q.subject, q.predicate, q.object, namedNode(into)) as Quad))).toString('utf8')
}

/** Tricky terms: escapes, quotes, line breaks, 2-, 3- and 4-byte characters, tags, datatypes. */
const tricky: Quad[] = [
  quad(namedNode(`${ex}a"b\\c{d}^e|f\`g`), namedNode(`${ex}p`), literal('say "hi" \\ back\nslash\r\t\b\f end"')),
  quad(blankNode('g0123456789ab_0'), namedNode(`${ex}ä€😀`), literal('äöü ß € 😀 日本', 'de-AT')),
  quad(namedNode(`${ex}s\u0001\u001f\u007f\ufffe\uffff`), namedNode(`${ex}p`), literal('\u0000\u0007\u001f\u007f\ufffe\uffff\ufffd')),
  quad(namedNode(`${ex}s`), namedNode(`${ex}p`), literal('42', namedNode(`${xsd}integer`))),
  quad(namedNode(`${ex}s`), namedNode(`${ex}p`), literal('plain', namedNode(`${xsd}string`))),
  quad(namedNode(`${ex}s`), namedNode(`${ex}p`), literal('typed', namedNode(`${ex}type"with\\escapes\u0002`))),
  quad(namedNode(`${ex}s`), namedNode(`${ex}p`), literal('"@en" "^^x"', 'EN-gb')),
  quad(namedNode(`${ex}s`), namedNode(`${ex}p`), literal('', 'en')),
  quad(namedNode(`${ex}s`), namedNode(`${ex}p`), literal('نص "x"', { language: 'AR-eg', direction: 'rtl' } as unknown as string)),
  quad(namedNode(`${ex}s`), namedNode(`${ex}p`), literal('')),
  quad(namedNode(`${ex}s`), namedNode(`${ex}p`), literal('ends with a quote"')),
  quad(blankNode('b1'), namedNode(`${ex}p`), blankNode('b1'))
]

describe('N-Quads bytes written from term ids', () => {
  it('are the N3 writer\'s bytes for tricky terms', () => {
    const chunks = [...nQuadsChunksOfIds(idsOf(tricky), graph)]
    expect(chunks).toHaveLength(1)
    expect(chunks[0]!.toString('utf8')).toBe(written(tricky))
    expect(written(tricky)).toContain('"\u0646\u0635 \\"x\\""@ar-eg--rtl <')
    expect(chunks[0]!.equals(Buffer.from(toNQuads(tricky.map(q => quad(q.subject, q.predicate, q.object, namedNode(graph)) as Quad)), 'utf8'))).toBe(true)
  })

  it('write a statement with a term of another kind (a quoted triple) as the N3 writer does', () => {
    const quoted = quad(namedNode(`${ex}a`), namedNode(`${ex}b`), literal('c "d"'))
    const statements = [tricky[0]!, quad(namedNode(`${ex}s`), namedNode(`${ex}says`), quoted as unknown as Quad['object']), tricky[1]!]
    expect(Buffer.concat([...nQuadsChunksOfIds(idsOf(statements), graph)]).toString('utf8')).toBe(written(statements))
    expect(written(statements)).toContain(`<${ex}s> <${ex}says> <<( <${ex}a> <${ex}b> "c \\"d\\"" )>> <`)
  })

  it('are the same bytes in chunks of the given number of statements', () => {
    const chunks = [...nQuadsChunksOfIds(idsOf(tricky), graph, 4)]
    expect(chunks.map(chunk => chunk.toString('utf8').split('\n').length - 1)).toEqual([4, 4, 4])
    expect(Buffer.concat(chunks).toString('utf8')).toBe(written(tricky))
  })

  it('of a file held as term ids are the bytes the store writes for its quads, without building them', async () => {
    const text = asNQuads(generateCatalog(300, { seed: 3 }).ntriples) + [
      `_:n1 <${ex}next> _:n1 <https://g.example/2> .`,
      `<${ex}S1> <${ex}note> "line\\nbreak \\"quoted\\" back\\\\slash \\u00e4 \\U0001F600 ü€😀"@de .`,
      `<${ex}S1> <${ex}code> "x\\ty"^^<${ex}t\\u0022q> .`,
      `<${ex}S1> <${ex}code> "plain"^^<${xsd}string> .`
    ].join('\n') + '\n'
    const into = 'https://example.org/graphs/catalog'
    const held = LineGraph.read({ text: Buffer.from(text, 'utf8'), format: 'n-quads', source: 'catalog.nq', graph: into })
    const chunks = [...held.nQuadsChunks()]
    expect(held.built).toBe(false)
    expect(chunks).toHaveLength(Math.ceil(held.size / 2000))
    expect(chunks.length).toBeGreaterThanOrEqual(2)
    const store = new MemoryStore()
    await store.putGraphs([{ graph: into, quads: quadsOfLines(text, { format: 'n-quads', source: 'catalog.nq', blankPrefix: freshBlankPrefix() }) }])
    const expected = Buffer.concat(toNQuadsBytes(held.quadsNow()))
    expect(Buffer.concat(chunks).equals(expected)).toBe(true)
    // The tricky lines as the store writes them when it parses the file itself (no naming happens to them).
    const tail = Buffer.concat(toNQuadsBytes((await store.quads()).slice(-3))).toString('utf8')
    expect(expected.toString('utf8').endsWith(tail)).toBe(true)
  })
})
