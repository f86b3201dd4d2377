/**
 * A `.nt` / `.nq` file held as term ids: read once by the line reader into a term table of its
 * own and three arrays of ids, its unnamed interfaces and offers named (`nameTableNodes`) and
 * its blank nodes scoped to its graph as the store scopes them. A compile reads the ids
 * (`reason` with `tables`); the quads, equal to those the file would have been stored as, are
 * built only when something reads the graph (export, SPARQL, validation, the vocabulary).
 */
import { createHash } from 'node:crypto'
import { DataFactory } from 'n3'
import type { Quad, Term } from '@rdfjs/types'
import { freshBlankPrefix, readNTriples, terms as rdfTerms } from '../rdf/index.js'
import { TermTable, termKinds, type IdTriples } from '../reasoner/index.js'
import type { WritableGraph } from '../store/index.js'
import { packTermKeys, unpackTermKeys, type HeldLines } from './held-lines.js'
import { nQuadsChunksOfIds } from './line-graph-n-quads.js'
import type { ServiceNodeRoles } from './types.js'
import { hasUnnamedNodes, nameTableNodes, type StatementTable } from './line-graph-names.js'
import { serviceNodeRoles } from './service-node-names.js'

/**
 * What to read: the text (a file's UTF-8 bytes as read, or a string), its format, its name in
 * errors, and the store graph it becomes.
 */
export interface LineGraphSource {
  readonly text: string | Uint8Array
  readonly format: 'n-triples' | 'n-quads'
  readonly source: string
  readonly graph: string
}

/** One file's statements in term ids, in `graph`; a store holds it as the graph's content. */
export class LineGraph implements WritableGraph, IdTriples {
  readonly graph: string
  readonly terms: TermTable
  readonly s: Int32Array
  readonly p: Int32Array
  readonly o: Int32Array
  readonly size: number
  #quads: readonly Quad[] | undefined

  private constructor (graph: string, terms: TermTable, s: Int32Array, p: Int32Array, o: Int32Array, size: number) {
    this.graph = graph
    this.terms = terms
    this.s = s
    this.p = p
    this.o = o
    this.size = size
  }

  /**
   * Reads the text (`PARSE_ERROR` naming file, line and column at the first malformed line),
   * names its unnamed service nodes per graph of the text, as `nameServiceNodes` does with the
   * role sub-properties it states, and scopes its blank nodes to `graph` as `scopeBlankNodes` does.
   */
  static read ({ text, format, source, graph }: LineGraphSource): LineGraph {
    const table = readTable(text, format, source, freshBlankPrefix())
    nameTableNodes(table, serviceNodeRoles(selectQuads(table, roleLinks)))
    scopeBlankNodes(table, graph)
    return LineGraph.#ofTable(graph, table)
  }

  /**
   * Reads the N-Quads text of a graph as a data directory stores it (`source` names it in
   * errors): its blank nodes keep their labels and nothing is named, as the store parses it
   * (`StoredGraph`), so its quads once built are those the store would have parsed.
   */
  static readStored ({ text, source, graph }: Omit<LineGraphSource, 'format'>): LineGraph {
    return LineGraph.#ofTable(graph, readTable(text, 'n-quads', source, ''))
  }

  /** Quads of one graph held as term ids, each term numbered when first met (s, p, o). */
  static ofQuads (graph: string, quads: readonly Quad[]): LineGraph {
    const terms = new TermTable()
    const s = new Int32Array(quads.length)
    const p = new Int32Array(quads.length)
    const o = new Int32Array(quads.length)
    for (let i = 0; i < quads.length; i++) {
      const quad = quads[i]!
      s[i] = terms.intern(quad.subject)
      p[i] = terms.intern(quad.predicate)
      o[i] = terms.intern(quad.object)
    }
    return new LineGraph(graph, terms, s, p, o, quads.length)
  }

