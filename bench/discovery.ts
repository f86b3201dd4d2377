/**
 * Discovery and "combinable with X" at scale, on the generated catalogs of
 * bench/catalog-generator.ts: discovery latency with near misses (the default) against the
 * same requests answered with full matches only (`includePartial: false`), and the throughput
 * of `combinableWith` with limit 20 against the full list. Targets at 10k: near misses within
 * 3× of full-match-only at p50; combinable with limit 20 ≥ 1,000 answers per second. The
 * samples alternate between the compared variants, after a warm-up.
 */
import { performance } from 'node:perf_hooks'
import { Parser } from 'n3'
import type { Quad } from '@rdfjs/types'
import { compileCatalog } from '../src/catalog/index.js'
import { combinableWith, discover } from '../src/matcher/index.js'
import { generateCatalog, random } from './catalog-generator.js'
import { ms, table } from './measure.js'

interface Samples { readonly a: number[], readonly b: number[] }

/** Interleaved samples of two variants: a, b, a, b, … after `warmUp` rounds of each. */
function interleaved (runs: number, a: (i: number) => unknown, b: (i: number) => unknown, warmUp = 20): Samples {
  for (let i = 0; i < warmUp; i++) { a(i); b(i) }
  const samples: Samples = { a: [], b: [] }
  for (let i = 0; i < runs; i++) {
    let start = performance.now()
    a(i)
    samples.a.push(performance.now() - start)
    start = performance.now()
    b(i)
    samples.b.push(performance.now() - start)
  }
  return samples
}

function percentile (values: number[], q: number): number {
  const sorted = [...values].sort((x, y) => x - y)
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!
}

export async function run (sizes: readonly number[] = [1_000, 10_000]): Promise<string> {
  const rows: Array<Record<string, string | number>> = []
  for (const size of sizes) {
    const generated = generateCatalog(size)
    const catalog = compileCatalog(new Parser({ format: 'N-Triples' }).parse(generated.ntriples) as Quad[])
    const next = random(11)
    const classes = generated.interfaceClasses
    const requests = Array.from({ length: 16 }, () => ({
      available: Array.from({ length: 1 + Math.floor(next() * 4) }, () => classes[Math.floor(next() * classes.length)]!),
      wanted: [classes[10 + Math.floor(next() * (classes.length - 10))]!],
      limit: 20
    }))
    const xs = Array.from({ length: 16 }, () => generated.services[Math.floor(next() * size)]!)
    const runs = 200

    const d = interleaved(runs,
      i => discover(catalog, requests[i % requests.length]!),
      i => discover(catalog, { ...requests[i % requests.length]!, includePartial: false }))
    const answered = requests.map(r => discover(catalog, { ...r, limit: size }).results)
    rows.push(row(size, 'discover: near misses / full only', d, `${mean(answered.map(a => a.length))} results, ${mean(answered.map(a => a.filter(r => r.match === 'full').length))} full`))

    const c = interleaved(runs,
      i => combinableWith(catalog, xs[i % xs.length]!, { limit: 20 }),
      i => combinableWith(catalog, xs[i % xs.length]!))
    rows.push(row(size, 'combinable: limit 20 / all', c, `${mean(xs.map(x => combinableWith(catalog, x).length))} services linkable`))
  }
  return 'Discovery with near misses vs full matches only; combinable with limit 20 vs all (p50/p95 ms, 200 interleaved samples each)\n' +
    table(rows)
}

function mean (values: readonly number[]): string {
  return (values.reduce((s, v) => s + v, 0) / values.length).toFixed(0)
}

function row (size: number, name: string, s: Samples, note: string): Record<string, string | number> {
  const a50 = percentile(s.a, 0.5)
  const b50 = percentile(s.b, 0.5)
  return {
    services: size,
    query: name,
    'first p50': ms(a50),
    'first p95': ms(percentile(s.a, 0.95)),
    'second p50': ms(b50),
    'second p95': ms(percentile(s.b, 0.95)),
    'first/second': (a50 / b50).toFixed(2) + '×',
    'first per s': (1000 / a50).toFixed(0),
    answers: note
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await run())
