/**
 * FILTER expressions of inference rules, compiled into closures over a solution (term ids by
 * variable slot). The subset: `!`, `&&`, `||`, `=`, `!=`, `<`, `>`, `<=`, `>=`, `IN`,
 * `NOT IN`, `sameTerm`, `isIRI`/`isURI`, `isBlank`, `isLiteral`, `isNumeric`, `bound`, `str`,
 * `lang`, `datatype`, `langMatches`, `strStarts`, `strEnds`, `contains`, `regex`. An error
 * (e.g. comparing an IRI with a number) makes the filter false, as in SPARQL.
 */
import type { Term } from '@rdfjs/types'
import type sparqljs from 'sparqljs'
import type { ErrorMessages } from '../errors.js'
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

type Value = { readonly term: Term } | { readonly bool: boolean } | { readonly num: number } | { readonly str: string, readonly lang?: string }
type Eval = (solution: readonly number[], table: TermTable) => Value

const xsd = 'http://www.w3.org/2001/XMLSchema#'
const numericTypes = new Set(['integer', 'decimal', 'float', 'double', 'int', 'long', 'short', 'byte', 'nonNegativeInteger',
  'positiveInteger', 'negativeInteger', 'nonPositiveInteger', 'unsignedInt', 'unsignedLong', 'unsignedShort', 'unsignedByte']
  .map(local => xsd + local))
