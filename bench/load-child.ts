/**
 * One measured step of the load bench, in a fresh process so its memory peak is its own:
 * `parse <file>` (the floor: one n3 parse), `data <file> <request.json>` (open the engine on
 * `--data` and answer one discovery), `import <file> <data-dir>` (build a data directory),
 * `endpoint-import <file> <query-url> <graph-store-url>` (import into a SPARQL endpoint) or
 * `endpoint <request.json> <query-url> <graph-store-url>` (open the engine on the endpoint: read
 * every graph, compile, answer one discovery) or `endpoint-read - <query-url> <graph-store-url>`
 * (only read every public graph of the endpoint, as the compile does).
 * Prints one JSON line: milliseconds and peak RSS in MB.
 */
import { readFile } from 'node:fs/promises'
import { performance } from 'node:perf_hooks'
import { Parser } from 'n3'
import { openEngine } from '../src/engine.js'
import { SparqlEndpointStore } from '../src/store/index.js'

const [step, file, extra] = process.argv.slice(2)
const started = performance.now()
if (step === 'parse') {
  const count = new Parser({ format: 'N-Triples' }).parse(await readFile(file!, 'utf8')).length
  if (count === 0) throw new Error('nothing parsed')
} else if (step === 'data') {
  const engine = await openEngine({ dataFiles: [file!] })
  const answer = await engine.discover(JSON.parse(await readFile(extra!, 'utf8')))
  if (answer.results.length === 0) throw new Error('discovery found nothing')
  await engine.close()
} else if (step === 'import') {
  const engine = await openEngine({ dataDir: extra! })
  await engine.importFiles([file!])
  await engine.close()
} else if (step === 'endpoint-read') {
  const quads = await new SparqlEndpointStore({ queryUrl: extra!, graphStoreUrl: process.argv[5]!, timeoutMs: 600_000 }).quads({ publicOnly: true })
  if (quads.length === 0) throw new Error('nothing read')
} else if (step === 'endpoint-import' || step === 'endpoint') {
  const endpoint = { queryUrl: extra!, graphStoreUrl: process.argv[5]!, timeoutMs: 600_000 }
  const engine = await openEngine({ endpoint })
  if (step === 'endpoint-import') await engine.importFiles([file!])
  else if ((await engine.discover(JSON.parse(await readFile(file!, 'utf8')))).results.length === 0) throw new Error('discovery found nothing')
  await engine.close()
} else {
  throw new Error(`unknown step ${String(step)}`)
}
process.stdout.write(JSON.stringify({ ms: performance.now() - started, rssMb: process.resourceUsage().maxRSS / 1024 }) + '\n')
