/**
 * `/health` latency as a client sees it, next to the floor of the machine: the same client asks
 * several servers in turn — a bare `node:http` server answering a fixed JSON body
 * (`bare-health-server.ts`), `serve --empty`, `serve` on a catalog — one request after another
 * on one keep-alive connection per server, after a warm-up, so every server sees the same
 * moments of the machine. Three clients:
 *
 * - `http`: `node:http` with a keep-alive agent of one socket;
 * - `fetch`: undici's `fetch` with a keep-alive `Agent` of one connection;
 * - `autocannon`: one connection, in bursts of `burst` (100) requests per server in turn (each
 *   burst opens its connection; its first answer is left out).
 *
 * The client runs in a process of its own (`sampleHealthApart`; `HealthSampler` keeps one asking
 * the floor and a server until told to stop, for a server that is starting or working), as a
 * real one does. Client and
 * servers share the machine's cores: the bare server's tail is the floor, what the client and
 * the machine add to any server.
 *
 * `npx tsx bench/health-latency.ts [data-dir] [--samples N] [--client http|fetch|autocannon]`
 * starts the bare server, `serve --empty` and (given a data directory) `serve` on it, and prints
 * p50/p99/max per server and client.
 */
import { execFile, spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { Agent as HttpAgent, get } from 'node:http'
import { mkdtemp, rm } from 'node:fs/promises'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { createInterface } from 'node:readline'
import { promisify } from 'node:util'
import { setTimeout as delay } from 'node:timers/promises'
import autocannon from 'autocannon'
import { Agent, fetch } from 'undici'
import { ms, percentile, table } from './measure.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const node = [process.execPath, '--import', 'tsx']
const execFileAsync = promisify(execFile)

/** A client that asks one URL and resolves with the milliseconds until the whole answer was read. */
export type HealthClient = 'http' | 'fetch' | 'autocannon'
export const healthClients: readonly HealthClient[] = ['http', 'fetch', 'autocannon']

/** A server the bench asks: its name in the table and its origin. */
export interface HealthTarget { readonly name: string, readonly url: string }

/** A started server process and its origin. */
export interface StartedServer { readonly url: string, readonly child: ChildProcess }

/** Starts a process that prints `serving at <origin>/` on stderr when it answers. */
export function startServer (args: readonly string[]): Promise<StartedServer> {
  const child = spawn(node[0]!, [...node.slice(1), ...args], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] })
  return new Promise((resolve, reject) => {
    let text = ''
    const exited = (code: number | null) => { reject(new Error(`${args.join(' ')} exited with ${String(code)}: ${text.slice(-2000)}`)) }
    child.once('exit', exited)
    child.stderr!.on('data', (chunk: Buffer) => {
      text += chunk.toString()
      const match = /serving at (http:\/\/[^\s/]+)\//.exec(text)
      if (match === null) return
      child.off('exit', exited)
      child.stderr!.resume()
      resolve({ url: match[1]!, child })
    })
  })
}

/** The bare `node:http` server: the floor. */
export function startBareServer (): Promise<StartedServer> {
  return startServer([join(root, 'bench', 'bare-health-server.ts')])
}

/** `symphony serve --empty` on `dataDir` (a new directory stays empty; an imported one keeps its catalog). */
export function startServe (dataDir: string): Promise<StartedServer> {
  return startServer([join(root, 'src', 'cli', 'bin.ts'), 'serve', '--data-dir', dataDir, '--port', '0', '--empty'])
}

/** Stops the servers and waits until they exited. */
export async function stopServers (servers: readonly StartedServer[]): Promise<void> {
  await Promise.all(servers.map(async ({ child }) => {
    if (child.exitCode !== null || child.signalCode !== null) return
    const exited = new Promise(resolve => child.once('exit', resolve))
    child.kill('SIGTERM')
    await exited
  }))
}

/** Samples in milliseconds per target name. */
export type HealthSamples = Map<string, number[]>

/** How the servers are asked: which client, how many answers each, after how many unmeasured. */
export interface SampleOptions { readonly client: HealthClient, readonly samples: number, readonly warmUp?: number, readonly burst?: number }

/** What a sampling until stopped gave: the answers' times and the failed requests per target. */
export interface HealthRun { readonly samples: HealthSamples, readonly failures: Map<string, number> }

/**
 * `sampleHealth` in a process of its own, as a real client is: its heap and its collections are
 * not the bench's (which may hold a generated catalog of hundreds of megabytes).
 */
export async function sampleHealthApart (targets: readonly HealthTarget[], options: SampleOptions): Promise<HealthSamples> {
  const { stdout } = await execFileAsync(node[0]!, [...node.slice(1), fileURLToPath(import.meta.url), '--sample', JSON.stringify({ targets, options })], { cwd: root, maxBuffer: 64 << 20 })
  return new Map(JSON.parse(stdout) as Array<[string, number[]]>)
}

