import { describe, expect, it } from 'vitest'
import { builtinRules, compileRules, hierarchyOf, reason } from '../../src/reasoner/index.js'
import { InterfaceTypes, interfaceTypes, NodeReader } from '../../src/catalog/read-service.js'
import { indexSubjects } from '../../src/catalog/subject-index.js'
import { ex, sym, turtle } from './turtle.js'

const type = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type'
const label = 'http://www.w3.org/2000/01/rdf-schema#label'

const quads = turtle(`
  sym:CallEventFeed rdfs:subClassOf sym:CTIInterface . sym:CTIInterface rdfs:subClassOf sym:Interface .
  sym:LiveCallFeed rdfs:subClassOf sym:CallEventFeed .
  ex:a a sym:CallEventFeed . ex:b a sym:CallEventFeed . ex:c a sym:CallEventFeed , sym:CTIInterface .
  ex:d a sym:Interface . ex:e a sym:LiveCallFeed .
  ex:x rdfs:label "b" , "a"@en , "a" , ex:y , _:n .`)

function readerOf (): { reader: NodeReader, types: InterfaceTypes, hierarchy: ReturnType<typeof hierarchyOf> } {
  const reasoned = reason(quads, compileRules(builtinRules()))
  const hierarchy = hierarchyOf(reasoned)
  return { reader: new NodeReader(indexSubjects(quads, reasoned, new Set())), types: new InterfaceTypes(hierarchy), hierarchy }
}

describe('InterfaceTypes', () => {
  it('gives each node the types interfaceTypes gives for its own asserted and derived types', () => {
    const { reader, types, hierarchy } = readerOf()
    const expected: Record<string, string[]> = {
      a: [sym + 'CallEventFeed'],
      b: [sym + 'CallEventFeed'],
      c: [sym + 'CTIInterface', sym + 'CallEventFeed'],
      d: [sym + 'Interface'],
      e: [sym + 'LiveCallFeed']
    }
    for (const [local, found] of Object.entries(expected)) {
      const node = ex + local
      expect(types.of(reader, node)).toEqual(found)
      expect(interfaceTypes(reader.strings(node, type, true), reader.strings(node, type), hierarchy)).toEqual(found)
    }
  })

  it('gives nodes with the same types arrays of their own', () => {
    const { reader, types } = readerOf()
    const a = types.of(reader, ex + 'a')
    a.push('changed')
    expect(types.of(reader, ex + 'b')).toEqual([sym + 'CallEventFeed'])
    expect(types.of(reader, ex + 'a')).toEqual([sym + 'CallEventFeed'])
  })
})

describe('NodeReader', () => {
  it('writes out term ids as IRIs, blank node labels and lexical forms, sorted and unique', () => {
    const { reader } = readerOf()
    expect(reader.strings(ex + 'x', label)).toEqual(['_:n', 'a', 'b', ex + 'y'])
    expect(reader.first(ex + 'x', label)).toBe('b')
    expect(reader.text(ex + 'x', label)).toEqual({ '': 'b', en: 'a' })
    expect(reader.strings(ex + 'x', type)).toEqual([])
    expect(reader.strings(ex + 'nothing', label)).toEqual([])
  })
})
