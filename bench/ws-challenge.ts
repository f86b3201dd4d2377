/**
 * Dataflow composition on sets generated like the public web-service-challenge sets
 * (ws-challenge-catalog.ts: a taxonomy of ~12,000 concepts, 2,000–8,000 services, a planted
 * solution of 20–40 services). For each set: the size and cost of the best bundle against the
 * planted solution, whether the composer proved it optimal (or the gap it left), and the engine
 * time of one compose call (catalog load excluded), against the time of the planted solution's
 * check as the baseline: composing the planted members alone, in the same run.
 */
import { performance } from 'node:perf_hooks'
import { compileCatalog } from '../src/catalog/index.js'
import { compose, loadSolver, parseCompositionRequest } from '../src/composer/index.js'
import { parseRdf } from '../src/rdf/index.js'
import { ms, table } from './measure.js'
import { generateWsChallengeSet } from './ws-challenge-catalog.js'

const sets = [
  { services: 2_000, concepts: 12_000, planted: 20, seed: 1 },
  { services: 4_000, concepts: 12_000, planted: 30, seed: 2 },
  { services: 8_000, concepts: 12_000, planted: 40, seed: 3 }
]

export async function run (): Promise<string> {
  await loadSolver()
  const rows: Array<Record<string, string | number>> = []
  for (const options of sets) {
    const set = generateWsChallengeSet(options)
    const catalog = compileCatalog(await parseRdf(set.ntriples, { format: 'n-triples' }))
    const request = parseCompositionRequest(set.request)
    compose(catalog, request) // warm-up: fills the catalog-level caches
    const start = performance.now()
    const answer = compose(catalog, request)
    const engine = performance.now() - start
    const best = answer.bundles[0]
    const unproven = answer.issues.find(issue => issue.code === 'RANKING_UNPROVEN') as { gap?: number } | undefined
    rows.push({
      services: set.services,
      concepts: set.concepts,
      'planted members': set.planted,
      'planted cost': set.plantedCost.toFixed(2),
      'best members': best?.services.length ?? '—',
      'best cost': best === undefined ? '—' : best.price.monthly.toFixed(2),
      'best/planted cost': best === undefined ? '—' : `${(best.price.monthly / set.plantedCost).toFixed(2)}×`,
      optimum: best === undefined ? 'no bundle' : unproven === undefined ? 'proven' : `gap ${unproven.gap}`,
      'engine ms': ms(engine)
    })
  }
  return [
    'Dataflow composition on web-service-challenge-style sets (one compose call each, catalog load excluded)',
    table(rows)
  ].join('\n')
}
