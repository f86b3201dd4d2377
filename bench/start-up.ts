/**
 * One `symphony serve` start on a data directory, measured from outside: when it listens, when
 * it says it is ready, when the first discovery answers, `/health` latency while it starts
 * (sequential requests from the moment it listens until it is ready), and its peak RSS. `/health`
 * is asked as `bench/load.ts` asks it, by `health-latency.ts`'s client process in turn with the
 * bare `node:http` floor (`HealthSampler`), so every figure has the floor of the same moments.
 * `npx tsx bench/start-up.ts <data-dir> <discovery.json> [<checkout>]` measures one start
 * (of another checkout's `src/cli/bin.ts` when given: a server that only listens once ready has
 * no start-up samples), then, once the composition workers are idle (one has loaded the catalog
 * for discoveries), `/health` while two clients discover back to back (`measureDiscoveries`);
 * `bench/load.ts` uses `measureStart`.
 */
import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { HealthSampler, sampleHealthApart } from './health-latency.js'
import { ms, percentile, table } from './measure.js'

const root = fileURLToPath(new URL('..', import.meta.url))

/** What one start took, in milliseconds from the spawn, and its memory. */
export interface StartUp {
  readonly listeningMs: number
  readonly readyMs: number
  readonly firstAnswerMs: number
  /** `/health` answers while starting (empty when the server listens only once ready). */
  readonly startingHealthMs: readonly number[]
  /** The floor's answers to the same client in turn with `startingHealthMs`. */
  readonly startingFloorMs: readonly number[]
  /** `/health` requests while starting that failed (an error status or a dropped connection). */
  readonly startingHealthFailures: number
  /** `/health` answers asked while the first discovery was in flight (sequential, from the moment it was sent). */
  readonly firstDiscoveryHealthMs: readonly number[]
  /** The floor's answers in turn with `firstDiscoveryHealthMs`. */
  readonly firstDiscoveryFloorMs: readonly number[]
  readonly peakRssMb: number
}

/** A started server, ready, still running: the caller stops it. */
export interface Started extends StartUp {
  readonly url: string
  readonly child: ChildProcess
}

/** How `measureStart` runs: another checkout's `serve`, and the floor and client that ask `/health`. */
export interface StartOptions {
  /** A checkout whose `src/cli/bin.ts` is started (default: this one). */
  readonly checkout?: string
  /** The floor and the client process (`bench/health-latency.ts`) that ask `/health` meanwhile. */
  readonly sampler: HealthSampler
  /** A `--data` file the catalog is read from (`serve --data`), instead of the data directory's. */
  readonly dataFile?: string
}

/**
 * Starts `serve` on `dataDir` (`--empty`, port 0; with `dataFile`, `--data` too) and measures it until the first discovery
 * answers. `/health` is asked by `options.sampler`'s client in turn with the floor, from the
 * moment the server listens until it says it is ready (a request asked before the message
 * arrived counts, however late its answer: the last steps before `serving at` may hold it), and
 * again while the first discovery is in flight.
 */
