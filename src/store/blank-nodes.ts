import { createHash } from 'node:crypto'
import { DataFactory } from 'n3'
import type { Quad, Term } from '@rdfjs/types'

/**
 * Relabels blank nodes so their labels are unique to one graph: parsers number blank nodes
 * per process, so two descriptions parsed in different runs could otherwise share `_:b0_1`.
 * Labels are deterministic (graph hash + order of first appearance).
 */
export function scopeBlankNodes (graph: string, quads: readonly Quad[]): Quad[] {
  const prefix = 'g' + createHash('sha256').update(graph).digest('hex').slice(0, 12) + '_'
  const labels = new Map<string, Term>()
  const relabel = <T extends Term>(term: T): T => {
    if (term.termType !== 'BlankNode') return term
    let node = labels.get(term.value)
    if (node === undefined) {
      node = DataFactory.blankNode(prefix + labels.size)
      labels.set(term.value, node)
    }
    return node as T
  }
  const graphNode = DataFactory.namedNode(graph)
  return quads.map(q => DataFactory.quad(relabel(q.subject), q.predicate, relabel(q.object), graphNode) as Quad)
}
