/**
 * Every statement made about a service, by predicate: what generic constraints
 * (`constraints.facts` of a composition request) are checked against. A property's facts
 * include those of its sub-properties.
 */
import type { Quad, Term } from '@rdfjs/types'
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

/**
 * The statements of the quads whose subject is one of `services`. A value of an IRI or literal is
 * made once and shared, as `collectFactTableOfTriples` does; one held in more than one place is
 * added to `shared` (what a snapshot writes once).
 */
export function collectFactTable (quads: Iterable<Quad>, services: ReadonlySet<string>, shared?: Set<object>): FactTable {
  const bySubject: FactTable = new Map()
  const made = new Map<string, FactValue>()
  const held = new Set<FactValue>()
  for (const quad of quads) {
    const subject = quad.subject.termType === 'NamedNode' ? quad.subject.value : quad.subject.termType === 'BlankNode' ? termId(quad.subject) : undefined
    if (subject === undefined || !services.has(subject)) continue
    let predicates = bySubject.get(subject)
    if (predicates === undefined) bySubject.set(subject, predicates = new Map())
    let values = predicates.get(quad.predicate.value)
    if (values === undefined) predicates.set(quad.predicate.value, values = [])
    const o = quad.object
    // Blank nodes (and quoted triples) are values of their own each time, as in `collectFactTableOfTriples`.
    const key = o.termType === 'NamedNode' || o.termType === 'Literal' ? termId(o) : undefined
    let value = key === undefined ? undefined : made.get(key)
    if (value === undefined) {
      value = factValue(o)
      if (key !== undefined) made.set(key, value)
    }
    if (!values.some(v => v.value === value.value && v.datatype === value.datatype && v.language === value.language)) {
      values.push(value)
      if (key === undefined) continue
      if (held.has(value)) shared?.add(value)
      else held.add(value)
    }
  }
  return bySubject
}

/**
 * `collectFactTable` over the reasoner's input triples (the first of equal ones kept, which
 * leaves each service's unique values in first-seen order as they were). A value is made once
 * per distinct IRI or literal and shared by every service that states it (at 100,000 services
 * most values are one of a few providers, types, locations and prices), and IRIs and blank
 * nodes are written out as the term table's own strings, without building a term object.
 * A value held in more than one list is added to `shared` (what a snapshot writes once).
 */
export function collectFactTableOfTriples (reasoned: Reasoned, services: ReadonlySet<string>, shared?: Set<object>): FactTable {
  const { terms, triples } = reasoned
  const isService = new Uint8Array(terms.size)
  for (const service of services) {
    const id = terms.get(service)
    if (id !== undefined) isService[id] = 1
  }
  // The values made, found by term id through a typed array (the place in `made`, plus one)
  // rather than a Map of 550,000 numbers at 100,000 services, whose lookups miss the caches.
  const made: FactValue[] = []
  const madeAt = new Int32Array(terms.size)
  const valueOf = (id: number): FactValue => {
    const kind = terms.kinds[id]
    if (kind === termKinds.blank) return { value: terms.key(id) }
    const at = madeAt[id]!
    if (at !== 0) return made[at - 1]!
    const value = kind === termKinds.iri ? { value: terms.key(id) } : factValue(terms.term(id))
    madeAt[id] = made.push(value)
    return value
  }
  /** Per term: whether its value is held in a list already. */
  const held = new Uint8Array(shared === undefined ? 0 : terms.size)
  const bySubject: FactTable = new Map()
  // A service's statements mostly follow each other: its map is looked up once per run of them.
  let last = -1
  let predicates = new Map<string, FactValue[]>()
  for (let t = 0; t < reasoned.inputSize; t++) {
    const s = triples.s[t]!
    if (isService[s] !== 1) continue
    const kind = terms.kinds[s]
    if (kind !== termKinds.iri && kind !== termKinds.blank) continue
    if (s !== last) {
      last = s
      const subject = terms.key(s)
      const known = bySubject.get(subject)
      if (known === undefined) bySubject.set(subject, predicates = new Map())
      else predicates = known
    }
    const predicate = terms.key(triples.p[t]!)
    const values = predicates.get(predicate)
    const o = triples.o[t]!
    const value = valueOf(o)
    // A list made with its first value is one place long: most predicates of a service have one
    // value, and a list made empty takes 17 places at its first push.
    if (values === undefined) predicates.set(predicate, [value])
    else if (!values.some(v => v.value === value.value && v.datatype === value.datatype && v.language === value.language)) values.push(value)
    else continue
    // A value held a second time is shared (blank nodes are values of their own each time).
    if (shared === undefined || terms.kinds[o] === termKinds.blank) continue
    if (held[o] === 1) shared.add(value)
    else held[o] = 1
  }
  return bySubject
}

/** A term as a fact value: IRIs and blank nodes as term strings, literals as their lexical form, datatype and language. */
function factValue (o: Term): FactValue {
  return o.termType === 'Literal'
    ? { value: o.value, datatype: o.datatype.value, ...(o.language === '' ? {} : { language: o.language }) }
    : { value: o.termType === 'NamedNode' ? o.value : termId(o) }
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
