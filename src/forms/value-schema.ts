/**
 * The JSON Schema of one value of a property: from `sh:datatype` and its facets, `sh:in`,
 * `sh:hasValue`, `sh:class`, `sh:node`, `sh:nodeKind`, and value-level `sh:or` / `sh:xone` /
 * `sh:not` (SHACL §4). Constraints JSON Schema cannot state become notes; SHACL checks them.
 */
import type { Literal, Term } from '@rdfjs/types'
import { errorLanguageOf, type ErrorMessages } from '../errors.js'
import { termJson, translateXsdPattern } from '../shacl/index.js'
import { ns } from '../rdf/index.js'
import { datatypeForms, defaultDatatype, langString } from './datatypes.js'
import type { DatatypeForm } from './datatypes.js'
import type { FormBuilder } from './form-builder.js'
import { labelOf } from './labels.js'
import { sh } from './shapes-graph.js'
import type { Json, JsonSchema, UiNote, UiOption, ValueMapping, Widget } from './types.js'

export interface ValueBuild {
  schema: JsonSchema
  mapping: ValueMapping
  widget: Widget
  options?: UiOption[]
  notes: UiNote[]
}

const numericFacets: Record<string, string> = { minInclusive: 'minimum', maxInclusive: 'maximum', minExclusive: 'exclusiveMinimum', maxExclusive: 'exclusiveMaximum' }
const formatFacets: Record<string, string> = { minInclusive: 'formatMinimum', maxInclusive: 'formatMaximum', minExclusive: 'formatExclusiveMinimum', maxExclusive: 'formatExclusiveMaximum' }
/** Why a constraint is left to SHACL, in the form's language. */
const why = {
  noOrdering: { en: 'no ordering for this datatype in JSON Schema', de: 'JSON Schema kennt für diesen Datentyp keine Ordnung' },
  lexical: { en: 'applies to the lexical form', de: 'gilt für die lexikalische Form' },
  languageTagged: { en: 'applies to language-tagged values', de: 'gilt für Werte mit Sprachangabe' },
  uniqueLang: { en: 'one value per language', de: 'ein Wert je Sprache' },
  compares: { en: 'compares with another property', de: 'vergleicht mit einer anderen Eigenschaft' },
  counts: { en: 'counts values of a shape', de: 'zählt Werte einer Shape' },
  sparql: { en: 'SPARQL-based constraint', de: 'SPARQL-basierte Bedingung' }
} as const satisfies Record<string, ErrorMessages>

/** Parameters checked by SHACL only, with the reason shown in the UI schema. */
const shaclOnly: Record<string, ErrorMessages> = {
  uniqueLang: why.uniqueLang,
  equals: why.compares,
  disjoint: why.compares,
  lessThan: why.compares,
  lessThanOrEquals: why.compares,
  qualifiedValueShape: why.counts,
  sparql: why.sparql
}

