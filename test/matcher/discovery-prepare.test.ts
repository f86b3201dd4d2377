/**
 * A discovery index prepared ahead (`prepareDiscovery`: one pass over the services, a slice at a
 * time) answers exactly as one built on demand: the same candidates for every class, the same
 * profiles in slices as at once, and the same discovery answers. Over seeded random catalogs with
 * multi-typed interfaces (a class with its superclass), optional requirements and a tree of
 * classes no one relates to. A discovery in slices (`discoverInSlices`, as a server answers on its
 * own thread) gives the event loop turns and the answer of one made at once, also while others
 * run in slices over the same index.
 */
import { describe, expect, it } from 'vitest'
import { Parser } from 'n3'
import type { Quad } from '@rdfjs/types'
import { compileCatalog, type Catalog } from '../../src/catalog/index.js'
import { discover, discoverInSlices, prepareDiscovery } from '../../src/matcher/index.js'
import { DiscoveryIndex, discoveryIndex } from '../../src/matcher/discovery-index.js'
import { validateDiscoveryRequest } from '../../src/matcher/request.js'
import { SliceClock } from '../../src/turns.js'
import { random } from '../../bench/catalog-generator.js'

const sym = 'https://w3id.org/symphony/ontology#'
const ex = 'https://example.org/prepare#'
const subClassOf = 'http://www.w3.org/2000/01/rdf-schema#subClassOf'
const rdfType = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type'

interface World { readonly lines: string[], readonly classes: string[], readonly parents: Map<string, string>, readonly next: () => number }

/** Classes in a forest (and an island tree), services with 1–3 provided, 0–3 required and 0–2 optional interfaces. */
function world (seed: number, services: number): World {
  const next = random(seed)
  const w: World = { lines: [], classes: [], parents: new Map(), next }
  for (let i = 0; i < 40; i++) {
    const c = `${ex}C${i}`
    if (i >= 3) {
      const parent = w.classes[Math.floor(next() * i)]!
      w.parents.set(c, parent)
      w.lines.push(`<${c}> <${subClassOf}> <${parent}> .`)
    }
    w.classes.push(c)
  }
  w.lines.push(`<${ex}Z1> <${subClassOf}> <${ex}Z0> .`)
  const pick = (): string => next() < 0.05 ? `${ex}Z1` : w.classes[Math.floor(next() * w.classes.length)]!
  for (let i = 0; i < services; i++) {
    const s = `${ex}S${i}`
    w.lines.push(`<${s}> <${rdfType}> <${sym}Service> .`)
    const nodes = (property: string, from: number, spread: number): void => {
      const count = from + Math.floor(next() * spread)
      for (let k = 0; k < count; k++) {
        const node = `_:s${i}${property}${k}`
        const type = pick()
        w.lines.push(`<${s}> <${sym}${property}> ${node} .`, `${node} <${rdfType}> <${type}> .`)
        // Now and then also typed with its superclass: the most specific type is what counts.
        const parent = w.parents.get(type)
        if (parent !== undefined && next() < 0.2) w.lines.push(`${node} <${rdfType}> <${parent}> .`)
      }
    }
    nodes('provides', 1, 3)
    nodes('requires', 0, 4)
    nodes('optionallyRequires', 0, 3)
  }
  return w
}

function compile (lines: readonly string[]): Catalog {
  return compileCatalog(new Parser({ format: 'N-Triples', blankNodePrefix: '_:' }).parse(lines.join('\n')) as Quad[])
}

/** The index prepared without a clock (at once) and with one whose slices are always over (a yield per look). */
function preparedTwice (catalog: Catalog): { atOnce: DiscoveryIndex, sliced: DiscoveryIndex, yields: number } {
  const once = DiscoveryIndex.prepared(catalog).next()
  if (once.done !== true) throw new Error('prepared without a clock yielded')
  const steps = DiscoveryIndex.prepared(catalog, new SliceClock(0))
  let yields = 0
  let step = steps.next()
  for (; step.done !== true; step = steps.next()) yields++
  return { atOnce: once.value, sliced: step.value, yields }
}

/** A profile as class names: provided, required, optional interfaces, each a list of most specific types. */
function profileOf (index: DiscoveryIndex, s: number): string[][][] {
  let at = index.profile(s)
  const profile = index.profiles
  const parts: string[][][] = []
  for (let part = 0; part < 3; part++) {
    const interfaces: string[][] = []
    for (let i = profile[at++]!; i > 0; i--) {
      const types: string[] = []
      for (let t = profile[at++]!; t > 0; t--) types.push(index.className(profile[at++]!))
      interfaces.push(types)
    }
    parts.push(interfaces)
  }
  return parts
}

const idsOf = (index: DiscoveryIndex, ordinals: Iterable<number>): string[] => Array.from(ordinals, s => index.service(s).id).sort()

