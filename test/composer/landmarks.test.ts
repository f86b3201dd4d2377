/**
 * Landmark cuts of dataflow wiring (`solver/landmarks.ts`) on a hand-built catalog: the cut of
 * a set of items holds exactly the services whose requirements lie in the set and that meet an
 * item outside it; every landmark the LM-cut loop finds meets every valid dataflow bundle
 * (checked against every subset); and the composer's dataflow optimum, which these cuts lead to,
 * is the brute-force one and never the two services that feed each other around a cycle. The
 * start landmark (the available types' cut) removes before the first solve exactly the subsets
 * none of whose members can fire, which the loop would cut one call later, and a compose whose
 * static optimum still waits on a cycle after the rows added up front is proven by the loop.
 */
import { describe, expect, test } from 'vitest'
import { strictProblem } from './strict-problem.js'
import { compileCatalog, type Catalog } from '../../src/catalog/index.js'
import { compose, loadSolver, type Wiring } from '../../src/composer/index.js'
import type { Problem } from '../../src/composer/problem.js'
import { buildModel, type Model } from '../../src/composer/solver/model.js'
import { exactSearch } from '../../src/composer/solver/exact-search.js'
import { Deadline, systemClock } from '../../src/composer/deadline.js'
import { relax } from '../../src/composer/relaxation.js'
import { costUnits, deleteFreeTask, landmarkOf, rootLandmarks, startLandmark } from '../../src/composer/solver/landmarks.js'
import { fire } from '../../src/composer/solver/assign.js'
import { isMinimalSet, isValidSet } from '../../src/composer/wiring.js'
import { parseRdf } from '../../src/rdf/index.js'

const sym = 'https://w3id.org/symphony/ontology#'
const ex = 'https://example.org/landmarks#'

// In is available, Out is wanted. A turns In into X; B turns X into Out (dear); C and D feed
// each other (C needs D's Y and gives Out and X, D needs X and gives Y), cheap: with static
// wiring {C, D} is the best bundle, with dataflow it cannot start. E needs Z, which nothing
// gives. F turns In into X too, dearer than A. G turns In into Out2, wanted by one request only.
const text = `@prefix sym: <${sym}> .
@prefix ex: <${ex}> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix schema: <https://schema.org/> .
ex:In rdfs:subClassOf sym:Interface . ex:X rdfs:subClassOf sym:Interface . ex:Out rdfs:subClassOf sym:Interface .
ex:Y rdfs:subClassOf sym:Interface . ex:Z rdfs:subClassOf sym:Interface .
ex:A a sym:Service ; sym:requires [ a ex:In ] ; sym:provides [ a ex:X ] ; ${price(5)} .
ex:B a sym:Service ; sym:requires [ a ex:X ] ; sym:provides [ a ex:Out ] ; ${price(300)} .
ex:C a sym:Service ; sym:requires [ a ex:Y ] ; sym:provides [ a ex:Out ] , [ a ex:X ] ; ${price(1)} .
ex:D a sym:Service ; sym:requires [ a ex:X ] ; sym:provides [ a ex:Y ] ; ${price(1)} .
ex:E a sym:Service ; sym:requires [ a ex:Z ] ; sym:provides [ a ex:Out ] ; ${price(1)} .
ex:F a sym:Service ; sym:requires [ a ex:In ] ; sym:provides [ a ex:X ] ; ${price(9)} .
ex:G a sym:Service ; sym:requires [ a ex:In ] ; sym:provides [ a ex:Out2 ] ; ${price(1)} .
ex:Out2 rdfs:subClassOf sym:Interface .
`

function price (euros: number): string {
  return `schema:offers [ schema:priceCurrency "EUR" ; schema:priceSpecification [ sym:priceComponent sym:BaseMonthly ; schema:price ${euros} ] ]`
}

interface Setup {
  readonly catalog: Catalog
  readonly problem: Problem
  readonly model: Model
  /** Service index of a local name, and back. */
  readonly index: (name: string) => number
  readonly name: (s: number) => string
}

async function setUp (wiring: Wiring, wanted = ['Out']): Promise<Setup> {
  const catalog = compileCatalog(await parseRdf(text, { format: 'turtle' }))
  const problem = strictProblem(catalog, { available: [`${ex}In`], wanted: wanted.map(name => ex + name), wiring })
  const { table } = problem
  const services = table.services.map((_, s) => s).filter(s => problem.allowed[s] === 1)
  const model = buildModel(problem, services, undefined)
  if (!('services' in model)) throw new Error('the program of the test catalog was not built')
  return { catalog, problem, model, index: local => table.indexOf.get(ex + local)!, name: s => table.services[s]!.id.slice(ex.length) }
}

