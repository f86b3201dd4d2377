/**
 * The reasoner's entry: load quads into interned triples, apply the compiled rules to a
 * fixpoint (`evaluate`), and read the result. The graphs of the quads are ignored: rules
 * reason over the union of everything loaded.
 */
import type { Quad, Term } from '@rdfjs/types'
import { DataFactory } from 'n3'
import { evaluate } from './evaluate.js'
import type { Program } from './rule-compiler.js'
import { TermTable } from './term-table.js'
import { TripleTable } from './triple-table.js'

/** The input and everything the rules derived from it. */
export interface Reasoned {
  readonly terms: TermTable
  readonly triples: TripleTable
  /** Triples with an id below this are input (after removing duplicates); the rest are derived. */
  readonly inputSize: number
  readonly rounds: number
  readonly program: Program
  /** For each derived triple (id − inputSize), the index in `program.rules` of the rule that derived it first. */
  readonly origin: readonly number[]
  /** Ids of the internal predicates (property paths): their triples are never output. */
  readonly internal: ReadonlySet<number>
}

/**
 * Applies the program to the quads until nothing new follows.
 *
 * @example const reasoned = reason(quads, compileRules(builtinRules())); inferred(reasoned).length
 */
export function reason (quads: Iterable<Quad>, program: Program): Reasoned {
  const terms = new TermTable()
  const triples = new TripleTable()
  for (const quad of quads) {
    triples.add(terms.intern(quad.subject), terms.intern(quad.predicate), terms.intern(quad.object))
  }
  const inputSize = triples.size
  const { rounds, origin } = evaluate(program, triples, terms)
  const internal = new Set<number>()
  for (const iri of program.internalPredicates) {
    const id = terms.iri(iri)
    if (id !== undefined) internal.add(id)
  }
  return { terms, triples, inputSize, rounds, program, origin, internal }
}

/** The derived triples (internal relations left out), as quads in the default graph. */
export function inferred (reasoned: Reasoned): Quad[] {
  const { terms, triples, internal } = reasoned
  const out: Quad[] = []
  for (let id = reasoned.inputSize; id < triples.size; id++) {
    if (internal.has(triples.p[id]!)) continue
    out.push(DataFactory.quad(
      terms.terms[triples.s[id]!] as Quad['subject'],
      terms.terms[triples.p[id]!] as Quad['predicate'],
      terms.terms[triples.o[id]!] as Quad['object']) as Quad)
  }
  return out
}

/** The terms of one triple. */
export function tripleTerms (reasoned: Reasoned, id: number): [Term, Term, Term] {
  const { terms, triples } = reasoned
  return [terms.terms[triples.s[id]!]!, terms.terms[triples.p[id]!]!, terms.terms[triples.o[id]!]!]
}
