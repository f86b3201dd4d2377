import { Parser } from 'n3'
import type { Quad } from '@rdfjs/types'
import { describe, expect, it } from 'vitest'
import { builtinRules, compileRules, hierarchyData, reason } from '../../src/reasoner/index.js'

const ex = 'https://example.org/onto#'
const rdfs = 'http://www.w3.org/2000/01/rdf-schema#'

function turtle (text: string): Quad[] {
  return new Parser().parse(`@prefix rdfs: <${rdfs}> . @prefix ex: <${ex}> .\n${text}`) as Quad[]
}

describe('hierarchyData', () => {
  // Terms the hierarchies do not use (ex:a, ex:note, the literal) come between those they use,
  // so the local ids differ from the reasoner's.
  const reasoned = reason(turtle(`
    ex:a ex:note "unused" .
    ex:Truck rdfs:subClassOf ex:Vehicle .
    ex:b ex:note ex:a .
    ex:Car rdfs:subClassOf ex:Vehicle .
    ex:weight rdfs:subPropertyOf ex:size .`), compileRules(builtinRules()))
  const data = hierarchyData(reasoned)
  const pairs = (ids: Int32Array): string[] => Array.from(ids, id => data.terms[id]!)

  it('lists exactly the terms the hierarchies use, in the reasoner\'s id order', () => {
    const used = new Set([...data.classes, ...data.subClassOf, ...data.subPropertyOf, ...data.proofSteps])
    expect([...used].sort((a, b) => a - b)).toEqual(data.terms.map((_, id) => id))
    const reasonerIds = data.terms.map(term => reasoned.terms.get(term)!)
    expect(reasonerIds).toEqual([...reasonerIds].sort((a, b) => a - b))
    expect(data.terms).not.toContain(ex + 'a')
    expect(data.terms).not.toContain(ex + 'note')
  })

  it('refers to the terms by their local ids', () => {
    const subClassOf = pairs(data.subClassOf)
    expect(subClassOf.slice(0, 4)).toEqual([ex + 'Truck', ex + 'Vehicle', ex + 'Car', ex + 'Vehicle'])
    expect(pairs(data.subPropertyOf).slice(0, 2)).toEqual([ex + 'weight', ex + 'size'])
    expect(pairs(data.classes)).toEqual(expect.arrayContaining([ex + 'Truck', ex + 'Car', ex + 'Vehicle']))
  })
})