/** A value schema from constraint sources: a property shape and the shapes it conjoins with `sh:and`. */
export function valueSchema (b: FormBuilder, sources: readonly Term[], hint: string): ValueBuild {
  const g = b.graph
  const all = (local: string): Term[] => sources.flatMap(source => g.objects(source, sh(local)))
  const first = (local: string): Term | undefined => all(local)[0]
  const build = baseValue(b, sources, hint)
  const notes = build.notes
  const datatypeForm = datatypeForms[mappedDatatype(build.mapping) ?? '']
  const target = build.mapping.kind === 'langString' ? (build.schema.properties as Record<string, JsonSchema>)['@value']! : build.schema

  for (const [facet, keyword] of Object.entries(numericFacets)) {
    const value = first(facet)
    if (value === undefined) continue
    if (datatypeForm?.ordering === 'number') tighten(target, keyword, Number(value.value))
    else if (datatypeForm?.ordering === 'format') target[formatFacets[facet]!] = value.value
    else notes.push(note(b, facet, value.value, why.noOrdering))
  }
  const isText = target.type === 'string'
  for (const facet of ['minLength', 'maxLength']) {
    const value = first(facet)
    if (value === undefined) continue
    if (isText) target[facet] = Number(value.value)
    else notes.push(note(b, facet, value.value, why.lexical))
  }
  const pattern = first('pattern')
  if (pattern !== undefined) {
    const flags = first('flags')?.value ?? ''
    const translated = translateXsdPattern(pattern.value, flags)
    if (!isText) notes.push(note(b, 'pattern', pattern.value, why.lexical))
    else if (!translated.ok) notes.push(note(b, 'pattern', pattern.value, { en: `checked on submission only: ${translated.reasons.en}`, de: `wird erst beim Absenden geprüft: ${translated.reasons.de}` }))
    else if (target.pattern === undefined) target.pattern = translated.source
    else target.allOf = [...(target.allOf as Json[] | undefined ?? []), { pattern: translated.source }]
  }
  const languageIn = first('languageIn')
  if (languageIn !== undefined && build.mapping.kind === 'langString') {
    // SPARQL langMatches (SHACL §4.5.1): case-insensitive, and "de" also matches "de-AT".
    const ranges = g.list(languageIn).map(term => term.value.replace(/[^A-Za-z0-9-]/g, ''))
    const translated = translateXsdPattern(`^(${ranges.join('|')})(-[a-z0-9]{1,8})*$`, 'i')
    const language = (build.schema.properties as Record<string, JsonSchema>)['@language']!
    if (translated.ok) language.pattern = translated.source
  } else if (languageIn !== undefined) {
    notes.push(note(b, 'languageIn', g.list(languageIn).map(term => term.value).join(', '), why.languageTagged))
  }
  const hasValue = first('hasValue')
  if (hasValue !== undefined) build.schema.const = termToJson(hasValue)

  const alternatives = (kind: 'or' | 'xone'): void => {
    for (const members of sources.flatMap(source => g.listsOf(source, sh(kind)))) {
      const options = members.map((member, index) => valueSchema(b, andSources(b, member), `${hint}${index + 1}`))
      build.schema[kind === 'or' ? 'anyOf' : 'oneOf'] = options.map(option => option.schema)
      notes.push(...options.flatMap(option => option.notes))
      if (build.mapping.kind === 'literal' && all('datatype').length === 0 && build.options === undefined) {
        build.mapping = { kind: 'choice', options: options.map(option => option.mapping) }
        build.widget = options[0]?.widget ?? build.widget
        delete build.schema.type
      }
    }
  }
  alternatives('or')
  alternatives('xone')
  for (const not of all('not')) build.schema.not = valueSchema(b, andSources(b, not), `${hint}Not`).schema
  for (const [parameter, reason] of Object.entries(shaclOnly)) {
    for (const value of all(parameter)) notes.push(note(b, parameter, value.termType === 'Literal' ? value.value : undefined, reason))
  }
  return build
}

/** A shape and, recursively, the members of its `sh:and` lists. */
export function andSources (b: FormBuilder, shape: Term): Term[] {
  const out: Term[] = [shape]
  for (const members of b.graph.listsOf(shape, sh('and'))) for (const member of members) out.push(...andSources(b, member))
  return out
}

function baseValue (b: FormBuilder, sources: readonly Term[], hint: string): ValueBuild {
  const notes: UiNote[] = []
  const g = b.graph
  const all = (local: string): Term[] => sources.flatMap(source => g.objects(source, sh(local)))
  const inList = all('in')[0]
  const datatype = all('datatype')[0]?.value
  const classes = all('class').map(term => term.value)
  const targetShapes = classes.flatMap(cls => b.targetShapesOf(cls))
  // A value-level shape with sh:property (e.g. a member of sh:or) describes an object itself.
  const objectShapes = sources.filter(source => g.objects(source, sh('property')).length > 0)
  const nodeShapes = [...all('node'), ...targetShapes, ...objectShapes]
  const nodeKind = all('nodeKind')[0]?.value

  if (inList !== undefined) return enumValue(b, g.list(inList), datatype)
  const hasValue = all('hasValue')[0]
  if (hasValue !== undefined && datatype === undefined && classes.length === 0 && nodeShapes.length === 0) {
    return hasValue.termType === 'NamedNode'
      ? { schema: { type: 'string', format: 'iri' }, mapping: { kind: 'iri' }, widget: 'uri', notes }
      : datatypeValue(hasValue.termType === 'Literal' ? (hasValue as Literal).datatype.value : defaultDatatype, notes)
  }
  if (nodeShapes.length > 0) {
    const definition = b.definition(nodeShapes, hint)
    const cls = classes[0]
    return { schema: { $ref: `#/$defs/${definition}` }, mapping: { kind: 'node', definition, ...(cls === undefined ? {} : { class: cls }) }, widget: 'details', notes }
  }
  if (classes.length > 0) {
    const instances = classes.flatMap(cls => g.instancesOf(cls, b.isSubClassOf))
    if (instances.length === 0) return { schema: { type: 'string', format: 'iri' }, mapping: { kind: 'iri' }, widget: 'uri', notes }
    return {
      schema: { type: 'string', enum: instances.map(instance => instance.value) },
      mapping: { kind: 'iri' },
      widget: 'instancesSelect',
      options: instances.map(instance => ({ value: instance.value, label: labelOf(g, instance, b.language) })),
      notes
    }
  }
  if (datatype !== undefined) return datatypeValue(datatype, notes)
  // A blank node without a shape to describe it: a nested object with no fields.
  if (nodeKind === sh('BlankNode')) {
    const definition = b.definition([], hint)
    return { schema: { $ref: `#/$defs/${definition}` }, mapping: { kind: 'node', definition }, widget: 'details', notes }
  }
  if (nodeKind === sh('IRI') || nodeKind === sh('BlankNodeOrIRI')) {
    return { schema: { type: 'string', format: 'iri' }, mapping: { kind: 'iri' }, widget: 'uri', notes }
  }
  return datatypeValue(defaultDatatype, notes)
}

