import { describe, expect, it } from 'vitest'
import { LineGraph } from '../../src/catalog/index.js'
import { graphs } from '../../src/project.js'
import { generateCatalog } from '../../bench/catalog-generator.js'
import { asNQuads } from './line-files.js'

describe('a graph held as term ids, handed to another thread', () => {
  it('is held there with the same term ids, statements and quads, also for keys with line breaks and quotes', () => {
    const text = asNQuads(generateCatalog(100, { seed: 3 }).ntriples) +
      '<https://example.org/bench#S1> <https://schema.org/description> "two\\nlines, a \\"quote\\" and ü"@de .\n'
    const graph = LineGraph.read({ text, format: 'n-quads', source: 'catalog', graph: `${graphs.data}1/catalog` })
    const held = graph.held()
    const copy = LineGraph.ofHeld(structuredClone(held, { transfer: [held.ends.buffer, held.places.buffer, held.hashes.buffer, held.s.buffer, held.p.buffer, held.o.buffer] }))
    expect(copy.graph).toBe(graph.graph)
    expect(copy.triples).toBe(graph.triples)
    expect(copy.terms.size).toBe(graph.terms.size)
    for (let id = 0; id < graph.terms.size; id++) expect(copy.terms.n3Key(id)).toBe(graph.terms.n3Key(id))
    // Filed where the graph's table filed them: every key found again, of the same kind, and a new one filed after them.
    for (let id = 0; id < graph.terms.size; id++) expect(copy.terms.get(graph.terms.n3Key(id))).toBe(id)
    expect(copy.terms.kinds).toEqual(graph.terms.kinds)
    expect(copy.terms.internKey('https://example.org/not-in-the-file')).toBe(graph.terms.size)
    expect(copy.terms.get('https://example.org/not-in-the-file')).toBe(graph.terms.size)
    expect([...copy.s]).toEqual([...graph.s])
    expect([...copy.p]).toEqual([...graph.p])
    expect([...copy.o]).toEqual([...graph.o])
    // The statements were copied: the graph keeps its own after the copy's were transferred.
    expect(graph.s.length).toBe(graph.triples)
    const quads = copy.quadsNow()
    expect(quads.length).toBe(graph.triples)
    expect(quads.every((quad, i) => quad.equals(graph.quadsNow()[i]!))).toBe(true)
    expect(quads.some(quad => quad.object.value === 'two\nlines, a "quote" and ü')).toBe(true)
  })
})
