/**
 * One `symphony serve` start on a data directory, measured from outside: when it listens, when
 * it says it is ready, when the first discovery answers, `/health` latency while it starts
 * (sequential requests from the moment it listens until it is ready), and its peak RSS.
 * `npx tsx bench/start-up.ts <data-dir> <discovery.json> [<checkout>]` measures one start
 * (of another checkout's `src/cli/bin.ts` when given: a server that only listens once ready has
 * no start-up samples), then, once the composition workers are idle (one has loaded the catalog
 * for discoveries), `/health` while two clients discover back to back (`measureDiscoveries`);
 * `bench/load.ts` uses `measureStart`.
 */
import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))

/** What one start took, in milliseconds from the spawn, and its memory. */
export interface StartUp {
  readonly listeningMs: number
  readonly readyMs: number
  readonly firstAnswerMs: number
  /** `/health` answers while starting (empty when the server listens only once ready). */
  readonly startingHealthMs: readonly number[]
  /** `/health` requests while starting that failed (an error status or a dropped connection). */
  readonly startingHealthFailures: number
  /** `/health` answers asked while the first discovery was in flight (sequential, from the moment it was sent). */
  readonly firstDiscoveryHealthMs: readonly number[]
  readonly peakRssMb: number
}

/** A started server, ready, still running: the caller stops it. */
export interface Started extends StartUp {
  readonly url: string
  readonly child: ChildProcess
}

/** Starts `serve` on `dataDir` (`--empty`, port 0) and measures it until the first discovery answers. */
export async function measureStart (dataDir: string, discovery: unknown, checkout = root): Promise<Started> {
  const started = performance.now()
  const child = spawn(process.execPath, ['--import', 'tsx', join(checkout, 'src', 'cli', 'bin.ts'), 'serve', '--data-dir', dataDir, '--port', '0', '--empty'],
    { cwd: checkout, stdio: ['ignore', 'ignore', 'pipe'] })
  let listeningMs = NaN
  let readyMs = NaN
  let stderr = ''
  let exited: string | undefined
  child.once('exit', code => { exited = `serve exited with ${String(code)}: ${stderr.slice(-2000)}` })
  let ready: (() => void) | undefined
  const readyPromise = new Promise<void>(resolve => { ready = resolve })
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
  const startingHealthMs: number[] = []
  let startingHealthFailures = 0
  while (Number.isNaN(readyMs)) {
    if (exited !== undefined) throw new Error(exited)
    const at = performance.now()
    const ok = await fetch(`${url}/health`).then(async response => { await response.arrayBuffer(); return response.ok }, () => false)
    // Counted when asked before the server said it was ready, however late the answer: the last
    // steps before `serving at` (the app getting ready) may hold it, and their message may arrive
    // before its answer.
    if (!ok) startingHealthFailures++
    else startingHealthMs.push(performance.now() - at)
  }
  await readyPromise
  let answered = false
  const first = fetch(`${url}/discover`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(discovery) })
    .then(async response => {
      await response.arrayBuffer()
      if (!response.ok) throw new Error(`/discover answered ${response.status}`)
      return performance.now() - started
    })
    .finally(() => { answered = true })
  // What the first discovery holds: `/health` asked one after another until it is answered.
  const firstDiscoveryHealthMs: number[] = []
  while (!answered) {
    const at = performance.now()
    const ok = await fetch(`${url}/health`).then(async response => { await response.arrayBuffer(); return response.ok }, () => false)
    if (!ok) throw new Error('/health failed while the first discovery ran')
    firstDiscoveryHealthMs.push(performance.now() - at)
  }
  const firstAnswerMs = await first
  const peakRssMb = await peakRssOf(child)
  return { url, child, listeningMs, readyMs, firstAnswerMs, startingHealthMs, startingHealthFailures, firstDiscoveryHealthMs, peakRssMb }
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
  readonly healthMs: readonly number[]
  readonly discoveryMs: readonly number[]
}

/**
 * Waits until the server's composition workers are idle, then sends `rounds` discoveries from each
 * of two clients back to back (the request with its wanted type varied over its available ones)
 * while a third asks `/health` one request after another.
 */
