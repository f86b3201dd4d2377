/**
 * Dominance among the relevant services: a service is left out of the integer program when at
 * least `limit` others can take its place in any bundle at no higher cost. The brute-force
 * comparison (exhaustive.test.ts, seeds with rivals) shows the answers stay the same; this
 * file pins which services are left out and why the others are kept.
 */
import { describe, expect, test } from 'vitest'
import { offer, prefixLines } from './catalog-turtle.js'
import { strictProblem } from './strict-problem.js'
import { compileCatalog, type Catalog } from '../../src/catalog/index.js'
import { relax } from '../../src/composer/relaxation.js'
import { compareMembers } from '../../src/composer/search.js'
import { assign, linkCost } from '../../src/composer/solver/assign.js'
import { undominated } from '../../src/composer/solver/dominance.js'
import { relevantServices } from '../../src/composer/solver/relevant.js'
import type { CompositionRequest, Wiring } from '../../src/composer/index.js'
import { parseRdf } from '../../src/rdf/index.js'
import { isMinimalSet, isValidSet } from '../../src/composer/wiring.js'
import type { Problem } from '../../src/composer/problem.js'

const ex = 'https://example.org/dominance#'

// Goal: Out. Every service below provides Out (or feeds one that does) from In, which is available.
const text = `${prefixLines(ex).join('\n')}
ex:In rdfs:subClassOf sym:Interface . ex:Out rdfs:subClassOf sym:Interface . ex:OutFast rdfs:subClassOf ex:Out .
ex:Extra rdfs:subClassOf sym:Interface .
ex:A a sym:Service ; sym:requires [ a ex:In ] ; sym:provides [ a ex:Out ] ; ${offer(5)} .
ex:B a sym:Service ; sym:requires [ a ex:In ] ; sym:provides [ a ex:Out ] ; ${offer(7)} .
ex:C a sym:Service ; sym:requires [ a ex:In ] ; sym:provides [ a ex:Out ] ; ${offer(5)} .
ex:D a sym:Service ; sym:requires [ a ex:In ] , [ a ex:Extra ] ; sym:provides [ a ex:Out ] ; ${offer(1)} .
ex:E a sym:Service ; sym:provides [ a ex:Extra ] ; ${offer(1)} .
ex:F a sym:Service ; sym:requires [ a ex:In ] ; sym:provides [ a ex:OutFast ] ; ${offer(9)} .
`

async function catalogOf (): Promise<Catalog> {
  return compileCatalog(await parseRdf(text, { format: 'turtle' }))
}

/** The relevant services and those the program keeps, by local name. */
function kept (catalog: Catalog, request: CompositionRequest, limit: number, wiring: Wiring = 'static'): { relevant: string[], kept: string[] } {
  const problem = strictProblem(catalog, { ...request, wiring })
  const { table } = problem
  const relevant = relevantServices(problem, relax(problem, problem.own))!
  const name = (s: number): string => table.services[s]!.id.slice(ex.length)
  return { relevant: relevant.map(name), kept: undominated(problem, relevant, limit, problem.mode.budget)!.map(name) }
}

