/**
 * The schema triples the reasoner's OWL 2 RL schema rules read, collected from quads in one
 * pass. Terms are strings: IRIs as is, blank nodes as `_:label`, literals (only `owl:hasValue`
 * values) in N-Triples form so that equal terms give equal strings.
 */
import type { Quad, Term } from '@rdfjs/types'
import { iri, terms } from '../rdf/index.js'

export const owlTerms = {
  intersectionOf: iri('owl', 'intersectionOf'),
  unionOf: iri('owl', 'unionOf'),
  someValuesFrom: iri('owl', 'someValuesFrom'),
  allValuesFrom: iri('owl', 'allValuesFrom'),
  hasValue: iri('owl', 'hasValue'),
  onProperty: iri('owl', 'onProperty'),
  Restriction: iri('owl', 'Restriction'),
  rdfsClass: iri('rdfs', 'Class')
} as const

/** A restriction class with one of its (property, filler) combinations. */
export interface Restriction {
  readonly node: string
  readonly property: string
  /** Class for someValuesFrom / allValuesFrom; any term for hasValue. */
  readonly filler: string
}

export interface SchemaAxioms {
  /** Terms that are classes: declared, used in a class axiom, the object of `rdf:type`, `rdfs:domain` or `rdfs:range`. */
  readonly classes: Set<string>
  /** `[sub, sup]` from `rdfs:subClassOf`. */
  readonly subClassOf: [string, string][]
  readonly equivalentClass: [string, string][]
  /** `[class, member]` for every member of an `owl:intersectionOf` list. */
  readonly intersectionMembers: [string, string][]
  /** `[class, member]` for every member of an `owl:unionOf` list. */
  readonly unionMembers: [string, string][]
  readonly someValuesFrom: Restriction[]
  readonly allValuesFrom: Restriction[]
  readonly hasValue: Restriction[]
  readonly subPropertyOf: [string, string][]
  readonly equivalentProperty: [string, string][]
  readonly inverseOf: [string, string][]
  /** `rdfs:label` (then `skos:prefLabel`) by subject and language (`''` for untagged). */
  readonly labels: Map<string, Record<string, string>>
}

/** The string form of a term used throughout the compiled view. */
export function termId (term: Term): string {
  switch (term.termType) {
    case 'BlankNode': {
      // N3.js terms carry this very string as `id`: reusing it saves an allocation and a
      // string hash per lookup, which shows in compile profiles (150k+ quads).
      const id = (term as { id?: unknown }).id
      return typeof id === 'string' && id.startsWith('_:') ? id : `_:${term.value}`
    }
    case 'Literal': {
      const lexical = JSON.stringify(term.value)
      return term.language !== '' ? `${lexical}@${term.language}` : `${lexical}^^<${term.datatype.value}>`
    }
    default: return term.value
  }
}

const classDeclarations = new Set<string>([terms.owlClass, owlTerms.rdfsClass, owlTerms.Restriction])

