/**
 * Embedded store choice: n3 Store vs oxigraph (WASM) on a generated catalog — load time,
 * a "what provides what X requires" SPARQL query (oxigraph vs comunica over n3), and memory.
 * Ratios are against the n3 Store / comunica baseline measured in the same run.
 */
import { performance } from 'node:perf_hooks'
import { Parser, Store as N3Store } from 'n3'
import oxigraph from 'oxigraph'
import { QueryEngine } from '@comunica/query-sparql-rdfjs-lite'
import { generateCatalog } from './catalog-generator.js'
import { ms, table, time } from './measure.js'

const combinesWith = (service: string) => `
PREFIX sym: <https://w3id.org/symphony/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?other WHERE {
  <${service}> sym:requires/a ?need .
  ?other sym:provides/a/rdfs:subClassOf* ?need .
}`

function memory (): number {
  globalThis.gc?.()
  const usage = process.memoryUsage()
  return usage.heapUsed + usage.arrayBuffers + usage.external
}

export async function run (sizes: readonly number[] = [1_000, 10_000]): Promise<string> {
  const rows: Array<Record<string, string | number>> = []
  for (const size of sizes) {
    const catalog = generateCatalog(size)
    const service = catalog.services[7]!

    const before = memory()
    let start = performance.now()
    const n3 = new N3Store(new Parser({ format: 'N-Triples' }).parse(catalog.ntriples))
    const n3Load = performance.now() - start
    const n3Bytes = (memory() - before) / catalog.triples

    const beforeOx = memory()
    start = performance.now()
    const ox = new oxigraph.Store()
    ox.load(catalog.ntriples, { format: 'application/n-triples', no_transaction: true })
    const oxLoad = performance.now() - start
    const oxBytes = (memory() - beforeOx) / catalog.triples

    const comunica = new QueryEngine()
    const query = combinesWith(service)
    const runs = size > 5_000 ? 5 : 20
    const viaComunica = await time(runs, async () => (await comunica.queryBindings(query, { sources: [n3] })).toArray())
    const viaOxigraph = await time(runs * 4, () => ox.query(query))
    rows.push({
      services: size,
      triples: catalog.triples,
      'n3 load ms': ms(n3Load),
      'oxigraph load ms': ms(oxLoad),
      'load ratio': (n3Load / oxLoad).toFixed(1) + '×',
      'comunica/n3 query p50': ms(viaComunica.p50),
      'oxigraph query p50': ms(viaOxigraph.p50),
      'query ratio': (viaComunica.p50 / viaOxigraph.p50).toFixed(0) + '×',
      'n3 B/triple': Math.round(n3Bytes),
      'oxigraph B/triple': Math.round(oxBytes)
    })
    ;(ox as unknown as { free: () => void }).free()
  }
  return `Embedded store (baseline n3 Store; comunica over n3 for queries)\n${table(rows)}`
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await run())
