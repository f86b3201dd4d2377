/**
 * The walk back from the goals that shrinks a valid set to the members its goals need
 * (`neededCore`): what a solver's large incumbent is reduced with before anything quadratic
 * looks at it.
 */
import { describe, expect, test } from 'vitest'
import { strictProblem } from './strict-problem.js'
import { compileCatalog, type Catalog } from '../../src/catalog/index.js'
import type { Problem } from '../../src/composer/problem.js'
import { isValidSet, neededCore } from '../../src/composer/wiring.js'
import type { Wiring } from '../../src/composer/index.js'
import { parseRdf } from '../../src/rdf/index.js'

const sym = 'https://w3id.org/symphony/ontology#'
const ex = 'https://example.org/needed#'

// In is available, Out is wanted. A and C turn In into X, B turns X into Out; D and E form a
// loop back to X (D needs Out, E needs D's Y).
const text = `@prefix sym: <${sym}> .
@prefix ex: <${ex}> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
ex:In rdfs:subClassOf sym:Interface . ex:X rdfs:subClassOf sym:Interface . ex:Out rdfs:subClassOf sym:Interface . ex:Y rdfs:subClassOf sym:Interface .
ex:A a sym:Service ; sym:requires [ a ex:In ] ; sym:provides [ a ex:X ] .
ex:B a sym:Service ; sym:requires [ a ex:X ] ; sym:provides [ a ex:Out ] .
ex:C a sym:Service ; sym:requires [ a ex:In ] ; sym:provides [ a ex:X ] .
ex:D a sym:Service ; sym:requires [ a ex:Out ] ; sym:provides [ a ex:Y ] .
ex:E a sym:Service ; sym:requires [ a ex:Y ] ; sym:provides [ a ex:X ] .
`

async function problemOf (wiring: Wiring): Promise<{ problem: Problem, index: (name: string) => number, name: (s: number) => string }> {
  const catalog: Catalog = compileCatalog(await parseRdf(text, { format: 'turtle' }))
  const problem = strictProblem(catalog, { available: [`${ex}In`], wanted: [`${ex}Out`], wiring })
  const { table } = problem
  return { problem, index: name => table.indexOf.get(ex + name)!, name: s => table.services[s]!.id.slice(ex.length) }
}

describe('neededCore', () => {
  test('keeps what the goals use through one provider per requirement, the lowest first', async () => {
    for (const wiring of ['static', 'dataflow'] as const) {
      const { problem, index, name } = await problemOf(wiring)
      const members = ['A', 'B', 'C', 'D', 'E'].map(index).sort((a, b) => a - b)
      expect(isValidSet(problem, members)).toBe(true)
      const needed = neededCore(problem, members)
      expect(needed.map(name)).toEqual(['A', 'B'])
      expect(isValidSet(problem, needed)).toBe(true)
    }
  })

  test('in dataflow wiring a requirement takes only a member that runs before its consumer', async () => {
    const { problem, index, name } = await problemOf('dataflow')
    // E provides X too, but runs after B (it needs D, which needs B's Out): only A can serve B.
    const members = ['A', 'B', 'D', 'E'].map(index).sort((a, b) => a - b)
    expect(neededCore(problem, members).map(name)).toEqual(['A', 'B'])
  })

  test('in static wiring members that need each other around a loop are all kept', async () => {
    const { problem, index, name } = await problemOf('static')
    const members = ['B', 'D', 'E'].map(index).sort((a, b) => a - b)
    expect(isValidSet(problem, members)).toBe(true)
    expect(neededCore(problem, members).map(name)).toEqual(['B', 'D', 'E'])
  })
})
