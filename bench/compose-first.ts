/**
 * The first composition after `symphony serve` starts on a data directory: the server is started
 * and made ready (`start-up.ts`), then one `POST /compose` with a small goal (the discovery
 * request's wanted interface class, from five of its available ones) is timed to its answer,
 * while `/health` is asked one request after another, in turn with the bare floor server, by the
 * client process of `health-latency.ts` (`HealthSampler`); the composition worker loads its catalog
 * for it (from the snapshot, or compiled from the quads the main thread packs). The same request
 * again gives the search alone (the difference is the load); once more with a 60 s budget gives an
 * answer to compare between two checkouts (bundle count, issues and a digest of the bundles).
 * Reports those, the longest and p99 `/health` wait during the first compose beside the floor's,
 * and the server's peak RSS after start-up and after the second compose.
 * `npx tsx bench/compose-first.ts <data-dir> <discovery.json> [<checkout>]` (another checkout's
 * `src/cli/bin.ts` when given).
 */
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { loadavg } from 'node:os'
import { performance } from 'node:perf_hooks'
import { pathToFileURL } from 'node:url'
import { HealthSampler } from './health-latency.js'
import { percentile } from './measure.js'
import { measureStart, peakRssOf } from './start-up.js'

/** The compose request: the discovery's wanted class from five of its available ones. */
export function firstComposeRequest (discovery: { wanted: string[], available: string[] }): unknown {
  return { wanted: discovery.wanted.slice(0, 1), available: discovery.available.slice(0, 5), limit: 3 }
}

export async function measureFirstCompose (dataDir: string, discovery: { wanted: string[], available: string[] }, checkout?: string): Promise<Record<string, number | string>> {
  const sampler = await HealthSampler.start()
  const server = await measureStart(dataDir, discovery, { sampler, ...(checkout === undefined ? {} : { checkout }) }).catch(async (error: unknown) => { await sampler.close(); throw error })
  try {
    const startRss = await peakRssOf(server.child)
    const load = loadavg()[0]!
    const post = async (request: unknown): Promise<{ ms: number, status: number, bundles: unknown[], issues: string }> => {
      const at = performance.now()
      const response = await fetch(`${server.url}/compose`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) })
      const body = await response.json() as { bundles?: unknown[], issues?: Array<{ code: string }> }
      return { ms: performance.now() - at, status: response.status, bundles: body.bundles ?? [], issues: (body.issues ?? []).map(issue => issue.code).join(' ') }
    }
    const request = firstComposeRequest(discovery)
    // `/health` asked one after another until the compose is answered, in turn with the floor.
    const sampling = sampler.sample(server.url)
    const first = await post(request).catch(async (error: unknown) => { await sampling.stop(); throw error })
    const during = await sampling.stop()
    const health = during.samples.get('server')!
    const floor = during.samples.get('floor')!
    // The same search on the loaded worker: the difference is what loading the catalog took.
    const second = await post(request)
    const peakRss = await peakRssOf(server.child)
    // A longer budget: an answer to compare between checkouts.
    const complete = await post({ ...request as object, timeoutMs: 60_000 })
    return {
      composeStatus: first.status,
      bundles: first.bundles.length,
      issues: first.issues,
      firstComposeMs: Math.round(first.ms),
      secondComposeMs: Math.round(second.ms),
      healthSamples: health.length,
      healthP99Ms: Number(percentile(health, 0.99).toFixed(1)),
      healthMaxMs: Number(Math.max(...health).toFixed(1)),
      healthFailures: during.failures.get('server')!,
      floorP99Ms: Number(percentile(floor, 0.99).toFixed(1)),
      floorMaxMs: Number(Math.max(...floor).toFixed(1)),
      longComposeMs: Math.round(complete.ms),
      longAnswer: `${complete.status} ${complete.bundles.length} bundles [${complete.issues}] ${createHash('sha256').update(JSON.stringify(complete.bundles)).digest('hex').slice(0, 12)}`,
      readyMs: Math.round(server.readyMs),
      startPeakRssMb: Math.round(startRss),
      peakRssMb: Math.round(peakRss),
      loadAverage: Number(load.toFixed(1))
    }
  } finally {
    server.child.kill('SIGTERM')
    await new Promise(resolve => server.child.once('exit', resolve))
    await sampler.close()
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [dataDir, request, checkout] = process.argv.slice(2)
  console.log(JSON.stringify(await measureFirstCompose(dataDir!, JSON.parse(await readFile(request!, 'utf8')) as { wanted: string[], available: string[] }, checkout)))
}
