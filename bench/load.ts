/**
 * Load benchmark: how long a catalog of 10,000 and 100,000 generated services takes to become
 * answerable, and how much memory that takes. Every step runs in a fresh process:
 *
 * - `parse`: one n3 parse of the N-Triples file, the floor every load pays (the baseline);
 * - `--data`: open the engine on the file and answer one discovery (as `symphony discover --data`);
 * - `serve`: start `symphony serve` on a data directory holding the catalog: until it listens,
 *   until it is ready and until the first discovery answers, with the longest `/health` answer asked
 *   meanwhile (`bench/start-up.ts`); then `/health` p50/p99/max over 3,000 sequential requests on
 *   a keep-alive connection, interleaved with the same requests to a server on an empty data
 *   directory and to a bare `node:http` server answering a fixed body (the floor: what the
 *   machine and the client add to any server; `bench/health-latency.ts`);
 * - `restart`: `serve` again on the same data directory, which reads the catalog snapshot the
 *   first start saved: listening, ready, first answer (and `/health` meanwhile), `/health` p99 while it starts (sequential
 *   requests from listening to ready), peak RSS, and the snapshot's size;
 * - `serve --data`: `serve` on the N-Triples file itself (compiled at start, no snapshot): ready,
 *   first answer, peak RSS.
 *
 * Samples of `parse` and `--data` alternate, after one warm-up parse. `npm run bench -- load`,
 * or `npx tsx bench/load.ts 10000 100000`.
 */
import { execFile } from 'node:child_process'
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { generateCatalog } from './catalog-generator.js'
import { ms, percentile, table } from './measure.js'
import { measureStart } from './start-up.js'
import { HealthSampler, sampleHealthApart, startServe } from './health-latency.js'

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

export async function run (sizes: readonly number[] = [10_000, 100_000]): Promise<string> {
  const rows: Array<Record<string, string | number>> = []
  const load = loadavg()[0]!.toFixed(1)
  // The floor and the client that ask `/health` while a server starts, and the floor below.
  const sampler = await HealthSampler.start()
  try {
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
      const baseline = await startServe(empty)
      const server = await measureStart(dataDir, discovery, { sampler })
      // The same client asks the three in turn: the bare server's tail is what the machine and
      // the client add to any server.
      const health = await sampleHealthApart([
        { name: 'floor', url: sampler.floorUrl }, { name: 'empty', url: baseline.url }, { name: 'catalog', url: server.url }
      ], { client: 'http', samples: 3000 })
      const serveRss = server.peakRssMb
      for (const s of [server, baseline]) s.child.kill('SIGTERM')
      await new Promise(resolve => server.child.once('exit', resolve))
      // Started again on the same directory: the catalog is read from the snapshot the first one saved.
      const again = await measureStart(dataDir, discovery, { sampler })
      const snapshotMb = (await stat(join(dataDir, 'catalog.snapshot'))).size / 2 ** 20
      again.child.kill('SIGTERM')
      await new Promise(resolve => again.child.once('exit', resolve))
      // `serve --data` on the file itself, in a data directory of its own: compiled at start (no snapshot).
      const fromFile = await measureStart(join(folder, 'served'), discovery, { sampler, dataFile: file })
      fromFile.child.kill('SIGTERM')
      await new Promise(resolve => fromFile.child.once('exit', resolve))
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
        'floor longest during first discovery ms': ms(Math.max(...server.firstDiscoveryFloorMs)),
        'serve RSS MB': Math.round(serveRss),
        'restart listening ms': ms(again.listeningMs),
        'restart ready ms': ms(again.readyMs),
        'restart first answer ms': ms(again.firstAnswerMs),
        'restart /health longest during first discovery ms': ms(Math.max(...again.firstDiscoveryHealthMs)),
        'restart /health p99 while starting ms': ms(percentile(again.startingHealthMs, 0.99)),
        'restart floor p99 while starting ms': ms(percentile(again.startingFloorMs, 0.99)),
        'restart /health failures while starting': again.startingHealthFailures,
        'restart RSS MB': Math.round(again.peakRssMb),
        'snapshot MB': Math.round(snapshotMb),
        'serve --data ready ms': ms(fromFile.readyMs),
        'serve --data first answer ms': ms(fromFile.firstAnswerMs),
        'serve --data RSS MB': Math.round(fromFile.peakRssMb),
        '/health p50 ms': ms(percentile(health.get('catalog')!, 0.5)),
        '/health p99 ms': ms(percentile(health.get('catalog')!, 0.99)),
        '/health max ms': ms(Math.max(...health.get('catalog')!)),
        'empty /health p50 ms': ms(percentile(health.get('empty')!, 0.5)),
        'empty /health p99 ms': ms(percentile(health.get('empty')!, 0.99)),
        'floor /health p50 ms': ms(percentile(health.get('floor')!, 0.5)),
        'floor /health p99 ms': ms(percentile(health.get('floor')!, 0.99)),
        'floor /health max ms': ms(Math.max(...health.get('floor')!))
      })
    } finally {
      await rm(folder, { recursive: true, force: true })
    }
  }
  } finally {
    await sampler.close()
  }
  return `machine load average at start: ${load}\n\n` + table(rows)
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const sizes = process.argv.slice(2).map(Number)
  console.log(await run(sizes.length > 0 ? sizes : undefined))
}
