/**
 * Matcher speed: discovery and "combinable with X" on generated catalogs of 1k and 10k
 * services (bench/catalog-generator.ts: ~200 interface classes, 1–4 provides, 1–3 requires),
 * measured three ways in one run — (a) the matcher on the compiled catalog, (b) the same
 * question as SPARQL through comunica over an n3 Store, (c) a plain indexed TypeScript loop
 * (bench/match-baseline.ts). Targets at 10k: (a) within 3× of (c), ≥100× faster than (b).
 * Answer sets of the three are checked to agree before timing.
 */
import { performance } from 'node:perf_hooks'
import { Parser, Store as N3Store } from 'n3'
import type { Quad } from '@rdfjs/types'
import { QueryEngine } from '@comunica/query-sparql-rdfjs-lite'
import { compileCatalog } from '../src/catalog/index.js'
import { combinableWith, discover } from '../src/matcher/index.js'
import { generateCatalog, random } from './catalog-generator.js'
import { buildBaseline } from './match-baseline.js'
import { combinableQuery, discoverQuery } from './match-sparql.js'
import { ms, table, time, type Timing } from './measure.js'


export async function run (sizes: readonly number[] = [1_000, 10_000]): Promise<string> {
  const rows: Array<Record<string, string | number>> = []
  const notes: string[] = []
  for (const size of sizes) {
    const generated = generateCatalog(size)
    const quads = new Parser({ format: 'N-Triples' }).parse(generated.ntriples) as Quad[]
    const start = performance.now()
    const catalog = compileCatalog(quads)
    const compileMs = performance.now() - start
    const baseline = buildBaseline(quads)
    const store = new N3Store(quads)
    const comunica = new QueryEngine()

    // Inputs rotate over a few services and requests so no single answer is cached.
    const next = random(7)
    const classes = generated.interfaceClasses
    const roots = Array.from({ length: 10 }, (_, i) => classes[i]!)
    const requests = Array.from({ length: 8 }, () => ({
      available: [...roots.slice(0, 5), ...Array.from({ length: 40 }, () => classes[Math.floor(next() * classes.length)]!)],
      wanted: [classes[10 + Math.floor(next() * 60)]!],
      limit: 100
    }))
    const xs = Array.from({ length: 8 }, () => generated.services[Math.floor(next() * size)]!)

    // The three must agree on who answers (degrees: matcher vs baseline). Comunica is checked on
    // the small catalog only: at 10k one query takes seconds, and the bench must stay short.
    const verifySparql = size <= 1_000
    for (const [i, request] of requests.entries()) {
      // The baseline knows no near misses: compare the results that miss nothing.
      const ours = discover(catalog, { ...request, limit: size }).results.filter(r => r.missing.length === 0).map(r => `${r.service} ${r.degree}`).sort()
      const base = baseline.discover(request.available, request.wanted, size).map(r => `${r.service} ${['exact', 'plugin', 'subsumes'][r.rank]}`).sort()
      if (ours.join('\n') !== base.join('\n')) throw new Error(`discover: matcher and baseline disagree on request ${i}`)
      if (i === 0 && verifySparql) {
        const viaSparql = (await (await comunica.queryBindings(discoverQuery(request.available, request.wanted[0]!), { sources: [store] })).toArray())
          .map(b => b.get('service')!.value).sort()
        if (viaSparql.join('\n') !== ours.map(r => r.split(' ')[0]).sort().join('\n')) throw new Error('discover: comunica and matcher disagree')
      }
      if (i === 0) notes.push(`${size}: discover answers ${ours.length} services (first ${request.limit} returned)`)
    }
    for (const [i, x] of xs.entries()) {
      const ours = combinableWith(catalog, x).map(r => `${r.service} ${r.degree}`).sort()
      const base = baseline.combinableWith(x).map(r => `${r.service} ${['exact', 'plugin', 'subsumes'][r.rank]}`).sort()
      if (ours.join('\n') !== base.join('\n')) throw new Error(`combinableWith: matcher and baseline disagree on ${x}`)
      if (i === 0 && verifySparql) {
        const viaSparql = (await (await comunica.queryBindings(combinableQuery(x), { sources: [store] })).toArray()).map(b => b.get('other')!.value).sort()
        if (viaSparql.join('\n') !== ours.map(r => r.split(' ')[0]).sort().join('\n')) throw new Error('combinableWith: comunica and matcher disagree')
      }
      if (i === 0) notes.push(`${size}: combinableWith answers ${ours.length} services`)
    }

    const runs = size > 5_000 ? 100 : 200
    const slowRuns = size > 5_000 ? 1 : 3
    let k = 0
    const measure = async (name: string, ours: () => unknown, base: () => unknown, sparql: () => Promise<unknown>) => {
      const a = await time(runs, ours)
      const c = await time(runs, base)
      const b = await time(slowRuns, sparql, { warmUp: false })
      rows.push(row(size, name, a, b, c, compileMs))
    }
    await measure('discover',
      () => discover(catalog, requests[k++ % requests.length]!),
      () => { const r = requests[k++ % requests.length]!; return baseline.discover(r.available, r.wanted, r.limit) },
      async () => { const r = requests[k++ % requests.length]!; return (await comunica.queryBindings(discoverQuery(r.available, r.wanted[0]!), { sources: [store] })).toArray() })
    await measure('combinableWith',
      () => combinableWith(catalog, xs[k++ % xs.length]!),
      () => baseline.combinableWith(xs[k++ % xs.length]!),
      async () => (await comunica.queryBindings(combinableQuery(xs[k++ % xs.length]!), { sources: [store] })).toArray())
  }
  return `Matcher (a) vs comunica over n3 (b) vs plain TS index (c); p50/p95 in ms ` +
    `(a, c: 200 runs at 1k, 100 at 10k; b: 3 runs at 1k, 1 at 10k)\n${table(rows)}\n${notes.join('\n')}`
}

function row (size: number, name: string, ours: Timing, comunica: Timing, plain: Timing, compileMs: number): Record<string, string | number> {
  return {
    services: size,
    query: name,
    'compile ms': ms(compileMs),
    '(a) matcher p50': ms(ours.p50),
    '(a) p95': ms(ours.p95),
    '(c) plain p50': ms(plain.p50),
    '(c) p95': ms(plain.p95),
    '(b) comunica p50': ms(comunica.p50),
    '(b) p95': ms(comunica.p95),
    'a/c': (ours.p50 / plain.p50).toFixed(2) + '×',
    'b/a': (comunica.p50 / ours.p50).toFixed(0) + '×'
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await run())
