/**
 * Remote-store benchmark: a generated catalog of 10,000 and 100,000 services in a private,
 * stock-configured Virtuoso (Debian's package, started here), read back by a fresh process that
 * opens the engine on the endpoint, compiles the catalog and answers one discovery (and by one
 * that only reads every public graph, as the compile does). Baseline,
 * sampled alternately in the same run: the same process on the same catalog as an N-Triples
 * file (`--data`). Every step runs in a fresh process (`load-child.ts`), so its memory peak is
 * its own.
 *
 * The catalog is first imported as `symphony import --endpoint` does (staging graph, then one
 * update that moves it into place, or, past one transaction of the endpoint, a journal of moves
 * carried out in batches).
 * `npm run bench -- remote`, or `npx tsx bench/remote.ts 10000 100000`.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { startPrivateVirtuoso, virtuosoInstalled } from '../test/support/private-virtuoso.js'
import { generateCatalog } from './catalog-generator.js'
import { step, type Step } from './load.js'
import { ms, table } from './measure.js'

const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

export async function run (sizes: readonly number[] = [10_000, 100_000]): Promise<string> {
  if (!virtuosoInstalled()) return 'remote bench skipped: Virtuoso is not installed (apt-get install virtuoso-opensource-7)'
  const load = loadavg()[0]!.toFixed(1)
  const rows: Array<Record<string, string | number>> = []
  for (const services of sizes) {
    // A fresh Virtuoso per size: the catalog is the only one it holds.
    const virtuoso = await startPrivateVirtuoso()
    const folder = await mkdtemp(join(tmpdir(), 'symphony-bench-remote-'))
    try {
      const catalog = generateCatalog(services)
      const file = join(folder, 'catalog.nt')
      const request = join(folder, 'request.json')
      await writeFile(file, catalog.ntriples)
      await writeFile(request, JSON.stringify({ available: catalog.interfaceClasses, wanted: [catalog.interfaceClasses[15]!], limit: 10 }))
      process.stderr.write(`remote bench: ${services} services (${catalog.triples} triples): import into Virtuoso…\n`)
      const imported = await step('endpoint-import', file, virtuoso.queryUrl, virtuoso.graphStoreUrl)
      const rounds = services > 20_000 ? 2 : 3
      const data: Step[] = []
      const remote: Step[] = []
      const read: Step[] = []
      for (let round = 0; round < rounds; round++) {
        process.stderr.write(`remote bench: ${services} services, round ${round + 1} of ${rounds}…\n`)
        data.push(await step('data', file, request))
        remote.push(await step('endpoint', request, virtuoso.queryUrl, virtuoso.graphStoreUrl))
        read.push(await step('endpoint-read', '-', virtuoso.queryUrl, virtuoso.graphStoreUrl))
      }
      const row = (what: string, steps: readonly Step[], baseline: number): Record<string, string | number> => ({
        services,
        triples: catalog.triples,
        step: what,
        'ms (median)': ms(median(steps.map(s => s.ms))),
        'ms (all)': steps.map(s => ms(s.ms)).join(' / '),
        'peak RSS MB': Math.round(Math.max(...steps.map(s => s.rssMb))),
        ratio: `${(median(steps.map(s => s.ms)) / baseline).toFixed(2)}×`
      })
      const baseline = median(data.map(s => s.ms))
      rows.push(row('--data file: open, compile, discover (baseline)', data, baseline))
      rows.push(row('Virtuoso: open, read, compile, discover', remote, baseline))
      rows.push(row('Virtuoso: read every public graph (only)', read, baseline))
      rows.push(row('Virtuoso: import the file', [imported], baseline))
    } finally {
      await rm(folder, { recursive: true, force: true })
      await virtuoso.stop()
    }
  }
  return [
    `load average at the start: ${load} (2-core machine); every step a fresh process; ratio: time over the --data baseline of the same run`,
    '',
    table(rows)
  ].join('\n')
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  const sizes = process.argv.slice(2).map(Number).filter(n => n > 0)
  console.log(await run(sizes.length > 0 ? sizes : undefined))
}
