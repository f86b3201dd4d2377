/**
 * Class targets read in the data graph (SHACL §2.1.3.2: the target of `sh:targetClass C` is
 * every SHACL instance of C — `rdf:type/rdfs:subClassOf*` — in the data graph, and so for the
 * implicit class target of a shape that is a class). shacl-engine follows `rdfs:subClassOf` in
 * the shapes graph only, so an instance of a subclass declared in the data (a description typed
 * `a sym:CRM`, with the ontology beside it in the data graph, against `sh:targetClass
 * sym:Service`) was no focus node at all and its description "conformed". This finds the focus
 * nodes the engine's resolution misses, per shape, for a second pass.
 */
import type { Term } from '@rdfjs/types'
import { DataFactory } from 'n3'
import type { Store } from 'n3'
import { ns, terms } from '../rdf/index.js'

const subClassOf = DataFactory.namedNode(`${ns.rdfs}subClassOf`)
const type = DataFactory.namedNode(terms.type)
const targetClass = DataFactory.namedNode(`${ns.sh}targetClass`)
const nodeShape = DataFactory.namedNode(`${ns.sh}NodeShape`)
const targetNode = DataFactory.namedNode(`${ns.sh}targetNode`)
const targetSubjectsOf = DataFactory.namedNode(`${ns.sh}targetSubjectsOf`)
const targetObjectsOf = DataFactory.namedNode(`${ns.sh}targetObjectsOf`)

/**
 * For each shape with a class target (`sh:targetClass`, or a node shape that is itself the
 * class, as shacl-engine reads it), the nodes of `data` that are SHACL instances of the class
 * only through subclass triples of the data graph, which the engine does not target.
 *
 * @example for (const [shape, nodes] of missedClassTargets(shapes, data)) await validator.validate({ dataset: data, terms: nodes }, [{ terms: [shape] }])
 */
export function missedClassTargets (shapes: Store, data: Store): Map<Term, Term[]> {
  const missed = new Map<Term, Term[]>()
  const classesOf = new Map<Term, Term[]>()
  for (const q of shapes.getQuads(null, targetClass, null, null)) classesOf.set(q.subject, [...classesOf.get(q.subject) ?? [], q.object])
  for (const q of shapes.getQuads(null, type, nodeShape, null)) classesOf.set(q.subject, [...classesOf.get(q.subject) ?? [], q.subject])
  for (const [shape, classes] of classesOf) {
    const targeted = subclasses(classes, [shapes])
    const extra = [...subclasses(classes, [shapes, data]).values()].filter(c => !targeted.has(key(c)))
    if (extra.length === 0) continue
    const nodes = new Map<string, Term>()
    for (const c of extra) {
      for (const q of data.getQuads(null, type, c, null)) {
        if (!data.getQuads(q.subject, type, null, null).some(t => targeted.has(key(t.object))) && !otherwiseTargeted(shapes, shape, q.subject, data)) nodes.set(key(q.subject), q.subject)
      }
    }
    if (nodes.size > 0) missed.set(shape, [...nodes.values()])
  }
  return missed
}

/** Whether another target of the shape (`sh:targetNode`, `sh:targetSubjectsOf`, `sh:targetObjectsOf`) has the node already. */
function otherwiseTargeted (shapes: Store, shape: Term, node: Term, data: Store): boolean {
  if (shapes.getQuads(shape, targetNode, node, null).length > 0) return true
  if (shapes.getQuads(shape, targetSubjectsOf, null, null).some(q => data.getQuads(node, q.object, null, null).length > 0)) return true
  return shapes.getQuads(shape, targetObjectsOf, null, null).some(q => data.getQuads(null, q.object, node, null).length > 0)
}

/** The classes and everything `rdfs:subClassOf*` leads to them from, in the given graphs (cycles allowed). */
function subclasses (classes: readonly Term[], graphs: readonly Store[]): Map<string, Term> {
  const found = new Map<string, Term>(classes.map(c => [key(c), c]))
  const queue = [...classes]
  for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
    for (const graph of graphs) {
      for (const q of graph.getQuads(null, subClassOf, next, null)) {
        if (!found.has(key(q.subject))) { found.set(key(q.subject), q.subject); queue.push(q.subject) }
      }
    }
  }
  return found
}

function key (term: Term): string {
  return `${term.termType}:${term.value}`
}
