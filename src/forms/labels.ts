/**
 * Labels and help texts in the requested language: `sh:name` / `sh:description`,
 * then `rdfs:label` / `skos:prefLabel` / `rdfs:comment`, each tried in the language, then
 * English, then untagged; last the local name.
 */
import type { Term } from '@rdfjs/types'
import { pickText } from '../shacl/index.js'
import { terms } from '../rdf/index.js'
import type { ShapesGraph } from './shapes-graph.js'
import { localName, sh } from './shapes-graph.js'

/** The first of the predicates' texts that has one in the language (or English, or untagged). */
export function textOf (graph: ShapesGraph, subject: Term, predicates: readonly string[], language: string): string | undefined {
  for (const predicate of predicates) {
    const text = pickText(graph.texts(subject, predicate), language)
    if (text !== undefined) return text
  }
  return undefined
}

/** A resource's label: `rdfs:label`, `skos:prefLabel`, `schema:name`, else its local name. */
export function labelOf (graph: ShapesGraph, subject: Term, language: string): string {
  return textOf(graph, subject, [terms.label, terms.prefLabel, 'https://schema.org/name'], language) ?? localName(subject.value)
}

/** A property field's label: `sh:name`, else the path property's label, else the path's local name. */
export function fieldLabel (graph: ShapesGraph, propertyShape: Term, path: Term, language: string): string {
  return textOf(graph, propertyShape, [sh('name')], language) ?? labelOf(graph, path, language)
}

/** A property field's help text: `sh:description`, else the path property's `rdfs:comment`. */
export function fieldHelp (graph: ShapesGraph, propertyShape: Term, path: Term, language: string): string | undefined {
  return textOf(graph, propertyShape, [sh('description')], language) ?? textOf(graph, path, [terms.comment], language)
}
