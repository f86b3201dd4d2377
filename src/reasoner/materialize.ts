/**
 * Evaluating rule files with oxigraph: inference rules (CONSTRUCT) to a fixpoint, and SELECT
 * rules over the result. This is the only file that talks to oxigraph; the hot path of the
 * matcher never comes here (it runs on `buildClassHierarchy` and the compiled catalog).
 *
 * Blank nodes are skolemized to IRIs below `genidPrefix` while in the store, because
 * oxigraph's `load` renames blank nodes and one-by-one `add` is orders of magnitude slower
 *. Rules therefore must not test `isBlank()`.
 */
import oxigraph from 'oxigraph'
import { DataFactory, Parser } from 'n3'
import type { Quad, Term } from '@rdfjs/types'
import sparqljs from 'sparqljs'
import { SymphonyError } from '../errors.js'
import type { Rule } from './rules.js'

/** RDF 1.1 §3.5 skolem IRIs stand for blank nodes while they are in the store. */
export const genidPrefix = 'https://w3id.org/symphony/.well-known/genid/'

export interface MaterializeOptions {
  /** CONSTRUCT rules, applied in order, round after round, until no rule adds a triple. */
  readonly rules: readonly Rule[]
  /** Give up (INTERNAL error) after this many rounds; rules without fresh blank nodes always stop. */
  readonly maxRounds?: number
}

export interface MaterializeResult {
  /** The triples the rules added (input triples are not repeated), in the default graph. */
  readonly inferred: Quad[]
  /** Rounds until the fixpoint, counting the last round that added nothing. */
  readonly rounds: number
}

/** A SELECT solution: variable → IRI, `_:label` for blank nodes, lexical form for literals. */
export type Bindings = Record<string, string>

/**
 * Applies inference rules to the quads until nothing new follows (naive fixpoint, evaluated
 * as SPARQL UPDATE in an in-memory oxigraph store that is freed afterwards).
 *
 * @example const { inferred } = materialize(quads, { rules: await readRules() })
 */
export function materialize (quads: Iterable<Quad>, options: MaterializeOptions): MaterializeResult {
  return withStore(quads, options, (store, rounds, inputKeys) => {
    const dumped = store.dump({ format: 'application/n-quads' })
    const inferred: Quad[] = []
    for (const quad of parseNQuads(dumped)) {
      const triple = DataFactory.quad(quad.subject, quad.predicate, quad.object) as Quad
      if (inputKeys.has(quadKey(triple))) continue
      inferred.push(unskolemize(triple))
    }
    return { inferred, rounds }
  })
}

/**
 * Runs a SELECT query over the quads, after materializing them with `rules` when given.
 *
 * @example select(quads, 'SELECT ?a ?b { ?a rdfs:subClassOf ?b }', { rules })
 */
export function select (quads: Iterable<Quad>, query: string, options: Partial<MaterializeOptions> = {}): Bindings[] {
  return withStore(quads, { rules: options.rules ?? [], maxRounds: options.maxRounds }, store => {
    let solutions: unknown
    try {
      solutions = store.query(query)
    } catch (error) {
      throw new SymphonyError('INVALID_QUERY', { en: `cannot evaluate the query — ${String(error)}`, de: `die Abfrage kann nicht ausgewertet werden — ${String(error)}` }, { cause: error })
    }
    if (!Array.isArray(solutions)) throw new SymphonyError('INVALID_QUERY', { en: 'expected a SELECT query', de: 'erwartet wird eine SELECT-Abfrage' })
    return (solutions as Map<string, Term>[]).map(solution => {
      const row: Bindings = {}
      for (const [name, term] of solution) row[name] = termString(term)
      return row
    })
  })
}

type OxStore = InstanceType<typeof oxigraph.Store> & { free (): void }