/** Collects the schema axioms of the quads (one pass, then RDF lists are walked). */
export function readSchemaAxioms (quads: Iterable<Quad>): SchemaAxioms {
  const axioms: SchemaAxioms = {
    classes: new Set(),
    subClassOf: [],
    equivalentClass: [],
    intersectionMembers: [],
    unionMembers: [],
    someValuesFrom: [],
    allValuesFrom: [],
    hasValue: [],
    subPropertyOf: [],
    equivalentProperty: [],
    inverseOf: [],
    labels: new Map()
  }
  const first = new Map<string, string[]>()
  const rest = new Map<string, string[]>()
  const lists: { owner: string, head: string, into: [string, string][] }[] = []
  const onProperty = new Map<string, string[]>()
  const fillers = { some: new Map<string, string[]>(), all: new Map<string, string[]>(), value: new Map<string, string[]>() }
  const prefLabels = new Map<string, Record<string, string>>()

  for (const quad of quads) {
    const { subject, object } = quad
    const predicate = quad.predicate.value
    if (subject.termType !== 'NamedNode' && subject.termType !== 'BlankNode') continue
    const s = termId(subject)
    const objectIsNode = object.termType === 'NamedNode' || object.termType === 'BlankNode'
    switch (predicate) {
      case terms.type:
        if (objectIsNode) {
          axioms.classes.add(termId(object))
          if (classDeclarations.has(object.value)) axioms.classes.add(s)
        }
        break
      case terms.subClassOf: if (objectIsNode) pair(axioms.subClassOf, axioms.classes, s, termId(object)); break
      case terms.equivalentClass: if (objectIsNode) pair(axioms.equivalentClass, axioms.classes, s, termId(object)); break
      case owlTerms.intersectionOf: if (objectIsNode) lists.push({ owner: s, head: termId(object), into: axioms.intersectionMembers }); break
      case owlTerms.unionOf: if (objectIsNode) lists.push({ owner: s, head: termId(object), into: axioms.unionMembers }); break
      case terms.first: push(first, s, termId(object)); break
      case terms.rest: if (objectIsNode) push(rest, s, termId(object)); break
      case owlTerms.onProperty: if (objectIsNode) push(onProperty, s, termId(object)); break
      case owlTerms.someValuesFrom: if (objectIsNode) push(fillers.some, s, termId(object)); break
      case owlTerms.allValuesFrom: if (objectIsNode) push(fillers.all, s, termId(object)); break
      case owlTerms.hasValue: push(fillers.value, s, termId(object)); break
      case terms.subPropertyOf: if (objectIsNode) axioms.subPropertyOf.push([s, termId(object)]); break
      case terms.equivalentProperty: if (objectIsNode) axioms.equivalentProperty.push([s, termId(object)]); break
      case terms.inverseOf: if (objectIsNode) axioms.inverseOf.push([s, termId(object)]); break
      case terms.domain: case terms.range: if (objectIsNode) axioms.classes.add(termId(object)); break
      case terms.label: if (object.termType === 'Literal') setLabel(axioms.labels, s, object.language, object.value); break
      case terms.prefLabel: if (object.termType === 'Literal') setLabel(prefLabels, s, object.language, object.value); break
    }
  }

  for (const { owner, head, into } of lists) {
    axioms.classes.add(owner)
    for (const member of listMembers(head, first, rest)) {
      if (member.startsWith('"')) continue
      into.push([owner, member])
      axioms.classes.add(member)
    }
  }
  restrictions(axioms.someValuesFrom, fillers.some, onProperty, axioms.classes, true)
  restrictions(axioms.allValuesFrom, fillers.all, onProperty, axioms.classes, true)
  restrictions(axioms.hasValue, fillers.value, onProperty, axioms.classes, false)
  for (const [subject, byLanguage] of prefLabels) {
    axioms.labels.set(subject, { ...byLanguage, ...axioms.labels.get(subject) })
  }
  return axioms
}

function pair (into: [string, string][], classes: Set<string>, a: string, b: string): void {
  into.push([a, b])
  classes.add(a)
  classes.add(b)
}

function push (map: Map<string, string[]>, key: string, value: string): void {
  const values = map.get(key)
  if (values === undefined) map.set(key, [value])
  else values.push(value)
}

function setLabel (labels: Map<string, Record<string, string>>, subject: string, language: string, value: string): void {
  let byLanguage = labels.get(subject)
  if (byLanguage === undefined) labels.set(subject, byLanguage = {})
  byLanguage[language] ??= value
}

/** Members of an RDF list as `rdf:rest*` / `rdf:first` finds them (every branch, cycles cut). */
function listMembers (head: string, first: Map<string, string[]>, rest: Map<string, string[]>): string[] {
  const members: string[] = []
  const seen = new Set([head])
  const queue = [head]
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i]!
    members.push(...first.get(node) ?? [])
    for (const next of rest.get(node) ?? []) {
      if (!seen.has(next)) {
        seen.add(next)
        queue.push(next)
      }
    }
  }
  return members
}

function restrictions (into: Restriction[], fillers: Map<string, string[]>, onProperty: Map<string, string[]>,
  classes: Set<string>, fillerIsClass: boolean): void {
  for (const [node, values] of fillers) {
    const properties = onProperty.get(node)
    if (properties === undefined) continue
    classes.add(node)
    for (const filler of values) {
      if (fillerIsClass) classes.add(filler)
      for (const property of properties) into.push({ node, property, filler })
    }
  }
}
