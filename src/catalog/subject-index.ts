/**
 * One pass over the quads: the values of the predicates the catalog reads, by subject.
 * Sub-properties of `sym:provides` / `sym:requires` / `sym:optionallyRequires` are read as
 * those properties (prp-spo1), their `owl:inverseOf`s in reverse (prp-inv1/2), as the rule
 * files state.
 */
import type { Quad, Term } from '@rdfjs/types'
import type { PropertyHierarchy } from '../reasoner/index.js'
import { termId } from '../reasoner/index.js'
import { catalogTerms, interfaceProperties, readPredicates } from './vocabulary.js'

/** The statements about one subject: parallel arrays of predicates and objects. */
export interface SubjectValues {
  readonly predicates: string[]
  readonly objects: Term[]
}

export interface SubjectIndex {
  /** Subject (IRI or `_:label`) → its statements with predicates the catalog reads. */
  readonly subjects: ReadonlyMap<string, SubjectValues>
  /** Subjects with an interface property or `sym:includesCountry`, by predicate; subjects typed by `serviceClasses`. */
  readonly subjectsWith: ReadonlyMap<string, ReadonlySet<string>>
  /** The first named graph a subject was described in. */
  readonly graphs: ReadonlyMap<string, string>
}

const listed = [catalogTerms.type, catalogTerms.includesCountry, ...interfaceProperties]

/**
 * Indexes the quads by subject, for the predicates the catalog reads. `subjectsWith(rdf:type)`
 * lists only the subjects typed by one of `serviceClasses`.
 */
export function indexSubjects (quads: Iterable<Quad>, properties: PropertyHierarchy, serviceClasses: ReadonlySet<string>): SubjectIndex {
  const forward = new Map<string, string>()
  const backward = new Map<string, string>()
  for (const property of interfaceProperties) {
    for (const sub of properties.subProperties(property)) {
      forward.set(sub, property)
      for (const inverse of properties.inverses(sub)) {
        for (const subInverse of properties.subProperties(inverse)) backward.set(subInverse, property)
      }
    }
  }
  for (const predicate of readPredicates) if (!forward.has(predicate)) forward.set(predicate, predicate)
  const subjects = new Map<string, SubjectValues>()
  const subjectsWith = new Map<string, Set<string>>(listed.map(p => [p, new Set()]))
  const graphs = new Map<string, string>()
  const typed = subjectsWith.get(catalogTerms.type)!
  const add = (subject: Term, predicate: string, object: Term, graph: Term): void => {
    const s = subject.termType === 'NamedNode' ? subject.value : termId(subject)
    let values = subjects.get(s)
    if (values === undefined) subjects.set(s, values = { predicates: [], objects: [] })
    values.predicates.push(predicate)
    values.objects.push(object)
    if (predicate === catalogTerms.type) {
      if (serviceClasses.has(object.termType === 'NamedNode' ? object.value : termId(object))) typed.add(s)
    } else {
      subjectsWith.get(predicate)?.add(s)
    }
    if (graph.termType === 'NamedNode' && !graphs.has(s)) graphs.set(s, graph.value)
  }
  for (const quad of quads) {
    const predicate = quad.predicate.value
    const canonical = forward.get(predicate)
    if (canonical !== undefined) add(quad.subject, canonical, quad.object, quad.graph)
    const reversed = backward.get(predicate)
    if (reversed !== undefined && quad.object.termType !== 'Literal') add(quad.object, reversed, quad.subject, quad.graph)
  }
  return { subjects, subjectsWith, graphs }
}
