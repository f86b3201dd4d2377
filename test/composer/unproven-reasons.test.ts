/**
 * A search that would end unproven for another reason than its time budget never claims the
 * time ran out: here, more ties with the k-th bundle than the solver collects, which prove the
 * ranking by cost. (A best-first search that stops at its size budget after the solver's own
 * time limit: `deadline.test.ts`; a solver that stops for another reason: `first-search.test.ts`.)
 */
import { beforeAll, describe, expect, test } from 'vitest'
import { offer, prefixLines } from './catalog-turtle.js'
import { compileCatalog, type Catalog } from '../../src/catalog/index.js'
import { compose, loadSolver, type CompositionRequest } from '../../src/composer/index.js'
import { parseRdf } from '../../src/rdf/index.js'

const ex = 'https://example.org/unproven#'
/** Tied bundles: more than the solver collects beyond `limit` (50). */
const pairs = 60

/**
 * Pair i: T<i> provides the wanted G1 and X<i>, U<i> turns X<i> into the wanted G2; each costs
 * 1.00, so every bundle {T<i>, U<i>} costs the same, and none of the services dominates another.
 */
function tiedCatalog (): string {
  const lines = prefixLines(ex)
  for (const c of ['A', 'G1', 'G2']) lines.push(`ex:${c} rdfs:subClassOf sym:Interface .`)
  for (let i = 0; i < pairs; i++) {
    const n = String(i).padStart(2, '0')
    lines.push(`ex:X${n} rdfs:subClassOf sym:Interface .`)
    lines.push(`ex:T${n} a sym:Service ; sym:requires [ a ex:A ] ; sym:provides [ a ex:G1 ], [ a ex:X${n} ] ; ${offer('1.00')} .`)
    lines.push(`ex:U${n} a sym:Service ; sym:requires [ a ex:X${n} ] ; sym:provides [ a ex:G2 ] ; ${offer('1.00')} .`)
  }
  return lines.join('\n') + '\n'
}

describe('a search that ends unproven for a reason other than time', () => {
  let tied: Catalog
  beforeAll(async () => {
    tied = compileCatalog(await parseRdf(tiedCatalog(), { format: 'turtle' }))
    await loadSolver()
  })

  test('more bundles tie with the k-th than the solver collects: the cost ranking is proven, no issue', () => {
    const request: CompositionRequest = { available: [`${ex}A`], wanted: [`${ex}G1`, `${ex}G2`], limit: 3, preferences: { size: 0, degree: 0, price: 1 } }
    // Few expansions: a best-first search after the solver could not prove the ranking either.
    const answer = compose(tied, request, { maxExpansions: 10 })
    expect(answer.issues).toEqual([])
    expect(answer.bundles.map(b => b.price.monthly)).toEqual([2, 2, 2])
    for (const bundle of answer.bundles) {
      const [t, u] = bundle.services
      expect(bundle.services).toHaveLength(2)
      expect(u).toBe(t!.replace('#T', '#U'))
    }
  })
})
