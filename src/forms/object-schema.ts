/**
 * An object (JSON Schema + UI layout) from node shapes: their `sh:property` shapes, also
 * through node-level `sh:and` and `sh:node`; node-level `sh:or` / `sh:xone` as `anyOf` /
 * `oneOf` of required field sets; `sh:group` + `sh:order` layout (SHACL §2.3, §4.6, §5.2 of
 * DASH forms).
 */
import type { Term } from '@rdfjs/types'
import { terms, iri } from '../rdf/index.js'
import type { FormBuilder } from './form-builder.js'
import { labelOf, textOf } from './labels.js'
import { buildField, pathKey, pathOf } from './property-field.js'
import type { FieldBuild } from './property-field.js'
import { objectNotes, writable } from './object-notes.js'
import { assignNames } from './property-names.js'
import { iriTerm, localName, sh, termKey } from './shapes-graph.js'
import type { Json, JsonSchema, UiAlternatives, UiGroup, UiObject } from './types.js'

export interface ObjectBuild {
  readonly schema: JsonSchema
  readonly ui: UiObject
  /** Field builds by JSON name. */
  readonly fields: ReadonlyMap<string, FieldBuild>
}

export interface ObjectOptions {
  /** Name used for anonymous nested definitions. */
  readonly hint: string
  /** Path keys to leave out (values shared with other sections). */
  readonly exclude?: ReadonlySet<string>
  /** The services the object configures (a section's): they narrow `symsh:valuesFrom` fields. */
  readonly configures?: readonly string[]
}

/** Keywords that only annotate; an alternative restates constraints only. */
const annotations = new Set(['title', 'description', 'default', 'readOnly'])

const lifted = ['name', 'description', 'order', 'group', 'path', 'minCount', 'maxCount', 'message', 'severity', 'defaultValue', 'deactivated'].map(sh)

/** The object schema and layout for node shapes. */
export function buildObject (b: FormBuilder, shapes: readonly Term[], options: ObjectOptions): ObjectBuild {
  const g = b.graph
  const sources = nodeSources(b, shapes)
  const exclude = options.exclude ?? new Set<string>()
  const active = (shape: Term): boolean => g.boolean(shape, [sh('deactivated')]) !== true
  const unwritable: Term[] = sources.flatMap(source => g.objects(source, sh('property'))).filter(shape => active(shape) && !writable(b, shape))

  const direct = directProperties(b, shapes)
  for (const key of exclude) direct.delete(key)
  const lists = (['or', 'xone'] as const).flatMap(kind => sources.flatMap(source => g.listsOf(source, sh(kind)).map(members => ({ kind, members }))))
  const memberProperties = (member: Term): Term[] => {
    const properties = (g.one(member, sh('path')) === undefined ? g.objects(member, sh('property')) : [member]).filter(active)
    unwritable.push(...properties.filter(property => !writable(b, property)))
    return properties.filter(property => writable(b, property))
  }
  const alternativeOnly = new Map<string, Term[]>()
  for (const { members } of lists) {
    for (const property of members.flatMap(memberProperties)) {
      const key = pathKey(pathOf(b, property))
      if (!direct.has(key) && !exclude.has(key)) alternativeOnly.set(key, [...alternativeOnly.get(key) ?? [], property])
    }
  }

  const names = assignNames([...direct.keys(), ...alternativeOnly.keys()])
  const fields = new Map<string, FieldBuild>()
  const configures = options.configures ?? []
  for (const [key, propertyShapes] of direct) fields.set(names.get(key)!, buildField(b, propertyShapes, `${options.hint}_${names.get(key)!}`, { configures }))
  for (const [key, propertyShapes] of alternativeOnly) {
    fields.set(names.get(key)!, buildField(b, propertyShapes, `${options.hint}_${names.get(key)!}`, { optional: true, configures }))
  }

  const { order, groups } = layout(b, fields)
  const alternatives: UiAlternatives[] = []
  const alternativeSchemas: Array<{ keyword: 'anyOf' | 'oneOf', options: JsonSchema[] }> = []
  for (const { kind, members } of lists) {
    const optionSchemas: JsonSchema[] = []
    const uiOptions: Array<{ label: string, fields: string[] }> = []
    for (const member of members) {
      const properties = memberProperties(member).filter(property => !exclude.has(pathKey(pathOf(b, property))))
      const memberFields = properties.map(property => names.get(pathKey(pathOf(b, property)))!)
      const required = properties.filter(property => Number(g.one(property, sh('minCount'))?.value ?? 0) > 0)
        .map(property => names.get(pathKey(pathOf(b, property)))!)
      const constrained = properties.filter(property => g.store.getQuads(property, null, null, null).some(quad => quad.predicate.value.startsWith(sh('')) && !lifted.includes(quad.predicate.value)))
      const memberSchemas = Object.fromEntries(constrained.map(property => {
        const name = names.get(pathKey(pathOf(b, property)))!
        const { schema } = buildField(b, [property], `${options.hint}_${name}`, { optional: true })
        const constraints = Object.fromEntries(Object.entries(schema).filter(([keyword]) => !annotations.has(keyword)))
        return [name, constraints as Json]
      }))
      optionSchemas.push({
        ...(Object.keys(memberSchemas).length === 0 ? {} : { properties: memberSchemas }),
        ...(required.length === 0 ? {} : { required })
      })
      const label = textOf(g, member, [sh('name'), terms.label], b.language) ?? memberFields.map(name => fields.get(name)!.field.label).join(' + ')
      uiOptions.push({ label, fields: memberFields })
    }
    alternatives.push({ kind, options: uiOptions })
    alternativeSchemas.push({ keyword: kind === 'or' ? 'anyOf' : 'oneOf', options: optionSchemas })
  }

  const notes = objectNotes(b, sources, unwritable)
  const title = objectTitle(b, shapes, options.hint)
  const description = textOf(g, shapes[0]!, [sh('description'), terms.comment], b.language)
  const required = order.filter(name => fields.get(name)!.required)
  const schema: JsonSchema = {
    type: 'object',
    title,
    ...(description === undefined ? {} : { description }),
    properties: Object.fromEntries(order.map(name => [name, fields.get(name)!.schema])),
    ...(required.length === 0 ? {} : { required }),
    additionalProperties: false,
    ...(alternativeSchemas.length === 1
      ? { [alternativeSchemas[0]!.keyword]: alternativeSchemas[0]!.options }
      : alternativeSchemas.length > 1 ? { allOf: alternativeSchemas.map(({ keyword, options }) => ({ [keyword]: options })) } : {})
  }
  const ui: UiObject = {
    shapes: shapes.map(termKey),
    title,
    ...(description === undefined ? {} : { description }),
    order,
    groups,
    fields: Object.fromEntries(order.map(name => [name, fields.get(name)!.field])),
    ...(alternatives.length === 0 ? {} : { alternatives }),
    ...(notes.length === 0 ? {} : { notes })
  }
  return { schema, ui, fields }
}