export async function measureStart (dataDir: string, discovery: unknown, options: StartOptions): Promise<Started> {
  const checkout = options.checkout ?? root
  const started = performance.now()
  const data = options.dataFile === undefined ? [] : ['--data', options.dataFile]
  const child = spawn(process.execPath, ['--import', 'tsx', join(checkout, 'src', 'cli', 'bin.ts'), 'serve', ...data, '--data-dir', dataDir, '--port', '0', '--empty'],
    { cwd: checkout, stdio: ['ignore', 'ignore', 'pipe'] })
  let listeningMs = NaN
  let readyMs = NaN
  let stderr = ''
  let exited: string | undefined
  let ready: (() => void) | undefined
  const readyPromise = new Promise<void>((resolve, reject) => {
    ready = resolve
    child.once('exit', code => { exited = `serve exited with ${String(code)}: ${stderr.slice(-2000)}`; reject(new Error(exited)) })
  })
  // Awaited once it listens; a server that exits before is reported by `listening`.
  readyPromise.catch(() => {})
  const listening = new Promise<string>((resolve, reject) => {
    let text = ''
    child.stderr!.on('data', (chunk: Buffer) => {
      text += chunk.toString()
      stderr = text
      if (process.env.START_UP_STDERR !== undefined) process.stderr.write(chunk)
      const address = /(?:listening|serving) at (http:\/\/[^\s/]+)\//.exec(text)
      if (address !== null && Number.isNaN(listeningMs)) {
        listeningMs = performance.now() - started
        resolve(address[1]!)
      }
      if (/serving at /.test(text) && Number.isNaN(readyMs)) {
        readyMs = performance.now() - started
        ready?.()
      }
    })
    child.once('exit', code => reject(new Error(`serve exited with ${String(code)}: ${text.slice(-2000)}`)))
  })
  const url = await listening
  const starting = Number.isNaN(readyMs) ? options.sampler.sample(url) : undefined
  await readyPromise.catch(async (error: unknown) => { await starting?.stop(); throw error })
  const whileStarting = await starting?.stop()
  if (exited !== undefined) throw new Error(exited)
  const first = fetch(`${url}/discover`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(discovery) })
    .then(async response => {
      await response.arrayBuffer()
      if (!response.ok) throw new Error(`/discover answered ${response.status}`)
      return performance.now() - started
    })
  // What the first discovery holds: `/health` asked one after another until it is answered.
  const during = options.sampler.sample(url)
  const firstAnswerMs = await first.catch(async (error: unknown) => { await during.stop(); throw error })
  const whileDiscovering = await during.stop()
  if (whileDiscovering.failures.get('server')! > 0) throw new Error(`/health failed ${whileDiscovering.failures.get('server')!} times while the first discovery ran`)
  const peakRssMb = await peakRssOf(child)
  return {
    url,
    child,
    listeningMs,
    readyMs,
    firstAnswerMs,
    startingHealthMs: whileStarting?.samples.get('server') ?? [],
    startingFloorMs: whileStarting?.samples.get('floor') ?? [],
    startingHealthFailures: whileStarting?.failures.get('server') ?? 0,
    firstDiscoveryHealthMs: whileDiscovering.samples.get('server')!,
    firstDiscoveryFloorMs: whileDiscovering.samples.get('floor')!,
    peakRssMb
  }
}

/** The process's peak resident memory in MB so far (NaN when it cannot be read). */
export function peakRssOf (child: ChildProcess): Promise<number> {
  return readFile(`/proc/${child.pid!}/status`, 'utf8')
    .then(text => Number(/VmHWM:\s+(\d+) kB/.exec(text)?.[1] ?? NaN) / 1024, () => NaN)
}

/** `/health` while discoveries run, and the discoveries' own times, in milliseconds. */
export interface DuringDiscoveries {
  /** From the first discovery's answer until the composition workers were idle (a worker loading the catalog for discoveries). */
  readonly workersIdleMs: number
  /** 2,000 `/health` asked one after another before the discoveries: the waits of the machine and the server at rest. */
  readonly idleHealthMs: readonly number[]
  /** The floor's answers in turn with `idleHealthMs`. */
  readonly idleFloorMs: readonly number[]
  readonly healthMs: readonly number[]
  /** The floor's answers in turn with `healthMs`. */
  readonly floorMs: readonly number[]
  readonly discoveryMs: readonly number[]
}

/**
 * Waits until the server's composition workers are idle, then sends `rounds` discoveries from each
 * of two clients back to back (the request with its wanted type varied over its available ones)
 * while `sampler`'s client asks `/health` one request after another, in turn with the floor.
 */