/**
 * Asks `/health` of every target in turn, `samples` times each after `warmUp` rounds, with
 * `client`; resolves with each target's times.
 */
export async function sampleHealth (targets: readonly HealthTarget[], options: SampleOptions): Promise<HealthSamples> {
  const result: HealthSamples = new Map(targets.map(target => [target.name, []]))
  const warmUp = options.warmUp ?? 200
  if (options.client === 'autocannon') {
    const burst = options.burst ?? 100
    for (const target of targets) await autocannonBurst(target.url, warmUp)
    for (let done = 0; done < options.samples; done += burst) {
      for (const target of targets) result.get(target.name)!.push(...(await autocannonBurst(target.url, Math.min(burst, options.samples - done) + 1)).slice(1))
    }
    return result
  }
  const ask = askerOf(options.client)
  try {
    for (let i = 0; i < warmUp; i++) for (const target of targets) await ask.health(target.url)
    for (let i = 0; i < options.samples; i++) for (const target of targets) result.get(target.name)!.push(await ask.health(target.url))
  } finally {
    await ask.close()
  }
  return result
}

/**
 * Asks `/health` of every target in turn with `client`, from the first round (no warm-up), until
 * `until.stopped`: a server that is starting or busy is measured while it is. A failed request
 * (an error status, a dropped connection) is counted, not thrown.
 */
export async function sampleHealthUntil (targets: readonly HealthTarget[], client: 'http' | 'fetch', until: { readonly stopped: boolean }): Promise<HealthRun> {
  const samples: HealthSamples = new Map(targets.map(target => [target.name, []]))
  const failures = new Map(targets.map(target => [target.name, 0]))
  const ask = askerOf(client)
  try {
    while (!until.stopped) {
      for (const target of targets) {
        const at = performance.now()
        await ask.health(target.url).then(time => { samples.get(target.name)!.push(time) }, () => {
          failures.set(target.name, failures.get(target.name)! + 1)
          // A dropped connection is not asked again at once in a tight loop.
          return delay(Math.max(0, 1 - (performance.now() - at)))
        })
      }
    }
  } finally {
    await ask.close()
  }
  return { samples, failures }
}

/** One sampling of `HealthSampler`: the floor and a server asked in turn until `stop`. */
export interface HealthSampling { stop: () => Promise<HealthRun> }

/**
 * The floor (`bare-health-server.ts`) and a client process of its own, started once for a run:
 * `sample(url)` asks the floor and `url` in turn (`sampleHealthUntil`, samples named `floor` and
 * `server`) until its `stop`, so a server's `/health` while it starts or works is measured with
 * the same client as `bench/load.ts`'s and next to the floor in the same moments.
 */
export class HealthSampler {
  private constructor (private readonly floor: StartedServer, private readonly client: ChildProcess, private readonly lines: AsyncIterator<string>) {}

  /** The floor's origin, for a sampling of a fixed size (`sampleHealthApart`). */
  get floorUrl (): string { return this.floor.url }

  static async start (): Promise<HealthSampler> {
    const floor = await startBareServer()
    const client = spawn(node[0]!, [...node.slice(1), fileURLToPath(import.meta.url), '--sampler'], { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] })
    const lines = createInterface({ input: client.stdout! })[Symbol.asyncIterator]()
    // The process says when it listens for commands: its start is not in the first sampling.
    const first = await lines.next()
    if (first.done === true || first.value !== 'listening') {
      client.kill('SIGTERM')
      await stopServers([floor])
      throw new Error(`the health client process did not start: ${String(first.value)}`)
    }
    return new HealthSampler(floor, client, lines)
  }

  /** Starts asking the floor and `url` in turn with the `node:http` client. */
  sample (url: string): HealthSampling {
    const targets: HealthTarget[] = [{ name: 'floor', url: this.floor.url }, { name: 'server', url }]
    this.client.stdin!.write(JSON.stringify({ targets, client: 'http' }) + '\n')
    return {
      stop: async () => {
        this.client.stdin!.write('stop\n')
        const line = await this.lines.next()
        if (line.done === true) throw new Error('the health client process ended while sampling')
        const { samples, failures } = JSON.parse(line.value) as { samples: Array<[string, number[]]>, failures: Array<[string, number]> }
        return { samples: new Map(samples), failures: new Map(failures) }
      }
    }
  }

  async close (): Promise<void> {
    const exited = new Promise(resolve => this.client.once('exit', resolve))
    this.client.stdin!.end()
    await exited
    await stopServers([this.floor])
  }
}

function askerOf (client: 'http' | 'fetch'): Asker {
  return client === 'http' ? httpAsker() : fetchAsker()
}

