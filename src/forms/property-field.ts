/**
 * One form field from the property shapes of one path (SHACL §2.3): cardinality
 * (`sh:minCount`/`sh:maxCount` → required, single value or array), labels, `sh:defaultValue`,
 * `sh:order`/`sh:group`, and DASH / SHACL UI hints (editor, viewer, singleLine, hidden, readOnly).
 */
import type { Term } from '@rdfjs/types'
import { DataFactory } from 'n3'
import { SymphonyError } from '../errors.js'
import { ns } from '../rdf/index.js'
import { describeShape, pickText } from '../shacl/index.js'
import type { FormBuilder } from './form-builder.js'
import { fieldHelp, fieldLabel } from './labels.js'
import { dash, sh, shui } from './shapes-graph.js'
import type { Json, JsonSchema, UiField, Widget } from './types.js'
import { fieldValues, valueOption } from './service-values.js'
import type { FieldValues } from './service-values.js'
import type { ValueBuild } from './value-schema.js'
import { andSources, termToJson, valueSchema } from './value-schema.js'
import { editorWidgets, viewers } from './widgets.js'

export interface FieldBuild {
  readonly schema: JsonSchema
  readonly field: UiField
  readonly required: boolean
  /** The request's region narrows the field: its check becomes a shape of the form (`withRegionChecks`). */
  readonly regionCheck?: { readonly primary: Term, readonly path: Term, readonly values: FieldValues }
}

export interface PropertyPath {
  readonly predicate: Term
  readonly inverse: boolean
}

/** A predicate or inverse path; forms cannot write values through other SHACL paths (§2.3.1). */
export function pathOf (b: FormBuilder, propertyShape: Term): PropertyPath {
  const path = b.graph.one(propertyShape, sh('path'))
  if (path?.termType === 'NamedNode') return { predicate: path, inverse: false }
  const inverse = path === undefined ? undefined : b.graph.one(path, sh('inversePath'))
  if (inverse?.termType === 'NamedNode') return { predicate: inverse, inverse: true }
  const shape = describeShape(b.graph.store, propertyShape)
  throw new SymphonyError('UNSUPPORTED_SHAPE', {
    en: `${shape.en} has a sequence, alternative or repetition path; a form field needs a predicate path or sh:inversePath so the value can be written as RDF`,
    de: `${shape.de} hat einen Sequenz-, Alternativ- oder Wiederholungspfad; ein Formularfeld braucht einen Prädikatpfad oder sh:inversePath, damit der Wert als RDF geschrieben werden kann`
  }, { node: propertyShape.value })
}

/** `iri`, or `^iri` for an inverse path. */
export function pathKey (path: PropertyPath): string {
  return (path.inverse ? '^' : '') + path.predicate.value
}

/**
 * A field from property shapes with the same path (the first one is the field's primary
 * shape). With `optional`, `sh:minCount` does not make it required (paths from `sh:or` members).
 * With `configures` (the services the field's object configures), a `symsh:valuesFrom` field
 * offers only the values they state, within the request's region.
 */
