/** Read access to the RDF a form is generated from: shapes, ontology, labels. */
import type { Literal, Quad, Term } from '@rdfjs/types'
import { DataFactory, Store } from 'n3'
import { listMembers } from '../shacl/index.js'
import type { TaggedText } from '../shacl/index.js'
import { ns, terms } from '../rdf/index.js'

/** An n3 store over the quads with the few reads forms need. */
export class ShapesGraph {
  readonly store: Store

  constructor (readonly quads: readonly Quad[]) {
    this.store = new Store([...quads])
  }

  objects (subject: Term, predicate: string): Term[] {
    return this.store.getObjects(subject, DataFactory.namedNode(predicate), null) as Term[]
  }

  /** Objects of any of the predicates (e.g. `dash:editor` and `shui:editor`). */
  objectsOfAny (subject: Term, predicates: readonly string[]): Term[] {
    return predicates.flatMap(predicate => this.objects(subject, predicate))
  }

  one (subject: Term, predicate: string): Term | undefined {
    return this.objects(subject, predicate)[0]
  }

  subjects (predicate: string, object: Term): Term[] {
    return this.store.getSubjects(DataFactory.namedNode(predicate), object, null) as Term[]
  }

  has (subject: Term, predicate: string, object?: Term): boolean {
    return this.store.countQuads(subject, DataFactory.namedNode(predicate), object ?? null, null) > 0
  }

  texts (subject: Term, predicate: string): TaggedText[] {
    return this.objects(subject, predicate)
      .filter((term): term is Literal => term.termType === 'Literal')
      .map(literal => ({ value: literal.value, language: literal.language }))
  }

  list (head: Term): Term[] {
    return listMembers(this.store, head)
  }

  /** Members of every list the subject has for the predicate (`sh:or ( … )`). */
  listsOf (subject: Term, predicate: string): Term[][] {
    return this.objects(subject, predicate).map(head => this.list(head))
  }

  boolean (subject: Term, predicates: readonly string[]): boolean | undefined {
    const term = this.objectsOfAny(subject, predicates)[0]
    return term === undefined ? undefined : term.value === 'true' || term.value === '1'
  }

  number (subject: Term, predicate: string): number | undefined {
    const term = this.one(subject, predicate)
    return term === undefined ? undefined : Number(term.value)
  }

  /** Instances of a class by `rdf:type`, with the class or any subclass. */
  instancesOf (cls: string, isSubClassOf: (sub: string, sup: string) => boolean): Term[] {
    const found = new Map<string, Term>()
    for (const type of this.store.getObjects(null, DataFactory.namedNode(terms.type), null)) {
      if (type.termType !== 'NamedNode' || !(type.value === cls || isSubClassOf(type.value, cls))) continue
      for (const subject of this.store.getSubjects(DataFactory.namedNode(terms.type), type, null)) {
        if (subject.termType === 'NamedNode') found.set(subject.value, subject as Term)
      }
    }
    return [...found.values()].sort((a, b) => a.value < b.value ? -1 : a.value > b.value ? 1 : 0)
  }
}

/** Term IRIs in SHACL and DASH. */
export const sh = (local: string): string => ns.sh + local
export const dash = (local: string): string => ns.dash + local
/** SHACL 1.2 UI terms: the namespace of `ns.shui`, and the one of the current W3C draft (`…/shacl-ui/`). */
export const shui = (local: string): string[] => [ns.shui + local, `http://www.w3.org/ns/shacl-ui/${local}`]

/** A named node, or a blank node for `_:id`. */
export function iriTerm (iri: string): Term {
  return iri.startsWith('_:') ? DataFactory.blankNode(iri.slice(2)) : DataFactory.namedNode(iri)
}

/** IRI, or `_:id` for blank nodes. */
export function termKey (term: Term): string {
  return term.termType === 'BlankNode' ? `_:${term.value}` : term.value
}

/** The part of an IRI after its last `#`, `/` or `:`. */
export function localName (iri: string): string {
  const match = /[^#/:]*$/.exec(iri)
  return match?.[0] ?? iri
}