describe('dominance', () => {
  const request = { available: [`${ex}In`], wanted: [`${ex}Out`] }

  test('for the best bundle, a rival at a higher price or at the same price and a later IRI is left out', async () => {
    const catalog = await catalogOf()
    for (const wiring of ['static', 'dataflow'] as const) {
      const { relevant, kept: program } = kept(catalog, request, 1, wiring)
      expect(relevant).toEqual(['A', 'B', 'C', 'D', 'E', 'F'])
      // B (7 EUR) and C (5 EUR, after A) are dominated by A; D is cheaper but needs Extra, so
      // A does not dominate it, nor it A; E provides what only D needs; F's link is a plugin
      // one, which A's exact link beats, and A's price beats it too.
      expect(program).toEqual(['A', 'D', 'E'])
    }
  })

  test('for the k best bundles, a service stays unless k others dominate it', async () => {
    const catalog = await catalogOf()
    // B is dominated by A and C; C only by A; F by A, B and C.
    expect(kept(catalog, request, 2).kept).toEqual(['A', 'C', 'D', 'E'])
    expect(kept(catalog, request, 3).kept).toEqual(['A', 'B', 'C', 'D', 'E'])
    expect(kept(catalog, request, 4).kept).toEqual(['A', 'B', 'C', 'D', 'E', 'F'])
  })

  test('with a budget, a dearer service never dominates a cheaper one, whatever the ranking weights', async () => {
    const catalog = await catalogOf()
    // With price and degree weighing nothing, every service costs the same to the ranking: A
    // (first by IRI, needing no more than any other) dominates all that provide Out; E stays,
    // as nothing else provides Extra. Under a budget, A (5 EUR) cannot replace D (1 EUR).
    const free = { ...request, preferences: { size: 1, price: 0, degree: 0 } }
    expect(kept(catalog, free, 1).kept).toEqual(['A', 'E'])
    const budget = { ...free, constraints: { budget: { amount: 100, currency: 'EUR' } } }
    expect(kept(catalog, budget, 1).kept).toEqual(['A', 'D', 'E'])
    const reversed = text.replace(`ex:A a sym:Service ; sym:requires [ a ex:In ] ; sym:provides [ a ex:Out ] ; ${offer(5)}`,
      `ex:A a sym:Service ; sym:requires [ a ex:In ] ; sym:provides [ a ex:Out ] ; ${offer(8)}`)
    const dearA = compileCatalog(await parseRdf(reversed, { format: 'turtle' }))
    // A (8 EUR) still dominates all without a budget; under one, B (7 EUR), C (5 EUR) and D stay.
    expect(kept(dearA, free, 1).kept).toEqual(['A', 'E'])
    expect(kept(dearA, budget, 1).kept).toEqual(['A', 'B', 'C', 'D', 'E'])
  })

  test('among the services a cost bound leaves relevant, dominance keeps the same best bundles, whatever the bound and the set narrowed', async () => {
    const catalog = await catalogOf()
    for (const wiring of ['static', 'dataflow'] as const) {
      const problem = strictProblem(catalog, { ...request, wiring })
      const relaxation = relax(problem, problem.own)
      const relevant = relevantServices(problem, relaxation)!
      const name = (s: number): string => problem.table.services[s]!.id.slice(ex.length)
      // Bounds: none, and the cost of every minimal bundle (as the best-first search's bundles give one).
      const bounds = [Infinity, ...ranked(problem, relevant).map(b => b.cost)]
      for (let mask = 0; mask < 2 ** relevant.length; mask++) {
        const within = new Set(relevant.filter((_, i) => (mask >> i & 1) === 1))
        for (const bound of bounds) {
          const narrowed = relevantServices(problem, relaxation, undefined, { within, bound })!
          for (const limit of [1, 2, 3]) {
            const program = undominated(problem, narrowed, limit, false)!
            const best = (services: readonly number[]): string[] => ranked(problem, services).slice(0, limit).map(b => b.members.map(name).join(' '))
            expect(best(program)).toEqual(best(narrowed))
          }
        }
      }
    }
    // With the cost of A alone as the bound, B (7 EUR), F (9 EUR) and E (with D, 2 EUR and two
    // members) are not relevant; D is (its least cost does not count what E costs), and of
    // those left only C is dominated (by A, an earlier IRI at the same price).
    const problem = strictProblem(catalog, request)
    const relaxation = relax(problem, problem.own)
    const a = problem.table.services.findIndex(s => s.id === `${ex}A`)
    const narrowed = relevantServices(problem, relaxation, undefined, { bound: ranked(problem, [a])[0]!.cost })!
    const names = (services: readonly number[]): string[] => services.map(s => problem.table.services[s]!.id.slice(ex.length))
    expect(names(narrowed)).toEqual(['A', 'C', 'D'])
    expect(names(undominated(problem, narrowed, 1, false)!)).toEqual(['A', 'D'])
  })
})

/** Every minimal valid bundle among `services` (by brute force), cheapest first, ties by members. */
function ranked (problem: Problem, services: readonly number[]): Array<{ members: number[], cost: number }> {
  const bundles: Array<{ members: number[], cost: number }> = []
  for (let mask = 1; mask < 2 ** services.length; mask++) {
    const members = services.filter((_, i) => (mask >> i & 1) === 1)
    if (!isValidSet(problem, members) || !isMinimalSet(problem, members)) continue
    const cost = members.reduce((sum, s) => sum + problem.own[s]!, 0) + linkCost(assign(problem, members).assignments)
    bundles.push({ members, cost })
  }
  return bundles.sort((x, y) => x.cost - y.cost || compareMembers(x.members, y.members))
}
