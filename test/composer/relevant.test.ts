/**
 * The relevant services bounded by a known cost: a service every bundle of which costs more
 * than `bound` (its own cost, the least cost of a chain of consumers from it to a goal and, in
 * dataflow wiring, what reaching its requirements costs at least) is left out of the program.
 * This file pins which services are left out on a hand-built catalog; the brute-force
 * comparison (exhaustive.test.ts, `limit` 1 starts from the greedy bundle's cost) shows the
 * answers stay the same.
 */
import { describe, expect, test } from 'vitest'
import { offer, prefixLines } from './catalog-turtle.js'
import { strictProblem } from './strict-problem.js'
import { compileCatalog, type Catalog } from '../../src/catalog/index.js'
import { compose, loadSolver, type Wiring } from '../../src/composer/index.js'
import { relax } from '../../src/composer/relaxation.js'
import { relevantServices } from '../../src/composer/solver/relevant.js'
import { parseRdf } from '../../src/rdf/index.js'

const ex = 'https://example.org/relevant#'

// Goal: Out, from In. Ranking cost: 1 per member and 0.01 per euro.
// A → B: 2.10. C alone: 2.10 (ties with A → B). C2 alone: 2.11. X → Y → Z: 3.03.
// W meets the goal for 1.01 but needs Deep, which only D1 (2.00) provides: W with D1 costs 3.01.
// P alone: 1.05, and its requirement Sup is met by the available In only through a plugin link (0.5): 1.55.
const text = `${prefixLines(ex).join('\n')}
ex:Sup rdfs:subClassOf sym:Interface . ex:In rdfs:subClassOf ex:Sup . ex:Out rdfs:subClassOf sym:Interface . ex:Mid rdfs:subClassOf sym:Interface .
ex:M2 rdfs:subClassOf sym:Interface . ex:M3 rdfs:subClassOf sym:Interface . ex:Deep rdfs:subClassOf sym:Interface .
ex:A a sym:Service ; sym:requires [ a ex:In ] ; sym:provides [ a ex:Mid ] ; ${offer(5)} .
ex:B a sym:Service ; sym:requires [ a ex:Mid ] ; sym:provides [ a ex:Out ] ; ${offer(5)} .
ex:C a sym:Service ; sym:requires [ a ex:In ] ; sym:provides [ a ex:Out ] ; ${offer(110)} .
ex:C2 a sym:Service ; sym:requires [ a ex:In ] ; sym:provides [ a ex:Out ] ; ${offer(111)} .
ex:X a sym:Service ; sym:requires [ a ex:In ] ; sym:provides [ a ex:M2 ] ; ${offer(1)} .
ex:Y a sym:Service ; sym:requires [ a ex:M2 ] ; sym:provides [ a ex:M3 ] ; ${offer(1)} .
ex:Z a sym:Service ; sym:requires [ a ex:M3 ] ; sym:provides [ a ex:Out ] ; ${offer(1)} .
ex:W a sym:Service ; sym:requires [ a ex:Deep ] ; sym:provides [ a ex:Out ] ; ${offer(1)} .
ex:D1 a sym:Service ; sym:requires [ a ex:In ] ; sym:provides [ a ex:Deep ] ; ${offer(100)} .
ex:P a sym:Service ; sym:requires [ a ex:Sup ] ; sym:provides [ a ex:Out ] ; ${offer(5)} .
`

async function catalogOf (): Promise<Catalog> {
  return compileCatalog(await parseRdf(text, { format: 'turtle' }))
}

const request = { available: [`${ex}In`], wanted: [`${ex}Out`] }

/** The relevant services under a bound, by local name. */
function relevant (catalog: Catalog, wiring: Wiring, bound?: number, within?: readonly string[]): string[] {
  const problem = strictProblem(catalog, { ...request, wiring })
  const { table } = problem
  const name = (s: number): string => table.services[s]!.id.slice(ex.length)
  const index = (local: string): number => table.indexOf.get(ex + local)!
  const options = { ...(bound === undefined ? {} : { bound }), ...(within === undefined ? {} : { within: new Set(within.map(index)) }) }
  return relevantServices(problem, relax(problem, problem.own), () => false, options)!.map(name).sort()
}

describe('relevant services under a bound', () => {
  test('without a bound, every service the goals lead back to is relevant', async () => {
    const catalog = await catalogOf()
    for (const wiring of ['static', 'dataflow'] as const) {
      expect(relevant(catalog, wiring)).toEqual(['A', 'B', 'C', 'C2', 'D1', 'P', 'W', 'X', 'Y', 'Z'])
    }
  })

  test('a service whose least bundle costs more than the bound is left out; one that reaches it exactly stays', async () => {
    const catalog = await catalogOf()
    // Own cost plus the chain after it: X 1.01 + Y, Z = 3.03, Y 2.02, Z 1.01, D1 2.00 + W = 3.01,
    // W 1.01, P 1.55. In dataflow, a service also needs what reaches its requirements first (h_max):
    // Y 3.03 (X before it), Z 3.03 (X and Y), W 3.01 (D1). C ties with the bound and stays.
    expect(relevant(catalog, 'dataflow', 2.10)).toEqual(['A', 'B', 'C', 'P'])
    expect(relevant(catalog, 'static', 2.10)).toEqual(['A', 'B', 'C', 'P', 'W', 'Y', 'Z'])
    expect(relevant(catalog, 'dataflow', 2.11)).toEqual(['A', 'B', 'C', 'C2', 'P'])
    // P's plugin link counts: at 1.55 it stays, below it goes, in either wiring (in static
    // wiring B, W and Z, which meet the goal, cost only their own 1.05, 1.01 and 1.01 there).
    expect(relevant(catalog, 'dataflow', 1.55)).toEqual(['P'])
    expect(relevant(catalog, 'dataflow', 1.54)).toEqual([])
    expect(relevant(catalog, 'static', 1.55)).toEqual(['B', 'P', 'W', 'Z'])
    expect(relevant(catalog, 'static', 1.54)).toEqual(['B', 'W', 'Z'])
  })

  test('within a set found before, only its services are walked', async () => {
    const catalog = await catalogOf()
    // B is not in the set, so nothing leads back from the goal to A.
    expect(relevant(catalog, 'dataflow', 3.03, ['A', 'C', 'X', 'Y', 'Z'])).toEqual(['C', 'X', 'Y', 'Z'])
  })

  test('the best bundle is the same as the first of the full ranking, and proven, in both wirings', async () => {
    await loadSolver()
    const catalog = await catalogOf()
    for (const wiring of ['static', 'dataflow'] as const) {
      const one = compose(catalog, { ...request, wiring, limit: 1 })
      const all = compose(catalog, { ...request, wiring, limit: 10 })
      expect(one.issues).toEqual([])
      expect(one.bundles.map(b => b.services)).toEqual(all.bundles.slice(0, 1).map(b => b.services))
    }
    const ranking = compose(catalog, { ...request, wiring: 'dataflow', limit: 10 }).bundles.map(b => b.services.map(s => s.slice(ex.length)))
    expect(ranking).toEqual([['P'], ['A', 'B'], ['C'], ['C2'], ['D1', 'W'], ['X', 'Y', 'Z']])
  })
})
