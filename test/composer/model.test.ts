/**
 * Building the integer program keeps the request's deadline: counting its coefficients against
 * the budget polls the clock as building it does, so a program too large to build does not
 * hold a compose past its deadline while it is counted.
 */
import { describe, expect, test } from 'vitest'
import { strictProblem } from './strict-problem.js'
import { compileCatalog } from '../../src/catalog/index.js'
import type { Problem } from '../../src/composer/problem.js'
import { buildModel } from '../../src/composer/solver/model.js'
import { parseRdf } from '../../src/rdf/index.js'

const sym = 'https://w3id.org/symphony/ontology#'
const ex = 'https://example.org/model#'

/** `n` services (twenty unless said) turn the available In into X, `n` more X into Out: X and Out have `n` providers each. */
async function problem (n = 20): Promise<{ problem: Problem, services: number[] }> {
  const lines = [`@prefix sym: <${sym}> .`, `@prefix ex: <${ex}> .`, '@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .',
    'ex:In rdfs:subClassOf sym:Interface . ex:X rdfs:subClassOf sym:Interface . ex:Out rdfs:subClassOf sym:Interface .']
  for (let i = 0; i < n; i++) {
    lines.push(`ex:A${i} a sym:Service ; sym:requires [ a ex:In ] ; sym:provides [ a ex:X ] .`)
    lines.push(`ex:B${i} a sym:Service ; sym:requires [ a ex:X ] ; sym:provides [ a ex:Out ] .`)
  }
  const catalog = compileCatalog(await parseRdf(lines.join('\n'), { format: 'turtle' }))
  const built = strictProblem(catalog, { available: [`${ex}In`], wanted: [`${ex}Out`] })
  return { problem: built, services: built.table.services.map((_, s) => s) }
}

describe('building the integer program', () => {
  test('with a coefficient budget far above the program, the bound on its size polls once per service and the build once more', async () => {
    const { problem: p, services } = await problem()
    let polls = 0
    const model = buildModel(p, services, undefined, 1_000_000, () => { polls++; return false })
    expect('rows' in model).toBe(true)
    expect(polls).toBe(2 * services.length)
    let unbudgeted = 0
    buildModel(p, services, undefined, Infinity, () => { unbudgeted++; return false })
    expect(unbudgeted).toBe(services.length)
  })

  test('the time running out while the coefficients are counted stops there: nothing is built', async () => {
    const { problem: p, services } = await problem()
    let polls = 0
    const model = buildModel(p, services, undefined, 1_000_000, () => ++polls > 5)
    expect(model).toEqual({ timedOut: true })
    expect(polls).toBe(6)
  })

  test('a budget the bound on the size does not settle is checked by the exact count: a program of just that size is built', async () => {
    const { problem: p, services } = await problem()
    const full = buildModel(p, services, undefined)
    if (!('rows' in full)) throw new Error('the program was not built')
    const entries = full.rows.indices.length
    expect(buildModel(p, services, undefined, entries)).toEqual(full)
    expect(buildModel(p, services, undefined, entries - 1)).toMatchObject({ oversized: true })
  })

  test('the rows are written in compressed form, coefficient by coefficient, however many there are', async () => {
    // 300 B<i>: a goal row of 300 coefficients and 300 rows of 301 (the A<j> and the consumer),
    // more rows and coefficients than the arrays they are written into first hold.
    const { problem: p, services } = await problem(300)
    const model = buildModel(p, services, undefined)
    if (!('rows' in model)) throw new Error('the program was not built')
    const name = (s: number): string => p.table.services[s]!.id.slice(ex.length)
    const a = services.filter(s => name(s).startsWith('A'))
    const b = services.filter(s => name(s).startsWith('B'))
    // Columns are the services' positions (all of them are in the program); an A<j> needs no row (In is available).
    const expected = [
      { lower: 1, upper: Infinity, indices: b, values: b.map(() => 1) },
      ...b.map(s => ({ lower: 0, upper: Infinity, indices: [...a, s], values: [...a.map(() => 1), -1] }))
    ]
    const { lower, upper, starts, indices, values } = model.rows
    const rows = Array.from(lower, (_, r) => ({
      lower: lower[r],
      upper: upper[r],
      indices: Array.from(indices.subarray(starts[r], starts[r + 1])),
      values: Array.from(values.subarray(starts[r], starts[r + 1]))
    }))
    expect(rows).toEqual(expected)
    expect(starts.length).toBe(rows.length + 1)
    expect(indices.length).toBe(300 + 300 * 301)
    expect(values.length).toBe(indices.length)
  })

  test('a program over the budget is reported with the count where counting stopped', async () => {
    const { problem: p, services } = await problem()
    // The goal's row holds 20 coefficients, the A<i> none (In is available), B0's requirement 21
    // (twenty providers and the consumer): over 30 at B0, the first B in IRI order.
    const model = buildModel(p, services, undefined, 30)
    expect(model).toEqual({ oversized: true, entries: 20 + 21 })
  })
})
