/**
 * One read of a data directory's catalog snapshot, measured in-process: how long `readSnapshot`
 * takes, the longest the event loop waited meanwhile (a 1 ms timer's largest gap) and the RSS
 * after it. `npx tsx bench/snapshot.ts <data-dir> [<checkout>]` reads with this checkout's reader
 * or another's (its `src/catalog/snapshot.ts`), so two formats can be compared on the same
 * catalog; the key is taken from the file's own header, so any current snapshot is read.
 */
import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))

/** What one read took. */
export interface SnapshotRead {
  readonly status: string
  readonly services: number
  readonly fileMb: number
  readonly readMs: number
  readonly longestLoopGapMs: number
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
  let longestLoopGapMs = 0
  let last = performance.now()
  const timer = setInterval(() => {
    const now = performance.now()
    longestLoopGapMs = Math.max(longestLoopGapMs, now - last)
    last = now
  }, 1)
  const started = performance.now()
  const read = await reader.readSnapshot(file, header.key)
  const readMs = performance.now() - started
  clearInterval(timer)
  return {
    status: read.status,
    services: read.catalog?.services.size ?? 0,
    fileMb: (await stat(file)).size / 2 ** 20,
    readMs,
    longestLoopGapMs,
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
    rssMb: Math.round(run.rssMb)
  }))
}