/** Every subset of the program's services (as service indices) that is a valid bundle. */
function validSets ({ problem, model }: Setup): number[][] {
  const all = model.services
  const sets: number[][] = []
  for (let mask = 1; mask < 1 << all.length; mask++) {
    const set = all.filter((_, i) => (mask & (1 << i)) !== 0)
    if (isValidSet(problem, set)) sets.push(set)
  }
  return sets
}

describe('landmark cuts (dataflow)', () => {
  test('the cut of a set of items: requirements all in it, something met outside it', async () => {
    const setup = await setUp('dataflow')
    const { model, index, name } = setup
    const task = deleteFreeTask(model)
    const names = (columns: readonly number[]): string[] => columns.map(c => name(model.services[c]!)).sort()
    // R = what In meets: only A and F need nothing else, and both meet X, which is outside R.
    expect(names(landmarkOf(task, []))).toEqual(['A', 'F'])
    // With A fired, R holds X too: B and D need only X; F meets only X (in R) and leaves.
    expect(names(landmarkOf(task, [model.columnOf[index('A')]!]))).toEqual(['B', 'D'])
    // With A and D fired, C's Y is in R too; C meets Out and X for the others, B meets Out.
    expect(names(landmarkOf(task, ['A', 'D'].map(s => model.columnOf[index(s)]!)))).toEqual(['B', 'C'])
  })

  test('every landmark found before the first solve meets every valid bundle', async () => {
    const setup = await setUp('dataflow')
    const { model, name } = setup
    const task = deleteFreeTask(model)
    const { landmarks, estimate, complete } = rootLandmarks(task, model.costs)
    expect(complete).toBe(true)
    const sets = validSets(setup)
    expect(sets.map(set => set.map(name).sort().join(' '))).toContain('A C D')
    expect(sets.map(set => set.map(name).sort().join(' '))).not.toContain('C D')
    for (const landmark of landmarks) {
      const services = landmark.map(c => model.services[c]!)
      for (const set of sets) expect(set.some(s => services.includes(s))).toBe(true)
    }
    // Costs 1 per member + 0.01 per euro: C and D 1.01, A 1.05, F 1.09, B 4. Out's cheapest
    // provider is C (cut with B), then C's Y from D (cut with B), then X from A or F (or B).
    expect(landmarks.map(l => l.map(c => name(model.services[c]!)).sort())).toEqual([['B', 'C'], ['B', 'D'], ['A', 'B', 'F']])
    const cheapest = Math.min(...sets.map(set => set.reduce((sum, s) => sum + model.costs[model.columnOf[s]!]!, 0)))
    expect(cheapest).toBeCloseTo(3.07, 9)
    expect(estimate).toBeCloseTo(3.07, 9)
  })

  test('in units of the cheapest service the loop proves a bound no bundle goes below', async () => {
    const setup = await setUp('dataflow')
    const { model, name } = setup
    const task = deleteFreeTask(model)
    const { units, unit } = costUnits(model.costs, task.services)
    expect(unit).toBeCloseTo(1.01, 9)
    // B costs 4 (3.96 units), the others between 1.01 and 1.09: one unit each.
    expect(model.services.map((s, c) => [name(s), units[c]])).toEqual([['A', 1], ['B', 3], ['C', 1], ['D', 1], ['E', 1], ['F', 1]])
    const { landmarks, estimate, complete } = rootLandmarks(task, units)
    expect(complete).toBe(true)
    // Out from C or B; C's Y from D or B; X from A, F or B (B, at 3 units, is in each until it costs 0).
    expect(landmarks.map(l => l.map(c => name(model.services[c]!)).sort())).toEqual([['B', 'C'], ['B', 'D'], ['A', 'B', 'F']])
    expect(estimate).toBe(3)
    expect(estimate * unit).toBeLessThanOrEqual(3.07)
  })

  test('the composer answers the brute-force optimum in each wiring', async () => {
    await loadSolver()
    for (const wiring of ['static', 'dataflow'] as const) {
      const setup = await setUp(wiring)
      const { catalog, problem, model, name } = setup
      const rank = (set: readonly number[]): number => set.reduce((sum, s) => sum + model.costs[model.columnOf[s]!]!, 0)
      const minimal = validSets(setup).filter(set => isMinimalSet(problem, set)).sort((a, b) => rank(a) - rank(b))
      const answer = compose(catalog, { available: [`${ex}In`], wanted: [`${ex}Out`], wiring, limit: 1 })
      expect(answer.issues.map(issue => issue.code)).toEqual([])
      expect(answer.bundles.map(b => b.services.map(s => s.slice(ex.length)).sort())).toEqual([minimal[0]!.map(name).sort()])
    }
    const staticAnswer = compose((await setUp('static')).catalog, { available: [`${ex}In`], wanted: [`${ex}Out`], wiring: 'static', limit: 1 })
    expect(staticAnswer.bundles[0]!.services.map(s => s.slice(ex.length)).sort()).toEqual(['C', 'D'])
    const dataflowAnswer = compose((await setUp('dataflow')).catalog, { available: [`${ex}In`], wanted: [`${ex}Out`], wiring: 'dataflow', limit: 1 })
    expect(dataflowAnswer.bundles[0]!.services.map(s => s.slice(ex.length)).sort()).toEqual(['A', 'C', 'D'])
  })

  test('without rows before the first solve, the cuts of what fired alone lead to the brute-force top three', async () => {
    await loadSolver()
    const setup = await setUp('dataflow')
    const { problem, model, name } = setup
    const rank = (set: readonly number[]): number => set.reduce((sum, s) => sum + model.costs[model.columnOf[s]!]!, 0)
    const expected = validSets(setup).filter(set => isMinimalSet(problem, set)).sort((a, b) => rank(a) - rank(b)).slice(0, 3)
    for (const rootLandmarks of [0, undefined]) {
      const result = exactSearch(problem, relax(problem, problem.own), { limit: 3, deadline: new Deadline(systemClock, systemClock() + 60_000), ...(rootLandmarks === undefined ? {} : { rootLandmarks }) })
      expect(result.proven).toBe(true)
      expect(result.bundles.slice(0, 3).map(b => b.members.map(name).sort())).toEqual(expected.map(set => set.map(name).sort()))
    }
    // The program alone (static rows) answers the cycle first: only the cuts keep it out.
    expect(expected.map(set => set.map(name).sort().join(' '))).toEqual(['A C D', 'C D F', 'A B'])
  })

  test('the start landmark is the cut of nothing fired, and removes exactly the subsets none of whose members can fire', async () => {
    for (const wanted of [['Out'], ['Out', 'Out2']]) {
      const setup = await setUp('dataflow', wanted)
      const { problem, model, name } = setup
      const task = deleteFreeTask(model)
      const start = startLandmark(task)
      expect(start).toEqual(landmarkOf(task, []))
      expect(start!.map(c => name(model.services[c]!)).sort()).toEqual(wanted.length === 1 ? ['A', 'F'] : ['A', 'F', 'G'])
      const services = start!.map(c => model.services[c]!)
      for (const set of validSets(setup)) expect(set.some(s => services.includes(s))).toBe(true)
      // Every non-empty subset: the row removes it exactly when none of its members can fire.
      const all = model.services
      for (let mask = 1; mask < 1 << all.length; mask++) {
        const set = all.filter((_, i) => (mask & (1 << i)) !== 0)
        expect(set.some(s => services.includes(s))).toBe(fire(problem, set).order.length > 0)
      }
    }
  })

  test('no start landmark when the available types meet every goal, or no service can start', async () => {
    const { model } = await setUp('dataflow')
    const task = deleteFreeTask(model)
    // An available type that met the goal: the empty bundle would be valid, and no row may remove it.
    const initial = task.initial.slice()
    for (const g of task.goals) initial[g] = 1
    expect(startLandmark({ ...task, initial })).toBeUndefined()
    // Nothing available: no service has all its requirements met, and the loop proves that nothing is left.
    expect(startLandmark({ ...task, initial: new Uint8Array(task.items) })).toBeUndefined()
  })

  test('with the start landmark alone up front, a static optimum that waits on a cycle is cut by the loop, and the optimum proven', async () => {
    await loadSolver()
    const wanted = ['Out', 'Out2']
    const setup = await setUp('dataflow', wanted)
    const { problem, model, name } = setup
    const start = startLandmark(deleteFreeTask(model))!.map(c => model.services[c]!)
    const rank = (set: readonly number[]): number => set.reduce((sum, s) => sum + model.costs[model.columnOf[s]!]!, 0)
    // The cheapest set the static program and the start row allow: G starts, C and D wait on each other.
    const staticSetup = await setUp('static', wanted)
    const allowed = validSets(staticSetup).filter(set => set.some(s => start.includes(s))).sort((a, b) => rank(a) - rank(b))
    expect(allowed[0]!.map(name).sort()).toEqual(['C', 'D', 'G'])
    expect(fire(problem, allowed[0]!).stuck.map(name).sort()).toEqual(['C', 'D'])
    const expected = validSets(setup).filter(set => isMinimalSet(problem, set)).sort((a, b) => rank(a) - rank(b))
    expect(expected[0]!.map(name).sort()).toEqual(['A', 'C', 'D', 'G'])
    // One row up front: the start landmark, and no LM-cut row (which would cut the cycle here too).
    const result = exactSearch(problem, relax(problem, problem.own), { limit: 1, deadline: new Deadline(systemClock, systemClock() + 60_000), rootLandmarks: 1 })
    expect(result.proven).toBe(true)
    expect(result.bundles[0]!.members.map(name).sort()).toEqual(['A', 'C', 'D', 'G'])
    // One call for the cycle, one for the bundle, one for the proof.
    expect(result.solves).toBe(3)
  })
})
