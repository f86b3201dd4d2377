/**
 * Which of a description's nodes other graphs already describe: the publisher refuses a
 * description of nodes stated elsewhere (`CONFLICT`). Read from the quads the publication has
 * gathered anyway, a slice per turn of the event loop: asked of the store's SPARQL view, the
 * first publication on a large catalog loaded every quad into that view in one piece.
 */
import type { Quad } from '@rdfjs/types'
import { forEachInSlices } from '../turns.js'

/** A node of the description, and a graph that has a triple about it. */
export interface DescribedNode {
  readonly subject: string
  readonly graph: string
}

/**
 * Each distinct pair of a named node that is a subject in `quads` (other than those in `skip`)
 * and a named graph of `stored` holding a triple with that subject — the rows of
 * `SELECT DISTINCT ?s ?g WHERE { VALUES ?s { … } GRAPH ?g { ?s ?p ?o } }` — in the order
 * `stored` first has them.
 */
export async function describedElsewhere (quads: readonly Quad[], stored: readonly Quad[], skip: ReadonlySet<string> = new Set()): Promise<DescribedNode[]> {
  const subjects = new Set<string>()
  for (const q of quads) if (q.subject.termType === 'NamedNode' && !skip.has(q.subject.value)) subjects.add(q.subject.value)
  const found: DescribedNode[] = []
  if (subjects.size === 0) return found
  const seen = new Map<string, Set<string>>()
  await forEachInSlices(stored, q => {
    if (q.subject.termType !== 'NamedNode' || q.graph.termType !== 'NamedNode' || !subjects.has(q.subject.value)) return
    let graphs = seen.get(q.subject.value)
    if (graphs === undefined) seen.set(q.subject.value, graphs = new Set())
    if (graphs.has(q.graph.value)) return
    graphs.add(q.graph.value)
    found.push({ subject: q.subject.value, graph: q.graph.value })
  })
  return found
}
