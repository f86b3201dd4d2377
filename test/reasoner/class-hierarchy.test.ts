import { Parser } from 'n3'
import type { Quad } from '@rdfjs/types'
import { describe, expect, it } from 'vitest'
import { buildClassHierarchy, buildPropertyHierarchy } from '../../src/reasoner/index.js'

const ex = 'https://example.org/onto#'
const prefixes = `@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> . @prefix ex: <${ex}> .\n`

function turtle (text: string): Quad[] {
  return new Parser().parse(prefixes + text) as Quad[]
}

describe('buildClassHierarchy', () => {
  const hierarchy = buildClassHierarchy(turtle(`
    ex:SportsCar rdfs:subClassOf ex:Car . ex:Car owl:equivalentClass ex:Automobile .
    ex:Automobile rdfs:subClassOf ex:Vehicle . ex:Car rdfs:subClassOf ex:Vehicle .
    ex:Vehicle rdfs:label "Vehicle"@en , "Fahrzeug"@de ; skos:prefLabel "Vehicle (pref)"@en , "Véhicule"@fr .
    ex:Truck rdfs:subClassOf ex:Vehicle .`))

  it('answers subclass, equivalence and membership questions', () => {
    expect(hierarchy.isSubClassOf(ex + 'SportsCar', ex + 'Vehicle')).toBe(true)
    expect(hierarchy.isSubClassOf(ex + 'Vehicle', ex + 'SportsCar')).toBe(false)
    expect(hierarchy.isSubClassOf(ex + 'Truck', ex + 'Truck')).toBe(true)
    expect(hierarchy.isSubClassOf(ex + 'Unknown', ex + 'Unknown')).toBe(true)
    expect(hierarchy.isSubClassOf(ex + 'Unknown', ex + 'Vehicle')).toBe(false)
    expect(hierarchy.areEquivalent(ex + 'Car', ex + 'Automobile')).toBe(true)
    expect(hierarchy.areEquivalent(ex + 'Car', ex + 'Vehicle')).toBe(false)
    expect(hierarchy.has(ex + 'Truck')).toBe(true)
    expect(hierarchy.has(ex + 'Unknown')).toBe(false)
  })

  it('lists super- and subclasses, reflexively', () => {
    expect([...hierarchy.superClasses(ex + 'SportsCar')].sort()).toEqual([ex + 'Automobile', ex + 'Car', ex + 'SportsCar', ex + 'Vehicle'])
    expect([...hierarchy.subClasses(ex + 'Vehicle')].sort()).toEqual([ex + 'Automobile', ex + 'Car', ex + 'SportsCar', ex + 'Truck', ex + 'Vehicle'])
    expect([...hierarchy.superClasses(ex + 'Unknown')]).toEqual([ex + 'Unknown'])
  })

  it('gives a shortest proof path', () => {
    expect(hierarchy.path(ex + 'SportsCar', ex + 'Vehicle')).toEqual([ex + 'SportsCar', ex + 'Car', ex + 'Vehicle'])
    expect(hierarchy.path(ex + 'Automobile', ex + 'Car')).toEqual([ex + 'Automobile', ex + 'Car'])
    expect(hierarchy.path(ex + 'Car', ex + 'Car')).toEqual([ex + 'Car'])
    expect(hierarchy.path(ex + 'Vehicle', ex + 'Car')).toBe(undefined)
  })

  it('reads labels by language, rdfs:label before skos:prefLabel', () => {
    expect(hierarchy.label(ex + 'Vehicle')).toEqual({ en: 'Vehicle', de: 'Fahrzeug', fr: 'Véhicule' })
    expect(hierarchy.label(ex + 'Truck')).toEqual({})
  })

  it('answers exactly on 20,000 classes with a 2,000-deep chain', () => {
    // A chain K0 ⊑ … ⊑ K2000 and 18,000 leaves Lj ⊑ K(j mod 2000), K(7j mod 2000).
    const chain = Array.from({ length: 2000 }, (_, i) => `ex:K${i} rdfs:subClassOf ex:K${i + 1} .`)
    const leaves = Array.from({ length: 18_000 }, (_, j) => `ex:L${j} rdfs:subClassOf ex:K${j % 2000} , ex:K${(j * 7) % 2000} .`)
    const quads = turtle([...chain, ...leaves].join('\n'))
    const big = buildClassHierarchy(quads)
    const deep = big.superClasses(ex + 'K0').size
    const all = big.subClasses(ex + 'K2000').size
    let [found, oracle] = [0, 0]
    for (let a = 0; a < 18_000; a += 60) {
      for (let b = 0; b < 2000; b += 7) {
        if (big.isSubClassOf(ex + `L${a}`, ex + `K${b}`)) found++
        if (b >= Math.min(a % 2000, (a * 7) % 2000)) oracle++
      }
    }
    expect([deep, all, found]).toEqual([2001, 20_001, oracle])
    expect(big.path(ex + 'K0', ex + 'K2000')!.length).toBe(2001)
    expect(big.path(ex + 'L3', ex + 'K5')).toEqual([ex + 'L3', ex + 'K3', ex + 'K4', ex + 'K5'])
  })
})

describe('buildPropertyHierarchy', () => {
  const properties = buildPropertyHierarchy(turtle(`
    ex:ownsOutright rdfs:subPropertyOf ex:owns . ex:owns owl:equivalentProperty ex:has .
    ex:ownedBy owl:inverseOf ex:owns .`))

  it('closes subPropertyOf and equivalentProperty and records inverses', () => {
    expect(properties.isSubPropertyOf(ex + 'ownsOutright', ex + 'has')).toBe(true)
    expect(properties.isSubPropertyOf(ex + 'has', ex + 'ownsOutright')).toBe(false)
    expect([...properties.subProperties(ex + 'has')].sort()).toEqual([ex + 'has', ex + 'owns', ex + 'ownsOutright'])
    expect([...properties.superProperties(ex + 'owns')].sort()).toEqual([ex + 'has', ex + 'owns'])
    expect([...properties.inverses(ex + 'owns')]).toEqual([ex + 'ownedBy'])
    expect([...properties.inverses(ex + 'ownedBy')]).toEqual([ex + 'owns'])
  })
})
