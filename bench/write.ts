/**
 * One write on a large data directory, measured in-process: the engine opened as `symphony serve`
 * opens it (the catalog compiled in its thread), then a provider publishing one service (the
 * example PBX description) or an import of it, with a 1 ms timer counting how long the event
 * loop was held meanwhile (every wait a request would have had to sit through) and the
 * collector's pauses. The data directory is written to: run it on a copy.
 * `npx tsx bench/write.ts <data-dir> publish|import [<checkout>]` (another checkout's engine when
 * given, to compare code); prints one JSON line.
 */
import { readFile } from 'node:fs/promises'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { performance, PerformanceObserver } from 'node:perf_hooks'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type * as Engine from '../src/engine.js'

const root = fileURLToPath(new URL('..', import.meta.url))

/** What one write held. */
export interface WriteWaits {
  readonly writeMs: number
  /** The event loop's waits over 20 ms from the write's start until a second after it returned, longest first. */
  readonly waitsMs: readonly number[]
  /** The collector's pauses over 20 ms meanwhile, longest first. */
  readonly gcMs: readonly number[]
  readonly peakRssMb: number
}

/** Opens the engine of `checkout` on `dataDir` as `serve` does and measures one write. */
export async function measureWrite (dataDir: string, write: 'publish' | 'import', checkout = root): Promise<WriteWaits> {
  const { openEngine } = await import(pathToFileURL(join(checkout, 'src', 'engine.ts')).href) as typeof Engine
  const engine = await openEngine({ dataDir, compileInBackground: true })
  try {
    await engine.catalog()
    const fixture = join(checkout, 'test', 'fixtures', 'api', 'acme-pbx.ttl')
    const acme = 'https://example.org/acme#Acme'
    let recording = false
    const waits: number[] = []
    const gc: number[] = []
    const observer = new PerformanceObserver(list => { for (const entry of list.getEntries()) if (recording && entry.duration > 20) gc.push(entry.duration) })
    observer.observe({ entryTypes: ['gc'] })
    let last = performance.now()
    const timer = setInterval(() => {
      const now = performance.now()
      if (recording && now - last > 20) waits.push(now - last)
      last = now
    }, 1)
    await new Promise(resolve => setTimeout(resolve, 500))
    recording = true
    const started = performance.now()
    if (write === 'import') await engine.importFiles([fixture])
    else await engine.publish({ provider: acme, name: 'pbx', mediaType: 'text/turtle', text: await readFile(fixture, 'utf8') }, { actor: acme })
    const writeMs = performance.now() - started
    await new Promise(resolve => setTimeout(resolve, 1000))
    recording = false
    clearInterval(timer)
    observer.disconnect()
    const longestFirst = (values: number[]) => values.sort((a, b) => b - a).map(v => Math.round(v))
    return { writeMs: Math.round(writeMs), waitsMs: longestFirst(waits), gcMs: longestFirst(gc), peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }
  } finally {
    await engine.close()
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [dataDir, write, checkout] = process.argv.slice(2)
  if (write !== 'publish' && write !== 'import') throw new Error('usage: bench/write.ts <data-dir> publish|import [<checkout>]')
  const load = loadavg()[0]!.toFixed(1)
  const waits = await measureWrite(dataDir!, write, checkout)
  console.log(JSON.stringify({ load, ...waits, waitsMs: waits.waitsMs.slice(0, 10), waitsOver50: waits.waitsMs.filter(w => w > 50).length, gcMs: waits.gcMs.slice(0, 10) }))
  process.exit(0)
}
