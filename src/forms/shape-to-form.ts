/**
 * Forms for one node shape, for a service type (its `sym:configurationShape`), and for a
 * service (the shapes of its types). Adding a service type is adding Turtle: nothing here
 * knows any type.
 */
import type { Quad, Term } from '@rdfjs/types'
import { SymphonyError } from '../errors.js'
import { terms } from '../rdf/index.js'
import { classHierarchy } from './class-hierarchy.js'
import { shapesOfType, shapesOfTypes } from './configuration-shapes.js'
import { FormBuilder } from './form-builder.js'
import { assembleForm } from './form-document.js'
import { labelOf } from './labels.js'
import { buildObject } from './object-schema.js'
import { withRegionChecks } from './service-values.js'
import { ShapesGraph, iriTerm, localName } from './shapes-graph.js'
import type { Form, FormOptions, IsSubClassOf } from './types.js'

const graphs = new WeakMap<readonly Quad[], ShapesGraph>()

/** The indexed view of a quad array, built once per array. */
export function shapesGraph (quads: readonly Quad[]): ShapesGraph {
  let graph = graphs.get(quads)
  if (graph === undefined) {
    graph = new ShapesGraph(quads)
    graphs.set(quads, graph)
  }
  return graph
}

const hierarchies = new WeakMap<readonly Quad[], IsSubClassOf>()

/** The class hierarchy passed in, else the graph's own `rdfs:subClassOf` closure (built once per array). */
export function hierarchyOf (quads: readonly Quad[], options: FormOptions): IsSubClassOf {
  if (options.isSubClassOf !== undefined) return options.isSubClassOf
  let hierarchy = hierarchies.get(quads)
  if (hierarchy === undefined) {
    hierarchy = classHierarchy(quads)
    hierarchies.set(quads, hierarchy)
  }
  return hierarchy
}

/**
 * The form of one node shape.
 *
 * @example
 * const form = shapeToForm(quads, 'https://w3id.org/symphony/shapes#VirtualPBXConfiguration', { language: 'de' })
 * form.schema   // JSON Schema 2020-12
 * form.uiSchema // order, groups, labels, widgets, RDF paths
 */
export function shapeToForm (quads: readonly Quad[], shapeIri: string, options: FormOptions = {}): Form {
  const graph = shapesGraph(quads)
  const shape = iriTerm(shapeIri)
  if (graph.store.countQuads(shape, null, null, null) === 0) {
    throw new SymphonyError('UNKNOWN_SHAPE', {
      en: `shape <${shapeIri}> is not in the loaded shapes; check the IRI or load the file that defines it`,
      de: `die Shape <${shapeIri}> ist nicht unter den geladenen Shapes; prüfen Sie die IRI oder laden Sie die Datei, die sie definiert`
    }, { node: shapeIri })
  }
  return singleSectionForm(quads, [shape], [], options)
}

/** The form of a service type: its configuration shape, or the nearest superclass's. */
export function formForType (quads: readonly Quad[], typeIri: string, options: FormOptions = {}): Form {
  const shapes = shapesOfType(shapesGraph(quads), typeIri, hierarchyOf(quads, options))
  if (shapes.length === 0) {
    throw new SymphonyError('UNKNOWN_SHAPE', {
      en: `type <${typeIri}> has no sym:configurationShape, and neither has any of its superclasses; add one in shapes/configuration/`,
      de: `der Typ <${typeIri}> hat keine sym:configurationShape, und keine seiner Oberklassen hat eine; legen Sie eine in shapes/configuration/ an`
    }, { node: typeIri })
  }
  return singleSectionForm(quads, shapes, [], options)
}

/** The form of a service: the configuration shapes of its most specific types (from the graph when `types` is not given). */
export function formForService (quads: readonly Quad[], service: { readonly id: string, readonly types?: readonly string[], readonly label?: string }, options: FormOptions = {}): Form {
  const graph = shapesGraph(quads)
  const types = service.types ?? graph.objects(iriTerm(service.id), terms.type).map(term => term.value)
  const shapes = shapesOfTypes(graph, types, hierarchyOf(quads, options))
  if (shapes.length === 0) {
    const listed = types.map(t => `<${t}>`).join(', ')
    throw new SymphonyError('UNKNOWN_SHAPE', {
      en: `service <${service.id}> has no type with a sym:configurationShape (types: ${listed || 'none'})`,
      de: `der Dienst <${service.id}> hat keinen Typ mit einer sym:configurationShape (Typen: ${listed || 'keine'})`
    }, { node: service.id })
  }
  return singleSectionForm(quads, shapes, [service.id], options, service.label ?? labelOf(graph, iriTerm(service.id), options.language ?? 'en'))
}

function singleSectionForm (quads: readonly Quad[], shapes: readonly Term[], configures: readonly string[], options: FormOptions, title?: string): Form {
  const b = new FormBuilder(shapesGraph(quads), options.language ?? 'en', hierarchyOf(quads, options), options.prefill, { ...(options.context === undefined ? {} : { facts: options.context }), ...(options.region === undefined ? {} : { region: options.region }) })
  const hint = shapes[0]?.termType === 'NamedNode' ? localName(shapes[0].value) : 'Configuration'
  const { schema, ui, fields } = buildObject(b, shapes, { hint, configures })
  const object = withRegionChecks(b, 'configuration', ui, fields)
  const sectionTitle = title ?? ui.title
  return assembleForm(b, { ...schema, title: sectionTitle }, sectionTitle,
    [{ kind: 'configuration', pointer: '', title: sectionTitle, configures, object }], b.added.length === 0 ? quads : [...quads, ...b.added])
}
