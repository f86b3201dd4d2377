/**
 * An index of the vocabulary for the human-readable term pages: per term its labels, comments,
 * alternative names, asserted super- and subclasses (or -properties), and the properties whose
 * domain it is. Built from the vocabulary's quads: every `sym:` term, and every class or
 * property of any namespace that the vocabulary declares (extensions included).
 */
import type { Quad } from '@rdfjs/types'
import { ns, terms } from '../../rdf/index.js'

export type TermKind = 'class' | 'property' | 'individual'

export interface TermInfo {
  readonly iri: string
  readonly kind: TermKind
  /** Labels by language tag ('' for untagged). */
  readonly labels: Readonly<Record<string, string>>
  readonly comments: Readonly<Record<string, string>>
  readonly altLabels: Readonly<Record<string, readonly string[]>>
  readonly types: readonly string[]
  readonly superClasses: readonly string[]
  readonly subClasses: readonly string[]
  readonly equivalentClasses: readonly string[]
  readonly superProperties: readonly string[]
  readonly subProperties: readonly string[]
  readonly domains: readonly string[]
  readonly ranges: readonly string[]
  /** Properties with this class as `rdfs:domain` (classes only). */
  readonly properties: readonly string[]
}

export interface TermIndex {
  readonly terms: ReadonlyMap<string, TermInfo>
  /** The quads of a term's concise bounded description (its triples plus those of blank nodes they reach). */
  describe (iri: string): Quad[]
  /** A label in the language, else English, else any; the local name when there is none. */
  label (iri: string, language: string): string
}

const classTypes = new Set([terms.owlClass, ns.rdfs + 'Class'])
const propertyTypes = new Set([ns.rdf + 'Property', ns.owl + 'ObjectProperty', ns.owl + 'DatatypeProperty', ns.owl + 'AnnotationProperty',
  ns.owl + 'TransitiveProperty', ns.owl + 'SymmetricProperty', ns.owl + 'FunctionalProperty', ns.owl + 'InverseFunctionalProperty'])

/** Local name of an IRI (after `#` or the last `/`). */
export function localName (iri: string): string {
  return iri.slice(Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/')) + 1)
}

class MultiMap {
  readonly #map = new Map<string, Set<string>>()
  add (key: string, value: string): void {
    let set = this.#map.get(key)
    if (set === undefined) this.#map.set(key, set = new Set())
    set.add(value)
  }

  get (key: string): string[] {
    return [...this.#map.get(key) ?? []].sort()
  }
}

/** Predicates that declare their subject a class or a property. */
const declaring = new Set([terms.subClassOf, terms.equivalentClass, terms.subPropertyOf, terms.domain, terms.range])

/** Indexes the terms of the `namespace` (default `sym:`) and every declared class and property found in the quads. */
export function buildTermIndex (quads: readonly Quad[], namespace: string = ns.sym): TermIndex {
  const bySubject = new Map<string, Quad[]>()
  const named = new Set<string>()
  const labels = new Map<string, Record<string, string>>()
  const comments = new Map<string, Record<string, string>>()
  const altLabels = new Map<string, Record<string, string[]>>()
  const types = new MultiMap()
  const supers = new MultiMap()
  const subs = new MultiMap()
  const equivalents = new MultiMap()
  const superProperties = new MultiMap()
  const subProperties = new MultiMap()
  const domains = new MultiMap()
  const ranges = new MultiMap()
  const propertiesOf = new MultiMap()

  for (const quad of quads) {
    const s = quad.subject.value
    const key = quad.subject.termType === 'BlankNode' ? `_:${s}` : s
    let list = bySubject.get(key)
    if (list === undefined) bySubject.set(key, list = [])
    list.push(quad)
    if (quad.subject.termType !== 'NamedNode') continue
    if (s.startsWith(namespace) && s !== namespace) named.add(s)
    const p = quad.predicate.value
    const o = quad.object
    const isIri = o.termType === 'NamedNode'
    if (o.termType === 'Literal') {
      const language = o.language
      if (p === terms.label || p === terms.prefLabel) (labels.get(s) ?? labels.set(s, {}).get(s)!)[language] ??= o.value
      else if (p === terms.comment) (comments.get(s) ?? comments.set(s, {}).get(s)!)[language] ??= o.value
      else if (p === terms.altLabel) ((altLabels.get(s) ?? altLabels.set(s, {}).get(s)!)[language] ??= []).push(o.value)
      continue
    }
    if (!isIri) continue
    if (declaring.has(p) || (p === terms.type && (classTypes.has(o.value) || propertyTypes.has(o.value)))) named.add(s)
    switch (p) {
      case terms.type: types.add(s, o.value); break
      case terms.subClassOf: supers.add(s, o.value); subs.add(o.value, s); break
      case terms.equivalentClass: equivalents.add(s, o.value); equivalents.add(o.value, s); break
      case terms.subPropertyOf: superProperties.add(s, o.value); subProperties.add(o.value, s); break
      case terms.domain: domains.add(s, o.value); propertiesOf.add(o.value, s); break
      case terms.range: ranges.add(s, o.value); break
    }
  }

  const index = new Map<string, TermInfo>()
  for (const iri of [...named].sort()) {
    const termTypes = types.get(iri)
    const kind: TermKind = termTypes.some(t => classTypes.has(t)) || supers.get(iri).length > 0
      ? 'class'
      : termTypes.some(t => propertyTypes.has(t)) || domains.get(iri).length > 0 ? 'property' : 'individual'
    index.set(iri, {
      iri,
      kind,
      labels: labels.get(iri) ?? {},
      comments: comments.get(iri) ?? {},
      altLabels: altLabels.get(iri) ?? {},
      types: termTypes,
      superClasses: supers.get(iri),
      subClasses: subs.get(iri),
      equivalentClasses: equivalents.get(iri),
      superProperties: superProperties.get(iri),
      subProperties: subProperties.get(iri),
      domains: domains.get(iri),
      ranges: ranges.get(iri),
      properties: propertiesOf.get(iri)
    })
  }

  const allLabels = new Map<string, Record<string, string>>(labels)
  return {
    terms: index,
    describe (iri) {
      const out: Quad[] = []
      const seen = new Set<string>()
      const visit = (key: string): void => {
        if (seen.has(key)) return
        seen.add(key)
        for (const quad of bySubject.get(key) ?? []) {
          out.push(quad)
          if (quad.object.termType === 'BlankNode') visit(`_:${quad.object.value}`)
        }
      }
      visit(iri)
      return out
    },
    label (iri, language) {
      const text = allLabels.get(iri)
      return text?.[language] ?? text?.en ?? text?.[''] ?? (text === undefined ? undefined : Object.values(text)[0]) ?? localName(iri)
    }
  }
}
