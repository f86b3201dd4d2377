/**
 * Property: the discovery order is a property of each service against the request, never of
 * the other services. Over seeded random catalogs (a generated class forest, services with
 * random provided and required types) and random requests, adding a service leaves the
 * relative order of the others unchanged, and adding an irrelevant one (its classes in a tree
 * of their own, unrelated to what is wanted) leaves the answer unchanged. The indexes only
 * narrow the candidates: answering with every service as a candidate gives the same answer,
 * and a smaller limit gives the first results of a larger one. The same holds for "combinable
 * with X": each service's place depends on its links with X alone.
 */
import { describe, expect, it } from 'vitest'
import { Parser } from 'n3'
import type { Quad } from '@rdfjs/types'
import { compileCatalog, type Catalog, type InterfaceNode } from '../../src/catalog/index.js'
import { combinableWith, discover } from '../../src/matcher/index.js'
import { random } from '../../bench/catalog-generator.js'

const sym = 'https://w3id.org/symphony/ontology#'
const ex = 'https://example.org/p#'
const subClassOf = 'http://www.w3.org/2000/01/rdf-schema#subClassOf'
const rdfType = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type'

interface World {
  readonly next: () => number
  readonly classes: string[]
  readonly lines: string[]
}

function pick<T> (world: World, items: readonly T[]): T {
  return items[Math.floor(world.next() * items.length)]!
}

function service (world: World, id: string, classes: readonly string[]): string[] {
  const lines = [`<${id}> <${rdfType}> <${sym}Service> .`]
  const provides = 1 + Math.floor(world.next() * 2)
  const requires = Math.floor(world.next() * 4)
  for (let k = 0; k < provides; k++) lines.push(`<${id}> <${sym}provides> _:${id.slice(ex.length)}p${k} .`, `_:${id.slice(ex.length)}p${k} <${rdfType}> <${pick(world, classes)}> .`)
  for (let k = 0; k < requires; k++) lines.push(`<${id}> <${sym}requires> _:${id.slice(ex.length)}r${k} .`, `_:${id.slice(ex.length)}r${k} <${rdfType}> <${pick(world, classes)}> .`)
  return lines
}

function world (seed: number): World {
  const w: World = { next: random(seed), classes: [], lines: [] }
  for (let i = 0; i < 40; i++) {
    const c = `${ex}C${i}`
    if (i >= 3) w.lines.push(`<${c}> <${subClassOf}> <${w.classes[Math.floor(w.next() * i)]!}> .`)
    w.classes.push(c)
  }
  for (let i = 0; i < 60; i++) w.lines.push(...service(w, `${ex}S${i}`, w.classes))
  return w
}

function compile (lines: readonly string[]) {
  return compileCatalog(new Parser({ format: 'N-Triples', blankNodePrefix: '_:' }).parse(lines.join('\n')) as Quad[])
}

/** The catalog with indexes that name every interface of a role, whatever the class. */
function unindexed (catalog: Catalog): Catalog {
  const all = (role: 'provides' | 'requires'): InterfaceNode[] => [...catalog.services.values()]
    .flatMap(s => role === 'provides' ? s.provides : [...s.requires, ...s.optionallyRequires])
  const provided = all('provides')
  const required = all('requires')
  return { ...catalog, providersOf: () => provided, consumersOf: () => required, interfacesTyped: (_, role) => role === 'provides' ? provided : required }
}

const added = `${ex}Added`

/**
 * A seeded world's catalog; the same with one more random service (`added`); and the same with
 * an irrelevant one, whose classes are in a tree of their own.
 */
function catalogs (seed: number): { w: World, before: Catalog, withAdded: Catalog, irrelevant: Catalog } {
  const w = world(seed)
  const island = [`${ex}Z0`, `${ex}Z1`, `${ex}Z2`]
  return {
    w,
    before: compile(w.lines),
    withAdded: compile([...w.lines, ...service(w, added, w.classes)]),
    irrelevant: compile([...w.lines, `<${ex}Z1> <${subClassOf}> <${ex}Z0> .`, `<${ex}Z2> <${subClassOf}> <${ex}Z1> .`, ...service(w, `${ex}Irrelevant`, island)])
  }
}

const order = (results: ReadonlyArray<{ service: string }>, except?: string): string[] => results.map(r => r.service).filter(s => s !== except)

describe('discovery order is stable under additions', () => {
  for (let seed = 1; seed <= 25; seed++) {
    it(`seed ${seed}`, () => {
      const { w, before, withAdded, irrelevant } = catalogs(seed)
      for (let q = 0; q < 6; q++) {
        const request = {
          wanted: q === 5 ? [] : [pick(w, w.classes)],
          available: Array.from({ length: Math.floor(w.next() * 4) }, () => pick(w, w.classes)),
          limit: 1000
        }
        const base = discover(before, request).results
        expect(discover(unindexed(before), request).results).toEqual(base)
        expect(discover(before, { ...request, limit: 3 }).results).toEqual(base.slice(0, 3))
        expect(order(discover(withAdded, request).results, added)).toEqual(order(base))
        // With nothing wanted every service is a candidate: the island service is then relevant.
        if (request.wanted.length > 0) expect(discover(irrelevant, request)).toEqual(discover(before, request))
      }
    })
  }
})

describe('combinable order is stable under additions', () => {
  for (let seed = 1; seed <= 25; seed++) {
    it(`seed ${seed}`, () => {
      const { w, before, withAdded, irrelevant } = catalogs(seed)
      for (let q = 0; q < 6; q++) {
        const x = `${ex}S${Math.floor(w.next() * 60)}`
        const base = combinableWith(before, x)
        expect(order(combinableWith(withAdded, x), added)).toEqual(order(base))
        expect(combinableWith(irrelevant, x)).toEqual(base)
        expect(combinableWith(before, x, { limit: 3 })).toEqual(base.slice(0, 3))
      }
    })
  }
})
