/**
 * HTTP benchmark: the API on 127.0.0.1 over a generated catalog of 10,000 services, driven by
 * autocannon for 5 s per case (10 connections; compose: 1 connection, adapter chains of depth 2). Reports
 * requests per second and latency p50/p99. The server and autocannon share one process: a slow
 * request blocks both, so latencies include that wait.
 * `npm run bench -- http` or `npx tsx bench/http.ts`.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import autocannon from 'autocannon'
import { buildApp } from '../src/api/index.js'
import { openEngine } from '../src/engine.js'
import { generateCatalog } from './catalog-generator.js'
import { generateCompositionCatalog } from './compose-catalog.js'
import { ms, table } from './measure.js'

const services = 10_000
const duration = 5
const connections = 10

interface Case {
  readonly name: string
  readonly path: string
  readonly method?: 'GET' | 'POST'
  readonly body?: unknown
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
      const body = c.body === undefined ? undefined : JSON.stringify(c.body)
      const headers = body === undefined ? undefined : { 'content-type': 'application/json' }
      const options = { url: address + c.path, method: c.method ?? 'GET', connections: c.connections ?? connections, duration, timeout: 120, ...(body === undefined ? {} : { body, headers }) }
      process.stderr.write(`http bench: ${c.name}…\n`)
      // Warm-up with single requests, so nothing is still in flight when the measurement starts.
      for (let i = 0; i < 3; i++) await fetch(options.url, { method: options.method, ...(body === undefined ? {} : { body, headers }) }).then(r => r.arrayBuffer())
      const result = await autocannon(options)
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

export async function run (): Promise<string> {
  const matching = generateCatalog(services)
  const [a, b] = [matching.services[0]!, matching.services[1]!]
  const rows = await serve(matching.ntriples, () => [
    { name: 'GET /match', path: `/match?a=${encodeURIComponent(a)}&b=${encodeURIComponent(b)}` },
    { name: 'GET …/combinable', path: `/catalog/services/${encodeURIComponent(a)}/combinable?limit=20` },
    { name: 'POST /discover', path: '/discover', method: 'POST', body: { wanted: [matching.interfaceClasses[42]!], limit: 20 } }
  ])
  const composition = generateCompositionCatalog(services, 2)
  rows.push(...await serve(composition.ntriples, () => [
    // One compose takes a few hundred ms of CPU; one connection measures its latency without queueing.
    { name: 'POST /compose', path: '/compose', method: 'POST', body: composition.request, connections: 1 }
  ]))
  return table(rows)
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) console.log(await run())
