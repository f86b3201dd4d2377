import { Parser, termToId } from 'n3'
import type { Quad } from '@rdfjs/types'
import { describe, expect, it } from 'vitest'
import { SymphonyError } from '../../src/errors.js'
import { freshBlankPrefix, readNTriples, type LineReaderOptions } from '../../src/rdf/ntriples-reader.js'

/** The statements as key tuples, blank nodes renamed in order of first appearance (labels are the reader's own). */
function canonical (rows: ReadonlyArray<readonly string[]>): string[] {
  const blanks = new Map<string, string>()
  const name = (key: string): string => {
    if (!key.startsWith('_:')) return key
    let renamed = blanks.get(key)
    if (renamed === undefined) blanks.set(key, renamed = `_:n${blanks.size}`)
    return renamed
  }
  return rows.map(row => row.map(name).join(' | '))
}

function read (text: string | Uint8Array, format: LineReaderOptions['format'] = 'n-triples'): string[][] {
  const keys: string[] = []
  const index = new Map<string, number>()
  const rows: string[][] = []
  readNTriples(text, key => {
    let id = index.get(key)
    if (id === undefined) { index.set(key, id = keys.length); keys.push(key) }
    return id
  }, (s, p, o, g) => { rows.push([keys[s]!, keys[p]!, keys[o]!, keys[g]!]) }, { format, source: 'test.nt', blankPrefix: freshBlankPrefix() })
  return rows
}

function n3 (text: string, format: 'N-Triples' | 'N-Quads' = 'N-Triples'): string[][] {
  const id = (term: Quad['subject'] | Quad['object'] | Quad['graph']): string => termToId(term as Parameters<typeof termToId>[0])
  return (new Parser({ format }).parse(text) as Quad[]).map(q => [id(q.subject), id(q.predicate), id(q.object), id(q.graph)])
}

function failure (text: string | Uint8Array, format: LineReaderOptions['format'] = 'n-triples'): SymphonyError {
  try {
    read(text, format)
  } catch (error) {
    if (error instanceof SymphonyError) return error
    throw error
  }
  throw new Error(`no error for ${JSON.stringify(text)}`)
}

const tricky = [
  '# a comment line, then an empty one',
  '',
  '<http://example.org/s> <http://example.org/p> <http://example.org/o> .',
  '<http://example.org/s>\t<http://example.org/p>\t"tab separated"\t.\t# trailing comment',
  '<http://example.org/s> <http://example.org/p> "escapes: \\t \\b \\n \\r \\f \\" \\\' \\\\ end" .',
  '<http://example.org/s> <http://example.org/p> "unicode: \\u00E9 \\U0001F600 ü 😀" .',
  '<http://example.org/s> <http://example.org/p> "English"@EN-gb .',
  '<http://example.org/s> <http://example.org/p> "Deutsch"@de .',
  '<http://example.org/s> <http://example.org/p> "4.30"^^<http://www.w3.org/2001/XMLSchema#decimal> .',
  '<http://example.org/s> <http://example.org/p> "plain"^^<http://www.w3.org/2001/XMLSchema#string> .',
  '<http://example.org/s> <http://example.org/p> "plain" .',
  '<http://example.org/s> <http://example.org/p> "" .',
  '<http://example.org/s> <http://example.org/p> "#not a comment" .',
  '<http://example.org/s> <http://example.org/p> "a > b < c" .',
  '<http://example.org/\\u00E9t\\u00E9> <http://example.org/p> <urn:x:y> .',
  '_:b1 <http://example.org/p> _:b1.with.dots .',
  '_:b1.with.dots <http://example.org/p> _:_under-score .',
  '_:0digit <http://example.org/p> _:b1.',
  '<http://example.org/s><http://example.org/p><http://example.org/o>.',
  '   <http://example.org/indented> <http://example.org/p> "x" .   '
]

