/**
 * Compiling inference rules (CONSTRUCT queries, parsed with sparqljs) into Datalog-style
 * clauses the evaluator joins: a head (the template) and a body of triple atoms with filters.
 *
 * - Basic graph patterns, nested groups, UNION (one clause per alternative) and FILTER.
 * - Property paths: `^p`, `p/q`, `p|q`, `p?`, `p*`, `p+`. A `+` (and the non-empty part of
 *   `*`) becomes an internal relation with two clauses of its own (one step; one more step),
 *   so it is evaluated to its fixpoint like any rule; a zero-length step unifies its ends, and
 *   ends no pattern binds as subject or object join the internal relation of all nodes.
 * - Blank nodes in the pattern are variables.
 * - Refused, naming `file:line` and the construct: OPTIONAL, MINUS, BIND, VALUES, GRAPH,
 *   SERVICE, subqueries, FILTER (NOT) EXISTS, negated property sets, solution modifiers
 *   (GROUP BY and HAVING too), FROM, blank nodes in the template, and FILTER variables no
 *   triple pattern of the FILTER's own group binds. A template
 *   triple with a variable an alternative leaves unbound is not produced (as in SPARQL).
 */
import type { Term } from '@rdfjs/types'
import { DataFactory } from 'n3'
import sparqljs from 'sparqljs'
import { SymphonyError } from '../errors.js'
import type { ErrorMessages } from '../errors.js'
import { compileFilter, Unsupported, type Filter, type Node } from './rule-filters.js'
import { lineOf } from './rule-location.js'
import type { Rule } from './rules.js'
import { termId } from './term-id.js'

export type { Node } from './rule-filters.js'

/** One triple pattern over slots and constants. */
export interface Atom {
  readonly s: Node
  readonly p: Node
  readonly o: Node
}

/** One alternative of a rule: for every solution of `body` (that passes the filters), add `head`. */
export interface Clause {
  readonly head: readonly Atom[]
  readonly body: readonly Atom[]
  /** Each filter with the slots it reads. */
  readonly filters: ReadonlyArray<{ readonly test: Filter, readonly slots: readonly number[] }>
  /** Number of variable slots. */
  readonly slots: number
}

export interface CompiledRule {
  readonly name: string
  readonly source: string
  readonly clauses: readonly Clause[]
  /** A relation a property path needs, not a rule of its own: its triples are never output. */
  readonly internal: boolean
}

/** Every rule compiled, plus the internal predicates of property paths (never output). */
export interface Program {
  readonly rules: readonly CompiledRule[]
  readonly internalPredicates: ReadonlySet<string>
}

/** Prefix of the internal predicates that stand for `p+` paths. */
export const pathPredicatePrefix = 'urn:x-symphony:path:'
/** More alternatives than this (UNIONs and paths multiply) is refused. */
const maxClauses = 256

type Raw = sparqljs.Term
interface RawAtom { readonly s: Raw, readonly p: Raw, readonly o: Raw }
interface Conjunction {
  readonly atoms: RawAtom[]
  readonly equal: Array<[Raw, Raw]>
  readonly filters: sparqljs.Expression[]
}

class Refusal extends Error {
  /** The construct in English and German; a bare keyword reads the same in both. */
  readonly construct: ErrorMessages
  constructor (construct: string | ErrorMessages, readonly pattern: RegExp) {
    const named = typeof construct === 'string' ? { en: construct, de: construct } : construct
    super(named.en)
    this.construct = named
  }
}

/**
 * Compiles rules. Throws `INVALID_QUERY` naming `file:line` and the construct for anything
 * outside the supported subset.
 *
 * @example const program = compileRules(await readRules())
 */
