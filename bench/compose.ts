/**
 * Composer benchmark: generated catalogs of 1,000 and 10,000 services with adapter chains of
 * depth 2, 5 and 20 in two shapes (see compose-catalog.ts: `chain`, noise that never touches
 * the chain; `mixed`, a CRM goal too and noise, decoys and shortcuts interacting with both), run
 * through the real pipeline (parseRdf → compileCatalog → compose). Reports the load time, the
 * p50 / p95 time of one `compose` call (the first call, which fills the catalog-level caches,
 * is the warm-up), the size of the best bundle and the issues (RANKING_UNPROVEN: the best
 * bundles were found but the expansion budget ran out before proving that none is cheaper).
 * Then the API's `/health` latency while two clients compose, with and without the worker pool
 * (see compose-pool.ts). `npx tsx bench/compose.ts` or `npm run bench -- compose`.
 */
import { pathToFileURL } from 'node:url'
import { compileCatalog } from '../src/catalog/index.js'
import { compose, loadSolver, parseCompositionRequest } from '../src/composer/index.js'
import { parseRdf } from '../src/rdf/index.js'
import { generateCompositionCatalog, type CatalogShape } from './compose-catalog.js'
import { ms, table, time } from './measure.js'
import { run as runPool } from './compose-pool.js'

const sizes = [1_000, 10_000]
const depths = [2, 5, 20]
const shapes: CatalogShape[] = ['chain', 'mixed']
const runs = 7

export async function run (): Promise<string> {
  await loadSolver()
  const rows: Array<Record<string, string | number>> = []
  for (const shape of shapes) {
    for (const size of sizes) {
      for (const depth of depths) {
        rows.push(await measure(shape, size, depth))
      }
    }
  }
  return `${table(rows)}\n\n/health while two clients compose (API on 127.0.0.1):\n\n${table(await runPool())}`
}

/** One catalog: load it, then time `compose` (the first call is a warm-up: it fills the catalog-level caches). */
async function measure (shape: CatalogShape, size: number, depth: number): Promise<Record<string, string | number>> {
  const generated = generateCompositionCatalog(size, depth, shape)
  const loadStart = performance.now()
  const catalog = compileCatalog(await parseRdf(generated.ntriples, { format: 'n-triples' }))
  const load = performance.now() - loadStart
  const request = parseCompositionRequest(generated.request)
  const firstStart = performance.now()
  const answer = compose(catalog, request)
  const first = performance.now() - firstStart
  const timing = await time(runs, () => compose(catalog, request))
  return {
    shape,
    services: generated.services,
    depth,
    'load ms': ms(load),
    'first compose ms': ms(first),
    'compose p50 ms': ms(timing.p50),
    'compose p95 ms': ms(timing.p95),
    bundles: answer.bundles.length,
    'best bundle size': answer.bundles[0]?.services.length ?? 0,
    issues: answer.issues.map(issue => issue.code).join(' ') || '-'
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) console.log(await run())
