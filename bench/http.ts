/**
 * HTTP benchmark: the API on 127.0.0.1 over a generated catalog of 10,000 services, driven by
 * autocannon for 5 s per case (10 connections). Reports requests per second and latency
 * p50/p99/max. autocannon runs in a process of its own (`bench/http-load.ts`), as a real client
 * would, so that reading the answers does not take CPU from the server. Each case walks many
 * different requests (match, combinable: the first 200 services; discover: 200 wanted classes),
 * so no single answer stays warm.
 * `POST /compose` is the heavy request (seconds each): six composes, two at a time, each counted
 * to its answer instead of a 5 s window that ends with them in flight; meanwhile `GET /health`
 * and `GET /match` at 100 requests per second each, and the same alone for 5 s before and after
 * (the baseline).
 * `npm run bench -- http` or `npx tsx bench/http.ts`.
 */
import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { buildApp } from '../src/api/index.js'
import { openEngine } from '../src/engine.js'
import { generateCatalog } from './catalog-generator.js'
import { generateCompositionCatalog } from './compose-catalog.js'
import type { LoadCase, LoadOutput, LoadResult } from './http-load.js'
import { ms, percentile, table } from './measure.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const execFileAsync = promisify(execFile)
const services = 10_000
const duration = 5
const connections = 10
/** The composition catalog's services (`compose-catalog.ts`). */
const composeBench = 'https://example.org/compose-bench#'
/** How many different requests each case walks through. */
const rotation = 200

interface Case {
  readonly name: string
  readonly method?: 'GET' | 'POST'
  /** Requests sent in turn, each a path and a JSON body (POST). */
  readonly requests: ReadonlyArray<{ readonly path: string, readonly body?: unknown }>
  /** Concurrent connections (default 10). */
  readonly connections?: number
  /** Answers in all instead of `duration` seconds: for requests that take seconds each. */
  readonly amount?: number
  /** Requests per second (default: each connection sends its next once answered). */
  readonly rate?: number
  /**
   * Cheap requests sent one after another while this case runs, and alone for `duration` seconds
   * before and after it (the baseline): what this case costs them.
   */
  readonly alongside?: readonly Case[]
}

type Row = Record<string, string | number>

function wire (address: string, c: Case, seconds?: number): LoadCase {
  return {
    url: address,
    method: c.method ?? 'GET',
    requests: c.requests.map(r => r.body === undefined ? { path: r.path } : { path: r.path, body: JSON.stringify(r.body) }),
    connections: c.connections ?? connections,
    ...(c.rate === undefined ? {} : { rate: c.rate }),
    ...(c.amount === undefined || seconds !== undefined ? { duration: seconds ?? duration } : { amount: c.amount }),
    ...(c.alongside === undefined || seconds !== undefined ? {} : { alongside: c.alongside.map(a => wire(address, a)) })
  }
}

function row (name: string, c: Case, { result, times, elapsedMs }: LoadResult): Row {
  const perSecond = result.requests.total / (elapsedMs / 1000)
  return {
    case: name,
    services,
    'req/s': perSecond < 10 ? perSecond.toFixed(2) : Math.round(perSecond),
    'p50 ms': ms(percentile(times, 0.5)),
    'p99 ms': ms(percentile(times, 0.99)),
    'max ms': ms(Math.max(...times)),
    connections: c.connections ?? connections,
    requests: result.requests.total,
    'non-2xx': result.non2xx,
    errors: result.errors
  }
}

async function serve (ntriples: string, cases: (url: string) => readonly Case[]): Promise<Row[]> {
  const folder = await mkdtemp(join(tmpdir(), 'symphony-bench-http-'))
  const file = join(folder, 'catalog.nt')
  await writeFile(file, ntriples)
  const engine = await openEngine({ dataFiles: [file] })
  const app = buildApp(engine, { logger: false, console: false })
  const rows: Row[] = []
  try {
    const started = performance.now()
    await engine.catalog()
    process.stderr.write(`http bench: catalog of ${services} services compiled in ${ms(performance.now() - started)} ms\n`)
    const address = await app.listen({ port: 0, host: '127.0.0.1' })
    for (const c of cases(address)) {
      process.stderr.write(`http bench: ${c.name}…\n`)
      // Warm-up with single requests, so nothing is still in flight when the measurement starts
      // (and the composition worker has read the catalog before a compose is timed).
      for (const each of [c, ...c.alongside ?? []]) {
        for (const { path, body } of wire(address, each).requests.slice(0, 3)) {
          await fetch(address + path, { method: each.method ?? 'GET', ...(body === undefined ? {} : { body, headers: { 'content-type': 'application/json' } }) }).then(r => r.arrayBuffer())
        }
      }
      if (c.alongside === undefined) {
        rows.push(row(c.name, c, await drive(folder, wire(address, c))))
        continue
      }
      // The cheap requests alone, then with the case, then alone again: the two baselines
      // bracket the case, so a change of the machine's load shows as a difference between them.
      const before = await Promise.all(c.alongside.map(a => drive(folder, wire(address, a, duration), a.name)))
      const during = await drive(folder, wire(address, c))
      const after = await Promise.all(c.alongside.map(a => drive(folder, wire(address, a, duration), a.name)))
      rows.push(row(c.name, c, during))
      c.alongside.forEach((a, i) => {
        rows.push(row(`${a.name}, alone before`, a, before[i]!))
        rows.push(row(`${a.name}, during ${c.name}`, a, during.alongside[i]!))
        rows.push(row(`${a.name}, alone after`, a, after[i]!))
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
async function drive (folder: string, load: LoadCase, name = 'case'): Promise<LoadOutput> {
  const file = join(folder, `${name.replace(/\W+/g, '-')}.json`)
  await writeFile(file, JSON.stringify(load))
  const { stdout } = await execFileAsync(process.execPath, ['--import', 'tsx', join(root, 'bench', 'http-load.ts'), file], { cwd: root, maxBuffer: 64 << 20 })
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as LoadOutput
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
  const composed = Array.from({ length: rotation }, (_, i) => `${composeBench}S${i}`)
  rows.push(...await serve(composition.ntriples, () => [
    // The heavy request by design (an integer program over the mixed catalog; seconds each): two
    // at once, three each, every one counted to its answer; meanwhile `/health` and `GET /match`
    // at 100 requests per second each (as fast as answers come, they took a core from the
    // composes), against the same requests alone before and after.
    {
      name: 'POST /compose',
      method: 'POST',
      requests: [{ path: '/compose', body: composition.request }],
      connections: 2,
      amount: 6,
      alongside: [
        { name: 'GET /health', requests: [{ path: '/health' }], connections: 1, rate: 100 },
        { name: 'GET /match', requests: composed.map((a, i) => ({ path: `/match?a=${iri(a)}&b=${iri(composed[(i + 1) % composed.length]!)}` })), connections: 1, rate: 100 }
      ]
    }
  ]))
  return `${table(rows)}\n\nLoad average at the start: ${load} (${cpus().length} cores).`
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) console.log(await run())
