/**
 * The reasoner's entry: load quads into interned triples, apply the compiled rules to a
 * fixpoint (`evaluate`), and read the result. The graphs of the quads are ignored: rules
 * reason over the union of everything loaded.
 */
import type { Quad, Term } from '@rdfjs/types'
import { DataFactory } from 'n3'
import { freshBlankPrefix, readNTriples, type LineReaderOptions } from '../rdf/ntriples-reader.js'
import { evaluate, type EvaluateOptions } from './evaluate.js'
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
  /**
   * With `options.tables`: the graph each input triple was first read in (an index into
   * `names`; the default graph is `''`).
   */
  readonly inputGraphs?: { readonly names: readonly string[], readonly of: Int32Array }
}

/**
 * Triples already read into term ids of a table of their own (a file read once, its unnamed
 * nodes named on ids): `s`, `p`, `o` hold `size` triples, all in `graph`.
 */
export interface IdTriples {
  readonly terms: TermTable
  readonly s: Int32Array
  readonly p: Int32Array
  readonly o: Int32Array
  readonly size: number
  readonly graph: string
}

/** N-Triples or N-Quads text the reasoner reads line by line straight into term ids (no quad objects). */
export interface RdfLines {
  readonly text: string
  readonly format: LineReaderOptions['format']
  /** Name used in error messages (a file path). */
  readonly source: string
}

/** What to reason over besides the quads, and how. */
export interface ReasonOptions extends EvaluateOptions {
  /** N-Triples / N-Quads documents read after the quads, straight into term ids. */
  readonly lines?: readonly RdfLines[]
  /**
   * Triples in term ids of their own, added after the quads (and instead of `lines`): each term
   * is numbered when first met, as the quads' terms are, and the graph of every input triple is
   * kept (`Reasoned.inputGraphs`).
   */
  readonly tables?: readonly IdTriples[]
}

/**
 * Applies the program to the quads, and to the triples of `options.lines` (read after the
 * quads), until nothing new follows. Throws `PARSE_ERROR` naming file, line and column for a
 * malformed line.
 *
 * @example const reasoned = reason(quads, compileRules(builtinRules())); inferred(reasoned).length
 * @example reason(ontology, program, { lines: [{ text: catalogNt, format: 'n-triples', source: 'catalog.nt' }] })
 */
export function reason (quads: Iterable<Quad>, program: Program, options: ReasonOptions = {}): Reasoned {
  // The tables' terms are numbered again here: at most as many as they hold, and a few of the quads.
  const terms = new TermTable((options.tables ?? []).reduce((sum, table) => sum + table.terms.size, 0))
  const triples = new TripleTable()
  // Quads read from one file share a term object per distinct term: its id is looked up by
  // identity, without writing out and hashing its key again (4.8 M terms at 100,000 services).
  const ids = new Map<Term, number>()
  const id = (term: Term): number => {
    let found = ids.get(term)
    if (found === undefined) ids.set(term, found = terms.intern(term))
    return found
  }
  const inputGraphs = options.tables === undefined ? undefined : addTables(quads, options.tables, terms, triples, id)
  if (inputGraphs === undefined) for (const quad of quads) triples.add(id(quad.subject), id(quad.predicate), id(quad.object))
  const intern = (key: string): number => terms.internKey(key)
  const add = (s: number, p: number, o: number): void => { triples.add(s, p, o) }
  for (const { text, format, source } of options.lines ?? []) readNTriples(text, intern, add, { format, source, blankPrefix: freshBlankPrefix() })
  const inputSize = triples.size
  const { rounds, origin } = evaluate(program, triples, terms, options)
  const internal = new Set<number>()
  for (const iri of program.internalPredicates) {
    const id = terms.iri(iri)
    if (id !== undefined) internal.add(id)
  }
  return { terms, triples, inputSize, rounds, program, origin, internal, ...(inputGraphs === undefined ? {} : { inputGraphs }) }
}

/** Adds the quads, then the tables' triples, keeping the graph of each triple added. */
function addTables (quads: Iterable<Quad>, tables: readonly IdTriples[], terms: TermTable, triples: TripleTable,
  id: (term: Term) => number): { names: string[], of: Int32Array } {
  const names: string[] = []
  const numbers = new Map<string, number>()
  const graphOf = (graph: string): number => {
    let n = numbers.get(graph)
    if (n === undefined) numbers.set(graph, n = names.push(graph) - 1)
    return n
  }
  let of = new Int32Array(1024)
  const added = (graph: number): void => {
    const at = triples.size - 1
    if (at === of.length) {
      const grown = new Int32Array(of.length * 2)
      grown.set(of)
      of = grown
    }
    of[at] = graph
  }
  for (const quad of quads) {
    if (triples.add(id(quad.subject), id(quad.predicate), id(quad.object))) added(graphOf(quad.graph.value))
  }
  for (const table of tables) {
    const graph = graphOf(table.graph)
    // Local id → the reasoner's, numbered in the order the quads' terms would be (s, p, o).
    const global = new Int32Array(table.terms.size).fill(-1)
    const map = (local: number): number => {
      let found = global[local]!
      if (found === -1) global[local] = found = terms.internKey(table.terms.n3Key(local))
      return found
    }
    const { s, p, o } = table
    for (let i = 0; i < table.size; i++) {
      if (triples.add(map(s[i]!), map(p[i]!), map(o[i]!))) added(graph)
    }
  }
  return { names, of: of.subarray(0, triples.size) }
}

/** The derived triples (internal relations left out), as quads in the default graph. */
export function inferred (reasoned: Reasoned): Quad[] {
  const { terms, triples, internal } = reasoned
  const out: Quad[] = []
  for (let id = reasoned.inputSize; id < triples.size; id++) {
    if (internal.has(triples.p[id]!)) continue
    out.push(DataFactory.quad(
      terms.term(triples.s[id]!) as Quad['subject'],
      terms.term(triples.p[id]!) as Quad['predicate'],
      terms.term(triples.o[id]!) as Quad['object']) as Quad)
  }
  return out
}

/** The terms of one triple. */
export function tripleTerms (reasoned: Reasoned, id: number): [Term, Term, Term] {
  const { terms, triples } = reasoned
  return [terms.term(triples.s[id]!), terms.term(triples.p[id]!), terms.term(triples.o[id]!)]
}