function withStore<T> (quads: Iterable<Quad>, options: MaterializeOptions, body: (store: OxStore, rounds: number, inputKeys: Set<string>) => T): T {
  const updates = options.rules.map(toUpdate)
  const store = new oxigraph.Store() as OxStore
  try {
    const lines: string[] = []
    for (const quad of quads) lines.push(quadKey(quad))
    store.load(lines.join('\n'), { format: 'application/n-quads', no_transaction: true })
    // oxigraph keeps a literal in the canonical form of its value ("01"^^xsd:integer is read
    // as "1"^^xsd:integer), so the input is recognised in the store's own words, not in ours.
    const inputKeys = new Set<string>()
    for (const quad of parseNQuads(store.dump({ format: 'application/n-quads' }))) inputKeys.add(quadKey(quad))
    const maxRounds = options.maxRounds ?? 1000
    let rounds = 0
    for (let before = -1; updates.length > 0 && store.size !== before;) {
      if (++rounds > maxRounds) {
        throw new SymphonyError('INTERNAL', {
          en: `the rules did not reach a fixpoint within ${maxRounds} rounds; does a rule create fresh blank nodes?`,
          de: `die Regeln haben in ${maxRounds} Runden keinen Fixpunkt erreicht; erzeugt eine Regel neue leere Knoten?`
        })
      }
      before = store.size
      for (const update of updates) {
        try {
          store.update(update.text)
          // A template triple whose predicate is a blank node is not produced (SPARQL 1.1
          // §16.2); in the store that blank node is a skolem IRI, so oxigraph would add it.
          if (update.blankPredicates) store.update(dropBlankPredicates)
        } catch (error) {
          throw new SymphonyError('INVALID_QUERY', {
            en: `${update.source}: cannot evaluate the rule — ${String(error)}`,
            de: `${update.source}: die Regel kann nicht ausgewertet werden — ${String(error)}`
          }, { file: update.source, cause: error })
        }
      }
    }
    return body(store, rounds, inputKeys)
  } finally {
    store.free()
  }
}

function parseNQuads (text: string): Quad[] {
  return new Parser({ format: 'N-Quads' }).parse(text) as Quad[]
}

/** CONSTRUCT { T } WHERE { P }  →  INSERT { T } WHERE { P }, so a round stays inside the store. */
const dropBlankPredicates = `DELETE { ?s ?p ?o } WHERE { ?s ?p ?o FILTER (STRSTARTS(STR(?p), "${genidPrefix}")) }`

function toUpdate (rule: Rule): { text: string, source: string, blankPredicates: boolean } {
  const query = new sparqljs.Parser().parse(rule.text)
  if (query.type !== 'query' || query.queryType !== 'CONSTRUCT') {
    throw new SymphonyError('INVALID_QUERY', {
      en: `${rule.source}: an inference rule must be a CONSTRUCT query`,
      de: `${rule.source}: eine Inferenzregel muss eine CONSTRUCT-Abfrage sein`
    }, { file: rule.source })
  }
  const where = [...(query.where ?? []), ...(query.values === undefined ? [] : [{ type: 'values' as const, values: query.values }])]
  const update: sparqljs.Update = {
    type: 'update',
    prefixes: query.prefixes,
    updates: [{ updateType: 'insertdelete', delete: [], insert: [{ type: 'bgp', triples: query.template ?? [] }], where }]
  }
  const blankPredicates = (query.template ?? []).some(triple => 'termType' in triple.predicate && triple.predicate.termType === 'Variable')
  return { text: new sparqljs.Generator().stringify(update), source: rule.source, blankPredicates }
}

/** The quad as one N-Triples line (graph dropped: rules reason over the union of the input). */
function quadKey (quad: Quad): string {
  return `${termKey(quad.subject)} ${termKey(quad.predicate)} ${termKey(quad.object)} .`
}

function termKey (term: Term): string {
  switch (term.termType) {
    case 'NamedNode': return `<${term.value}>`
    case 'BlankNode': return `<${genidPrefix}${encodeURIComponent(term.value)}>`
    case 'Literal': {
      const lexical = `"${term.value.replace(/[\\"\n\r]/g, escapeChar)}"`
      if (term.language !== '') return `${lexical}@${term.language}`
      return term.datatype.value === 'http://www.w3.org/2001/XMLSchema#string' ? lexical : `${lexical}^^<${term.datatype.value}>`
    }
    default: throw new SymphonyError('INTERNAL', { en: `cannot put a ${term.termType} into the reasoner's store`, de: `ein ${term.termType} kann nicht in den Speicher des Reasoners gelegt werden` })
  }
}

const escapes: Record<string, string> = { '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r' }
function escapeChar (char: string): string {
  return escapes[char] ?? char
}

function unskolemizeTerm<T extends Term> (term: T): T {
  if (term.termType === 'NamedNode' && term.value.startsWith(genidPrefix)) {
    return DataFactory.blankNode(decodeURIComponent(term.value.slice(genidPrefix.length))) as unknown as T
  }
  return term
}

function unskolemize (quad: Quad): Quad {
  return DataFactory.quad(unskolemizeTerm(quad.subject), quad.predicate, unskolemizeTerm(quad.object)) as Quad
}

function termString (term: Term): string {
  const plain = unskolemizeTerm(term)
  return plain.termType === 'BlankNode' ? `_:${plain.value}` : plain.value
}
