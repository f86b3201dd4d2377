/** Canonical N-Triples of a description (RDF Dataset Canonicalization, RDFC-1.0), for storage and comparison. */
import { DataFactory, Parser } from 'n3'
import type { Quad } from '@rdfjs/types'
import { inDefaultGraph, serializeRdf } from '../rdf/index.js'

/** The quads as triples, canonical: equal text ⇔ isomorphic graphs. */
export async function canonicalNTriples (quads: readonly Quad[]): Promise<string> {
  const triples = quads.map(inDefaultGraph)
  const text = await serializeRdf(triples, 'n-triples')
  // Loaded on first use, as in src/rdf/parse.ts: jsonld is slow to load and most commands never publish.
  const { default: jsonld } = await import('jsonld')
  // The typings know only JSON-LD input; jsonld's canonize reads N-Quads with `inputFormat`.
  const canonize = jsonld.canonize as unknown as (input: string, options: Record<string, string>) => Promise<string>
  return canonize(text, { algorithm: 'RDFC-1.0', inputFormat: 'application/n-quads', format: 'application/n-quads' })
}

/** Parses stored canonical N-Triples back into quads, in `graph` when given. */
export function parseNTriples (text: string, graph?: string): Quad[] {
  const quads = new Parser({ format: 'N-Triples', blankNodePrefix: '' }).parse(text) as Quad[]
  if (graph === undefined) return quads
  const node = DataFactory.namedNode(graph)
  return quads.map(q => DataFactory.quad(q.subject, q.predicate, q.object, node) as Quad)
}
