/**
 * The solver's proof on a small program, in a fresh process: a generated catalog of 200 services
 * (`catalog-generator.ts`, seed 5) and a request for `I5` from `I1`–`I3` (`limit` 3, a 60 s
 * budget), composed after the solver is loaded. Prints, per compose, the load average, the time
 * until the solver was ready, the compose's time and the process's CPU time during it (every
 * thread's: the solver's and V8's compilers' too), each solver call's time, and the answer.
 * The first compose in a process runs HiGHS's WebAssembly partly before V8 has optimised it; a
 * later one shows the proof's cost with the code optimised.
 * `npx tsx bench/compose-small.ts [limit] [times]` (`times` composes in the one process); a
 * fresh process per run, alternating with what it is compared with.
 */
import { loadavg } from 'node:os'
import { performance } from 'node:perf_hooks'
import { pathToFileURL } from 'node:url'
import { compileCatalog } from '../src/catalog/index.js'
import { compose, loadSolver, parseCompositionRequest, type CompositionAnswer } from '../src/composer/index.js'
import { RemoteProgram } from '../src/composer/solver/highs-runtime.js'
import { parseRdf } from '../src/rdf/index.js'
import { generateCatalog } from './catalog-generator.js'

const ex = 'https://example.org/bench#'

export async function run (limit = 3, times = 1): Promise<Array<Record<string, string | number>>> {
  const start = performance.now()
  await loadSolver()
  const ready = performance.now() - start
  const catalog = compileCatalog(await parseRdf(generateCatalog(200, { seed: 5 }).ntriples, { format: 'n-triples' }))
  const request = parseCompositionRequest({ wanted: [`${ex}I5`], available: [1, 2, 3].map(i => `${ex}I${i}`), limit, timeoutMs: 60_000 })
  const calls = timeSolverCalls()
  const rows: Array<Record<string, string | number>> = []
  for (let time = 0; time < times; time++) {
    calls.times.length = 0
    const cpuStart = process.cpuUsage()
    const composeStart = performance.now()
    const answer = compose(catalog, request)
    const composeMs = performance.now() - composeStart
    const cpu = process.cpuUsage(cpuStart)
    rows.push({
      load: loadavg()[0]!.toFixed(2),
      'ready ms': Math.round(ready),
      'compose ms': Math.round(composeMs),
      // Every thread's, the solver's and V8's compiler threads' included.
      'cpu ms': Math.round((cpu.user + cpu.system) / 1000),
      'solver calls ms': calls.times.map(Math.round).join(' '),
      'solver ms': Math.round(calls.times.reduce((a, b) => a + b, 0)),
      ...answerColumns(answer)
    })
  }
  calls.stop()
  return rows
}

/** Each solver call's time, as the composer waits for it, from now until `stop`. */
export function timeSolverCalls (): { readonly times: number[], readonly stop: () => void } {
  const times: number[] = []
  const solve = RemoteProgram.prototype.run
  RemoteProgram.prototype.run = function (this: RemoteProgram, ...args: Parameters<typeof solve>) {
    const at = performance.now()
    try { return solve.apply(this, args) } finally { times.push(performance.now() - at) }
  }
  return { times, stop: () => { RemoteProgram.prototype.run = solve } }
}

/** An answer's bundles (members and monthly prices) and issue codes, for a row of the table. */
export function answerColumns (answer: CompositionAnswer): { readonly bundles: string, readonly issues: string } {
  return {
    bundles: answer.bundles.map(b => `${b.services.map(s => s.replace(ex, '')).join('+')} ${b.price.monthly.toFixed(2)}`).join(', '),
    issues: answer.issues.map(issue => issue.code).join(' ') || '-'
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [limit, times] = process.argv.slice(2).map(Number)
  for (const row of await run(limit, times)) console.log(JSON.stringify(row))
}