export async function measureDiscoveries (url: string, discovery: { available: readonly string[], wanted: readonly string[] }, sampler: HealthSampler, rounds = 20): Promise<DuringDiscoveries> {
  const waiting = performance.now()
  for (;;) {
    const health = await (await fetch(`${url}/health`)).json() as { compose?: { busy: number, queued: number } }
    if ((health.compose?.busy ?? 0) === 0 && (health.compose?.queued ?? 0) === 0) break
    if (performance.now() - waiting > 600_000) throw new Error('the composition workers stayed busy for 10 minutes')
    await new Promise(resolve => setTimeout(resolve, 100))
  }
  const workersIdleMs = performance.now() - waiting
  const variant = (i: number): unknown => ({ ...discovery, wanted: [discovery.available[(15 + 7 * i) % discovery.available.length] ?? discovery.wanted[0]] })
  const discover = async (i: number): Promise<number> => {
    const at = performance.now()
    const response = await fetch(`${url}/discover`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(variant(i)) })
    await response.arrayBuffer()
    if (!response.ok) throw new Error(`/discover answered ${response.status}`)
    return performance.now() - at
  }
  const idle = await sampleHealthApart([{ name: 'floor', url: sampler.floorUrl }, { name: 'server', url }], { client: 'http', samples: 2000, warmUp: 0 })
  // Warm-up: the first answers of each request shape are slower in both checkouts.
  for (let i = 0; i < 4; i++) await discover(i)
  const discoveryMs: number[] = []
  const sampling = sampler.sample(url)
  const clients = await Promise.allSettled([0, 1].map(async client => {
    for (let i = 0; i < rounds; i++) discoveryMs.push(await discover(2 * i + client))
  }))
  const during = await sampling.stop()
  for (const client of clients) if (client.status === 'rejected') throw client.reason
  if (during.failures.get('server')! > 0) throw new Error(`/health failed ${during.failures.get('server')!} times while discoveries ran`)
  return { workersIdleMs, idleHealthMs: idle.get('server')!, idleFloorMs: idle.get('floor')!, healthMs: during.samples.get('server')!, floorMs: during.samples.get('floor')!, discoveryMs }
}

/** One row of `/health` figures: the floor's and the server's answers asked in turn by one client. */
export function floorRow (phase: string, floor: readonly number[], ours: readonly number[], failures = 0): Record<string, string | number> {
  const figures = (times: readonly number[]) => times.length === 0 ? '–' : `${ms(percentile(times, 0.5))} / ${ms(percentile(times, 0.99))} / ${ms(Math.max(...times))}`
  return { '/health asked': phase, samples: ours.length, 'floor p50 / p99 / max ms': figures(floor), 'serve p50 / p99 / max ms': figures(ours), failures }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [dataDir, request, checkout] = process.argv.slice(2)
  const discovery = JSON.parse(await readFile(request!, 'utf8')) as { available: string[], wanted: string[] }
  const load = loadavg()[0]!.toFixed(1)
  const sampler = await HealthSampler.start()
  try {
    const run = await measureStart(dataDir!, discovery, { sampler, ...(checkout === undefined ? {} : { checkout }) })
    const during = await measureDiscoveries(run.url, discovery, sampler).catch((error: unknown) => { run.child.kill('SIGTERM'); throw error })
    const peakRssAfterDiscoveriesMb = await peakRssOf(run.child)
    run.child.kill('SIGTERM')
    await new Promise(resolve => run.child.once('exit', resolve))
    console.log(`load average ${load} at the start, ${loadavg()[0]!.toFixed(1)} at the end\n`)
    console.log(table([{
      'listening ms': ms(run.listeningMs),
      'ready ms': ms(run.readyMs),
      'first discovery ms': ms(run.firstAnswerMs - run.readyMs),
      'first answer ms': ms(run.firstAnswerMs),
      'peak RSS MB': Math.round(run.peakRssMb),
      'workers idle after ms': ms(during.workersIdleMs),
      'discovery p50 / p90 ms': `${ms(percentile(during.discoveryMs, 0.5))} / ${ms(percentile(during.discoveryMs, 0.9))}`,
      'peak RSS after discoveries MB': Math.round(peakRssAfterDiscoveriesMb)
    }]))
    console.log('\n' + table([
      floorRow('while starting (listening to ready)', run.startingFloorMs, run.startingHealthMs, run.startingHealthFailures),
      floorRow('while the first discovery runs', run.firstDiscoveryFloorMs, run.firstDiscoveryHealthMs),
      floorRow('at rest, workers idle', during.idleFloorMs, during.idleHealthMs),
      floorRow('while two clients discover', during.floorMs, during.healthMs)
    ]))
  } finally {
    await sampler.close()
  }
}
