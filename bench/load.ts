/**
 * Load benchmark: how long a catalog of 10,000 and 100,000 generated services takes to become
 * answerable, and how much memory that takes. Every step runs in a fresh process:
 *
 * - `parse`: one n3 parse of the N-Triples file, the floor every load pays (the baseline);
 * - `--data`: open the engine on the file and answer one discovery (as `symphony discover --data`);
 * - `serve`: start `symphony serve` on a data directory holding the catalog: until it listens,
 *   until it is ready and until the first discovery answers, with the longest `/health` answer asked
 *   meanwhile (`bench/start-up.ts`); then `/health`
 *   p50/p99 over sequential requests, interleaved with the same requests to a server on an empty
 *   data directory (its baseline);
 * - `restart`: `serve` again on the same data directory, which reads the catalog snapshot the
 *   first start saved: listening, ready, first answer (and `/health` meanwhile), `/health` p99 while it starts (sequential
 *   requests from listening to ready), peak RSS, and the snapshot's size.
 *
 * Samples of `parse` and `--data` alternate, after one warm-up parse. `npm run bench -- load`,
 * or `npx tsx bench/load.ts 10000 100000`.
 */
import { execFile, spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { generateCatalog } from './catalog-generator.js'
import { ms, table } from './measure.js'
import { measureStart, percentile } from './start-up.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const node = [process.execPath, '--import', 'tsx']
const execFileAsync = promisify(execFile)

/** One step's time and its process's peak memory. */
export interface Step { readonly ms: number, readonly rssMb: number }

/** Runs one step of `load-child.ts` in a fresh process. */
export async function step (...args: string[]): Promise<Step> {
  const { stdout } = await execFileAsync(node[0]!, [...node.slice(1), join(root, 'bench', 'load-child.ts'), ...args], { cwd: root, maxBuffer: 1 << 20 })
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as Step
}

interface Server { readonly url: string, readonly child: ChildProcess, readonly listeningMs: number, readonly started: number }

async function serve (dataDir: string): Promise<Server> {
  const started = performance.now()
  const child = spawn(node[0]!, [...node.slice(1), join(root, 'src', 'cli', 'bin.ts'), 'serve', '--data-dir', dataDir, '--port', '0', '--empty'],
    { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] })
  const url = await new Promise<string>((resolve, reject) => {
    let text = ''
    child.stderr!.on('data', (chunk: Buffer) => {
      text += chunk.toString()
      const match = /serving at (http:\/\/[^\s/]+)\//.exec(text)
      if (match !== null) resolve(match[1]!)
    })
    child.once('exit', code => reject(new Error(`serve exited with ${String(code)}: ${text.slice(-2000)}`)))
  })
  return { url, child, listeningMs: performance.now() - started, started }
}

async function timed (url: string, init?: RequestInit): Promise<number> {
  const start = performance.now()
  const response = await fetch(url, init)
  await response.arrayBuffer()
  if (!response.ok) throw new Error(`${url} answered ${response.status}`)
  return performance.now() - start
}

export async function run (sizes: readonly number[] = [10_000, 100_000]): Promise<string> {
  const rows: Array<Record<string, string | number>> = []
  const load = loadavg()[0]!.toFixed(1)
  for (const services of sizes) {
    const folder = await mkdtemp(join(tmpdir(), 'symphony-bench-load-'))
    try {
      const catalog = generateCatalog(services)
      const file = join(folder, 'catalog.nt')
      const request = join(folder, 'request.json')
      await writeFile(file, catalog.ntriples)
      const discovery = { available: catalog.interfaceClasses, wanted: [catalog.interfaceClasses[15]!], limit: 10 }
      await writeFile(request, JSON.stringify(discovery))
      const rounds = services > 20_000 ? 1 : 3
      process.stderr.write(`load bench: ${services} services (${catalog.triples} triples), ${rounds} rounds…\n`)
      await step('parse', file)
      const parse: Step[] = []
      const data: Step[] = []
      for (let i = 0; i < rounds; i++) {
        parse.push(await step('parse', file))
        data.push(await step('data', file, request))
      }
      const dataDir = join(folder, 'data')
      const imported = await step('import', file, dataDir)
      const empty = join(folder, 'empty')
      const baseline = await serve(empty)
      const server = await measureStart(dataDir, discovery)
      const health: number[] = []
      const baseHealth: number[] = []
      for (let i = 0; i < 20; i++) { await timed(`${server.url}/health`); await timed(`${baseline.url}/health`) }
      for (let i = 0; i < 500; i++) {
        health.push(await timed(`${server.url}/health`))
        baseHealth.push(await timed(`${baseline.url}/health`))
      }
      const serveRss = server.peakRssMb
      for (const s of [server, baseline]) s.child.kill('SIGTERM')
      await new Promise(resolve => server.child.once('exit', resolve))
      // Started again on the same directory: the catalog is read from the snapshot the first one saved.
      const again = await measureStart(dataDir, discovery)
      const snapshotMb = (await stat(join(dataDir, 'catalog.snapshot'))).size / 2 ** 20
      again.child.kill('SIGTERM')
      const median = (steps: Step[], key: keyof Step) => percentile(steps.map(s => s[key]), 0.5)
      rows.push({
        services,
        triples: catalog.triples,
        'parse ms (baseline)': ms(median(parse, 'ms')),
        '--data ms': ms(median(data, 'ms')),
        '--data/parse': `${(median(data, 'ms') / median(parse, 'ms')).toFixed(1)}×`,
        '--data RSS MB': Math.round(median(data, 'rssMb')),
        'import ms': ms(imported.ms),
        'import RSS MB': Math.round(imported.rssMb),
        'serve listening ms': ms(server.listeningMs),
        'serve ready ms': ms(server.readyMs),
        'first answer ms': ms(server.firstAnswerMs),
        '/health longest during first discovery ms': ms(Math.max(...server.firstDiscoveryHealthMs)),
        'serve RSS MB': Math.round(serveRss),
        'restart listening ms': ms(again.listeningMs),
        'restart ready ms': ms(again.readyMs),
        'restart first answer ms': ms(again.firstAnswerMs),
        'restart /health longest during first discovery ms': ms(Math.max(...again.firstDiscoveryHealthMs)),
        'restart /health p99 while starting ms': ms(percentile(again.startingHealthMs, 0.99)),
        'restart /health failures while starting': again.startingHealthFailures,
        'restart RSS MB': Math.round(again.peakRssMb),
        'snapshot MB': Math.round(snapshotMb),
        '/health p50 ms': ms(percentile(health, 0.5)),
        '/health p99 ms': ms(percentile(health, 0.99)),
        'empty /health p99 ms': ms(percentile(baseHealth, 0.99))
      })
    } finally {
      await rm(folder, { recursive: true, force: true })
    }
  }
  return `machine load average at start: ${load}\n\n` + table(rows)
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const sizes = process.argv.slice(2).map(Number)
  console.log(await run(sizes.length > 0 ? sizes : undefined))
}
