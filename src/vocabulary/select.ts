/**
 * Which stored quads are vocabulary: what forms, configuration, publishing validation and term
 * pages read. The built-in ontology and shapes, the vocabulary graphs managed by the operator,
 * and every other public graph that declares a term (a class, a property, a shape, a price
 * component, a link configuration…) — so an extension loaded with `--data` or imported takes
 * effect like the built-in vocabulary. Graphs of service descriptions alone are left out.
 */
import type { Quad } from '@rdfjs/types'
import { graphs } from '../project.js'
import { ns } from '../rdf/index.js'
import { filterInSlices, forEachInSlices } from '../turns.js'

const sh = 'http://www.w3.org/ns/shacl#'

/** Predicates whose use makes a graph a vocabulary graph. */
const declaringPredicates = new Set([
  ns.rdfs + 'subClassOf', ns.rdfs + 'subPropertyOf', ns.rdfs + 'domain', ns.rdfs + 'range',
  ns.owl + 'equivalentClass', ns.owl + 'inverseOf', ns.sym + 'configurationShape', ns.sym + 'countedBy',
  ns.sym + 'billingPeriod', sh + 'targetClass', sh + 'property', sh + 'path'
])

/** Types whose instances are terms or shapes. */
const declaringTypes = new Set([
  ns.owl + 'Class', ns.rdfs + 'Class', ns.rdf + 'Property', ns.owl + 'ObjectProperty', ns.owl + 'DatatypeProperty',
  ns.owl + 'AnnotationProperty', ns.owl + 'Ontology', sh + 'NodeShape', sh + 'PropertyShape', ns.sym + 'PriceComponent',
  ns.sym + 'LinkConfiguration', ns.sym + 'SharedConfigurationParameter', ns.sym + 'ReferenceRequest'
])

/** Is the graph always vocabulary (built-in or operator-managed)? */
export function isVocabularyGraph (graph: string): boolean {
  return graph === graphs.ontology || graph === graphs.shapes || graph.startsWith(graphs.vocabulary)
}

/**
 * The quads of every graph that is vocabulary, in their order. Configuration graphs never are.
 * Read a slice of quads per turn of the event loop (a catalog of a million quads is scanned while
 * requests keep being answered).
 */
export async function selectVocabulary (quads: readonly Quad[]): Promise<Quad[]> {
  const declaring = new Set<string>()
  const seen = new Set<string>()
  await forEachInSlices(quads, quad => {
    const graph = quad.graph.value
    seen.add(graph)
    if (declaring.has(graph) || graph.startsWith(graphs.configuration)) return
    if (isVocabularyGraph(graph) || declaringPredicates.has(quad.predicate.value) ||
      (quad.predicate.value === ns.rdf + 'type' && declaringTypes.has(quad.object.value))) {
      declaring.add(graph)
    }
  })
  // Every graph declares terms (a catalog of one vocabulary-bearing graph): all of them, as they are.
  if (declaring.size === seen.size) return quads.slice()
  return filterInSlices(quads, q => declaring.has(q.graph.value))
}