describe('readNTriples', () => {
  it('reads the same terms as N3.js on escapes, language tags, datatypes, blank nodes and comments', () => {
    const text = tricky.join('\n') + '\n'
    expect(canonical(read(text))).toEqual(canonical(n3(text)))
  })

  it('reads CR LF and CR line ends and a last line without one', () => {
    const text = tricky.filter(line => line !== '').join('\r\n').replace('\r\n_:0digit', '\r_:0digit')
    expect(read(text)).toHaveLength(tricky.length - 2)
    expect(canonical(read(text))).toEqual(canonical(n3(text)))
  })

  it('reads N-Quads graphs (IRI or blank node) and the default graph as N3.js does', () => {
    const text = [
      '<http://example.org/s> <http://example.org/p> "in g" <http://example.org/g> .',
      '<http://example.org/s> <http://example.org/p> "in b" _:g .',
      '<http://example.org/s> <http://example.org/p> "default" .',
      '_:g <http://example.org/p> _:x _:g . # a blank graph is the same node as the subject'
    ].join('\n')
    const rows = read(text, 'n-quads')
    expect(canonical(rows)).toEqual(canonical(n3(text, 'N-Quads')))
    expect(rows[2]![3]).toBe('')
  })

  it('keeps equal blank node labels of two documents apart', () => {
    const text = '_:a <http://example.org/p> "1" .\n'
    expect(read(text)[0]![0]).not.toBe(read(text)[0]![0])
  })

  it.each([
    ['<http://example.org/s> <http://example.org/p> <relative> .', 1, 47, 'is not an absolute IRI'],
    ['<http://example.org/s> <http://example.org/p> "open .', 1, 54, 'not closed'],
    ['<http://example.org/s> <http://example.org/p> "x"@ .', 1, 50, 'is not a language tag'],
    ['<http://example.org/s> <http://example.org/p> "\\q" .', 1, 48, '\\q is not a string escape'],
    ['<http://example.org/s> <http://example.org/p> "\\u00G1" .', 1, 48, 'is not a valid'],
    ['\n\n"literal" <http://example.org/p> <http://example.org/o> .', 3, 1, 'expected a subject'],
    ['<http://example.org/s> _:p <http://example.org/o> .', 1, 24, 'expected the predicate as an IRI'],
    ['<http://example.org/s> <http://example.org/p> <http://example.org/o>', 1, 69, 'expected "." to end the statement'],
    ['<http://example.org/s> <http://example.org/p> <http://example.org/o> <http://example.org/g> .', 1, 70, 'expected "." to end the statement'],
    ['<http://example.org/s> <http://example.org/p> <http://example.org/o> . <http://example.org/s>', 1, 72, 'expected the end of the line'],
    ['<http://example.org/a b> <http://example.org/p> <http://example.org/o> .', 1, 22, 'U+0020 is not allowed in an IRI'],
    ['<http://example.org/s> <http://example.org/p> "x"^^<http://example.org/d', 1, 73, 'not closed with >']
  ])('refuses %j at line %i, column %i: %s', (text, line, column, what) => {
    const error = failure(text)
    expect(error.code).toBe('PARSE_ERROR')
    expect(error.messages.en).toMatch(new RegExp(`^test\\.nt:${line}: .*, at column ${column} \\(N-Triples\\)$`))
    expect(error.messages.en).toContain(what)
    expect(error.messages.de).toMatch(new RegExp(`^test\\.nt:${line}: Syntaxfehler in N-Triples — .+, in Spalte ${column}$`))
    expect(error.location).toMatchObject({ file: 'test.nt', line, column })
    expect(() => n3(text)).toThrow()
  })

  it('reads UTF-8 bytes as it reads the same text, non-ASCII labels, IRIs and literals included', () => {
    const text = [...tricky,
      '_:café <http://example.org/p> _:x😀y .',
      '<http://example.org/straße> <http://example.org/p> "ünïcödé 😀"@de .',
      '_:b1 <http://example.org/p> _:café .'
    ].join('\n')
    const rows = read(Buffer.from(text, 'utf8'))
    expect(rows).toHaveLength(tricky.length - 2 + 3)
    expect(canonical(rows)).toEqual(canonical(read(text)))
    expect(canonical(rows)).toEqual(canonical(n3(text)))
    expect(rows.at(-2)).toEqual(['http://example.org/straße', 'http://example.org/p', '"ünïcödé 😀"@de', ''])
  })

  it('counts the column in characters after non-ASCII text, from bytes as from a string', () => {
    const text = '<http://example.org/s> <http://example.org/p> "ü😀" <http://example.org/o> .\n<http://example.org/é> <http://example.org/p> "\\q" .'
    for (const input of [text, Buffer.from(text, 'utf8')]) {
      const error = failure(input)
      expect(error.location).toMatchObject({ file: 'test.nt', line: 1, column: 53 })
    }
    const second = failure(Buffer.from(text.replace(' <http://example.org/o>', ''), 'utf8'))
    expect(second.location).toMatchObject({ line: 2, column: 48 })
    expect(second.messages.en).toContain('\\q is not a string escape')
  })

  it('reads a file that starts with a byte-order mark as one without, from bytes as from a string', () => {
    const text = tricky.join('\n')
    const marked = '\uFEFF' + text
    const expected = canonical(read(text))
    expect(canonical(read(marked))).toEqual(expected)
    expect(canonical(read(Buffer.from(marked, 'utf8')))).toEqual(expected)
    // Columns count from after the mark, as editors show them.
    expect(failure('\uFEFF<http://example.org/s> "x" .').location).toMatchObject({ line: 1, column: 24 })
  })

  it('takes a graph term only in N-Quads', () => {
    const text = '<http://example.org/s> <http://example.org/p> <http://example.org/o> <http://example.org/g> .'
    expect(read(text, 'n-quads')[0]![3]).toBe('http://example.org/g')
    expect(failure('<http://example.org/s> <http://example.org/p> "x" "g" .', 'n-quads').messages.en).toContain('expected a graph (<…> or _:…) or "."')
  })
})