export function buildField (b: FormBuilder, shapes: readonly Term[], hint: string, options: { optional?: boolean, configures?: readonly string[] } = {}): FieldBuild {
  const g = b.graph
  const primary = shapes[0]!
  const path = pathOf(b, primary)
  const sources = shapes.flatMap(shape => andSources(b, shape))
  const narrowed = path.inverse ? undefined : fieldValues(b, sources, options.configures ?? [])
  const { value, allowed } = narrow(b, valueSchema(b, sources, hint), narrowed)
  const counts = (local: string): number[] => sources.flatMap(source => g.objects(source, sh(local))).map(term => Number(term.value))
  const minCount = Math.max(0, ...counts('minCount'))
  const maxCounts = counts('maxCount')
  const maxCount = maxCounts.length === 0 ? undefined : Math.min(...maxCounts)
  const multiple = maxCount === undefined || maxCount > 1
  // sh:hasValue needs the value to be there (SHACL §4.8.1), like sh:minCount 1.
  const hasValueRequired = sources.some(source => g.one(source, sh('hasValue')) !== undefined)
  const required = options.optional !== true && (minCount > 0 || hasValueRequired)

  const label = fieldLabel(g, primary, path.predicate, b.language)
  const help = fieldHelp(g, primary, path.predicate, b.language)
  const message = pickText(g.texts(primary, sh('message')), b.language)
  const hidden = g.boolean(primary, [dash('hidden'), ...shui('hidden')]) === true
  const readOnly = g.boolean(primary, [dash('readOnly'), ...shui('readOnly')]) === true
  const singleLine = g.boolean(primary, [dash('singleLine'), ...shui('singleLine')])
  const editor = g.objectsOfAny(primary, [dash('editor'), ...shui('editor')])[0]
  const viewer = g.objectsOfAny(primary, [dash('viewer'), ...shui('viewer')])[0]
  const order = g.number(primary, sh('order'))
  const group = g.one(primary, sh('group'))
  const fits = (json: Json): boolean => allowed === undefined || (Array.isArray(json) ? json : [json]).every(item => allowed.some(option => option === item))
  const declaredDefault = g.one(primary, sh('defaultValue'))
  // A narrowed field's default is the shape's only when allowed; else the one allowed value, else the first.
  const defaultValue = declaredDefault === undefined || fits(termToJson(declaredDefault)) ? declaredDefault : undefined
  const fallback = allowed !== undefined && defaultValue === undefined && allowed.length > 0 && (declaredDefault !== undefined || allowed.length === 1) ? allowed[0] : undefined
  const given = b.prefill[path.predicate.value]
  const prefilled = given === undefined || fits(given) ? given : undefined

  let widget: Widget = value.widget
  if (singleLine === false && widget === 'text') widget = 'textarea'
  if (singleLine === true && widget === 'textarea') widget = 'text'
  if (editor !== undefined && editorWidgets[editor.value] !== undefined) widget = editorWidgets[editor.value]!

  const annotations: JsonSchema = {
    title: label,
    ...(help === undefined ? {} : { description: help }),
    ...(defaultValue === undefined ? {} : { default: multiple ? [termToJson(defaultValue)] : termToJson(defaultValue) }),
    ...(fallback === undefined ? {} : { default: multiple ? [fallback] : fallback }),
    // A value the caller already knows (e.g. the request's seats) replaces the shape's default.
    ...(prefilled === undefined || readOnly || path.inverse ? {} : { default: multiple && !Array.isArray(prefilled) ? [prefilled] : prefilled }),
    ...(readOnly ? { readOnly: true } : {}),
    // Read-only is enforced, not only shown: the one value it may have is its default.
    ...(readOnly && defaultValue !== undefined && !multiple ? { const: termToJson(defaultValue) } : {})
  }
  // sh:hasValue on a multi-valued property: one of the values, not each (SHACL §4.8.1).
  const { const: hasValue, ...itemSchema } = value.schema
  const items = multiple && hasValue !== undefined ? itemSchema : value.schema
  const schema: JsonSchema = multiple
    ? {
        ...annotations,
        type: 'array',
        items,
        ...(hasValue === undefined ? {} : { contains: { const: hasValue } }),
        ...(minCount > 0 && !options.optional ? { minItems: minCount } : {}),
        ...(maxCount === undefined ? {} : { maxItems: maxCount }),
        uniqueItems: true
      }
    : { ...annotations, ...value.schema }

  const field: UiField = {
    path: path.predicate.value,
    ...(path.inverse ? { inverse: true as const } : {}),
    label,
    ...(help === undefined ? {} : { help }),
    ...(message === undefined ? {} : { message }),
    widget,
    ...(viewer !== undefined && viewers[viewer.value] !== undefined ? { viewer: viewers[viewer.value]! } : {}),
    multiple,
    required,
    ...(order === undefined ? {} : { order }),
    ...(group === undefined ? {} : { group: group.value }),
    ...(hidden ? { hidden: true as const } : {}),
    ...(readOnly ? { readOnly: true as const } : {}),
    ...(singleLine === undefined ? {} : { singleLine }),
    ...(value.options === undefined ? {} : { options: value.options }),
    value: value.mapping,
    ...(value.notes.length === 0 ? {} : { notes: value.notes })
  }
  return { schema, field, required, ...(narrowed?.region === undefined ? {} : { regionCheck: { primary, path: path.predicate, values: narrowed } }) }
}

/**
 * A narrowed field: a choice among the allowed values (UI options). The JSON Schema keeps the
 * field's own constraints, so a value outside gets SHACL's message, which names the service's
 * values or the request's region, not a bare "must be one of".
 */
function narrow (b: FormBuilder, value: ValueBuild, narrowed: FieldValues | undefined): { value: ValueBuild, allowed?: Json[] } {
  if (narrowed === undefined) return { value }
  const mapping = value.mapping
  const datatype = mapping.kind === 'literal' ? mapping.datatype : undefined
  const member = (lexical: string) => mapping.kind === 'in' ? mapping.members.find(candidate => candidate.term.value === lexical) : undefined
  const isIri = (lexical: string): boolean => mapping.kind === 'iri' || member(lexical)?.term.termType === 'NamedNode'
  const json = (lexical: string): Json => member(lexical)?.value ?? (mapping.kind === 'iri' ? lexical : termToJson(DataFactory.literal(lexical, DataFactory.namedNode(datatype ?? `${ns.xsd}string`))))
  const own = value.schema.enum
  const fitting = narrowed.allowed.map(lexical => ({ lexical, item: json(lexical) })).filter(({ item }) => !Array.isArray(own) || own.includes(item))
  // Nothing fits: the field stays open, and submission explains why each value is refused.
  if (fitting.length === 0) return { value }
  const options = fitting.map(({ lexical, item }) => value.options?.find(option => option.value === item) ?? valueOption(b, lexical, item, isIri(lexical)))
  return { value: { ...value, widget: 'select', options }, allowed: fitting.map(({ item }) => item) }
}
