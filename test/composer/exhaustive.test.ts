/**
 * The composer against brute force: on small random catalogs (Turtle through the real
 * pipeline), the composer's bundles must be exactly the minimal valid sets of services (no
 * proper subset valid), ranked by cost and then by IRIs, as found by enumerating every subset
 * with an independent check written here — for both wirings: static (members may meet each
 * other's requirements around cycles) and dataflow (members fire in some order from the
 * available types). Degree weight 0 makes a bundle's cost depend on its set alone. The greedy
 * bundle a request answers with when its time runs out is held to the same brute force.
 */
import { describe, expect, test } from 'vitest'
import { compileCatalog } from '../../src/catalog/index.js'
import { compose, loadSolver, type Wiring } from '../../src/composer/index.js'
import { parseRdf } from '../../src/rdf/index.js'
import { random } from '../../bench/catalog-generator.js'

const sym = 'https://w3id.org/symphony/ontology#'
const ex = 'https://example.org/random#'

/** Interface classes and their direct superclass; service types likewise. */
const interfaceParents: Record<string, string> = { I0: 'Interface', I1: 'Interface', I2: 'Interface', I3: 'I1', I4: 'I1', I5: 'I2' }
const typeParents: Record<string, string> = { T0: 'Service', T1: 'Service', T2: 'T0' }

interface RandomService {
  readonly id: string
  readonly type: string
  readonly provides: readonly string[]
  readonly requires: readonly string[]
  readonly price: number
}

interface RandomCase {
  readonly services: readonly RandomService[]
  readonly available: readonly string[]
  readonly wanted: readonly string[]
  readonly serviceTypes: readonly string[]
}

/**
 * A random catalog of 9 services; with `rivals`, about half of them copy an earlier service's
 * type and interfaces at another price (or the same), or with one requirement fewer, as
 * competing providers of one kind of service do.
 */
function generate (seed: number, rivals = false): RandomCase {
  const next = random(seed)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!
  const classes = Object.keys(interfaceParents)
  const services: RandomService[] = []
  for (let i = 0; i < 9; i++) {
    if (rivals && i > 0 && next() < 0.5) {
      const model = pick(services)
      const requires = next() < 0.3 ? model.requires.slice(1) : model.requires
      const price = next() < 0.2 ? model.price : 1 + Math.floor(next() * 40)
      services.push({ ...model, id: `S${i}`, requires, price })
      continue
    }
    services.push({
      id: `S${i}`,
      type: pick(Object.keys(typeParents)),
      provides: Array.from({ length: 1 + Math.floor(next() * 2) }, () => pick(classes)),
      requires: Array.from({ length: Math.floor(next() * 3) }, () => pick(classes)),
      price: 1 + Math.floor(next() * 40)
    })
  }
  const goals = 1 + Math.floor(next() * 2)
  const wanted: string[] = []
  const serviceTypes: string[] = []
  for (let g = 0; g < goals; g++) {
    if (next() < 0.5) wanted.push(pick(classes))
    else serviceTypes.push(pick(Object.keys(typeParents)))
  }
  return { services, available: next() < 0.5 ? [pick(classes)] : [], wanted: [...new Set(wanted)], serviceTypes: [...new Set(serviceTypes)] }
}

function turtle (c: RandomCase): string {
  const lines = [`@prefix sym: <${sym}> .`, `@prefix ex: <${ex}> .`, '@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .', '@prefix schema: <https://schema.org/> .']
  const name = (local: string): string => local === 'Interface' || local === 'Service' ? `sym:${local}` : `ex:${local}`
  for (const [c, parent] of Object.entries({ ...interfaceParents, ...typeParents })) lines.push(`ex:${c} rdfs:subClassOf ${name(parent)} .`)
  for (const s of c.services) {
    lines.push(`ex:${s.id} a ex:${s.type} ;`)
    for (const p of s.provides) lines.push(`  sym:provides [ a ex:${p} ] ;`)
    for (const r of s.requires) lines.push(`  sym:requires [ a ex:${r} ] ;`)
    lines.push(`  schema:offers [ schema:priceCurrency "EUR" ; schema:priceSpecification [ sym:priceComponent sym:BaseMonthly ; schema:price ${s.price} ] ] .`)
  }
  return lines.join('\n') + '\n'
}

function isSubClassOf (sub: string, sup: string, parents: Record<string, string>): boolean {
  for (let c: string | undefined = sub; c !== undefined; c = parents[c]) if (c === sup) return true
  return false
}

