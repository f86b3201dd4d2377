/**
 * Values a field may take because of the configured services and the request: a property shape
 * with `symsh:valuesFrom <p>` allows only the values the configured services state for `<p>`
 * (the same rule `symsh:ServiceValuesConstraintComponent` checks on submission), and a request's
 * region (`FormOptions.region`) narrows the fields whose values come from the property it
 * constrains. The region's own check is a SHACL shape added to the form's graph
 * (`regionCheckShape`), so submission refuses a value outside the region like any other.
 */
import type { Quad, Term } from '@rdfjs/types'
import { DataFactory } from 'n3'
import { terms } from '../rdf/index.js'
import type { FormBuilder } from './form-builder.js'
import { fieldLabel, labelOf, textOf } from './labels.js'
import { sh } from './shapes-graph.js'
import { formTexts } from './texts.js'
import type { FieldBuild } from './property-field.js'
import type { UiObject, UiOption } from './types.js'

/** The shape annotation naming the service property whose values a field allows. */
export const valuesFrom = 'https://w3id.org/symphony/shapes#valuesFrom'
const notation = 'http://www.w3.org/2004/02/skos/core#notation'

/** How a field is narrowed: the values it allows, and the region check it gets, if any. */
export interface FieldValues {
  /** Lexical forms of the allowed values, sorted. */
  readonly allowed: readonly string[]
  /** The request's region, when it narrows this field. */
  readonly region?: { readonly values: readonly string[], readonly severity: 'Violation' | 'Warning' }
}

/**
 * The values a field of the configured services may take, or `undefined` when nothing narrows it
 * (no `symsh:valuesFrom`, no service states values for it, and no region applies).
 */
export function fieldValues (b: FormBuilder, sources: readonly Term[], configures: readonly string[]): FieldValues | undefined {
  const property = sources.flatMap(source => b.graph.objects(source, valuesFrom)).find(term => term.termType === 'NamedNode')
  if (property === undefined || configures.length === 0) return undefined
  // Every service that states values for the property must offer the value (a link configures two).
  let offered: Set<string> | undefined
  for (const service of configures) {
    const stated = b.facts.objects(DataFactory.namedNode(service), property.value).map(term => term.value)
    if (stated.length === 0) continue
    offered = offered === undefined ? new Set(stated) : new Set(stated.filter(value => offered!.has(value)))
  }
  const region = b.region?.property === property.value ? b.region : undefined
  if (region === undefined) return offered === undefined ? undefined : { allowed: sorted(offered) }
  const inRegion = (offered === undefined ? [...region.values] : [...offered]).filter(value => region.values.includes(value))
  if (inRegion.length > 0) return { allowed: sorted(inRegion), region: { values: region.values, severity: 'Violation' } }
  // The services offer nothing inside the region: in safeguarded mode their own values stay, with a warning.
  return {
    allowed: offered === undefined ? [] : sorted(offered),
    region: { values: region.values, severity: region.mode === 'strict' ? 'Violation' : 'Warning' }
  }
}

/** An option's label: an IRI's label; for a literal, the label of the vocabulary node whose `skos:notation` it is, else the value. */
export function valueOption (b: FormBuilder, value: string, json: UiOption['value'], iri: boolean): UiOption {
  if (iri) return { value: json, label: labelOf(b.graph, DataFactory.namedNode(value), b.language) }
  const named = b.graph.subjects(notation, DataFactory.literal(value))[0]
  const label = named === undefined ? undefined : textOf(b.graph, named, [terms.label, terms.prefLabel], b.language)
  return { value: json, label: label === undefined ? value : `${label} (${value})` }
}

/**
 * The SHACL shape that refuses a value of the field outside the request's region: a node shape
 * with a SPARQL constraint, its messages in English and German naming the field, the value, the
 * region and the allowed values.
 */
export function regionCheckShape (b: FormBuilder, shape: string, primary: Term, path: Term, values: FieldValues): Quad[] {
  const region = b.region!
  const node = DataFactory.namedNode(shape)
  const constraint = DataFactory.blankNode()
  const quoted = region.values.map(value => JSON.stringify(value)).join(', ')
  const select = `SELECT $this ?path ?value WHERE {
    $this <${path.value}> ?value .
    BIND (<${path.value}> AS ?path)
    FILTER (STR(?value) NOT IN (${quoted}))
  }`
  const allowed = values.allowed.length > 0 ? values.allowed : region.values
  const messages = ['en', 'de'].map(language => DataFactory.literal(
    formTexts(language).outsideRegion(fieldLabel(b.graph, primary, path, language), region.names[language] ?? region.names.en ?? '', allowed),
    language))
  const q = (s: Quad['subject'], p: string, o: Quad['object']): Quad => DataFactory.quad(s, DataFactory.namedNode(p), o) as Quad
  return [
    q(node, terms.type, DataFactory.namedNode(sh('NodeShape'))),
    q(node, sh('severity'), DataFactory.namedNode(sh(values.region!.severity))),
    q(node, sh('sparql'), constraint),
    q(constraint, terms.type, DataFactory.namedNode(sh('SPARQLConstraint'))),
    q(constraint, sh('select'), DataFactory.literal(select)),
    ...messages.map(message => q(constraint, sh('message'), message))
  ]
}

/**
 * Adds the region checks of an object's fields to the form's graph (`b.added`) and to the
 * shapes the object is validated against.
 */
export function withRegionChecks (b: FormBuilder, key: string, ui: UiObject, fields: Iterable<[string, FieldBuild]>): UiObject {
  const shapes: string[] = []
  for (const [name, field] of fields) {
    if (field.regionCheck === undefined) continue
    const shape = `urn:symphony:form:region-check:${encodeURIComponent(key)}:${encodeURIComponent(name)}`
    b.added.push(...regionCheckShape(b, shape, field.regionCheck.primary, field.regionCheck.path, field.regionCheck.values))
    shapes.push(shape)
  }
  return shapes.length === 0 ? ui : { ...ui, shapes: [...ui.shapes, ...shapes] }
}

function sorted (values: Iterable<string>): string[] {
  return [...new Set(values)].sort()
}
