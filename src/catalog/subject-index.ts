/**
 * One pass over the quads and the triples the reasoner derived: the values of the predicates
 * the catalog reads, by subject. Derived statements (types from subclasses, domains and ranges;
 * `sym:provides` from its sub-properties and inverses, …) follow the asserted ones of a
 * subject, so a reader can tell them apart.
 */
import type { Quad, Term } from '@rdfjs/types'
import { termId, type Reasoned } from '../reasoner/index.js'
import { catalogTerms, interfaceProperties, readPredicates } from './vocabulary.js'

/** The statements about one subject: parallel arrays of predicates and objects, asserted ones first. */
export interface SubjectValues {
  readonly predicates: string[]
  readonly objects: Term[]
  /** How many of the statements (a prefix) are asserted; the rest are derived. */
  asserted: number
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
 * Indexes the quads, then the derived triples, by subject, for the predicates the catalog
 * reads. `subjectsWith(rdf:type)` lists only the subjects typed by one of `serviceClasses`.
 */
export function indexSubjects (quads: Iterable<Quad>, reasoned: Reasoned, serviceClasses: ReadonlySet<string>): SubjectIndex {
  const subjects = new Map<string, SubjectValues>()
  const subjectsWith = new Map<string, Set<string>>(listed.map(p => [p, new Set()]))
  const graphs = new Map<string, string>()
  const typed = subjectsWith.get(catalogTerms.type)!
  const valuesOf = (s: string): SubjectValues => {
    let values = subjects.get(s)
    if (values === undefined) subjects.set(s, values = { predicates: [], objects: [], asserted: 0 })
    return values
  }
  const add = (s: string, values: SubjectValues, predicate: string, object: Term, asserted: boolean): void => {
    values.predicates.push(predicate)
    values.objects.push(object)
    if (asserted) values.asserted++
    if (predicate === catalogTerms.type) {
      if (serviceClasses.has(object.termType === 'NamedNode' ? object.value : termId(object))) typed.add(s)
    } else {
      subjectsWith.get(predicate)?.add(s)
    }
  }
  for (const quad of quads) {
    const predicate = quad.predicate.value
    if (!readPredicates.has(predicate)) continue
    const s = quad.subject.termType === 'NamedNode' ? quad.subject.value : termId(quad.subject)
    add(s, valuesOf(s), predicate, quad.object, true)
    if (quad.graph.termType === 'NamedNode' && !graphs.has(s)) graphs.set(s, quad.graph.value)
  }
  const { terms, triples } = reasoned
  const read = new Set<number>()
  for (const predicate of readPredicates) {
    const id = terms.iri(predicate)
    if (id !== undefined) read.add(id)
  }
  // A subject's key and statements by its id: most subjects have several derived statements.
  const keys: string[] = []
  const valuesById: SubjectValues[] = []
  for (let t = reasoned.inputSize; t < triples.size; t++) {
    const p = triples.p[t]!
    if (!read.has(p)) continue
    const id = triples.s[t]!
    let values = valuesById[id]
    if (values === undefined) {
      const subject = terms.term(id)
      keys[id] = subject.termType === 'NamedNode' ? subject.value : termId(subject)
      valuesById[id] = values = valuesOf(keys[id])
    }
    add(keys[id]!, values, terms.key(p), terms.term(triples.o[t]!), false)
  }
  return { subjects, subjectsWith, graphs }
}
