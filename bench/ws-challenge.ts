/**
 * Dataflow composition on sets generated like the public web-service-challenge sets
 * (ws-challenge-catalog.ts: a taxonomy of ~12,000 concepts, 2,000–8,000 services, a planted
 * solution of 20–40 services). For each set: the size and cost of the best bundle against the
 * planted solution, whether the composer proved it optimal (or the gap it left), the engine
 * time of the first compose call on the catalog (`first ms`: its caches empty and, in the
 * first set, the code cold) and of the next one (`engine ms`, catalog load excluded) against
 * the request's time budget, the issue codes, and where the next call's time went (each long
 * step of the compose, in milliseconds, summed over its runs).
 *
 * `npx tsx bench/ws-challenge.ts [2000] [4000] [8000] [--timeout-ms MS]`: the named sets (all
 * three by default) with the request's time budget (default: the request's default, 60 s).
 */
import { performance } from 'node:perf_hooks'
import { pathToFileURL } from 'node:url'
import { compileCatalog } from '../src/catalog/index.js'
import { compose, loadSolver, parseCompositionRequest } from '../src/composer/index.js'
import type { ComposeStep } from '../src/composer/deadline.js'
import { parseRdf } from '../src/rdf/index.js'
import { ms, table } from './measure.js'
import { generateWsChallengeSet } from './ws-challenge-catalog.js'

const sets = [
  { services: 2_000, concepts: 12_000, planted: 20, seed: 1 },
  { services: 4_000, concepts: 12_000, planted: 30, seed: 2 },
  { services: 8_000, concepts: 12_000, planted: 40, seed: 3 }
]

export async function run (sizes: readonly number[] = sets.map(s => s.services), timeoutMs?: number): Promise<string> {
  await loadSolver()
  const rows: Array<Record<string, string | number>> = []
  for (const options of sets.filter(s => sizes.includes(s.services))) {
    const set = generateWsChallengeSet(options)
    const catalog = compileCatalog(await parseRdf(set.ntriples, { format: 'n-triples' }))
    const request = parseCompositionRequest({ ...set.request as object, ...(timeoutMs === undefined ? {} : { timeoutMs }) })
    // The first compose on the catalog fills its caches, and in the first set runs the code
    // cold (V8 compiles the composer's functions; the solver thread warmed up when it started).
    const firstStart = performance.now()
    compose(catalog, request)
    const first = performance.now() - firstStart
    const steps: Array<{ step: ComposeStep, at: number }> = []
    const start = performance.now()
    const answer = compose(catalog, request, { onStep: (step, at) => steps.push({ step, at }) })
    const end = performance.now()
    const engine = end - start
    const best = answer.bundles[0]
    const unproven = answer.issues.find(issue => issue.code === 'RANKING_UNPROVEN') as { gap?: number } | undefined
    const limited = answer.issues.some(issue => issue.code === 'SEARCH_LIMIT')
    const budget = request.timeoutMs ?? 60_000
    rows.push({
      services: set.services,
      'planted members': set.planted,
      'planted cost': set.plantedCost.toFixed(2),
      'best members': best?.services.length ?? '—',
      'best cost': best === undefined ? '—' : best.price.monthly.toFixed(2),
      'best/planted cost': best === undefined ? '—' : `${(best.price.monthly / set.plantedCost).toFixed(2)}×`,
      optimum: best === undefined ? 'no bundle' : limited ? 'time out' : unproven === undefined ? 'proven' : `gap ${unproven.gap}`,
      'budget ms': budget,
      'first ms': ms(first),
      'engine ms': ms(engine),
      'late ms': ms(Math.max(0, engine - budget)),
      issues: [...new Set(answer.issues.map(issue => issue.code))].join(' ') || '-',
      steps: stepTimes(steps, start, end)
    })
  }
  return [
    'Dataflow composition on web-service-challenge-style sets (one compose call each, catalog load excluded)',
    table(rows)
  ].join('\n')
}

/**
 * Each step's time until the next one started, summed per step, in order of first start;
 * `resolve` is the time before the first step (checking and resolving the request).
 */
function stepTimes (steps: ReadonlyArray<{ step: ComposeStep, at: number }>, start: number, end: number): string {
  const totals = new Map<ComposeStep | 'resolve', number>([['resolve', (steps[0]?.at ?? end) - start]])
  steps.forEach(({ step, at }, i) => totals.set(step, (totals.get(step) ?? 0) + (steps[i + 1]?.at ?? end) - at))
  return [...totals].map(([step, total]) => `${step} ${Math.round(total)}`).join(', ')
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2)
  const at = args.indexOf('--timeout-ms')
  const timeoutMs = at >= 0 ? Number(args[at + 1]) : undefined
  const sizes = args.filter((_, i) => at < 0 || (i !== at && i !== at + 1)).map(Number)
  console.log(await run(sizes.length > 0 ? sizes : undefined, timeoutMs))
}