const failed = Symbol('filter error')

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
      if ('c' in node) { const term = node.c; return () => ({ term }) }
      const slot = node.v
      return (solution, table) => ({ term: table.term(solution[slot]!) })
    }
    if (expression.termType === 'NamedNode' || expression.termType === 'Literal') {
      const term = expression
      return () => ({ term })
    }
    throw new Unsupported({ en: `a ${expression.termType} in a FILTER`, de: `ein ${expression.termType} in einem FILTER` }, /FILTER/i)
  }
  if (expression.type === 'functionCall') {
    const name = typeof expression.function === 'string' ? expression.function : expression.function.value
    throw new Unsupported({ en: `the function <${name}>`, de: `die Funktion <${name}>` }, new RegExp(escape(name.replace(/^.*[#/]/, '')), 'i'))
  }
  if (expression.type === 'aggregate') throw new Unsupported({ en: `the aggregate ${expression.aggregation.toUpperCase()}`, de: `das Aggregat ${expression.aggregation.toUpperCase()}` }, new RegExp(expression.aggregation, 'i'))
  if (expression.type !== 'operation') throw new Unsupported({ en: `the expression ${(expression as { type: string }).type}`, de: `der Ausdruck ${(expression as { type: string }).type}` }, /FILTER/i)
  const operator = (expression as sparqljs.OperationExpression).operator.toLowerCase()
  const rawArgs = (expression as sparqljs.OperationExpression).args
  if (operator === 'exists' || operator === 'notexists') {
    const keyword = `FILTER ${operator === 'exists' ? 'EXISTS' : 'NOT EXISTS'}`
    throw new Unsupported({ en: `${keyword} (a rule's pattern must be monotonic)`, de: `${keyword} (das Muster einer Regel muss monoton sein)` }, /EXISTS/i)
  }
  if (operator === 'bound') return () => ({ bool: true }) // every variable of a rule is bound
  if (operator === 'in' || operator === 'notin') {
    const needle = compile(rawArgs[0] as sparqljs.Expression, nodeOf)
    const list = (rawArgs[1] as sparqljs.Expression[]).map(item => compile(item, nodeOf))
    const negate = operator === 'notin'
    return (solution, table) => {
      const value = needle(solution, table)
      const found = list.some(item => equal(value, item(solution, table)))
      return { bool: found !== negate }
    }
  }
  const args = rawArgs.map(arg => compile(arg as sparqljs.Expression, nodeOf))
  const unary = (f: (value: Value) => Value): Eval => (solution, table) => f(args[0]!(solution, table))
  const binary = (f: (a: Value, b: Value) => Value): Eval => (solution, table) => f(args[0]!(solution, table), args[1]!(solution, table))
  switch (operator) {
    case '!': return unary(a => ({ bool: !effectiveBoolean(a) }))
    case '&&': return (solution, table) => ({ bool: effectiveBoolean(args[0]!(solution, table)) && effectiveBoolean(args[1]!(solution, table)) })
    case '||': return (solution, table) => ({ bool: effectiveBoolean(args[0]!(solution, table)) || effectiveBoolean(args[1]!(solution, table)) })
    case '=': return binary((a, b) => ({ bool: equal(a, b) }))
    case '!=': return binary((a, b) => ({ bool: !equal(a, b) }))
    case '<': return binary((a, b) => ({ bool: compare(a, b) < 0 }))
    case '>': return binary((a, b) => ({ bool: compare(a, b) > 0 }))
    case '<=': return binary((a, b) => ({ bool: compare(a, b) <= 0 }))
    case '>=': return binary((a, b) => ({ bool: compare(a, b) >= 0 }))
    case 'sameterm': return binary((a, b) => ({ bool: sameTerm(a, b) }))
    case 'isiri': case 'isuri': return unary(a => ({ bool: termOf(a).termType === 'NamedNode' }))
    case 'isblank': return unary(a => ({ bool: termOf(a).termType === 'BlankNode' }))
    case 'isliteral': return unary(a => ({ bool: !('term' in a) || a.term.termType === 'Literal' }))
    case 'isnumeric': return unary(a => ({ bool: numeric(a) !== undefined }))
    case 'str': return unary(a => ({ str: lexical(a) }))
    case 'lang': return unary(a => ({ str: language(a) }))
    case 'datatype': return unary(a => ({ term: { termType: 'NamedNode', value: datatypeOf(a) } as Term }))
    case 'langmatches': return binary((a, b) => ({ bool: langMatches(lexical(a), lexical(b)) }))
    case 'strstarts': return binary((a, b) => ({ bool: lexical(a).startsWith(lexical(b)) }))
    case 'strends': return binary((a, b) => ({ bool: lexical(a).endsWith(lexical(b)) }))
    case 'contains': return binary((a, b) => ({ bool: lexical(a).includes(lexical(b)) }))
    case 'regex': {
      const flags = rawArgs[2] === undefined ? '' : lexicalConstant(rawArgs[2] as sparqljs.Expression)
      const pattern = rawArgs[1] as sparqljs.Expression
      if (!('termType' in pattern) || pattern.termType !== 'Literal') throw new Unsupported({ en: 'REGEX with a pattern that is not a constant', de: 'REGEX mit einem Muster, das keine Konstante ist' }, /REGEX/i)
      const regex = new RegExp(pattern.value, flags.replace(/[^imsx]/g, '').replace('x', ''))
      return (solution, table) => ({ bool: regex.test(lexical(args[0]!(solution, table))) })
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

function termOf (value: Value): Term {
  if ('term' in value) return value.term
  throw failed
}

function effectiveBoolean (value: Value): boolean {
  if ('bool' in value) return value.bool
  if ('num' in value) return value.num !== 0 && !Number.isNaN(value.num)
  if ('str' in value) return value.str !== ''
  const term = value.term
  if (term.termType !== 'Literal') throw failed
  if (term.datatype.value === xsd + 'boolean') return term.value === 'true' || term.value === '1'
  const number = numeric(value)
  if (number !== undefined) return number !== 0 && !Number.isNaN(number)
  return term.value !== ''
}

function numeric (value: Value): number | undefined {
  if ('num' in value) return value.num
  if (!('term' in value) || value.term.termType !== 'Literal' || !numericTypes.has(value.term.datatype.value)) return undefined
  const number = Number(value.term.value)
  return Number.isNaN(number) && value.term.value.trim() !== 'NaN' ? undefined : number
}

function lexical (value: Value): string {
  if ('str' in value) return value.str
  if ('num' in value) return String(value.num)
  if ('bool' in value) return String(value.bool)
  if (value.term.termType === 'BlankNode') throw failed
  return value.term.value
}

function language (value: Value): string {
  if ('str' in value) return value.lang ?? ''
  if ('term' in value && value.term.termType === 'Literal') return value.term.language
  if ('term' in value) throw failed
  return ''
}

function datatypeOf (value: Value): string {
  if ('str' in value) return value.lang === undefined || value.lang === '' ? xsd + 'string' : 'http://www.w3.org/1999/02/22-rdf-syntax-ns#langString'
  if ('num' in value) return xsd + 'double'
  if ('bool' in value) return xsd + 'boolean'
  if (value.term.termType !== 'Literal') throw failed
  return value.term.datatype.value
}

function langMatches (tag: string, range: string): boolean {
  if (range === '*') return tag !== ''
  const t = tag.toLowerCase()
  const r = range.toLowerCase()
  return t === r || t.startsWith(r + '-')
}

function sameTerm (a: Value, b: Value): boolean {
  const x = termOf(a)
  const y = termOf(b)
  if (x.termType !== y.termType || x.value !== y.value) return false
  if (x.termType !== 'Literal' || y.termType !== 'Literal') return true
  return x.language === y.language && x.datatype.value === y.datatype.value
}

function equal (a: Value, b: Value): boolean {
  const x = numeric(a)
  const y = numeric(b)
  if (x !== undefined && y !== undefined) return x === y
  if ('bool' in a || 'bool' in b) return effectiveBoolean(a) === effectiveBoolean(b)
  if ('str' in a || 'str' in b) return lexical(a) === lexical(b) && language(a) === language(b)
  return sameTerm(a, b)
}

function compare (a: Value, b: Value): number {
  const x = numeric(a)
  const y = numeric(b)
  if (x !== undefined && y !== undefined) return x < y ? -1 : x > y ? 1 : 0
  if (x !== undefined || y !== undefined) throw failed
  const s = lexical(a)
  const t = lexical(b)
  return s < t ? -1 : s > t ? 1 : 0
}
