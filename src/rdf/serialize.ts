/** Writing quads as Turtle, TriG, N-Triples, N-Quads or JSON-LD. */
import { DataFactory, Writer } from 'n3'
import type { Quad } from '@rdfjs/types'
import { ns } from './namespaces.js'
import type { RdfFormat } from './parse.js'

export type SerializationFormat = Exclude<RdfFormat, 'rdf-xml'>

export const mediaTypes: Record<SerializationFormat, string> = {
  turtle: 'text/turtle',
  trig: 'application/trig',
  'n-triples': 'application/n-triples',
  'n-quads': 'application/n-quads',
  'json-ld': 'application/ld+json'
}

const writerFormats = { turtle: 'Turtle', trig: 'TriG', 'n-triples': 'N-Triples', 'n-quads': 'N-Quads' } as const

/** Serializes quads; Turtle and TriG use Symphony's usual prefixes. */
export async function serializeRdf (quads: readonly Quad[], format: SerializationFormat, prefixes: Record<string, string> = ns): Promise<string> {
  if (format === 'json-ld') {
    const { default: jsonld } = await import('jsonld')
    const nquads = await serializeRdf(quads, 'n-quads')
    const document = await jsonld.fromRDF(nquads, { format: 'application/n-quads' })
    return JSON.stringify(document, null, 2)
  }
  const pretty = format === 'turtle' || format === 'trig'
  const writer = new Writer({ format: writerFormats[format], ...(pretty ? { prefixes: usedPrefixes(quads, prefixes) } : {}) })
  writer.addQuads(format === 'turtle' || format === 'n-triples' ? quads.map(inDefaultGraph) : [...quads])
  return new Promise((resolve, reject) => writer.end((error, text) => error ? reject(error) : resolve(text)))
}

/** The quad as a triple of the default graph. */
export function inDefaultGraph (quad: Quad): Quad {
  return quad.graph.termType === 'DefaultGraph' ? quad : DataFactory.quad(quad.subject, quad.predicate, quad.object) as Quad
}

/** Only the prefixes whose namespace some IRI in the quads starts with. */
function usedPrefixes (quads: readonly Quad[], prefixes: Record<string, string>): Record<string, string> {
  const iris = new Set<string>()
  for (const q of quads) for (const term of [q.subject, q.predicate, q.object, q.graph]) if (term.termType === 'NamedNode') iris.add(term.value)
  return Object.fromEntries(Object.entries(prefixes).filter(([, namespace]) => [...iris].some(iri => iri.startsWith(namespace))))
}
