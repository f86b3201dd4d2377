/**
 * The part of a large data graph that validating a few nodes can read. Publishing validates a
 * description with the stored vocabulary in the data graph (the types, classes and individuals
 * its nodes name); on a catalog whose one graph both declares the classes and describes
 * 100,000 services, that vocabulary is more than a million triples, and SHACL over all of it
 * took seconds in pieces of several seconds. The description's results read only what its
 * nodes reach, so only that is given to the validator.
 */
import type { Quad, Term } from '@rdfjs/types'
import { ns } from '../rdf/index.js'
import { forEachInSlices } from '../turns.js'

/** Shape parameters whose reach this selection cannot follow: with any of them, every quad is kept. */
const unbounded = new Set(['inversePath', 'target', 'sparql', 'select', 'ask', 'validator', 'nodeValidator', 'propertyValidator'].map(local => ns.sh + local))

/**
 * The quads of `data` that validating `focus` (with every quad of `focus` in the data graph)
 * against `shapes` can read, in `data`'s order: the quads of every node `focus` names (as
 * subject or object) and of every node reached from those along any triple of `data`, and the
 * triples whose object is such a node and whose predicate is a shape's `sh:targetObjectsOf`
 * (the node is a focus node through them), with their subjects' quads in turn; `sh:targetNode`
 * nodes are reached too. For each focus node so reached, the shapes then give exactly the
 * results they give over `focus` and all of `data`: its targets and every value its paths read
 * are in the selection (SHACL §2.1.3, §2.3). Nodes of `data` unconnected to `focus` are no
 * longer focus nodes. Shapes that read backwards or run SPARQL (`sh:inversePath`, SHACL-SPARQL)
 * get all of `data`. Literals are not followed; one pass over `data` per step of the longest
 * chain reached, a slice per turn of the event loop.
 *
 * @example
 * const data = await reachableData(description, vocabulary, shapes)
 * const report = await compileShapes(shapes).validate([...description, ...data])
 */
export async function reachableData (focus: readonly Quad[], data: readonly Quad[], shapes: readonly Quad[]): Promise<Quad[]> {
  if (shapes.some(q => unbounded.has(q.predicate.value))) return data.slice()
  const targetedObjectsOf = new Set(shapes.filter(q => q.predicate.value === ns.sh + 'targetObjectsOf').map(q => q.object.value))
  const reached = new Set<string>()
  const reach = (term: Term): boolean => {
    if (term.termType !== 'NamedNode' && term.termType !== 'BlankNode') return false
    const id = nodeKey(term)
    if (reached.has(id)) return false
    reached.add(id)
    return true
  }
  for (const q of focus) { reach(q.subject); reach(q.object) }
  for (const q of shapes) if (q.predicate.value === ns.sh + 'targetNode') reach(q.object)
  const kept = new Uint8Array(data.length)
  for (let grew = true; grew;) {
    grew = false
    await forEachInSlices(data, (q, i) => {
      if (kept[i] === 1) return
      if (reached.has(nodeKey(q.subject))) {
        kept[i] = 1
        if (reach(q.object)) grew = true
      } else if (targetedObjectsOf.has(q.predicate.value) && reached.has(nodeKey(q.object))) {
        kept[i] = 1
        if (reach(q.subject)) grew = true
      }
    })
  }
  const selected: Quad[] = []
  for (let i = 0; i < data.length; i++) if (kept[i] === 1) selected.push(data[i]!)
  return selected
}

function nodeKey (term: Term): string {
  return term.termType === 'BlankNode' ? `_:${term.value}` : term.value
}