function datatypeValue (datatype: string, notes: UiNote[]): ValueBuild {
  const form: DatatypeForm = datatypeForms[datatype] ?? datatypeForms[defaultDatatype]!
  return {
    schema: structuredClone(form.schema),
    mapping: datatype === langString ? { kind: 'langString' } : { kind: 'literal', datatype },
    widget: form.widget,
    notes
  }
}

/** The one datatype of a mapping's literals: a literal's, or that of all literal members of `sh:in`. */
function mappedDatatype (mapping: ValueMapping): string | undefined {
  if (mapping.kind === 'literal') return mapping.datatype
  if (mapping.kind !== 'in') return undefined
  const datatypes = new Set(mapping.members.map(member => member.term.datatype))
  const only = [...datatypes][0]
  return datatypes.size === 1 ? only : undefined
}

/**
 * `sh:in` compares terms (SHACL §4.8.3): `1` is not `"1"`, nor `1.0` `1`. Each member is written as
 * itself, so a list of several datatypes, or with lexical forms that are not canonical, keeps
 * what the shape says.
 */
function enumValue (b: FormBuilder, members: readonly Term[], datatype: string | undefined): ValueBuild {
  const inList = members.filter(term => term.termType === 'NamedNode' || term.termType === 'Literal')
  const mapping: ValueMapping = { kind: 'in', members: inList.map(term => ({ value: termToJson(term), term: termJson(term) })) }
  const values = inList.map(termToJson)
  const types = [...new Set(values.map(jsonType))]
  const declared = datatype === undefined ? undefined : datatypeForms[datatype]?.schema.type
  const type = typeof declared === 'string' ? declared : types.length === 1 ? types[0] : undefined
  return {
    schema: { ...(type === undefined ? {} : { type }), enum: values },
    mapping,
    widget: 'select',
    options: inList.map(term => ({ value: termToJson(term), label: term.termType === 'NamedNode' ? labelOf(b.graph, term, b.language) : term.value })),
    notes: []
  }
}

const numericDatatypes = new Set(Object.entries(datatypeForms).filter(([, form]) => form.ordering === 'number').map(([iri]) => iri))

/** The JSON value of an RDF term: IRIs as strings, numbers and booleans as JSON, language strings as value objects. */
export function termToJson (term: Term): Json {
  if (term.termType !== 'Literal') return term.value
  const literal = term as Literal
  if (literal.language !== '') return { '@value': literal.value, '@language': literal.language }
  if (literal.datatype.value === `${ns.xsd}boolean`) return literal.value === 'true' || literal.value === '1'
  if (numericDatatypes.has(literal.datatype.value)) return Number(literal.value)
  return literal.value
}

function jsonType (value: Json): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  return typeof value
}

function tighten (schema: JsonSchema, keyword: string, value: number): void {
  const current = schema[keyword]
  const lower = keyword === 'minimum' || keyword === 'exclusiveMinimum'
  if (typeof current !== 'number' || (lower ? value > current : value < current)) schema[keyword] = value
}

/** A note on a constraint SHACL checks, its reason in the form's language. */
function note (b: FormBuilder, parameter: string, value: string | undefined, reason: ErrorMessages): UiNote {
  return { constraint: sh(parameter), ...(value === undefined ? {} : { value }), reason: reason[errorLanguageOf(b.language)] }
}
