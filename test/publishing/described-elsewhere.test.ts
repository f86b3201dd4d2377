import { DataFactory } from 'n3'
import type { Quad } from '@rdfjs/types'
import { describe, expect, it } from 'vitest'
import { describedElsewhere } from '../../src/publishing/described-elsewhere.js'
import { MemoryStore } from '../../src/store/index.js'

const { namedNode, blankNode, literal, quad } = DataFactory
const ex = (name: string) => namedNode(`https://example.org/${name}`)
const p = ex('p')

/** A seeded pseudo-random sequence: the same store every run. */
function random (seed: number): () => number {
  let state = seed
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31
    return state / 2 ** 31
  }
}

describe('nodes described elsewhere', () => {
  it('are the rows of the SPARQL query it replaces, over stores of many graphs scanned in slices', async () => {
    for (const seed of [1, 2, 3]) {
      const next = random(seed)
      const pick = (n: number) => Math.floor(next() * n)
      const graphs: Array<{ graph: string, quads: Quad[] }> = []
      for (let g = 0; g < 12; g++) {
        const graph = `https://example.org/graph/${g}`
        const quads: Quad[] = []
        // 12 graphs of up to 15,000 triples: more than one slice of the scan.
        for (let i = pick(15_000); i > 0; i--) {
          const subject = pick(10) === 0 ? blankNode(`b${pick(50)}`) : ex(`s${pick(400)}`)
          quads.push(quad(subject, p, pick(2) === 0 ? ex(`s${pick(400)}`) : literal(String(i)), namedNode(graph)))
        }
        graphs.push({ graph, quads })
      }
      const store = new MemoryStore()
      await store.putGraphs(graphs)
      const description = Array.from({ length: 30 }, () => quad(pick(8) === 0 ? blankNode('x') : ex(`s${pick(420)}`), p, literal('1')))
      const skip = new Set([`https://example.org/s${pick(400)}`])
      const subjects = [...new Set(description.filter(q => q.subject.termType === 'NamedNode').map(q => q.subject.value))].filter(s => !skip.has(s))
      const result = await store.query(`SELECT DISTINCT ?s ?g WHERE { VALUES ?s { ${subjects.map(s => `<${s}>`).join(' ')} } GRAPH ?g { ?s ?p ?o } }`)
      if (result.type !== 'bindings') throw new Error('bindings expected')
      const expected = result.rows.map(row => `${row.s!.value} ${row.g!.value}`).sort()
      const found = await describedElsewhere(description, await store.quads(), skip)
      expect(found.map(f => `${f.subject} ${f.graph}`).sort()).toEqual(expected)
      expect(expected.length).toBeGreaterThan(20)
    }
  })

  it('finds nothing for a description without named subjects, and skips the ones it is told to', async () => {
    const stored = [quad(ex('a'), p, literal('1'), ex('g')), quad(ex('b'), p, literal('1'), ex('g'))]
    expect(await describedElsewhere([quad(blankNode('x'), p, ex('a'))], stored)).toEqual([])
    expect(await describedElsewhere([quad(ex('a'), p, literal('2')), quad(ex('b'), p, literal('2'))], stored, new Set([ex('a').value])))
      .toEqual([{ subject: ex('b').value, graph: ex('g').value }])
  })
})
