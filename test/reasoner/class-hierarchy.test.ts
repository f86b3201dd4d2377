import { Parser } from 'n3'
import type { Quad } from '@rdfjs/types'
import { describe, expect, it } from 'vitest'
import { buildClassHierarchy, builtinRules, compileRules, inferred, reason } from '../../src/reasoner/index.js'

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

  it('answers exactly on 500 classes with a 50-deep chain', () => {
    // A chain K0 ⊑ … ⊑ K50 and 450 leaves Lj ⊑ K(j mod 50), K(7j mod 50).
    const chain = Array.from({ length: 50 }, (_, i) => `ex:K${i} rdfs:subClassOf ex:K${i + 1} .`)
    const leaves = Array.from({ length: 450 }, (_, j) => `ex:L${j} rdfs:subClassOf ex:K${j % 50} , ex:K${(j * 7) % 50} .`)
    const big = buildClassHierarchy(turtle([...chain, ...leaves].join('\n')))
    const deep = big.superClasses(ex + 'K0').size
    const all = big.subClasses(ex + 'K50').size
    let [found, oracle] = [0, 0]
    for (let a = 0; a < 450; a += 3) {
      for (let b = 0; b < 50; b += 3) {
        if (big.isSubClassOf(ex + `L${a}`, ex + `K${b}`)) found++
        if (b >= Math.min(a % 50, (a * 7) % 50)) oracle++
      }
    }
    expect([deep, all, found]).toEqual([51, 501, oracle])
    expect(big.path(ex + 'K0', ex + 'K50')!.length).toBe(51)
    expect(big.path(ex + 'L3', ex + 'K5')).toEqual([ex + 'L3', ex + 'K3', ex + 'K4', ex + 'K5'])
  })
})

describe('property rules', () => {
  it('close subPropertyOf and equivalentProperty (scm-spo, scm-eqp1) and apply them to statements (prp-spo1, prp-inv1)', () => {
    const quads = turtle(`
      ex:ownsOutright rdfs:subPropertyOf ex:owns . ex:owns owl:equivalentProperty ex:has .
      ex:ownedBy owl:inverseOf ex:owns . ex:ann ex:ownsOutright ex:car .`)
    const derived = inferred(reason(quads, compileRules(builtinRules())))
      .map(q => `${q.subject.value.replace(ex, '')} ${q.predicate.value.replace(ex, '').replace(/^.*#/, '')} ${q.object.value.replace(ex, '')}`)
    expect(derived).toEqual(expect.arrayContaining([
      'ownsOutright subPropertyOf has', 'has subPropertyOf owns', 'ann owns car', 'ann has car', 'car ownedBy ann']))
    expect(derived).not.toContain('has subPropertyOf ownsOutright')
  })
})
