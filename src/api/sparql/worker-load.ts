/**
 * The SPARQL worker's copy of the public graphs, loaded as the serving thread gives them
 * (`snapshotOf`): a data directory's graph file is read and checked here, with the function the
 * compile thread reads it with, so the serving thread neither parses nor serializes it.
 */
import type { Store } from 'oxigraph'
import { oxigraph } from './worker-packages.js'
import { storedText } from '../../catalog-thread/stored-text.js'
import type { GraphDump } from '../../store/index.js'

/**
 * Loads the public graphs into `store` (a fresh one); stops at the first graph whose file no
 * longer holds the text the store read from it (replaced by a later write, damaged or gone) and
 * returns its IRI.
 */
export function loadGraphs (store: Store, graphs: readonly GraphDump[]): string | undefined {
  for (const entry of graphs) {
    if ('file' in entry) {
      const text = storedText(entry)
      if (text === undefined) return entry.graph
      // Every line names its graph (the store writes each graph's file so).
      if (text.length > 0) store.load(text, { format: 'application/n-quads', no_transaction: true, lenient: true })
    } else if ('nquads' in entry) {
      // Chunks of whole lines, each naming its graph: one load, so blank nodes keep one scope.
      if (entry.nquads.length > 0) store.load(entry.nquads, { format: 'application/n-quads', no_transaction: true, lenient: true })
    } else if (entry.ntriples !== '') {
      store.load(entry.ntriples, { format: 'application/n-triples', to_graph_name: oxigraph.namedNode(entry.graph), no_transaction: true, lenient: true })
    }
  }
  return undefined
}
