/**
 * One read of a data directory's catalog snapshot, measured in-process: how long `readSnapshot`
 * takes, how long the event loop waited meanwhile (the gaps of a 1 ms timer: the longest, p99,
 * and how many exceeded 5 ms, of which how many overlapped a collection of the heap, as
 * `perf_hooks` reports them), the scavenges and major collections, and the RSS after it. `npx tsx bench/snapshot.ts <data-dir> [<checkout>]` reads with this checkout's reader
 * or another's (its `src/catalog/snapshot.ts`), so two formats can be compared on the same
 * catalog; the key is taken from the file's own header, so any current snapshot is read.
 */
import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { constants, performance, PerformanceObserver } from 'node:perf_hooks'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))

/** What one read took. */
export interface SnapshotRead {
  readonly status: string
  readonly services: number
  readonly fileMb: number
  readonly readMs: number
  readonly longestLoopGapMs: number
  /** The 99th percentile of the timer's gaps. */
  readonly p99LoopGapMs: number
  /** Gaps over 5 ms, and of them those during which the collector ran. */
  readonly loopGapsOver5Ms: number
  readonly loopGapsOver5MsWithGc: number
  readonly scavenges: number
  readonly scavengeMs: number
  readonly majorGcMs: number
  readonly rssMb: number
}

/** Reads `<dataDir>/catalog.snapshot` with the reader of `checkout`. */
export async function measureRead (dataDir: string, checkout = root): Promise<SnapshotRead> {
  const file = join(dataDir, 'catalog.snapshot')
  const reader = await import(pathToFileURL(join(checkout, 'src', 'catalog', 'snapshot.ts')).href) as {
    readSnapshot: (file: string, key: string) => Promise<{ status: string, catalog?: { services: ReadonlyMap<string, unknown> } }>
  }
  const bytes = await readFile(file)
  const headerAt = bytes.indexOf(10) + 1
  const header = JSON.parse(bytes.subarray(headerAt + 4, headerAt + 4 + bytes.readUInt32LE(headerAt)).toString('utf8')) as { key: string }
  const collections: Array<{ at: number, ms: number, kind: number }> = []
  const observer = new PerformanceObserver(list => {
    for (const entry of list.getEntries()) collections.push({ at: entry.startTime, ms: entry.duration, kind: (entry as { detail?: { kind?: number } }).detail?.kind ?? 0 })
  })
  observer.observe({ entryTypes: ['gc'] })
  const gaps: Array<{ at: number, ms: number }> = []
  let last = performance.now()
  const timer = setInterval(() => {
    const now = performance.now()
    gaps.push({ at: last, ms: now - last })
    last = now
  }, 1)
  const started = performance.now()
  const read = await reader.readSnapshot(file, header.key)
  const readMs = performance.now() - started
  clearInterval(timer)
  // Entries are delivered after the collection: give the observer a turn.
  await new Promise(resolve => setImmediate(resolve))
  observer.disconnect()
  const sorted = gaps.map(gap => gap.ms).sort((a, b) => a - b)
  const over5 = gaps.filter(gap => gap.ms > 5)
  const kind = (kind: number) => collections.filter(entry => entry.kind === kind)
  const total = (entries: ReadonlyArray<{ ms: number }>) => entries.reduce((sum, entry) => sum + entry.ms, 0)
  return {
    status: read.status,
    services: read.catalog?.services.size ?? 0,
    fileMb: (await stat(file)).size / 2 ** 20,
    readMs,
    longestLoopGapMs: sorted.at(-1) ?? 0,
    p99LoopGapMs: sorted[Math.min(sorted.length - 1, Math.floor(0.99 * sorted.length))] ?? 0,
    loopGapsOver5Ms: over5.length,
    loopGapsOver5MsWithGc: over5.filter(gap => collections.some(entry => entry.at < gap.at + gap.ms && entry.at + entry.ms > gap.at)).length,
    scavenges: kind(constants.NODE_PERFORMANCE_GC_MINOR).length,
    scavengeMs: total(kind(constants.NODE_PERFORMANCE_GC_MINOR)),
    majorGcMs: total(kind(constants.NODE_PERFORMANCE_GC_MAJOR)),
    rssMb: process.memoryUsage().rss / 2 ** 20
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [dataDir, checkout] = process.argv.slice(2)
  const run = await measureRead(dataDir!, checkout)
  console.log(JSON.stringify({
    status: run.status,
    services: run.services,
    fileMb: Number(run.fileMb.toFixed(1)),
    readMs: Math.round(run.readMs),
    longestLoopGapMs: Math.round(run.longestLoopGapMs),
    p99LoopGapMs: Number(run.p99LoopGapMs.toFixed(1)),
    loopGapsOver5Ms: run.loopGapsOver5Ms,
    loopGapsOver5MsWithGc: run.loopGapsOver5MsWithGc,
    scavenges: run.scavenges,
    scavengeMs: Math.round(run.scavengeMs),
    majorGcMs: Math.round(run.majorGcMs),
    rssMb: Math.round(run.rssMb)
  }))
}
