/**
 * A fallback class hierarchy for forms generated without the reasoner: the reflexive,
 * transitive closure of `rdfs:subClassOf` and `owl:equivalentClass` (both ways) in the graph.
 * The engine passes the reasoner's hierarchy instead; forms never import the reasoner.
 */
import type { Quad } from '@rdfjs/types'
import { terms } from '../rdf/index.js'
import type { IsSubClassOf } from './types.js'

/** `isSubClassOf` from the graph's own `rdfs:subClassOf` / `owl:equivalentClass` triples (reflexive, transitive). */
export function classHierarchy (quads: readonly Quad[]): IsSubClassOf {
  const supers = new Map<string, Set<string>>()
  const link = (a: string, b: string): void => {
    supers.set(a, (supers.get(a) ?? new Set()).add(b))
  }
  for (const quad of quads) {
    if (quad.subject.termType !== 'NamedNode' || quad.object.termType !== 'NamedNode') continue
    if (quad.predicate.value === terms.subClassOf) link(quad.subject.value, quad.object.value)
    if (quad.predicate.value === terms.equivalentClass) {
      link(quad.subject.value, quad.object.value)
      link(quad.object.value, quad.subject.value)
    }
  }
  const closure = new Map<string, Set<string>>()
  const ancestors = (cls: string): Set<string> => {
    let found = closure.get(cls)
    if (found !== undefined) return found
    found = new Set([cls])
    const queue = [cls]
    while (queue.length > 0) {
      for (const parent of supers.get(queue.pop()!) ?? []) {
        if (!found.has(parent)) {
          found.add(parent)
          queue.push(parent)
        }
      }
    }
    closure.set(cls, found)
    return found
  }
  return (sub, sup) => ancestors(sub).has(sup)
}
