/**
 * One joint form for a bundle: a section per member service (its types'
 * configuration shapes), a section per link (the `sym:LinkConfiguration`s for its interface
 * types), and a shared section for properties whose path is a
 * `sym:SharedConfigurationParameter`: asked once, removed from the other sections, and
 * written into every section that uses it.
 */
import type { Quad, Term } from '@rdfjs/types'
import { iri, terms } from '../rdf/index.js'
import { linkConfigurations, shapesOfTypes } from './configuration-shapes.js'
import { FormBuilder } from './form-builder.js'
import { assembleForm } from './form-document.js'
import { labelOf } from './labels.js'
import { buildObject, directProperties, layout } from './object-schema.js'
import { buildField } from './property-field.js'
import type { FieldBuild } from './property-field.js'
import { assignNames, uniqueName } from './property-names.js'
import { shapesGraph } from './shape-to-form.js'
import { iriTerm, localName } from './shapes-graph.js'
import { withRegionChecks } from './service-values.js'
import { formTexts } from './texts.js'
import type { BundleInput, Form, FormOptions, IsSubClassOf, JsonSchema, UiField, UiSection } from './types.js'

const sharedParameter = iri('sym', 'SharedConfigurationParameter')

interface PlannedSection {
  readonly kind: 'service' | 'link'
  readonly key: string
  readonly pointer: string
  readonly shapes: readonly Term[]
  readonly configures: readonly string[]
  readonly title: string
  readonly link?: UiSection['link']
}

/**
 * The joint configuration form of a bundle.
 *
 * @example
 * const form = bundleForm(quads, {
 *   services: [{ id: ex.pbx, types: [sym.VirtualPBX] }, { id: ex.crm, types: [sym.CRM] }],
 *   links: [{ from: ex.pbx, to: ex.crm, interfaceTypes: [sym.CallEventFeed] }]
 * }, { language: 'de', isSubClassOf: reasoner.isSubClassOf })
 */
