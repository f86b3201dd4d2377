import { Parser } from 'n3'
import type { Quad } from '@rdfjs/types'
import { describe, expect, it } from 'vitest'
import { compileRules, inferred, reason, ruleFromText } from '../../src/reasoner/index.js'
import { IdLists } from '../../src/reasoner/id-lists.js'
import { PairMap } from '../../src/reasoner/pair-map.js'
import { TripleTable } from '../../src/reasoner/triple-table.js'

describe('IdLists', () => {
  it('keeps many interleaved lists apart while they move and the pool is copied', () => {
    const lists = new IdLists()
    const expected: number[][] = []
    const numbers: number[] = []
    for (let l = 0; l < 300; l++) { numbers.push(lists.create()); expected.push([]) }
    for (let i = 0; i < 20_000; i++) {
      const l = (i * 7919) % 300 < 30 ? i % 30 : (i * 31) % 300
      lists.push(numbers[l]!, i)
      expected[l]!.push(i)
    }
    expect(numbers).toEqual([...Array(300).keys()])
    for (let l = 0; l < 300; l++) expect([...lists.view(numbers[l]!)]).toEqual(expected[l])
  })

  it('leaves a snapshot read before appends unchanged, also when its list moves and the pool is replaced', () => {
    const lists = new IdLists()
    const a = lists.create()
    const b = lists.create()
    for (let i = 0; i < 5; i++) lists.push(a, i)
    const data = lists.data
    const start = lists.start[a]!
    const length = lists.length[a]!
    for (let i = 5; i < 5000; i++) { lists.push(a, i); lists.push(b, -i) }
    expect(lists.data).not.toBe(data)
    expect([...data.subarray(start, start + length)]).toEqual([0, 1, 2, 3, 4])
    expect([...lists.view(a)]).toEqual([...Array(5000).keys()])
    expect(lists.view(b).length).toBe(4995)
  })
})

describe('PairMap', () => {
  it('finds every pair after growing, the second id also -1, and keeps the first value of a pair', () => {
    const map = new PairMap()
    const second = (i: number): number => i % 2 === 0 ? -1 : i * 3
    for (let i = 0; i < 5000; i++) expect(map.putIfAbsent(i >> 1, second(i), i)).toBe(-1)
    expect(map.putIfAbsent(1, second(3), 99)).toBe(3)
    for (let i = 0; i < 5000; i++) expect(map.get(i >> 1, second(i))).toBe(i)
    expect(map.get(5, 7)).toBe(-1)
    expect(map.get(2600, -1)).toBe(-1)
    // First id 0 is a pair like any other, not a free place.
    expect(map.get(0, 5)).toBe(-1)
    expect(map.putIfAbsent(0, 5, 42)).toBe(-1)
    expect(map.get(0, 5)).toBe(42)
    expect(map.size).toBe(5001)
  })
})

describe('TripleTable', () => {
  it('indexes by predicate, (p,s), (p,o) and by subject or object alone, built on demand and kept up to date', () => {
    const table = new TripleTable()
    expect(table.add(1, 10, 2)).toBe(true)
    expect(table.add(1, 10, 2)).toBe(false)
    table.add(3, 10, 2)
    table.add(1, 11, 4)
    expect([...table.withSubject(10, 1)]).toEqual([0])
    expect([...table.withObject(10, 2)]).toEqual([0, 1])
    expect([...table.aboutSubject(1)]).toEqual([0, 2])
    expect([...table.aboutObject(2)]).toEqual([0, 1])
    table.add(1, 10, 5)
    table.add(6, 12, 1)
    expect([...table.withPredicate(10)]).toEqual([0, 1, 3])
    expect([...table.withSubject(10, 1)]).toEqual([0, 3])
    expect([...table.withObject(10, 5)]).toEqual([3])
    expect([...table.aboutSubject(1)]).toEqual([0, 2, 3])
    expect([...table.aboutObject(1)]).toEqual([4])
    expect([...table.withPredicate(99)]).toEqual([])
    expect(table.count(-1, 10, -1)).toBe(3)
    expect(table.count(1, 10, -1)).toBe(2)
    expect(table.count(-1, -1, 2)).toBe(2)
    expect(table.count(1, 10, 5)).toBe(1)
    expect(table.count(-1, -1, -1)).toBe(5)
    expect(table.count(1, -1, 2)).toBe(1)
    expect(table.find(1, 10, 5)).toBe(3)
    expect(table.find(5, 10, 1)).toBe(-1)
    expect([...table.predicates()].sort((x, y) => x - y)).toEqual([10, 11, 12])
  })
})

describe('FILTER on term kinds', () => {
  const input = new Parser({ blankNodePrefix: '' }).parse(`@prefix ex: <https://example.org/k#> .
    ex:a ex:p ex:iri , _:blank , "literal" , 4 .`) as Quad[]
  const objects = (filter: string): string[] => {
    const rule = ruleFromText('kinds', `PREFIX ex: <https://example.org/k#>\nCONSTRUCT { ?o ex:kept ex:yes }\nWHERE { ?s ex:p ?o FILTER (${filter}) }`, { source: 'kinds.rq' })
    return inferred(reason(input, compileRules([rule]))).map(q => q.subject.termType + ' ' + q.subject.value).sort()
  }

  it('tests isIRI, isBlank and isLiteral of a variable, also negated and combined with && and ||', () => {
    expect(objects('isIRI(?o)')).toEqual(['NamedNode https://example.org/k#iri'])
    expect(objects('isURI(?o)')).toEqual(['NamedNode https://example.org/k#iri'])
    expect(objects('isBlank(?o)')).toEqual(['BlankNode blank'])
    expect(objects('!isLiteral(?o)')).toEqual(['BlankNode blank', 'NamedNode https://example.org/k#iri'])
    expect(objects('isIRI(?o) || isBlank(?o)')).toEqual(['BlankNode blank', 'NamedNode https://example.org/k#iri'])
    expect(objects('!isIRI(?o) && !isLiteral(?o)')).toEqual(['BlankNode blank'])
    expect(objects('isLiteral(?s) || isBlank(?o)')).toEqual(['BlankNode blank'])
  })

  it('keeps the general path for a mix with other expressions', () => {
    expect(objects('!isLiteral(?o) && ?o != ex:iri')).toEqual(['BlankNode blank'])
  })
})
