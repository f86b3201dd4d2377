/**
 * The SPARQL worker's copy of the store: every named graph as N-Triples text. On the embedded
 * store the text comes straight from oxigraph, one graph at a time (no JavaScript parse or
 * serialization on the event loop); any other store is serialized graph by graph.
 */
import { inDefaultGraph, serializeRdf } from '../../rdf/index.js'
import { MemoryStore } from '../../store/index.js'
import type { Store } from '../../store/index.js'
import type { SnapshotGraph } from './runner.js'

/** Every named graph of `store` but the `excluded` ones, as the worker loads it. */
export async function snapshotOf (store: Store, excluded: (graph: string) => boolean): Promise<SnapshotGraph[]> {
  const graphs: SnapshotGraph[] = []
  if (store instanceof MemoryStore) {
    for await (const { graph, ntriples } of store.graphDumps(name => !excluded(name))) graphs.push({ graph, ntriples })
    return graphs
  }
  for (const { graph } of await store.graphs()) {
    if (excluded(graph)) continue
    const triples = (await store.graph(graph)).map(inDefaultGraph)
    graphs.push({ graph, ntriples: await serializeRdf(triples, 'n-triples') })
  }
  return graphs
}
