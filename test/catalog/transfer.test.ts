import { describe, expect, it } from 'vitest'
import type { Quad } from '@rdfjs/types'
import { CatalogAssembler, catalogSlices, compileCatalog, compileParts } from '../../src/catalog/index.js'
import type { Catalog } from '../../src/catalog/index.js'
import { listTurtleFiles, readRdfFile } from '../../src/rdf/index.js'
import { builtinFolders } from '../../src/project.js'
import { SliceClock } from '../../src/turns.js'

async function exampleQuads (): Promise<Quad[]> {
  const quads: Quad[] = []
  for (const folder of [builtinFolders.ontology, builtinFolders.examples]) {
    for (const file of await listTurtleFiles(folder)) quads.push(...await readRdfFile(file))
  }
  return quads
}

/**
 * The catalog as a compile thread hands it over: every slice structured-cloned, as postMessage
 * does, and taken in one piece or in steps whose slices are over at once (as a snapshot is read).
 */
function throughSlices (quads: readonly Quad[], taken: 'at once' | 'in steps'): Catalog {
  const assembler = new CatalogAssembler()
  let pauses = 0
  for (const slice of catalogSlices(compileParts(quads))) {
    if (taken === 'at once') assembler.add(structuredClone(slice))
    else {
      const steps = assembler.steps(structuredClone(slice), new SliceClock(0))
      while (steps.next().done !== true) pauses++
    }
  }
  if (taken === 'in steps') expect(pauses).toBeGreaterThan(10)
  return assembler.catalog()
}

describe('a catalog handed over in slices', () => {
  it.each(['at once', 'in steps'] as const)('answers exactly as the catalog compiled in place, each slice taken %s', async taken => {
    const quads = await exampleQuads()
    const direct = compileCatalog(quads)
    const sliced = throughSlices(quads, taken)

    expect([...sliced.services.keys()]).toEqual([...direct.services.keys()])
    expect([...sliced.services.values()]).toEqual([...direct.services.values()])
    expect([...sliced.providers]).toEqual([...direct.providers])
    expect([...sliced.regions]).toEqual([...direct.regions])
    expect([...sliced.serviceNodeRoles]).toEqual([...direct.serviceNodeRoles])

    const classes = [...direct.hierarchy.classes()]
    expect(classes.length).toBeGreaterThan(100)
    expect([...sliced.hierarchy.classes()]).toEqual(classes)
    const askedAbout = [...classes, ...direct.services.keys(), ...direct.providers.keys(), 'https://example.org/nothing#Here']
    for (const c of askedAbout) {
      expect([...sliced.hierarchy.superClasses(c)], c).toEqual([...direct.hierarchy.superClasses(c)])
      expect([...sliced.hierarchy.subClasses(c)], c).toEqual([...direct.hierarchy.subClasses(c)])
      expect(sliced.hierarchy.has(c), c).toBe(direct.hierarchy.has(c))
      expect(sliced.hierarchy.label(c), c).toEqual(direct.hierarchy.label(c))
      expect(sliced.servicesOfType(c).map(s => s.id), c).toEqual(direct.servicesOfType(c).map(s => s.id))
      expect(sliced.providersOf(c).map(n => n.id), c).toEqual(direct.providersOf(c).map(n => n.id))
      expect(sliced.consumersOf(c).map(n => n.id), c).toEqual(direct.consumersOf(c).map(n => n.id))
    }
    let paths = 0
    for (const sub of classes) {
      for (const sup of direct.hierarchy.superClasses(sub)) {
        expect(sliced.hierarchy.path(sub, sup), `${sub} ⊑ ${sup}`).toEqual(direct.hierarchy.path(sub, sup))
        if (sub !== sup) paths++
      }
    }
    expect(paths).toBeGreaterThan(100)
    const properties = ['https://schema.org/name', 'https://w3id.org/symphony/ontology#provides', 'https://w3id.org/symphony/ontology#hasInterface', 'https://w3id.org/symphony/ontology#certification']
    for (const service of direct.services.keys()) {
      for (const property of properties) expect(sliced.facts(service, property), `${service} ${property}`).toEqual(direct.facts(service, property))
    }
  }, 120_000)

  it('refuses to give a catalog before its last slice', async () => {
    const assembler = new CatalogAssembler()
    const slices = [...catalogSlices(compileParts(await exampleQuads()))]
    for (const slice of slices.slice(0, -1)) assembler.add(slice)
    expect(() => assembler.catalog()).toThrow(/slices are missing/)
  }, 120_000)
})