  static #ofTable (graph: string, { terms, s, p, o, size }: StatementTable): LineGraph {
    return new LineGraph(graph, terms, s.subarray(0, size), p.subarray(0, size), o.subarray(0, size), size)
  }

  /**
   * The graph again from what `held` gave (in another thread): the same term ids, statements and
   * quads once built.
   */
  static ofHeld (held: HeldLines): LineGraph {
    return new LineGraph(held.graph, unpackTermKeys(held), held.s, held.p, held.o, held.s.length)
  }

  /** The graph as plain data for another thread (`ofHeld`): the statements copied, so their buffers can be transferred. */
  held (): HeldLines {
    return { graph: this.graph, ...packTermKeys(this.terms), s: this.s.slice(), p: this.p.slice(), o: this.o.slice() }
  }

  get triples (): number {
    return this.size
  }

  /** Whether the quads have been built (something read the graph). */
  get built (): boolean {
    return this.#quads !== undefined
  }

  /** The quads (each distinct term one object), built on first use. */
  quadsNow (): readonly Quad[] {
    if (this.#quads === undefined) {
      const graph = DataFactory.namedNode(this.graph)
      const quads: Quad[] = new Array<Quad>(this.size)
      for (let i = 0; i < this.size; i++) {
        quads[i] = DataFactory.quad(this.#term(this.s[i]!) as Quad['subject'], this.#term(this.p[i]!) as Quad['predicate'],
          this.#term(this.o[i]!) as Quad['object'], graph) as Quad
      }
      this.#quads = quads
    }
    return this.#quads
  }

  async quads (): Promise<readonly Quad[]> {
    return this.quadsNow()
  }

  /**
   * The UTF-8 bytes of the graph's N-Quads text in chunks, each written from the term ids when
   * asked for: the bytes `toNQuadsBytes` gives for its quads, which are not built for it.
   */
  nQuadsChunks (): Generator<Buffer, void> {
    return nQuadsChunksOfIds(this, this.graph)
  }

  /**
   * The quads, in the graph, of the statements with one of the patterns' predicates (and its
   * object, when the pattern gives one): a few, such as role links or stored rules.
   */
  select (patterns: readonly Pattern[]): Quad[] {
    return selectQuads(this, patterns, this.graph)
  }

  /** Whether a node is left that `nameServiceNodes` with `roles` would name (roles stated elsewhere). */
  hasUnnamedNodes (roles: ServiceNodeRoles): boolean {
    // Every statement is in this one graph now.
    return hasUnnamedNodes({ terms: this.terms, s: this.s, p: this.p, o: this.o, g: new Int32Array(this.size), size: this.size }, roles)
  }

  #term (id: number): Term {
    return this.terms.term(id)
  }
}

/** The statements of the text in term ids of a table of their own, as the line reader reads them. */
function readTable (text: string | Uint8Array, format: LineGraphSource['format'], source: string, blankPrefix: string): StatementTable {
  // About one distinct term per 100 characters in generated catalogs (blank nodes counted twice:
  // as read, and as scoped to the graph).
  const terms = new TermTable(text.length / 100)
  let capacity = Math.max(1024, Math.ceil(text.length / 80))
  let s: Int32Array = new Int32Array(capacity)
  let p: Int32Array = new Int32Array(capacity)
  let o: Int32Array = new Int32Array(capacity)
  let g: Int32Array = new Int32Array(capacity)
  let size = 0
  const grown = (old: Int32Array): Int32Array => {
    const array = new Int32Array(capacity)
    array.set(old)
    return array
  }
  readNTriples(text, key => terms.internKey(key), (si, pi, oi, gi) => {
    if (size === capacity) {
      capacity *= 2
      s = grown(s)
      p = grown(p)
      o = grown(o)
      g = grown(g)
    }
    s[size] = si
    p[size] = pi
    o[size] = oi
    g[size] = gi
    size++
  }, { format, source, blankPrefix })
  return { terms, s, p, o, g, size }
}

/** A predicate, and the object IRI when only statements with that object are meant. */
export interface Pattern {
  readonly predicate: string
  readonly object?: string
}

/** The statements `serviceNodeRoles` reads. */
/** The statements that make a property a role's sub-property (`serviceNodeRoles` reads them). */
export const roleLinks: readonly Pattern[] = [{ predicate: rdfTerms.subPropertyOf }, { predicate: rdfTerms.equivalentProperty }]

/** Quads of the statements of the table that match a pattern. */
function selectQuads (table: Pick<StatementTable, 'terms' | 's' | 'p' | 'o' | 'size'>, patterns: readonly Pattern[], graph?: string): Quad[] {
  const { terms, s, p, o, size } = table
  const wanted = new Map<number, number>()
  for (const { predicate, object } of patterns) {
    const id = terms.iri(predicate)
    if (id === undefined) continue
    // -1: any object; -2: an object that never occurs.
    wanted.set(id, object === undefined ? -1 : terms.iri(object) ?? -2)
  }
  const selected: Quad[] = []
  if (wanted.size === 0) return selected
  const graphNode = graph === undefined ? DataFactory.defaultGraph() : DataFactory.namedNode(graph)
  for (let i = 0; i < size; i++) {
    const object = wanted.get(p[i]!)
    if (object === undefined || (object !== -1 && object !== o[i])) continue
    selected.push(DataFactory.quad(terms.term(s[i]!) as Quad['subject'], terms.term(p[i]!) as Quad['predicate'], terms.term(o[i]!) as Quad['object'], graphNode) as Quad)
  }
  return selected
}

/** Relabels the blank nodes `g<hash of graph>_<n>` in order of first appearance (subject, then object). */
function scopeBlankNodes (table: StatementTable, graph: string): void {
  const { terms, s, o, size } = table
  const prefix = '_:g' + createHash('sha256').update(graph).digest('hex').slice(0, 12) + '_'
  const scoped = new Int32Array(terms.size).fill(-1)
  let next = 0
  const relabel = (id: number): number => {
    if (terms.kinds[id] !== termKinds.blank) return id
    let label = scoped[id]!
    if (label === -1) scoped[id] = label = terms.internKey(prefix + String(next++))
    return label
  }
  for (let i = 0; i < size; i++) {
    s[i] = relabel(s[i]!)
    o[i] = relabel(o[i]!)
  }
}
