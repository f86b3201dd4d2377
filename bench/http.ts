/**
 * HTTP benchmark: the API on 127.0.0.1 over a generated catalog of 10,000 services, driven by
 * autocannon for 5 s per case (10 connections; compose: 1 connection, adapter chains of depth 2). Reports
 * requests per second and latency p50/p99. autocannon runs in a process of its own
 * (`bench/http-load.ts`), as a real client would, so that reading the answers does not take CPU
 * from the server. Each case walks many different requests (match, combinable: the first 200
 * services; discover: 200 wanted classes), so no single answer stays warm.
 * `npm run bench -- http` or `npx tsx bench/http.ts`.
 */
import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import type { Result } from 'autocannon'
import { buildApp } from '../src/api/index.js'
import { openEngine } from '../src/engine.js'
import { generateCatalog } from './catalog-generator.js'
import { generateCompositionCatalog } from './compose-catalog.js'
import type { LoadCase } from './http-load.js'
import { ms, table } from './measure.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const execFileAsync = promisify(execFile)
const services = 10_000
const duration = 5
const connections = 10
/** How many different requests each case walks through. */
const rotation = 200

interface Case {
  readonly name: string
  readonly method?: 'GET' | 'POST'
  /** Requests sent in turn, each a path and a JSON body (POST). */
  readonly requests: ReadonlyArray<{ readonly path: string, readonly body?: unknown }>
  /** Concurrent connections (default 10). */
  readonly connections?: number
}

async function serve (ntriples: string, cases: (url: string) => readonly Case[]): Promise<Array<Record<string, string | number>>> {
  const folder = await mkdtemp(join(tmpdir(), 'symphony-bench-http-'))
  const file = join(folder, 'catalog.nt')
  await writeFile(file, ntriples)
  const engine = await openEngine({ dataFiles: [file] })
  const app = buildApp(engine, { logger: false, console: false })
  const rows: Array<Record<string, string | number>> = []
  try {
    const started = performance.now()
    await engine.catalog()
    process.stderr.write(`http bench: catalog of ${services} services compiled in ${ms(performance.now() - started)} ms\n`)
    const address = await app.listen({ port: 0, host: '127.0.0.1' })
    for (const c of cases(address)) {
      const method = c.method ?? 'GET'
      const requests = c.requests.map(r => r.body === undefined ? { path: r.path } : { path: r.path, body: JSON.stringify(r.body) })
      process.stderr.write(`http bench: ${c.name}…\n`)
      // Warm-up with single requests, so nothing is still in flight when the measurement starts.
      for (const { path, body } of requests.slice(0, 3)) {
        const headers = { 'content-type': 'application/json' }
        await fetch(address + path, { method, ...(body === undefined ? {} : { body, headers }) }).then(r => r.arrayBuffer())
      }
      const load: LoadCase = { url: address, method, requests, connections: c.connections ?? connections, duration }
      const result = await drive(folder, load)
      rows.push({
        case: c.name,
        services,
        'req/s': Math.round(result.requests.average),
        'p50 ms': ms(result.latency.p50),
        'p99 ms': ms(result.latency.p99),
        connections: c.connections ?? connections,
        requests: result.requests.total,
        'non-2xx': result.non2xx,
        errors: result.errors
      })
    }
  } finally {
    await app.close()
    await engine.close()
    await rm(folder, { recursive: true, force: true })
  }
  return rows
}

/** Runs one case's load in `bench/http-load.ts`, a process of its own. */
async function drive (folder: string, load: LoadCase): Promise<Result> {
  const file = join(folder, 'case.json')
  await writeFile(file, JSON.stringify(load))
  const { stdout } = await execFileAsync(process.execPath, ['--import', 'tsx', join(root, 'bench', 'http-load.ts'), file], { cwd: root, maxBuffer: 16 << 20 })
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as Result
}

export async function run (): Promise<string> {
  const matching = generateCatalog(services)
  const first = matching.services.slice(0, rotation)
  const iri = encodeURIComponent
  const load = loadavg()[0]!.toFixed(1)
  const rows = await serve(matching.ntriples, () => [
    { name: 'GET /match', requests: first.map((a, i) => ({ path: `/match?a=${iri(a)}&b=${iri(first[(i + 1) % first.length]!)}` })) },
    { name: 'GET …/combinable', requests: first.map(a => ({ path: `/catalog/services/${iri(a)}/combinable?limit=20` })) },
    { name: 'POST /discover', method: 'POST', requests: matching.interfaceClasses.slice(0, rotation).map(wanted => ({ path: '/discover', body: { wanted: [wanted], limit: 20 } })) }
  ])
  const composition = generateCompositionCatalog(services, 2)
  rows.push(...await serve(composition.ntriples, () => [
    // One compose takes a few hundred ms of CPU; one connection measures its latency without queueing.
    { name: 'POST /compose', method: 'POST', requests: [{ path: '/compose', body: composition.request }], connections: 1 }
  ]))
  return `${table(rows)}\n\nLoad average at the start: ${load} (${cpus().length} cores).`
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) console.log(await run())