/** The property shapes of node shapes (through `sh:and` and `sh:node`), grouped by path key. */
export function directProperties (b: FormBuilder, shapes: readonly Term[]): Map<string, Term[]> {
  const direct = new Map<string, Term[]>()
  for (const source of nodeSources(b, shapes)) {
    // A property reached through a complex path gets no field; objectNotes says so.
    for (const property of b.graph.objects(source, sh('property')).filter(shape => b.graph.boolean(shape, [sh('deactivated')]) !== true && writable(b, shape))) {
      const key = pathKey(pathOf(b, property))
      direct.set(key, [...direct.get(key) ?? [], property])
    }
  }
  return direct
}

/** The shapes that apply to the same focus node: the given ones, their `sh:and` members and `sh:node` shapes. */
function nodeSources (b: FormBuilder, shapes: readonly Term[]): Term[] {
  const seen = new Map<string, Term>()
  const visit = (shape: Term): void => {
    if (seen.has(termKey(shape))) return
    seen.set(termKey(shape), shape)
    for (const members of b.graph.listsOf(shape, sh('and'))) members.forEach(visit)
    b.graph.objects(shape, sh('node')).forEach(visit)
  }
  shapes.forEach(visit)
  return [...seen.values()]
}

/** Display order: ungrouped fields first, then groups by `sh:order`; within each by `sh:order`, then name. */
export function layout (b: FormBuilder, fields: ReadonlyMap<string, FieldBuild>): { order: string[], groups: UiGroup[] } {
  const byOrder = (x: string, y: string): number => {
    const a = fields.get(x)!.field
    const c = fields.get(y)!.field
    return (a.order ?? Infinity) - (c.order ?? Infinity) || (x < y ? -1 : x > y ? 1 : 0)
  }
  const ungrouped = [...fields.keys()].filter(name => fields.get(name)!.field.group === undefined).sort(byOrder)
  const groupIris = [...new Set([...fields.values()].flatMap(({ field }) => field.group === undefined ? [] : [field.group]))]
  const groups: UiGroup[] = groupIris.map(group => {
    const term = iriTerm(group)
    const order = b.graph.number(term, sh('order'))
    return {
      group,
      label: labelOf(b.graph, term, b.language),
      ...(order === undefined ? {} : { order }),
      fields: [...fields.keys()].filter(name => fields.get(name)!.field.group === group).sort(byOrder)
    }
  }).sort((x, y) => (x.order ?? Infinity) - (y.order ?? Infinity) || x.label.localeCompare(y.label) || (x.group < y.group ? -1 : 1))
  return { order: [...ungrouped, ...groups.flatMap(group => group.fields)], groups }
}

/** `sh:name` / `rdfs:label` of the shape, else the label of its target class or of the class it configures. */
function objectTitle (b: FormBuilder, shapes: readonly Term[], hint: string): string {
  const shape = shapes[0]
  if (shape === undefined) return hint
  const own = textOf(b.graph, shape, [sh('name'), terms.label], b.language)
  if (own !== undefined) return own
  const cls = b.graph.one(shape, sh('targetClass')) ?? b.graph.subjects(iri('sym', 'configurationShape'), shape)[0]
  if (cls !== undefined) return labelOf(b.graph, cls, b.language)
  return shape.termType === 'NamedNode' ? localName(shape.value) : hint
}