/** Every minimal valid set in the wiring, cheapest first, then by sorted IRIs. */
function bruteForce (c: RandomCase, wiring: Wiring): string[][] {
  const provides = (s: RandomService, type: string): boolean => s.provides.some(p => isSubClassOf(p, type, interfaceParents))
  const available = (r: string): boolean => c.available.some(a => isSubClassOf(a, r, interfaceParents))
  const valid = (set: readonly RandomService[]): boolean => {
    if (!c.wanted.every(w => set.some(s => provides(s, w)))) return false
    if (!c.serviceTypes.every(t => set.some(s => isSubClassOf(s.type, t, typeParents)))) return false
    if (wiring === 'static') return set.every(s => s.requires.every(r => available(r) || set.some(o => o !== s && provides(o, r))))
    const wired: RandomService[] = []
    let pending = [...set]
    for (let progress = true; progress;) {
      progress = false
      for (const s of pending) {
        const ready = s.requires.every(r => available(r) || wired.some(w => provides(w, r)))
        if (ready) { wired.push(s); progress = true }
      }
      pending = pending.filter(s => !wired.includes(s))
    }
    return pending.length === 0
  }
  const n = c.services.length
  const isValid = Array.from({ length: 1 << n }, (_, mask) => mask > 0 && valid(c.services.filter((_, i) => (mask & (1 << i)) !== 0)))
  const found: Array<{ set: RandomService[], cost: number }> = []
  for (let mask = 1; mask < 1 << n; mask++) {
    if (!isValid[mask]) continue
    let minimal = true
    for (let sub = (mask - 1) & mask; sub > 0 && minimal; sub = (sub - 1) & mask) if (isValid[sub]) minimal = false
    if (!minimal) continue
    const set = c.services.filter((_, i) => (mask & (1 << i)) !== 0)
    found.push({ set, cost: Math.round((set.length + 0.01 * set.reduce((sum, s) => sum + s.price, 0)) * 1e6) })
  }
  const iris = (set: readonly RandomService[]): string[] => set.map(s => ex + s.id).sort()
  return found
    .sort((a, b) => a.cost - b.cost || iris(a.set).join(' ').localeCompare(iris(b.set).join(' ')))
    .map(f => iris(f.set))
}

describe('composer against brute force on random catalogs', () => {
  const wirings: Wiring[] = ['static', 'dataflow']
  // Seeds from 100 on hold rival services (services a cheaper or equal one can replace), which
  // the composer leaves out of the program when enough others dominate them for the limit.
  test.each([...Array.from({ length: 60 }, (_, seed) => seed), ...Array.from({ length: 30 }, (_, k) => 100 + k)])('seed %i', async seed => {
    const c = generate(seed, seed >= 100)
    const catalog = compileCatalog(await parseRdf(turtle(c), { format: 'turtle' }))
    await loadSolver()
    for (const wiring of wirings) {
      const expected = bruteForce(c, wiring)
      for (const limit of [50, 3, 1]) {
        const answer = compose(catalog, {
          available: c.available.map(a => ex + a),
          wanted: c.wanted.map(w => ex + w),
          serviceTypes: c.serviceTypes.map(t => ex + t),
          preferences: { degree: 0, size: 1, price: 0.01 },
          limit,
          wiring,
          // The longest budget: a solver thread started and warmed on a loaded machine must not cut the search.
          timeoutMs: 60_000
        })
        expect(answer.issues.filter(i => i.code === 'SEARCH_LIMIT' || i.code === 'RANKING_UNPROVEN' || i.code === 'SEARCH_CUT')).toEqual([])
        expect([wiring, limit, answer.bundles.map(b => b.services)]).toEqual([wiring, limit, expected.slice(0, limit)])
        if (expected.length === 0) expect(answer.issues.some(i => i.code === 'GOAL_UNREACHABLE' || i.code === 'NO_VALID_WIRING' || i.code === 'WIRING_CYCLE')).toBe(true)
      }
    }
  })

  // The greedy bundle (what a request answers when its time runs out before the search finds
  // one): the clock jumps past the budget when the relevance step starts, right after it.
  test('the greedy bundle, when the time runs out, is one of the minimal valid sets, in both wirings', async () => {
    await loadSolver()
    let cases = 0
    let answered = 0
    for (let seed = 0; seed < 60; seed++) {
      const c = generate(seed)
      const catalog = compileCatalog(await parseRdf(turtle(c), { format: 'turtle' }))
      for (const wiring of wirings) {
        const expected = bruteForce(c, wiring).map(set => set.join(' '))
        let now = 0
        const answer = compose(catalog, {
          available: c.available.map(a => ex + a),
          wanted: c.wanted.map(w => ex + w),
          serviceTypes: c.serviceTypes.map(t => ex + t),
          preferences: { degree: 0, size: 1, price: 0.01 },
          limit: 3,
          wiring
        }, { clock: () => now, onStep: step => { if (step === 'relevant') now = 1e12 } })
        expect(answer.bundles.length).toBeLessThanOrEqual(1)
        for (const bundle of answer.bundles) {
          const found = [...bundle.services].sort().join(' ')
          expect([seed, wiring, expected.includes(found) ? 'a minimal valid set' : found]).toEqual([seed, wiring, 'a minimal valid set'])
        }
        if (expected.length > 0) cases++
        answered += answer.bundles.length
      }
    }
    // On these catalogs the walk finds a bundle whenever one exists (106 cases).
    expect([answered, cases]).toEqual([cases, 106])
  }, 120_000)

  test('the random catalogs have bundles that only static wiring accepts', () => {
    const differing = Array.from({ length: 60 }, (_, seed) => generate(seed))
      .filter(c => bruteForce(c, 'static').length > bruteForce(c, 'dataflow').length).length
    expect(differing).toBe(24)
  })
})
