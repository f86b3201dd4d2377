/**
 * Every statement made about a service, by predicate: what generic constraints
 * (`constraints.facts` of a composition request) are checked against. A property's facts
 * include those of its sub-properties.
 */
import type { Quad } from '@rdfjs/types'
import type { PropertyHierarchy, Reasoned } from '../reasoner/index.js'
import { termId, termKinds } from '../reasoner/index.js'

/** A service's value of a property: IRIs and blank nodes as term strings, literals as their lexical form. */
export interface FactValue {
  readonly value: string
  /** The literal's datatype IRI; absent for IRIs and blank nodes. */
  readonly datatype?: string
  /** The literal's language tag, when it has one. */
  readonly language?: string
}

/** The statements about the services, by service and predicate. */
export interface ServiceFacts {
  /** Values of `property` and its sub-properties on `service` (unique, in first-seen order). */
  values (service: string, property: string): readonly FactValue[]
  /** The predicates the service states, as written (no super-properties). */
  properties (service: string): Iterable<string>
}

const none: readonly never[] = []

/** The statements about each service: predicate → values. */
export type FactTable = Map<string, Map<string, FactValue[]>>

/** One pass over the quads, keeping the statements whose subject is one of `services`. */
export function collectServiceFacts (quads: Iterable<Quad>, services: ReadonlySet<string>, properties: PropertyHierarchy): ServiceFacts {
  return serviceFacts(collectFactTable(quads, services), properties)
}

/** The statements of the quads whose subject is one of `services`. */
export function collectFactTable (quads: Iterable<Quad>, services: ReadonlySet<string>): FactTable {
  const bySubject: FactTable = new Map()
  for (const quad of quads) {
    const subject = quad.subject.termType === 'NamedNode' ? quad.subject.value : quad.subject.termType === 'BlankNode' ? termId(quad.subject) : undefined
    if (subject === undefined || !services.has(subject)) continue
    let predicates = bySubject.get(subject)
    if (predicates === undefined) bySubject.set(subject, predicates = new Map())
    let values = predicates.get(quad.predicate.value)
    if (values === undefined) predicates.set(quad.predicate.value, values = [])
    const o = quad.object
    const value: FactValue = o.termType === 'Literal'
      ? { value: o.value, datatype: o.datatype.value, ...(o.language === '' ? {} : { language: o.language }) }
      : { value: o.termType === 'NamedNode' ? o.value : termId(o) }
    if (!values.some(v => v.value === value.value && v.datatype === value.datatype && v.language === value.language)) values.push(value)
  }
  return bySubject
}

/**
 * `collectFactTable` over the reasoner's input triples (the first of equal ones kept, which
 * leaves each service's unique values in first-seen order as they were).
 */
export function collectFactTableOfTriples (reasoned: Reasoned, services: ReadonlySet<string>): FactTable {
  const { terms, triples } = reasoned
  const isService = new Uint8Array(terms.size)
  for (const service of services) {
    const id = terms.get(service)
    if (id !== undefined) isService[id] = 1
  }
  const bySubject: FactTable = new Map()
  for (let t = 0; t < reasoned.inputSize; t++) {
    const s = triples.s[t]!
    if (isService[s] !== 1) continue
    const kind = terms.kinds[s]
    if (kind !== termKinds.iri && kind !== termKinds.blank) continue
    const subject = terms.key(s)
    let predicates = bySubject.get(subject)
    if (predicates === undefined) bySubject.set(subject, predicates = new Map())
    const predicate = terms.key(triples.p[t]!)
    let values = predicates.get(predicate)
    if (values === undefined) predicates.set(predicate, values = [])
    const o = terms.term(triples.o[t]!)
    const value: FactValue = o.termType === 'Literal'
      ? { value: o.value, datatype: o.datatype.value, ...(o.language === '' ? {} : { language: o.language }) }
      : { value: o.termType === 'NamedNode' ? o.value : termId(o) }
    if (!values.some(v => v.value === value.value && v.datatype === value.datatype && v.language === value.language)) values.push(value)
  }
  return bySubject
}

/** The facts of a table, a property's including those of its sub-properties. */
export function serviceFacts (bySubject: ReadonlyMap<string, ReadonlyMap<string, readonly FactValue[]>>, properties: PropertyHierarchy): ServiceFacts {
  return {
    values (service, property) {
      const predicates = bySubject.get(service)
      if (predicates === undefined) return none
      const subs = properties.subProperties(property)
      if (subs.size <= 1) return predicates.get(property) ?? none
      const found: FactValue[] = []
      for (const sub of subs) for (const value of predicates.get(sub) ?? none) found.push(value)
      return found
    },
    properties (service) {
      return bySubject.get(service)?.keys() ?? none
    }
  }
}
