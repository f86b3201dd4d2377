/**
 * FILTER expressions of inference rules, compiled into closures over a solution (term ids by
 * variable slot). The subset: `!`, `&&`, `||`, `=`, `!=`, `<`, `>`, `<=`, `>=`, `IN`,
 * `NOT IN`, `sameTerm`, `isIRI`/`isURI`, `isBlank`, `isLiteral`, `isNumeric`, `bound`, `str`,
 * `lang`, `datatype`, `langMatches`, `strStarts`, `strEnds`, `contains`, `regex`, with the
 * operator mapping and error semantics of SPARQL 1.1 §17: an error (e.g.
 * ordering an IRI and a number) makes the filter false, `||` and `&&` and `IN` absorb an error
 * where the other operands decide (§17.2, §17.4.1.9), `!` keeps it.
 */
import type { Term } from '@rdfjs/types'
import { DataFactory } from 'n3'
import type sparqljs from 'sparqljs'
import type { ErrorMessages } from '../errors.js'
import { attempt, bool, compare, compatible, effectiveBoolean, equal, failed, langMatches, literalOf, numeric, sameTerm, simple, stringOf, strOf, trueTerm, type Value } from './filter-values.js'
import { termKinds, type TermTable } from './term-table.js'

/** A slot of the solution, or a constant. */
export type Node = { readonly v: number } | { readonly c: Term }

/** A compiled FILTER: true keeps the solution. */
export type Filter = (solution: readonly number[], table: TermTable) => boolean

/** Raised (and caught by the compiler) for an expression outside the subset. */
export class Unsupported extends Error {
  /** The construct in English and German; a bare keyword reads the same in both. */
  readonly construct: ErrorMessages
  constructor (construct: string | ErrorMessages, readonly pattern: RegExp) {
    const named = typeof construct === 'string' ? { en: construct, de: construct } : construct
    super(named.en)
    this.construct = named
  }
}

type Eval = (solution: readonly number[], table: TermTable) => Value

/**
 * Compiles a FILTER expression; `nodeOf` gives the slot or constant of a variable name.
 * Throws `Unsupported` for anything outside the subset.
 */
export function compileFilter (expression: sparqljs.Expression, nodeOf: (name: string) => Node): Filter {
  const test = kindTest(expression, nodeOf)
  if (test !== undefined) return test
  const evaluate = compile(expression, nodeOf)
  return (solution, table) => {
    try {
      return effectiveBoolean(evaluate(solution, table))
    } catch (error) {
      if (error === failed) return false
      throw error
    }
  }
}

const kindOf: Record<string, number> = { isiri: termKinds.iri, isuri: termKinds.iri, isblank: termKinds.blank, isliteral: termKinds.literal }

/**
 * `isIRI(?x)`, `isBlank(?x)`, `isLiteral(?x)` of a variable, and `!`, `&&`, `||` over those,
 * as a look at the term kinds the table keeps: the common `FILTER (!isLiteral(?y))` of a rule
 * runs once per candidate triple, and the general path builds a value object per call. These
 * tests never raise an error, so plain boolean logic gives SPARQL's result. Undefined for
 * anything else.
 */
function kindTest (expression: sparqljs.Expression, nodeOf: (name: string) => Node): Filter | undefined {
  if (Array.isArray(expression) || 'termType' in expression || expression.type !== 'operation') return undefined
  const { operator, args } = expression as sparqljs.OperationExpression
  const name = operator.toLowerCase()
  if (name === '!' && args.length === 1) {
    const inner = kindTest(args[0] as sparqljs.Expression, nodeOf)
    return inner === undefined ? undefined : (solution, table) => !inner(solution, table)
  }
  if ((name === '&&' || name === '||') && args.length === 2) {
    const a = kindTest(args[0] as sparqljs.Expression, nodeOf)
    const b = kindTest(args[1] as sparqljs.Expression, nodeOf)
    if (a === undefined || b === undefined) return undefined
    return name === '&&' ? (solution, table) => a(solution, table) && b(solution, table) : (solution, table) => a(solution, table) || b(solution, table)
  }
  const kind = kindOf[name]
  const arg = args[0] as sparqljs.Expression
  if (kind === undefined || args.length !== 1 || Array.isArray(arg) || !('termType' in arg) || arg.termType !== 'Variable') return undefined
  const node = nodeOf(arg.value)
  if (!('v' in node)) return undefined
  const slot = node.v
  return (solution, table) => table.kinds[solution[slot]!] === kind
}

