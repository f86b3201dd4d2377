/**
 * Six requests on a generated catalog of 300 services (`catalog-generator.ts`, seed 6): small
 * programs (fewer than 400 relevant services) on which the best-first search before the solver
 * proves some answers and not others. Each is composed once per process after the solver is
 * loaded (a 60 s budget); prints per request the load average, the compose's time, its solver
 * calls' times and the answer (members and prices, issues).
 * `npx tsx bench/compose-small-set.ts`; a fresh process per run, alternating with what it is
 * compared with.
 */
import { loadavg } from 'node:os'
import { performance } from 'node:perf_hooks'
import { pathToFileURL } from 'node:url'
import { compileCatalog } from '../src/catalog/index.js'
import { compose, loadSolver, parseCompositionRequest } from '../src/composer/index.js'
import { parseRdf } from '../src/rdf/index.js'
import { generateCatalog } from './catalog-generator.js'
import { answerColumns, timeSolverCalls } from './compose-small.js'

const ex = 'https://example.org/bench#'

/** The requests: available and wanted interface classes (by number), and the bundles asked for. */
export const smallSetRequests: ReadonlyArray<{ available: number[], wanted: number[], limit: number }> = [
  { available: [0, 3, 4, 8, 12], wanted: [5, 7], limit: 3 },
  { available: [2, 6, 22], wanted: [35], limit: 3 },
  { available: [16, 14, 57, 20], wanted: [18, 44], limit: 1 },
  { available: [41, 53, 2, 45], wanted: [19, 0], limit: 3 },
  { available: [59, 51, 1, 26], wanted: [55, 58], limit: 3 },
  { available: [57, 2, 8, 19], wanted: [44, 49], limit: 3 }
]

export async function run (): Promise<Array<Record<string, string | number>>> {
  await loadSolver()
  const catalog = compileCatalog(await parseRdf(generateCatalog(300, { seed: 6 }).ntriples, { format: 'n-triples' }))
  const calls = timeSolverCalls()
  const rows: Array<Record<string, string | number>> = []
  for (const { available, wanted, limit } of smallSetRequests) {
    const request = parseCompositionRequest({ wanted: wanted.map(i => `${ex}I${i}`), available: available.map(i => `${ex}I${i}`), limit, timeoutMs: 60_000 })
    calls.times.length = 0
    const start = performance.now()
    const answer = compose(catalog, request)
    rows.push({
      request: `I${wanted.join('+I')} from ${available.length}, limit ${limit}`,
      load: loadavg()[0]!.toFixed(2),
      'compose ms': Math.round(performance.now() - start),
      'solver calls ms': calls.times.map(Math.round).join(' ') || '-',
      ...answerColumns(answer)
    })
  }
  calls.stop()
  return rows
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const row of await run()) console.log(JSON.stringify(row))
}
