/**
 * What a write will leave: a writer that compiles the catalog of its write before storing it
 * (publishing checks that catalog first) can hand that catalog over as the one of the store
 * after the write, if it compiled exactly the quads the store then lists.
 */
import type { Quad } from '@rdfjs/types'
import { isPrivateGraph } from '../project.js'
import { forEachInSlices } from '../turns.js'
import { scopeBlankNodes } from './blank-nodes.js'
import type { GraphContent } from './types.js'

/**
 * The public quads as the in-process stores list them after `putGraphs(graphs)` on a store that
 * listed `quads` (`quads()`, every graph or the public ones): each graph written replaces the
 * graph in its place or is added after the others in the order given, an empty one is gone, and
 * blank nodes are scoped to their graph as the write scopes them. Also `graphs` scoped, to be
 * written as they are (scoping them again changes nothing). One pass over `quads`, a slice per
 * turn of the event loop.
 */
export async function contentAfter (quads: readonly Quad[], graphs: readonly GraphContent[]): Promise<{ quads: Quad[], graphs: GraphContent[] }> {
  const scoped = graphs.map(({ graph, quads }) => ({ graph, quads: scopeBlankNodes(graph, quads) }))
  const written = new Map(scoped.map(({ graph, quads }) => [graph, quads]))
  const placed = new Set<string>()
  const after: Quad[] = []
  const place = (graph: string): void => {
    placed.add(graph)
    for (const q of written.get(graph)!) after.push(q)
  }
  await forEachInSlices(quads, q => {
    const graph = q.graph.value
    if (isPrivateGraph(graph)) return
    if (!written.has(graph)) after.push(q)
    else if (!placed.has(graph)) place(graph)
  })
  for (const graph of written.keys()) if (!placed.has(graph) && !isPrivateGraph(graph)) place(graph)
  return { quads: after, graphs: scoped }
}
