import { DataFactory, Parser, termToId } from 'n3'
import type { Quad, Term } from '@rdfjs/types'
import { describe, expect, it } from 'vitest'
import { builtinRules, compileRules, inferred, reason, termId } from '../../src/reasoner/index.js'
import { TermTable, termKinds } from '../../src/reasoner/term-table.js'
import { repositoryData } from './fixture-cases.js'

const { namedNode, blankNode, literal, variable, defaultGraph } = DataFactory

describe('TermTable', () => {
  const samples: Array<[Term, number]> = [
    [namedNode('https://example.org/a'), termKinds.iri],
    [blankNode('l0_x'), termKinds.blank],
    [literal('Grüße "quoted"\n', 'de'), termKinds.literal],
    [literal('4.30', namedNode('http://www.w3.org/2001/XMLSchema#decimal')), termKinds.literal],
    [literal('plain'), termKinds.literal],
    [defaultGraph(), termKinds.other],
    [variable('v'), termKinds.other]
  ]

  it('numbers keys the same when made for an expected count, also past it', () => {
    const sized = new TermTable(1000)
    const grown = new TermTable()
    const keys = Array.from({ length: 3000 }, (_, i) => i % 3 === 0 ? `_:b${i}` : i % 3 === 1 ? `https://example.org/t${i}` : `"${i}"`)
    expect(keys.map(key => sized.internKey(key))).toEqual(keys.map(key => grown.internKey(key)))
    expect(sized.size).toBe(3000)
    expect(sized.get('https://example.org/t1')).toBe(1)
    expect(sized.get('_:b2999')).toBe(undefined)
    expect(sized.kinds.slice(0, 3)).toEqual([termKinds.blank, termKinds.iri, termKinds.literal])
  })

  it('reads a term given by its key back equal to the term, with its kind and key, the same object each time', () => {
    const table = new TermTable()
    for (const [term, kind] of samples) {
      const id = table.internKey(termToId(term as Parameters<typeof termToId>[0]))
      expect(table.kinds[id]).toBe(kind)
      expect(table.term(id).equals(term)).toBe(true)
      expect(table.term(id)).toBe(table.term(id))
      if (kind !== termKinds.other) expect(table.key(id)).toBe(termId(term))
    }
    expect(table.size).toBe(samples.length)
  })

  it('gives a term and its key one id either way round, and keeps a term object it was given', () => {
    const table = new TermTable()
    const byKey = samples.map(([term]) => table.internKey(termToId(term as Parameters<typeof termToId>[0])))
    expect(samples.map(([term]) => table.intern(term))).toEqual(byKey)
    const other = new TermTable()
    const given = samples.map(([term]) => other.intern(term))
    given.forEach((id, i) => { expect(other.term(id)).toBe(samples[i]![0]) })
    expect(samples.map(([term]) => other.internKey(termToId(term as Parameters<typeof termToId>[0])))).toEqual(given)
    expect(table.iri('https://example.org/a')).toBe(byKey[0])
    expect(table.get('_:l0_x')).toBe(byKey[1])
    expect(() => table.term(samples.length)).toThrow(RangeError)
  })

  it('adds a key looked up in vain once, findable after, also when other keys were looked up or added in between', () => {
    const table = new TermTable()
    const a = table.internKey('https://example.org/a')
    expect(table.iri('https://example.org/new')).toBe(undefined)
    const added = table.internKey('https://example.org/new')
    expect(added).toBe(a + 1)
    expect(table.internKey('https://example.org/new')).toBe(added)
    expect(table.iri('https://example.org/new')).toBe(added)
    // Missed, then another key added: the first must be looked up again, not filed twice.
    expect(table.get('https://example.org/b')).toBe(undefined)
    table.internKey('https://example.org/c')
    const b = table.internKey('https://example.org/b')
    expect(table.internKey('https://example.org/b')).toBe(b)
    // Missed, then found: a later add of the missed key is a new term once.
    expect(table.get('https://example.org/d')).toBe(undefined)
    expect(table.get('https://example.org/a')).toBe(a)
    const d = table.internKey('https://example.org/d')
    expect([table.internKey('https://example.org/d'), table.size]).toEqual([d, 5])
  })
})

describe('TermTable growing', () => {
  it('numbers 20,000 keys in order through many doublings and finds each again, keys differing in one character apart', () => {
    const table = new TermTable()
    const keys = Array.from({ length: 20_000 }, (_, i) => i % 2 === 0 ? `https://example.org/n${i}` : `"${i}"@en`)
    keys.forEach((key, i) => { expect(table.internKey(key)).toBe(i) })
    keys.forEach((key, i) => { expect(table.get(key)).toBe(i) })
    expect(table.get('https://example.org/n1')).toBeUndefined()
    expect(table.get('"2"@en')).toBeUndefined()
    expect(table.internKey('https://example.org/n19998')).toBe(19_998)
    expect(table.size).toBe(20_000)
    expect(table.key(19_999)).toBe('"19999"@en')
  })
})

describe('reading N-Triples into ids', () => {
  it('derives the same triples as reasoning over the same statements parsed into quads', async () => {
    const { quads } = await repositoryData()
    const program = compileRules(builtinRules())
    const data = quads.filter(quad => quad.subject.termType !== 'BlankNode' && quad.object.termType !== 'BlankNode')
    const schema = quads.filter(quad => !data.includes(quad))
    const text = data.map(quad => `${nt(quad.subject)} ${nt(quad.predicate)} ${nt(quad.object)} .`).join('\n')
    const fromQuads = inferred(reason([...schema, ...new Parser({ format: 'N-Triples' }).parse(text) as Quad[]], program))
    const fromLines = inferred(reason(schema, program, { lines: [{ text, format: 'n-triples', source: 'data.nt' }] }))
    const keys = (derived: Quad[]): string[] => derived.map(q => `${termToId(q.subject as never)} ${termToId(q.predicate as never)} ${termToId(q.object as never)}`).sort()
    expect(fromLines.length).toBeGreaterThan(100)
    expect(keys(fromLines)).toEqual(keys(fromQuads))
  })
})

function nt (term: Term): string {
  if (term.termType === 'NamedNode') return `<${term.value}>`
  if (term.termType !== 'Literal') throw new Error(`unexpected ${term.termType}`)
  const lexical = JSON.stringify(term.value)
  return term.language !== '' ? `${lexical}@${term.language}` : `${lexical}^^<${term.datatype.value}>`
}
