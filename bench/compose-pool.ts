/**
 * The API's liveness while compositions run: a server on 127.0.0.1 over a generated catalog
 * (1,000 and 10,000 services, adapter chains of depth 5), two clients composing back to back,
 * and a third asking `/health` one request after another. Reports `/health` p50/p99 and compose
 * p50 with the composition workers (default size) and without them (`compose.workers: 0`, the
 * search on the event loop), measured in the same run; the ratio is the p99 without over with.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildApp } from '../src/api/index.js'
import { openEngine } from '../src/engine.js'
import { generateCompositionCatalog } from './compose-catalog.js'
import { ms, percentile } from './measure.js'

const composers = 2
const composesPerClient = 6

/** One server: warm it (catalog compiled, workers loaded), then time /health under composes. */
async function measure (file: string, request: unknown, workers: number | undefined): Promise<{ health: number[], compose: number[], failures: number }> {
  const engine = await openEngine({ dataFiles: [file] })
  const app = buildApp(engine, { logger: false, console: false, ...(workers === undefined ? {} : { compose: { workers } }) })
  let failures = 0
  try {
    const base = await app.listen({ port: 0, host: '127.0.0.1' })
    const post = async (): Promise<number> => {
      const start = performance.now()
      const response = await fetch(`${base}/compose`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) })
      // A refusal (503 on an overloaded machine) is counted as a failed compose, not timed as one.
      await response.arrayBuffer()
      if (response.status !== 200) failures++
      return performance.now() - start
    }
    // Warm-up: every worker compiles its catalog (one compose per worker, side by side).
    await Promise.all(Array.from({ length: composers }, post))
    const compose: number[] = []
    let running = composers
    const clients = Array.from({ length: composers }, async () => {
      for (let i = 0; i < composesPerClient; i++) compose.push(await post())
      running--
    })
    const health: number[] = []
    while (running > 0) {
      const start = performance.now()
      await (await fetch(`${base}/health`)).arrayBuffer()
      health.push(performance.now() - start)
    }
    await Promise.all(clients)
    return { health, compose, failures }
  } finally {
    await app.close()
    await engine.close()
  }
}

export async function run (): Promise<Array<Record<string, string | number>>> {
  const rows: Array<Record<string, string | number>> = []
  const folder = await mkdtemp(join(tmpdir(), 'symphony-bench-pool-'))
  try {
    for (const size of [1_000, 10_000]) {
      const generated = generateCompositionCatalog(size, 5, 'mixed')
      const file = join(folder, `catalog-${size}.nt`)
      await writeFile(file, generated.ntriples)
      const inline = await measure(file, generated.request, 0)
      const pooled = await measure(file, generated.request, undefined)
      for (const [mode, result] of [['event loop', inline], ['workers', pooled]] as const) {
        rows.push({
          services: generated.services,
          compose: mode,
          'health samples': result.health.length,
          'health p50 ms': ms(percentile(result.health, 0.5)),
          'health p99 ms': ms(percentile(result.health, 0.99)),
          'compose p50 ms': ms(percentile(result.compose, 0.5)),
          'compose failures': result.failures
        })
      }
      rows.push({ services: generated.services, compose: 'p99 ratio', 'health samples': '', 'health p50 ms': '', 'health p99 ms': `${(percentile(inline.health, 0.99) / percentile(pooled.health, 0.99)).toFixed(1)}×`, 'compose p50 ms': '', 'compose failures': '' })
    }
  } finally {
    await rm(folder, { recursive: true, force: true })
  }
  return rows
}
