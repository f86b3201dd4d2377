/**
 * Rules stored as data: nodes `a sym:InferenceRule ; sym:sparql """CONSTRUCT …"""` in any
 * graph of the store (an operator imports them like any RDF file). Read from the quads the
 * catalog compiles, so a rule takes effect with the next compile.
 */
import type { Quad } from '@rdfjs/types'
import { iri, terms } from '../rdf/index.js'
import { ruleFromText, type Rule } from './rules.js'
import { termId } from './term-id.js'

export const ruleTerms = {
  InferenceRule: iri('sym', 'InferenceRule'),
  sparql: iri('sym', 'sparql')
} as const

/**
 * The inference rules stated in the quads, sorted by node. A rule's source, in messages, is
 * `<graph>#<node>` (or the node alone in the default graph).
 */
export function storedRules (quads: Iterable<Quad>): Rule[] {
  const typed = new Set<string>()
  const texts: Array<{ node: string, text: string, graph: string }> = []
  for (const quad of quads) {
    const predicate = quad.predicate.value
    if (predicate === ruleTerms.sparql && quad.object.termType === 'Literal') {
      texts.push({ node: termId(quad.subject), text: quad.object.value, graph: quad.graph.termType === 'NamedNode' ? quad.graph.value : '' })
    } else if (predicate === terms.type && quad.object.value === ruleTerms.InferenceRule) {
      typed.add(termId(quad.subject))
    }
  }
  return texts.filter(({ node }) => typed.has(node))
    .sort((a, b) => a.node < b.node ? -1 : a.node > b.node ? 1 : a.text < b.text ? -1 : 1)
    .map(({ node, text, graph }) => ruleFromText(node, text, { source: graph === '' ? `<${node}>` : `<${graph}> <${node}>` }))
}
