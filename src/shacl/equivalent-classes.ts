/**
 * The class hierarchy the reasoner derives, for the SHACL data graph. The publishing shapes ask
 * for SHACL instances (`rdf:type/rdfs:subClassOf*`, SHACL §2.1.3.2 and §4.1.1), which follow
 * `rdfs:subClassOf` only; the reasoner also reads `owl:equivalentClass` (OWL 2 RL scm-eqc1: each
 * class a subclass of the other). A service typed `a ex:CallCentre` with `ex:CallCentre
 * owl:equivalentClass sym:ACD` was a service to the matcher and none to the validator.
 */
import type { Quad } from '@rdfjs/types'
import { DataFactory } from 'n3'
import { terms } from '../rdf/index.js'

const subClassOf = DataFactory.namedNode(terms.subClassOf)

/**
 * The `rdfs:subClassOf` triples that the `owl:equivalentClass` triples among `quads` entail,
 * both ways, between named classes: given to the validator beside the data, never stored. A
 * chain (`ex:A owl:equivalentClass ex:B . ex:B rdfs:subClassOf sym:CRM`) then reads as one
 * through `rdfs:subClassOf*`. Other triples are passed over.
 *
 * @example const data = [...description, ...equivalenceLinks([...description, ...vocabulary])]
 */
export function equivalenceLinks (quads: Iterable<Quad>): Quad[] {
  const links = new Map<string, Quad>()
  for (const q of quads) {
    if (q.predicate.value !== terms.equivalentClass || q.subject.termType !== 'NamedNode' || q.object.termType !== 'NamedNode' || q.subject.value === q.object.value) continue
    links.set(`${q.subject.value} ${q.object.value}`, DataFactory.quad(q.subject, subClassOf, q.object) as Quad)
    links.set(`${q.object.value} ${q.subject.value}`, DataFactory.quad(q.object, subClassOf, q.subject) as Quad)
  }
  return [...links.values()]
}
