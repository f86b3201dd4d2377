/**
 * Composition with many goals on large catalogs: the `chain` catalogs of `compose-catalog.ts`
 * (1,000 and 10,000 services) and a request wanting the chain's end plus seven interface
 * classes of the noise tree, some near its root (so hundreds of services provide each and the
 * goals reach most of the catalog). Reports the first compose (fills the per-catalog caches)
 * and the p50 of later ones, the heap a compose leaves allocated (after a collection before
 * it, none after: what it built), bundles, best bundle size and issues (`SEARCH_CUT`: the
 * integer program exceeded its coefficient budget and the request was searched best-first).
 * `npm run bench -- compose-wide`.
 */
import { pathToFileURL } from 'node:url'
import { compileCatalog } from '../src/catalog/index.js'
import { compose, loadSolver, parseCompositionRequest } from '../src/composer/index.js'
import { parseRdf } from '../src/rdf/index.js'
import { generateCompositionCatalog } from './compose-catalog.js'
import { ms, table, time } from './measure.js'

const sizes = [1_000, 10_000]
const runs = 3
const ex = 'https://example.org/compose-bench#'
/** Noise classes the request wants besides the chain's end (I3: a child of the root). */
const wantedNoise = [3, 17, 40, 77, 120, 150, 199]

export async function run (): Promise<string> {
  await loadSolver()
  const rows: Array<Record<string, string | number>> = []
  for (const size of sizes) rows.push(await measure(size))
  return table(rows)
}

async function measure (size: number): Promise<Record<string, string | number>> {
  const generated = generateCompositionCatalog(size, 5, 'chain')
  const catalog = compileCatalog(await parseRdf(generated.ntriples, { format: 'n-triples' }))
  const base = generated.request as { wanted: string[] }
  const request = parseCompositionRequest({ ...base, wanted: [...base.wanted, ...wantedNoise.map(i => `${ex}I${i}`)] })
  const gc = (globalThis as { gc?: () => void }).gc
  gc?.()
  const before = process.memoryUsage().heapUsed
  const firstStart = performance.now()
  const answer = compose(catalog, request)
  const first = performance.now() - firstStart
  const heap = process.memoryUsage().heapUsed - before
  const timing = await time(runs, () => compose(catalog, request), { warmUp: false })
  return {
    services: generated.services,
    goals: request.wanted?.length ?? 0,
    'first compose ms': ms(first),
    'compose p50 ms': ms(timing.p50),
    'heap MB': gc === undefined ? '-' : Math.round(heap / 1e6),
    bundles: answer.bundles.length,
    'best bundle size': answer.bundles[0]?.services.length ?? 0,
    issues: [...new Set(answer.issues.map(issue => issue.code))].join(' ') || '-'
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) console.log(await run())
