/** Parses test Turtle with blank-node labels kept as written (`_:pbx1` stays `pbx1`). */
import { Parser } from 'n3'
import type { Quad } from '@rdfjs/types'

export const sym = 'https://w3id.org/symphony/ontology#'
export const ex = 'https://example.org/acme#'

export const prefixes = `@prefix sym: <${sym}> . @prefix schema: <https://schema.org/> . @prefix ex: <${ex}> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix dpv: <https://w3id.org/dpv#> . @prefix pd: <https://w3id.org/dpv/pd#> .\n`

export function turtle (text: string): Quad[] {
  return new Parser({ blankNodePrefix: '_:' }).parse(prefixes + text) as Quad[]
}