export function compileRules (rules: readonly Rule[]): Program {
  const internal = new Map<string, CompiledRule>()
  const compiled: CompiledRule[] = []
  for (const rule of rules) {
    try {
      compiled.push(compileRule(rule, internal))
    } catch (error) {
      if (!(error instanceof Refusal || error instanceof Unsupported)) throw error
      const line = lineOf(rule.text, error.pattern, lineOf(rule.text, /\bWHERE\b|\{/i))
      const where = `${rule.source}:${line}`
      throw new SymphonyError('INVALID_QUERY', {
        en: `${where}: ${error.construct.en} is not supported in an inference rule (see docs/reasoning.md, "The rule language")`,
        de: `${where}: in Inferenzregeln nicht unterstützt — ${error.construct.de} (siehe docs/reasoning.md, "The rule language")`
      }, { file: rule.source, line })
    }
  }
  return { rules: [...compiled, ...internal.values()], internalPredicates: new Set(internal.keys()) }
}

function compileRule (rule: Rule, internal: Map<string, CompiledRule>): CompiledRule {
  const query = new sparqljs.Parser().parse(rule.text)
  if (query.type !== 'query' || query.queryType !== 'CONSTRUCT') throw new Refusal({ en: 'a query that is not CONSTRUCT', de: 'eine Abfrage, die nicht CONSTRUCT ist' }, /SELECT|ASK|DESCRIBE|INSERT|DELETE/i)
  const modifiers = query as { limit?: unknown, offset?: unknown, order?: unknown, group?: unknown, having?: unknown }
  if (modifiers.group !== undefined) throw new Refusal('GROUP BY', /\bGROUP\b/i)
  if (modifiers.having !== undefined) throw new Refusal('HAVING', /\bHAVING\b/i)
  if (modifiers.limit !== undefined) throw new Refusal('LIMIT', /\bLIMIT\b/i)
  if (modifiers.offset !== undefined) throw new Refusal('OFFSET', /\bOFFSET\b/i)
  if (modifiers.order !== undefined) throw new Refusal('ORDER BY', /\bORDER\b/i)
  if (query.from !== undefined) throw new Refusal('FROM', /\bFROM\b/i)
  if (query.values !== undefined) throw new Refusal('VALUES', /\bVALUES\b/i)
  const template = query.template ?? []
  for (const triple of template) {
    for (const term of [triple.subject, triple.predicate, triple.object]) {
      if ('termType' in term && term.termType === 'BlankNode') throw new Refusal({
        en: 'a blank node in the template (it would be a fresh node for every solution, and the rules would never stop)',
        de: 'ein leerer Knoten in der Vorlage (er wäre für jede Lösung ein neuer Knoten, und die Regeln kämen nie zum Ende)'
      }, /_:|\[/)
    }
  }
  const context = new PathContext(rule, internal)
  const head = template.map(t => ({ s: t.subject, p: t.predicate as Raw, o: t.object }))
  return { name: rule.name, source: rule.source, clauses: clauses(head, group(query.where ?? [], context), context), internal: false }
}

/** Compiles the property paths of one rule into internal relations, shared by every rule. */
class PathContext {
  private fresh = 0

  constructor (private readonly rule: Rule, readonly internal: Map<string, CompiledRule>) {}

  variable (): sparqljs.VariableTerm {
    return DataFactory.variable(` path ${this.fresh++}`)
  }

  /** The internal predicate for `path+`, with its two clauses (registered once). */
  plus (path: sparqljs.PropertyPath | sparqljs.IriTerm): sparqljs.IriTerm {
    const iri = pathPredicatePrefix + encodeURIComponent(pathKey(path))
    const predicate = DataFactory.namedNode(iri)
    if (!this.internal.has(iri)) {
      const [x, y, z] = [this.variable(), this.variable(), this.variable()]
      const step = [{ s: x, p: predicate as Raw, o: z }]
      const first = clauses(step, expand(x, path, z, this).map(alt => ({ ...alt, filters: [] })), this)
      const more = clauses(step, expand(y, path, z, this).map(alt => ({ atoms: [{ s: x, p: predicate, o: y }, ...alt.atoms], equal: alt.equal, filters: [] })), this)
      this.internal.set(iri, { name: `${this.rule.name} ${pathKey(path)}+`, source: this.rule.source, clauses: [...first, ...more], internal: true })
    }
    return predicate
  }

  /**
   * The internal predicate of `node node ?x` for every subject and object `?x` of the data: the
   * values a zero-length path ranges over when nothing else binds its ends (SPARQL 1.1 §18.5,
   * ZeroLengthPath: "all subjects and objects in the graph").
   */
  node (): sparqljs.IriTerm {
    const iri = pathPredicatePrefix + 'node'
    const predicate = DataFactory.namedNode(iri)
    if (!this.internal.has(iri)) {
      const [s, p, o] = [this.variable(), this.variable(), this.variable()]
      const body = [{ atoms: [{ s, p, o }], equal: [], filters: [] }]
      // `node node ?x`, not `?x node ?x`: a literal is a node too, and a triple's subject cannot be one.
      const node = [...clauses([{ s: predicate, p: predicate, o: s }], body, this), ...clauses([{ s: predicate, p: predicate, o }], body, this)]
      this.internal.set(iri, { name: `${this.rule.name} node`, source: this.rule.source, clauses: node, internal: true })
    }
    return predicate
  }
}

function pathKey (path: sparqljs.PropertyPath | sparqljs.IriTerm): string {
  if ('termType' in path) return `<${path.value}>`
  return `${path.pathType}(${path.items.map(pathKey).join(' ')})`
}

/** The disjunctive normal form of a group: one conjunction per combination of UNION branches and path alternatives. */
function group (patterns: readonly sparqljs.Pattern[], context: PathContext): Conjunction[] {
  let result: Conjunction[] = [{ atoms: [], equal: [], filters: [] }]
  const filters: sparqljs.Expression[] = []
  for (const pattern of patterns) {
    switch (pattern.type) {
      case 'bgp':
        for (const triple of pattern.triples) result = cross(result, expand(triple.subject as Raw, triple.predicate, triple.object, context))
        break
      case 'group': result = cross(result, group(pattern.patterns, context)); break
      case 'union': result = cross(result, pattern.patterns.flatMap(branch => group([branch], context))); break
      case 'filter': filters.push(pattern.expression); break
      case 'optional': throw new Refusal('OPTIONAL', /\bOPTIONAL\b/i)
      case 'minus': throw new Refusal('MINUS', /\bMINUS\b/i)
      case 'graph': throw new Refusal('GRAPH', /\bGRAPH\b/i)
      case 'service': throw new Refusal('SERVICE', /\bSERVICE\b/i)
      case 'bind': throw new Refusal('BIND', /\bBIND\b/i)
      case 'values': throw new Refusal('VALUES', /\bVALUES\b/i)
      case 'query': throw new Refusal({ en: 'a subquery', de: 'eine Unterabfrage' }, /\bSELECT\b/i)
      default: throw new Refusal({ en: `the pattern ${(pattern as { type: string }).type}`, de: `das Muster ${(pattern as { type: string }).type}` }, /\{/)
    }
    if (result.length > maxClauses) throw new Refusal({ en: `more than ${maxClauses} alternatives (UNION and property paths multiply)`, de: `mehr als ${maxClauses} Alternativen (UNION und Property-Pfade vervielfachen sie)` }, /\bUNION\b|[|*?]/i)
  }
  // A FILTER restricts the solutions of its own group (SPARQL 1.1 §5.2.2): a variable only an
  // enclosing group binds is unbound there, and the filter an error for every solution.
  for (const expression of filters) {
    for (const conjunction of result) {
      const bound = new Set<string>()
      for (const a of conjunction.atoms) for (const term of [a.s, a.p, a.o]) if (term.termType === 'Variable') bound.add(term.value)
      for (const pair of conjunction.equal) for (const term of pair) if (term.termType === 'Variable') bound.add(term.value)
      const missing = variablesOf(expression).find(name => !bound.has(name))
      if (missing !== undefined) {
        throw new Refusal({
          en: `the variable ?${missing} that no triple pattern of the FILTER's group binds`,
          de: `die Variable ?${missing}, die kein Tripelmuster der Gruppe des FILTERs bindet`
        }, new RegExp(`FILTER.*[?$]${escapeName(missing)}\\b`, 'i'))
      }
    }
  }
  return result.map(c => ({ ...c, filters: [...c.filters, ...filters] }))
}

/** The variables an expression reads (not those of an EXISTS pattern, which is refused anyway). */
function variablesOf (expression: sparqljs.Expression | sparqljs.Expression[]): string[] {
  if (Array.isArray(expression)) return expression.flatMap(variablesOf)
  if ('termType' in expression) return expression.termType === 'Variable' ? [expression.value] : []
  if (expression.type === 'operation' || expression.type === 'functionCall') {
    return (expression.args as Array<sparqljs.Expression | sparqljs.Pattern>).flatMap(arg => 'type' in arg && !('termType' in arg) && ['bgp', 'group'].includes(arg.type) ? [] : variablesOf(arg as sparqljs.Expression))
  }
  return []
}

function cross (left: readonly Conjunction[], right: readonly Conjunction[]): Conjunction[] {
  const out: Conjunction[] = []
  for (const a of left) {
    for (const b of right) out.push({ atoms: [...a.atoms, ...b.atoms], equal: [...a.equal, ...b.equal], filters: [...a.filters, ...b.filters] })
  }
  return out
}

/** The alternatives of one triple pattern whose predicate may be a path. */
function expand (s: Raw, predicate: Raw | sparqljs.PropertyPath, o: Raw, context: PathContext): Conjunction[] {
  if ('termType' in predicate) return [{ atoms: [{ s, p: predicate, o }], equal: [], filters: [] }]
  const items = predicate.items
  switch (predicate.pathType) {
    case '^': return expand(o, items[0]!, s, context)
    case '|': return items.flatMap(item => expand(s, item, o, context))
    case '/': {
      let result: Conjunction[] = [{ atoms: [], equal: [], filters: [] }]
      let from = s
      items.forEach((item, i) => {
        const to = i === items.length - 1 ? o : context.variable()
        result = cross(result, expand(from, item, to, context))
        from = to
      })
      return result
    }
    case '?': return [{ atoms: [], equal: [[s, o]], filters: [] }, ...expand(s, items[0]!, o, context)]
    case '+': return [{ atoms: [{ s, p: context.plus(items[0]!), o }], equal: [], filters: [] }]
    case '*': return [{ atoms: [], equal: [[s, o]], filters: [] }, { atoms: [{ s, p: context.plus(items[0]!), o }], equal: [], filters: [] }]
    case '!': throw new Refusal({ en: 'a negated property set (!)', de: 'eine negierte Property-Menge (!)' }, /!\s*[<(a-z^]/i)
  }
}

/** Resolves the equalities of each conjunction and assigns slots: one clause per satisfiable conjunction. */
function clauses (head: readonly RawAtom[], conjunctions: readonly Conjunction[], context: PathContext): Clause[] {
  const out: Clause[] = []
  for (const conjunction of conjunctions) {
    const clause = resolve(head, conjunction, context)
    if (clause !== undefined) out.push(clause)
  }
  return out
}

function resolve (head: readonly RawAtom[], conjunction: Conjunction, context: PathContext): Clause | undefined {
  const parent = new Map<string, string>()
  const constant = new Map<string, Term>()
  const find = (name: string): string => {
    let root = name
    while (parent.has(root)) root = parent.get(root)!
    return root
  }
  for (const [a, b] of conjunction.equal) {
    const x = variableName(a)
    const y = variableName(b)
    if (x !== undefined && y !== undefined) {
      const [rx, ry] = [find(x), find(y)]
      if (rx === ry) continue
      const [cx, cy] = [constant.get(rx), constant.get(ry)]
      if (cx !== undefined && cy !== undefined && termId(cx) !== termId(cy)) return undefined
      parent.set(ry, rx)
      if (cx === undefined && cy !== undefined) constant.set(rx, cy)
    } else if (x !== undefined || y !== undefined) {
      const root = find((x ?? y)!)
      const term = (x === undefined ? a : b) as Term
      const known = constant.get(root)
      if (known !== undefined && termId(known) !== termId(term)) return undefined
      constant.set(root, term)
    } else if (termId(a as Term) !== termId(b as Term)) {
      return undefined
    }
  }
  // A zero-length step ranges over the nodes of the data (subjects and objects): its ends need
  // a triple pattern that binds them in one of those positions, or the relation of all nodes.
  const joined = new Set<string>()
  for (const a of conjunction.atoms) for (const term of [a.s, a.o]) { const name = variableName(term); if (name !== undefined) joined.add(find(name)) }
  const free = new Set<string>()
  for (const pair of conjunction.equal) for (const term of pair) { const name = variableName(term); if (name !== undefined && !constant.has(find(name)) && !joined.has(find(name))) free.add(find(name)) }
  const atoms = [...conjunction.atoms, ...[...free].map(root => { const node = context.node(); return { s: node, p: node, o: DataFactory.variable(root) } })]
  const slots = new Map<string, number>()
  const node = (term: Raw, inBody: boolean): Node => {
    const name = variableName(term)
    if (name === undefined) return { c: term as Term }
    const root = find(name)
    const value = constant.get(root)
    if (value !== undefined) return { c: value }
    let slot = slots.get(root)
    if (slot === undefined) {
      if (!inBody) throw new Refusal({ en: `the variable ?${name} that no triple pattern binds`, de: `die Variable ?${name}, die kein Tripelmuster bindet` }, new RegExp(`[?$]${escapeName(name)}\\b`))
      slots.set(root, slot = slots.size)
    }
    return { v: slot }
  }
  const atom = (a: RawAtom, inBody: boolean): Atom => ({ s: node(a.s, inBody), p: node(a.p, inBody), o: node(a.o, inBody) })
  const body = atoms.map(a => atom(a, true))
  if (body.length === 0) throw new Refusal({ en: 'a pattern without a triple (a zero-length path alone)', de: 'ein Muster ohne Tripel (nur ein Pfad der Länge null)' }, /[\w>)][*?]/)
  const filters = conjunction.filters.map(expression => {
    const read = new Set<number>()
    const test = compileFilter(expression, name => {
      const n = node(DataFactory.variable(name), false)
      if ('v' in n) read.add(n.v)
      return n
    })
    return { test, slots: [...read] }
  })
  // As in SPARQL, a template triple with a variable this alternative leaves unbound is not produced.
  const bindable = head.filter(a => [a.s, a.p, a.o].every(term => {
    const name = variableName(term)
    return name === undefined || constant.has(find(name)) || slots.has(find(name))
  }))
  return { head: bindable.map(a => atom(a, false)), body, filters, slots: slots.size }
}

function variableName (term: Raw): string | undefined {
  if (term.termType === 'Variable') return term.value
  if (term.termType === 'BlankNode') return `_:${term.value}`
  return undefined
}

function escapeName (name: string): string {
  return name.replace(/[^\w]/g, '\\$&')
}