export function bundleForm (quads: readonly Quad[], bundle: BundleInput, options: FormOptions & { readonly isSubClassOf: IsSubClassOf }): Form {
  const graph = shapesGraph(quads)
  const language = options.language ?? 'en'
  const text = formTexts(language)
  const b = new FormBuilder(graph, language, options.isSubClassOf, options.prefill, { ...(options.context === undefined ? {} : { facts: options.context }), ...(options.region === undefined ? {} : { region: options.region }) })
  const given = new Map(bundle.services.flatMap(service => service.label === undefined ? [] : [[service.id, service.label] as const]))
  const label = (id: string): string => given.get(id) ?? labelOf(graph, iriTerm(id), language)

  const existing = new Set(bundle.existing)
  const planned: PlannedSection[] = []
  const serviceKeys = new Set<string>()
  for (const service of bundle.services) {
    if (existing.has(service.id)) continue
    const shapes = shapesOfTypes(graph, service.types, options.isSubClassOf)
    if (shapes.length === 0) continue
    const key = uniqueName(localName(service.id), serviceKeys)
    planned.push({ kind: 'service', key, pointer: `/services/${key}`, shapes, configures: [service.id], title: label(service.id) })
  }
  const linkKeys = new Set<string>()
  for (const link of bundle.links) {
    if (existing.has(link.from) && existing.has(link.to)) continue
    const configurations = linkConfigurations(graph, link.interfaceTypes, options.isSubClassOf)
    if (configurations.length === 0) continue
    const key = uniqueName(`${localName(link.from)}-${localName(link.to)}`, linkKeys)
    const names = configurations.map(configuration => label(configuration.configuration)).join(', ')
    planned.push({
      kind: 'link',
      key,
      pointer: `/links/${key}`,
      shapes: configurations.flatMap(configuration => configuration.shapes),
      configures: [...new Set([link.from, link.to])],
      title: `${names}: ${text.link(label(link.from), label(link.to))}`,
      link: { from: link.from, to: link.to, interfaceTypes: link.interfaceTypes, configurations: configurations.map(c => c.configuration) }
    })
  }

  // Shared parameters: same path anywhere at the top of a section → one field.
  const sharedUses = new Map<string, Array<{ section: PlannedSection, shapes: Term[] }>>()
  for (const section of planned) {
    for (const [key, shapes] of directProperties(b, section.shapes)) {
      if (!key.startsWith('^') && isShared(graph.objects(iriTerm(key), terms.type).map(t => t.value), options.isSubClassOf)) {
        sharedUses.set(key, [...sharedUses.get(key) ?? [], { section, shapes }])
      }
    }
  }
  const sharedNames = assignNames([...sharedUses.keys()])
  const sharedFields = new Map<string, FieldBuild>()
  for (const [key, uses] of sharedUses) {
    const name = sharedNames.get(key)!
    const built = buildField(b, uses.flatMap(use => use.shapes), `Shared_${name}`, { configures: [...new Set(uses.flatMap(use => use.section.configures))] })
    const field: UiField = { ...built.field, usedBy: uses.map(use => use.section.pointer) }
    sharedFields.set(name, { ...built, field })
  }
  const sharedKeys = new Set(sharedUses.keys())

  const sections: UiSection[] = []
  const rootProperties: Record<string, JsonSchema> = {}
  const rootRequired: string[] = []
  if (sharedFields.size > 0) {
    const { order, groups } = layout(b, sharedFields)
    const required = order.filter(name => sharedFields.get(name)!.required)
    rootProperties.shared = {
      type: 'object',
      title: text.shared,
      properties: Object.fromEntries(order.map(name => [name, sharedFields.get(name)!.schema])),
      ...(required.length === 0 ? {} : { required }),
      additionalProperties: false
    }
    if (required.length > 0) rootRequired.push('shared')
    sections.push({
      kind: 'shared',
      pointer: '/shared',
      title: text.shared,
      configures: [...new Set(planned.filter(section => [...sharedUses.values()].some(uses => uses.some(use => use.section === section))).flatMap(section => section.configures))],
      object: { shapes: [], title: text.shared, order, groups, fields: Object.fromEntries(order.map(name => [name, sharedFields.get(name)!.field])) }
    })
  }

  for (const kind of ['service', 'link'] as const) {
    const container = kind === 'service' ? 'services' : 'links'
    const properties: Record<string, JsonSchema> = {}
    const required: string[] = []
    for (const section of planned.filter(s => s.kind === kind)) {
      const { schema, ui: own, fields } = buildObject(b, section.shapes, { hint: section.key, exclude: sharedKeys, configures: section.configures })
      // The region checks of its own fields, and of the shared ones it uses (their values are written into it).
      const usedShared = [...sharedUses].filter(([, uses]) => uses.some(use => use.section === section)).map(([key]) => sharedNames.get(key)!)
      const ui = withRegionChecks(b, section.pointer, own, [...fields, ...usedShared.map(name => [`shared.${name}`, sharedFields.get(name)!] as [string, FieldBuild])])
      properties[section.key] = { ...schema, title: section.title }
      if ([...fields.values()].some(field => field.required)) required.push(section.key)
      const shared = [...sharedUses].filter(([, uses]) => uses.some(use => use.section === section)).map(([key]) => sharedNames.get(key)!).sort()
      sections.push({
        kind,
        pointer: section.pointer,
        title: section.title,
        configures: section.configures,
        object: ui,
        ...(shared.length === 0 ? {} : { shared }),
        ...(section.link === undefined ? {} : { link: section.link })
      })
    }
    if (Object.keys(properties).length === 0) continue
    rootProperties[container] = { type: 'object', properties, ...(required.length === 0 ? {} : { required }), additionalProperties: false }
    if (required.length > 0) rootRequired.push(container)
  }

  const title = `${text.configuration}: ${bundle.services.map(service => label(service.id)).join(' + ')}`
  const root: JsonSchema = {
    type: 'object',
    title,
    properties: rootProperties,
    ...(rootRequired.length === 0 ? {} : { required: rootRequired }),
    additionalProperties: false
  }
  return assembleForm(b, root, title, sections, b.added.length === 0 ? quads : [...quads, ...b.added])
}

function isShared (types: readonly string[], isSubClassOf: IsSubClassOf): boolean {
  return types.some(type => type === sharedParameter || isSubClassOf(type, sharedParameter))
}