function compile (expression: sparqljs.Expression, nodeOf: (name: string) => Node): Eval {
  if (Array.isArray(expression)) throw new Unsupported({ en: 'a list outside IN', de: 'eine Liste außerhalb von IN' }, /\(/)
  if ('termType' in expression) {
    if (expression.termType === 'Variable') {
      const node = nodeOf(expression.value)
      if ('c' in node) { const term = node.c; return () => term }
      const slot = node.v
      return (solution, table) => table.term(solution[slot]!)
    }
    if (expression.termType === 'NamedNode' || expression.termType === 'Literal') {
      const term = expression
      return () => term
    }
    throw new Unsupported({ en: `a ${expression.termType} in a FILTER`, de: `ein ${expression.termType} in einem FILTER` }, /FILTER/i)
  }
  if (expression.type === 'functionCall') {
    const name = typeof expression.function === 'string' ? expression.function : expression.function.value
    // Found as the call: an IRI written `<…>` is blanked where lines are searched, a prefixed name ends in the local name.
    throw new Unsupported({ en: `the function <${name}>`, de: `die Funktion <${name}>` }, new RegExp(`(:${escape(name.replace(/^.*[#/:]/, ''))}|>)\\s*\\(`))
  }
  if (expression.type === 'aggregate') throw new Unsupported({ en: `the aggregate ${expression.aggregation.toUpperCase()}`, de: `das Aggregat ${expression.aggregation.toUpperCase()}` }, new RegExp(expression.aggregation, 'i'))
  if (expression.type !== 'operation') throw new Unsupported({ en: `the expression ${(expression as { type: string }).type}`, de: `der Ausdruck ${(expression as { type: string }).type}` }, /FILTER/i)
  const operator = (expression as sparqljs.OperationExpression).operator.toLowerCase()
  const rawArgs = (expression as sparqljs.OperationExpression).args
  if (operator === 'exists' || operator === 'notexists') {
    const keyword = `FILTER ${operator === 'exists' ? 'EXISTS' : 'NOT EXISTS'}`
    throw new Unsupported({ en: `${keyword} (a rule's pattern must be monotonic)`, de: `${keyword} (das Muster einer Regel muss monoton sein)` }, /EXISTS/i)
  }
  if (operator === 'bound') return () => trueTerm // every variable of a rule is bound
  if (operator === 'in' || operator === 'notin') {
    const needle = compile(rawArgs[0] as sparqljs.Expression, nodeOf)
    const list = (rawArgs[1] as sparqljs.Expression[]).map(item => compile(item, nodeOf))
    const negate = operator === 'notin'
    return (solution, table) => {
      const value = needle(solution, table)
      // §17.4.1.9: true when one item equals; an error only when no item equals and one erred.
      let erred = false
      for (const item of list) {
        const found = attempt(() => equal(value, item(solution, table)))
        if (found === true) return bool(!negate)
        if (found === undefined) erred = true
      }
      if (erred) throw failed
      return bool(negate)
    }
  }
  const args = rawArgs.map(arg => compile(arg as sparqljs.Expression, nodeOf))
  const unary = (f: (value: Value) => Value): Eval => (solution, table) => f(args[0]!(solution, table))
  const binary = (f: (a: Value, b: Value) => Value): Eval => (solution, table) => f(args[0]!(solution, table), args[1]!(solution, table))
  switch (operator) {
    case '!': return unary(a => bool(!effectiveBoolean(a)))
    case '&&': case '||': {
      // §17.2: the logical-and of false and an error is false, the logical-or of true and an error is true.
      const decisive = operator === '||'
      return (solution, table) => {
        const a = attempt(() => effectiveBoolean(args[0]!(solution, table)))
        if (a === decisive) return bool(decisive)
        const b = attempt(() => effectiveBoolean(args[1]!(solution, table)))
        if (b === decisive) return bool(decisive)
        if (a === undefined || b === undefined) throw failed
        return bool(!decisive)
      }
    }
    case '=': return binary((a, b) => bool(equal(a, b)))
    case '!=': return binary((a, b) => bool(!equal(a, b)))
    case '<': return binary((a, b) => bool(compare(a, b) < 0))
    case '>': return binary((a, b) => bool(compare(a, b) > 0))
    case '<=': return binary((a, b) => bool(compare(a, b) <= 0))
    case '>=': return binary((a, b) => bool(compare(a, b) >= 0))
    case 'sameterm': return binary((a, b) => bool(sameTerm(a, b)))
    case 'isiri': case 'isuri': return unary(a => bool(a.termType === 'NamedNode'))
    case 'isblank': return unary(a => bool(a.termType === 'BlankNode'))
    case 'isliteral': return unary(a => bool(a.termType === 'Literal'))
    case 'isnumeric': return unary(a => bool(numeric(a) !== undefined))
    case 'str': return unary(a => DataFactory.literal(strOf(a)))
    case 'lang': return unary(a => DataFactory.literal(literalOf(a).language))
    case 'datatype': return unary(a => literalOf(a).datatype)
    case 'langmatches': return binary((a, b) => bool(langMatches(simple(a), simple(b))))
    case 'strstarts': return binary((a, b) => bool(compatible(a, b).text.startsWith(stringOf(b).text)))
    case 'strends': return binary((a, b) => bool(compatible(a, b).text.endsWith(stringOf(b).text)))
    case 'contains': return binary((a, b) => bool(compatible(a, b).text.includes(stringOf(b).text)))
    case 'regex': {
      const flags = rawArgs[2] === undefined ? '' : lexicalConstant(rawArgs[2] as sparqljs.Expression)
      const pattern = rawArgs[1] as sparqljs.Expression
      if (!('termType' in pattern) || pattern.termType !== 'Literal') throw new Unsupported({ en: 'REGEX with a pattern that is not a constant', de: 'REGEX mit einem Muster, das keine Konstante ist' }, /REGEX/i)
      const regex = new RegExp(pattern.value, flags.replace(/[^imsx]/g, '').replace('x', ''))
      return (solution, table) => bool(regex.test(stringOf(args[0]!(solution, table)).text))
    }
    default: throw new Unsupported({ en: `the operator ${operator.toUpperCase()}`, de: `der Operator ${operator.toUpperCase()}` }, new RegExp(escape(operator), 'i'))
  }
}

function lexicalConstant (expression: sparqljs.Expression): string {
  if ('termType' in expression && expression.termType === 'Literal') return expression.value
  throw new Unsupported({ en: 'REGEX flags that are not a constant', de: 'REGEX-Flags, die keine Konstante sind' }, /REGEX/i)
}

function escape (text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