export async function measureDiscoveries (url: string, discovery: { available: readonly string[], wanted: readonly string[] }, rounds = 20): Promise<DuringDiscoveries> {
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
  const idleHealthMs: number[] = []
  for (let i = 0; i < 2000; i++) {
    const at = performance.now()
    await (await fetch(`${url}/health`)).arrayBuffer()
    idleHealthMs.push(performance.now() - at)
  }
  // Warm-up: the first answers of each request shape are slower in both checkouts.
  for (let i = 0; i < 4; i++) await discover(i)
  const discoveryMs: number[] = []
  let done = false
  const clients = Promise.all([0, 1].map(async client => {
    for (let i = 0; i < rounds; i++) discoveryMs.push(await discover(2 * i + client))
  })).finally(() => { done = true })
  const healthMs: number[] = []
  while (!done) {
    const at = performance.now()
    const response = await fetch(`${url}/health`)
    await response.arrayBuffer()
    if (!response.ok) throw new Error('/health failed while discoveries ran')
    healthMs.push(performance.now() - at)
  }
  await clients
  return { workersIdleMs, idleHealthMs, healthMs, discoveryMs }
}

/** The `q` quantile of `samples` (NaN when there are none). */
export function percentile (samples: readonly number[], q: number): number {
  if (samples.length === 0) return NaN
  const sorted = samples.slice().sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [dataDir, request, checkout] = process.argv.slice(2)
  const discovery = JSON.parse(await readFile(request!, 'utf8')) as { available: string[], wanted: string[] }
  const run = await measureStart(dataDir!, discovery, checkout)
  const during = await measureDiscoveries(run.url, discovery).catch((error: unknown) => { run.child.kill('SIGTERM'); throw error })
  const peakRssAfterDiscoveriesMb = await peakRssOf(run.child)
  run.child.kill('SIGTERM')
  await new Promise(resolve => run.child.once('exit', resolve))
  const { listeningMs, readyMs, firstAnswerMs, startingHealthMs, firstDiscoveryHealthMs, peakRssMb } = run
  console.log(JSON.stringify({
    listeningMs: Math.round(listeningMs),
    readyMs: Math.round(readyMs),
    firstAnswerMs: Math.round(firstAnswerMs),
    startingHealthSamples: startingHealthMs.length,
    startingHealthP50Ms: Number(percentile(startingHealthMs, 0.5).toFixed(2)),
    startingHealthP99Ms: Number(percentile(startingHealthMs, 0.99).toFixed(2)),
    startingHealthMaxMs: Number(Math.max(...startingHealthMs).toFixed(2)),
    startingHealthFailures: run.startingHealthFailures,
    firstDiscoveryMs: Math.round(firstAnswerMs - readyMs),
    firstDiscoveryHealthSamples: firstDiscoveryHealthMs.length,
    firstDiscoveryHealthP99Ms: Number(percentile(firstDiscoveryHealthMs, 0.99).toFixed(2)),
    firstDiscoveryHealthMaxMs: Number(Math.max(...firstDiscoveryHealthMs).toFixed(2)),
    peakRssMb: Math.round(peakRssMb),
    workersIdleMs: Math.round(during.workersIdleMs),
    idleHealthP99Ms: Number(percentile(during.idleHealthMs, 0.99).toFixed(2)),
    discoveriesHealthSamples: during.healthMs.length,
    discoveriesHealthP50Ms: Number(percentile(during.healthMs, 0.5).toFixed(2)),
    discoveriesHealthP99Ms: Number(percentile(during.healthMs, 0.99).toFixed(2)),
    discoveriesHealthMaxMs: Number(Math.max(...during.healthMs).toFixed(2)),
    discoveryP50Ms: Number(percentile(during.discoveryMs, 0.5).toFixed(1)),
    discoveryP90Ms: Number(percentile(during.discoveryMs, 0.9).toFixed(1)),
    peakRssAfterDiscoveriesMb: Math.round(peakRssAfterDiscoveriesMb)
  }))
}
