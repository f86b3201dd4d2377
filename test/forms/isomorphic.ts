/** Graph isomorphism for tests: both graphs canonicalized with RDFC-1.0 (URDNA2015, via jsonld's rdf-canonize). */
import type { Quad } from '@rdfjs/types'
import jsonld from 'jsonld'
import { parseRdf, serializeRdf } from '../../src/rdf/index.js'

export async function canonical (quads: readonly Quad[]): Promise<string> {
  const nquads = await serializeRdf(quads, 'n-quads')
  // @types/jsonld types canonize for JSON-LD input only; N-Quads input is documented by jsonld.js.
  const canonize = jsonld.canonize as unknown as (input: string, options: Record<string, string>) => Promise<string>
  return canonize(nquads, { algorithm: 'URDNA2015', inputFormat: 'application/n-quads', format: 'application/n-quads' })
}

/** The canonical N-Quads of Turtle text, for `expect(await canonical(actual)).toBe(await canonicalTurtle(expected))`. */
export async function canonicalTurtle (turtle: string): Promise<string> {
  return canonical(await parseRdf(turtle, { format: 'turtle' }))
}
