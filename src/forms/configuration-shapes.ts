/**
 * Which configuration shapes apply (docs/describing-services.md, "Configuration"): a type's
 * `sym:configurationShape`, else the nearest superclasses' shapes; a service's are those of
 * its most specific types; a link's are those of every `sym:LinkConfiguration` whose
 * `sym:interfaceType` is a superclass of (or equal to) one of the link's interface types.
 */
import type { Term } from '@rdfjs/types'
import { iri } from '../rdf/index.js'
import type { ShapesGraph } from './shapes-graph.js'
import { iriTerm, termKey } from './shapes-graph.js'
import type { IsSubClassOf } from './types.js'

const configurationShape = iri('sym', 'configurationShape')
const interfaceType = iri('sym', 'interfaceType')

/** Shapes for one type: its own, else those of its most specific configured superclasses. */
export function shapesOfType (graph: ShapesGraph, type: string, isSubClassOf: IsSubClassOf): Term[] {
  const own = graph.objects(iriTerm(type), configurationShape)
  if (own.length > 0) return own
  const configured = [...new Set(graph.store.getSubjects(iriTerm(configurationShape), null, null).map(term => term.value))]
    .filter(cls => cls !== type && isSubClassOf(type, cls) && !graph.has(iriTerm(cls), interfaceType))
  const nearest = configured.filter(cls => !configured.some(other => other !== cls && isSubClassOf(other, cls) && !isSubClassOf(cls, other)))
  return unique(nearest.sort().flatMap(cls => graph.objects(iriTerm(cls), configurationShape)))
}

/** Shapes for a service with these types; a type that is a superclass of another listed type adds nothing. */
export function shapesOfTypes (graph: ShapesGraph, types: readonly string[], isSubClassOf: IsSubClassOf): Term[] {
  const specific = types.filter(type => !types.some(other => other !== type && isSubClassOf(other, type) && !isSubClassOf(type, other)))
  return unique(specific.flatMap(type => shapesOfType(graph, type, isSubClassOf)))
}

/** A `sym:LinkConfiguration` that applies to a link, with its shapes. */
export interface LinkConfiguration {
  readonly configuration: string
  readonly shapes: readonly Term[]
}

/** The link configurations for a link's interface types, sorted by IRI. */
export function linkConfigurations (graph: ShapesGraph, interfaceTypes: readonly string[], isSubClassOf: IsSubClassOf): LinkConfiguration[] {
  return graph.store.getSubjects(iriTerm(interfaceType), null, null)
    .filter(configuration => graph.objects(configuration, interfaceType)
      .some(applies => interfaceTypes.some(type => type === applies.value || isSubClassOf(type, applies.value))))
    .map(configuration => ({ configuration: termKey(configuration), shapes: graph.objects(configuration, configurationShape) }))
    .filter(link => link.shapes.length > 0)
    .sort((a, b) => a.configuration < b.configuration ? -1 : 1)
}

function unique (shapes: readonly Term[]): Term[] {
  return [...new Map(shapes.map(shape => [termKey(shape), shape])).values()]
}
