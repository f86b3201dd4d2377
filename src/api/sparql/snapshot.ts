/**
 * The SPARQL worker's copy of the store: every named graph as N-Triples text, or (when
 * `fromHeld`) a graph read from a data directory's file as that file and digest, which the
 * worker reads and checks itself, and a graph held as term ids as its N-Quads bytes: no
 * JavaScript parse or serialization of either on the event loop. The text is written a slice per
 * turn, one graph at a time; any store but the embedded one is serialized graph by graph.
 */
import { inDefaultGraph, serializeRdf } from '../../rdf/index.js'
import { MemoryStore } from '../../store/index.js'
import type { Store } from '../../store/index.js'
import type { SnapshotGraph } from './runner.js'

/** Every named graph of `store` but the `excluded` ones, as the worker loads it. */
export async function snapshotOf (store: Store, excluded: (graph: string) => boolean, options: { readonly fromHeld: boolean }): Promise<SnapshotGraph[]> {
  const graphs: SnapshotGraph[] = []
  if (store instanceof MemoryStore) {
    for await (const dump of store.graphDumps(name => !excluded(name), options)) graphs.push(dump)
    return graphs
  }
  for (const { graph } of await store.graphs()) {
    if (excluded(graph)) continue
    const triples = (await store.graph(graph)).map(inDefaultGraph)
    graphs.push({ graph, ntriples: await serializeRdf(triples, 'n-triples') })
  }
  return graphs
}
