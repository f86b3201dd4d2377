/**
 * Small Turtle fixtures for the reasoner tests, and the triples a reasoning run derived,
 * each as the keys of its three terms (blank nodes of the rules' own making without their
 * run-specific label prefix, so two runs compare).
 */
import { Parser } from 'n3'
import type { Quad } from '@rdfjs/types'
import type { Reasoned } from '../../src/reasoner/index.js'

export const rdf = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#'

const prefixes = `@prefix rdf: <${rdf}> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix ex: <https://example.org/> .
`

/** The quads of `turtle`, with the prefixes rdf, rdfs, owl, xsd, skos and ex (`https://example.org/`) declared. */
export function quads (turtle: string): Quad[] {
  return new Parser().parse(prefixes + turtle) as Quad[]
}

/** The triples `reasoned` derived beyond its input, leaving out the rules' internal predicates. */
export function derived (reasoned: Reasoned): Set<string> {
  const out = new Set<string>()
  const { terms, triples } = reasoned
  for (let id = reasoned.inputSize; id < triples.size; id++) {
    if (reasoned.internal.has(triples.p[id]!)) continue
    out.add([triples.s[id]!, triples.p[id]!, triples.o[id]!].map(term => terms.key(term).replace(/^_:l\d+_/, '_:')).join(' '))
  }
  return out
}