interface Asker { health: (url: string) => Promise<number>, close: () => Promise<void> }

function httpAsker (): Asker {
  const agents = new Map<string, HttpAgent>()
  return {
    health: url => {
      let agent = agents.get(url)
      if (agent === undefined) agents.set(url, agent = new HttpAgent({ keepAlive: true, maxSockets: 1 }))
      const start = performance.now()
      return new Promise((resolve, reject) => {
        get(`${url}/health`, { agent }, response => {
          response.on('data', () => {})
          response.once('end', () => {
            if (response.statusCode !== 200) reject(new Error(`${url}/health answered ${String(response.statusCode)}`))
            else resolve(performance.now() - start)
          })
        }).once('error', reject)
      })
    },
    close: async () => { for (const agent of agents.values()) agent.destroy() }
  }
}

function fetchAsker (): Asker {
  const dispatcher = new Agent({ connections: 1, keepAliveTimeout: 60_000 })
  return {
    health: async url => {
      const start = performance.now()
      const response = await fetch(`${url}/health`, { dispatcher })
      await response.arrayBuffer()
      if (!response.ok) throw new Error(`${url}/health answered ${response.status}`)
      return performance.now() - start
    },
    close: () => dispatcher.close()
  }
}

async function autocannonBurst (url: string, amount: number): Promise<number[]> {
  const times: number[] = []
  const instance = autocannon({ url: `${url}/health`, connections: 1, amount })
  instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    if (statusCode !== 200) throw new Error(`${url}/health answered ${statusCode}`)
    times.push(responseTime)
  })
  await instance
  return times
}

/** One row per target: p50, p99, max, and how many answers took over 5 ms. */
export function healthRows (client: HealthClient, samples: HealthSamples): Array<Record<string, string | number>> {
  return [...samples].map(([name, times]) => ({
    client,
    server: name,
    samples: times.length,
    'p50 ms': ms(percentile(times, 0.5)),
    'p99 ms': ms(percentile(times, 0.99)),
    'max ms': ms(Math.max(...times)),
    'over 5 ms': `${(100 * times.filter(t => t > 5).length / times.length).toFixed(1)} %`
  }))
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href && process.argv[2] === '--sample') {
  // The client process of `sampleHealthApart`.
  const { targets, options } = JSON.parse(process.argv[3]!) as { targets: HealthTarget[], options: SampleOptions }
  process.stdout.write(JSON.stringify([...await sampleHealth(targets, options)]))
} else if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href && process.argv[2] === '--sampler') {
  // The client process of `HealthSampler`: a line of targets starts a sampling, `stop` ends it
  // and prints its samples as one line; the end of stdin ends the process.
  let until = { stopped: false }
  let running: Promise<HealthRun> | undefined
  const commands = createInterface({ input: process.stdin })
  process.stdout.write('listening\n')
  for await (const line of commands) {
    if (line === 'stop') {
      until.stopped = true
      const { samples, failures } = await running!
      process.stdout.write(JSON.stringify({ samples: [...samples], failures: [...failures] }) + '\n')
      running = undefined
    } else {
      const { targets, client } = JSON.parse(line) as { targets: HealthTarget[], client: 'http' | 'fetch' }
      until = { stopped: false }
      running = sampleHealthUntil(targets, client, until)
    }
  }
} else if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2)
  const option = (name: string) => { const i = args.indexOf(name); return i < 0 ? undefined : args.splice(i, 2)[1] }
  const samples = Number(option('--samples') ?? 3000)
  const clientName = option('--client')
  const clients = clientName === undefined ? healthClients : [clientName as HealthClient]
  const dataDir = args[0]
  const empty = await mkdtemp(join(tmpdir(), 'symphony-bench-health-'))
  const servers: StartedServer[] = []
  try {
    const bare = await startBareServer()
    servers.push(bare)
    const emptyServer = await startServe(empty)
    servers.push(emptyServer)
    const targets: HealthTarget[] = [{ name: 'bare node:http (floor)', url: bare.url }, { name: 'serve --empty', url: emptyServer.url }]
    if (dataDir !== undefined) {
      const full = await startServe(dataDir)
      servers.push(full)
      targets.push({ name: `serve ${dataDir}`, url: full.url })
      // The composition workers read the catalog once it is ready: not measured while they do.
      await delay(20_000)
    }
    const rows: Array<Record<string, string | number>> = []
    const load = loadavg()[0]!.toFixed(1)
    for (const client of clients) rows.push(...healthRows(client, await sampleHealthApart(targets, { client, samples })))
    console.log(`load average ${load} at the start, ${loadavg()[0]!.toFixed(1)} at the end\n\n${table(rows)}`)
  } finally {
    await stopServers(servers)
    await rm(empty, { recursive: true, force: true })
  }
}
