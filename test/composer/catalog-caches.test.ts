/**
 * What the composer keeps per compiled catalog (the option lists of provided interfaces and
 * whatever else does not depend on the request) must not change an answer: a compose on a
 * catalog that earlier requests filled the caches of answers as one on a freshly compiled copy
 * of it, whatever those requests asked, and a changed catalog, compiled anew, answers from its
 * own data only.
 */
import { beforeAll, describe, expect, test } from 'vitest'
import { offer, prefixLines } from './catalog-turtle.js'
import { compileCatalog, type Catalog } from '../../src/catalog/index.js'
import { compose, loadSolver, type CompositionAnswer, type CompositionRequest, type Wiring } from '../../src/composer/index.js'
import { parseRdf } from '../../src/rdf/index.js'

const ex = 'https://example.org/caches#'

// Goal: Out, from In. G needs Sup: S2 provides it (an exact link), S1 a subclass of it (a
// plugin link, which costs the request's degree weight) and is cheaper, so the degree weight
// decides which of the two bundles ranks first. S1 comes from Acme, whom a request can exclude.
function catalogText (s1Price: number): string {
  return `${prefixLines(ex).join('\n')}
ex:Sup rdfs:subClassOf sym:Interface . ex:Sub rdfs:subClassOf ex:Sup . ex:In rdfs:subClassOf sym:Interface . ex:Out rdfs:subClassOf sym:Interface .
ex:Acme a schema:Organization ; schema:name "Acme" .
ex:Beta a schema:Organization ; schema:name "Beta" .
ex:G a sym:Service ; schema:provider ex:Beta ; sym:requires [ a ex:Sup ] ; sym:provides [ a ex:Out ] ; ${offer(1)} .
ex:S1 a sym:Service ; schema:provider ex:Acme ; sym:requires [ a ex:In ] ; sym:provides [ a ex:Sub ] ; ${offer(s1Price)} .
ex:S2 a sym:Service ; schema:provider ex:Beta ; sym:requires [ a ex:In ] ; sym:provides [ a ex:Sup ] ; ${offer(3)} .
`
}

async function catalogOf (s1Price = 1): Promise<Catalog> {
  return compileCatalog(await parseRdf(catalogText(s1Price), { format: 'turtle' }))
}

function request (wiring: Wiring, more: Partial<CompositionRequest> = {}): CompositionRequest {
  return { available: [`${ex}In`], wanted: [`${ex}Out`], wiring, limit: 1, ...more }
}

/** The bundles as member lists with their ranking cost, and the issue codes. */
function summary (answer: CompositionAnswer): { bundles: string[], issues: string[] } {
  return {
    bundles: answer.bundles.map(b => `${b.services.map(s => s.slice(ex.length)).join('+')} ${b.explanation.cost.total.toFixed(4)}`),
    issues: answer.issues.map(issue => issue.code)
  }
}

beforeAll(async () => { await loadSolver() })

describe.each(['dataflow', 'static'] as const)('catalog caches, %s wiring', wiring => {
  const requests: Array<[string, CompositionRequest]> = [
    ['default weights', request(wiring)],
    ['no plugin penalty', request(wiring, { preferences: { degree: 0 } })],
    ['Acme excluded', request(wiring, { constraints: { excludeProviders: [`${ex}Acme`] } })],
    ['another goal', request(wiring, { wanted: [`${ex}Sup`] })],
    ['Sup available too', request(wiring, { available: [`${ex}In`, `${ex}Sup`] })],
    ['default weights again', request(wiring)]
  ]

  test('each compose on a used catalog answers as on a freshly compiled one', async () => {
    const used = await catalogOf()
    for (const [, r] of requests) {
      const again = summary(compose(used, r))
      const fresh = summary(compose(await catalogOf(), r))
      expect(again).toEqual(fresh)
    }
    // The requests do differ: without the plugin penalty S1's bundle is the best; S2 alone provides Sup; G alone needs nothing more when Sup is available.
    expect(requests.map(([, r]) => summary(compose(used, r)).bundles)).toEqual([
      ['G+S2 2.0400'],
      ['G+S1 2.0200'],
      ['G+S2 2.0400'],
      ['S2 1.0300'],
      ['G 1.0100'],
      ['G+S2 2.0400']
    ])
  })

  test('a changed catalog, compiled anew, answers from its own data', async () => {
    const used = await catalogOf()
    expect(summary(compose(used, request(wiring, { preferences: { degree: 0 } }))).bundles).toEqual(['G+S1 2.0200'])
    // S1 now costs more than S2 even without the plugin link's penalty.
    const changed = await catalogOf(4)
    expect(summary(compose(changed, request(wiring, { preferences: { degree: 0 } }))).bundles).toEqual(['G+S2 2.0400'])
    expect(summary(compose(changed, request(wiring, { limit: 2, preferences: { degree: 0 } }))).bundles).toEqual(['G+S2 2.0400', 'G+S1 2.0500'])
  })
})