describe('a prepared discovery index', () => {
  it('prepares in slices exactly what it prepares at once, numbering the services in catalog order', () => {
    const catalog = compile(world(7, 700).lines)
    const { atOnce, sliced, yields } = preparedTwice(catalog)
    // 700 services looked at 256 per look: a yield after the first and the second 256.
    expect(yields).toBe(2)
    const ids = [...catalog.services.keys()]
    for (let s = 0; s < ids.length; s++) {
      expect(sliced.service(s).id).toBe(ids[s])
      expect(atOnce.service(s).id).toBe(ids[s])
      expect(profileOf(sliced, s)).toEqual(profileOf(atOnce, s))
    }
  })

  for (let seed = 1; seed <= 12; seed++) {
    it(`seed ${seed}: gives the candidates and profiles of an index built on demand`, () => {
      const w = world(seed, 120)
      const catalog = compile(w.lines)
      const prepared = preparedTwice(catalog).sliced
      const onDemand = new DiscoveryIndex(catalog)
      const classes = [...w.classes, `${ex}Z0`, `${ex}Z1`]
      for (const wanted of classes) {
        const strict = validateDiscoveryRequest({ wanted: [wanted], available: [], includePartial: false })
        expect(idsOf(prepared, prepared.candidates(strict))).toEqual(idsOf(onDemand, onDemand.candidates(strict)))
        const available = [w.classes[Math.floor(w.next() * w.classes.length)]!, w.classes[Math.floor(w.next() * w.classes.length)]!]
        const partial = validateDiscoveryRequest({ wanted: [wanted], available })
        expect(idsOf(prepared, prepared.candidates(partial))).toEqual(idsOf(onDemand, onDemand.candidates(partial)))
      }
      const all = validateDiscoveryRequest({ wanted: [], available: [] })
      expect(idsOf(prepared, prepared.candidates(all))).toEqual(idsOf(onDemand, onDemand.candidates(all)))
    })

    it(`seed ${seed}: answers every discovery as an index built on demand`, async () => {
      const w = world(seed, 120)
      const prepared = compile(w.lines)
      const onDemand = compile(w.lines)
      await prepareDiscovery(prepared, new SliceClock(0))
      // The prepared index is the one discovery gets.
      expect(discoveryIndex(prepared).prepared).toBe(true)
      expect(discoveryIndex(onDemand).prepared).toBe(false)
      const pick = (): string => w.classes[Math.floor(w.next() * w.classes.length)]!
      for (let q = 0; q < 12; q++) {
        const request = {
          wanted: Array.from({ length: q % 4 === 3 ? 0 : 1 + Math.floor(w.next() * 2) }, pick),
          available: Array.from({ length: Math.floor(w.next() * 5) }, pick),
          includePartial: q % 3 !== 0,
          limit: 1000
        }
        expect(discover(prepared, request)).toEqual(discover(onDemand, request))
      }
    })
  }
})

describe('a discovery in slices', () => {
  for (let seed = 1; seed <= 6; seed++) {
    it(`seed ${seed}: answers as one made at once, with turns of the event loop between its slices`, async () => {
      // 2,000 services: every request has 64 candidates or more, so each gives a turn.
      const w = world(seed, 2000)
      const sliced = compile(w.lines)
      const atOnce = compile(w.lines)
      await prepareDiscovery(sliced, new SliceClock(0))
      await prepareDiscovery(atOnce, new SliceClock(0))
      const pick = (): string => w.classes[Math.floor(w.next() * w.classes.length)]!
      const requests = Array.from({ length: 12 }, (_, q) => ({
        wanted: Array.from({ length: q % 4 === 3 ? 0 : 1 + Math.floor(w.next() * 2) }, pick),
        available: Array.from({ length: 1 + Math.floor(w.next() * 5) }, pick),
        includePartial: q % 3 !== 0,
        limit: q % 2 === 0 ? 1000 : 5,
        offset: q % 5 === 4 ? 2 : 0
      }))
      for (const request of requests) {
        // A slice that is always over: a turn at every look at the clock.
        let turned = false
        const answer = discoverInSlices(sliced, request, new SliceClock(0))
        setImmediate(() => { turned = true })
        expect(await answer).toEqual(discover(atOnce, request))
        expect(turned).toBe(true)
      }
      // All at once, interleaved slice by slice over the one index: each its own answer.
      const together = await Promise.all(requests.map(request => discoverInSlices(sliced, request, new SliceClock(0))))
      expect(together).toEqual(requests.map(request => discover(atOnce, request)))
    })
  }

  it('refuses a bad request with the error of one made at once', async () => {
    const catalog = compile(world(3, 50).lines)
    const request = { wanted: [`${ex}Unknown`], available: [] }
    expect(() => discover(catalog, request)).toThrow(expect.objectContaining({ code: 'UNKNOWN_CLASS' }))
    await expect(discoverInSlices(catalog, request, new SliceClock(0))).rejects.toMatchObject({ code: 'UNKNOWN_CLASS' })
  })
})
