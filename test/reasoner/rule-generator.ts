/**
 * Random small graphs and random rules over the supported rule language, from a seed, for
 * holding the compiled evaluator to oxigraph's SPARQL evaluation of the same rule text.
 */
import type { Quad, Term } from '@rdfjs/types'
import { DataFactory } from 'n3'

const ex = 'https://example.org/'
const xsd = 'http://www.w3.org/2001/XMLSchema#'

import { seededRandom as random } from '../support/seeded-random.js'
export { random }

type Rng = () => number
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!
const chance = (rng: Rng, p: number): boolean => rng() < p

const nodes = ['a', 'b', 'c', 'd']
const predicates = ['p', 'q', 'r']
const { literal, namedNode, blankNode, quad } = DataFactory
const typed = (value: string, type: string): Term => literal(value, namedNode(xsd + type))

/**
 * Literals that differ in the ways rules trip over: language-tag case, datatypes, numbers
 * written differently. No two of them have the same value and datatype: oxigraph stores a
 * literal in the canonical form of its value (`"01"^^xsd:integer` becomes `"1"^^xsd:integer`),
 * which makes two literals one term where RDF 1.1 Concepts §3.3 ("literal term equality:
 * lexical forms, datatype IRIs and language tags compare equal, character by character") and
 * SPARQL 1.1 §17.4.1.8 (`sameTerm`) keep them apart. So `"01"^^xsd:integer` is here, and
 * `"1"^^xsd:integer` is not, and the results are compared in canonical form.
 */
const literals: ReadonlyArray<[Term, string]> = [
  [literal('x'), '"x"'],
  [literal('X'), '"X"'],
  [literal('abc'), '"abc"'],
  [literal(''), '""'],
  [literal('x', 'en'), '"x"@en'],
  [literal('x', 'en-us'), '"x"@en-us'],
  [literal('abc', 'de'), '"abc"@de'],
  [typed('x', 'string'), '"x"^^xsd:string'],
  [typed('01', 'integer'), '"01"^^xsd:integer'],
  [typed('2', 'integer'), '2'],
  [typed('1.0', 'decimal'), '1.0'],
  [typed('1.0e0', 'double'), '1.0e0'],
  [typed('0', 'integer'), '0'],
  [typed('1', 'boolean'), '"1"^^xsd:boolean'],
  [typed('false', 'boolean'), 'false'],
  [typed('2020-01-01', 'date'), '"2020-01-01"^^xsd:date'],
  [typed('2021-06-30', 'date'), '"2021-06-30"^^xsd:date']
]

/** Which kinds of term a case puts in the data. */
export interface Shape {
  /** Blank nodes in the data: `materialize` stores them as IRIs, so kind tests of them are left out. */
  readonly blanks: boolean
  /**
   * Only literals in canonical form in the data, and `STR` in the rule: oxigraph's `STR` of
   * `"1.0"^^xsd:decimal` is `"1"`, where SPARQL 1.1 §17.4.2.5 gives the lexical form `"1.0"`
   * (oxigraph stores literals in canonical form, see `literals`), so `STR` is used only where
   * no literal is written otherwise.
   */
  readonly canonical: boolean
}

/** The literals whose lexical form is not the canonical one of their value. */
const uncanonical = new Set(['"01"^^xsd:integer', '1.0', '1.0e0', '"1"^^xsd:boolean'])

/** A random graph of a few triples over a small pool of terms. */
export function graph (rng: Rng, shape: Shape): Quad[] {
  const subjects: Term[] = nodes.map(n => namedNode(ex + n))
  if (shape.blanks) subjects.push(blankNode('b1'), blankNode('b2'))
  const written = literals.filter(([, text]) => !shape.canonical || !uncanonical.has(text))
  const objects: Term[] = [...subjects, ...predicates.map(p => namedNode(ex + p)), ...written.map(([term]) => term)]
  // The anchors: constants a zero-length path may end at are nodes of every graph (see `pattern`).
  const out: Quad[] = [quad(namedNode(ex + 'a'), namedNode(ex + 'q'), literal('x'))]
  const size = 3 + Math.floor(rng() * 8)
  for (let i = 0; i < size; i++) {
    const s = pick(rng, subjects)
    const p = namedNode(ex + pick(rng, chance(rng, 0.1) ? nodes : predicates))
    out.push(quad(s as never, p, chance(rng, 0.5) ? pick(rng, subjects) as never : pick(rng, objects) as never))
  }
  return out
}

const variables = ['?x', '?y', '?z', '?w']

/** Writes one random CONSTRUCT rule; `bound` collects the variables its triple patterns mention. */
export function rule (rng: Rng, shape: Shape): string {
  const mentioned = new Set<string>()
  const where = groupText(rng, shape, mentioned, 0)
  const vars = [...mentioned]
  const term = (position: 's' | 'p' | 'o'): string => {
    if (vars.length > 0 && chance(rng, 0.75)) return pick(rng, vars)
    if (position === 'p') return `ex:out${Math.floor(rng() * 2)}`
    if (position === 'o' && chance(rng, 0.4)) return pick(rng, literals)[1]
    return `ex:${pick(rng, nodes)}`
  }
  const template = Array.from({ length: 1 + Math.floor(rng() * 2) }, () => {
    const p = chance(rng, 0.7) ? `ex:out${Math.floor(rng() * 2)}` : term('p')
    return `${term('s')} ${p} ${term('o')} .`
  })
  return `PREFIX ex: <${ex}>\nPREFIX xsd: <${xsd}>\nCONSTRUCT { ${template.join(' ')} }\nWHERE ${where}`
}

function groupText (rng: Rng, shape: Shape, mentioned: Set<string>, depth: number): string {
  const parts: string[] = []
  const own = new Set<string>()
  const count = 1 + Math.floor(rng() * (depth === 0 ? 3 : 2))
  for (let i = 0; i < count; i++) {
    const roll = rng()
    if (depth < 2 && roll < 0.12) parts.push(`${groupText(rng, shape, own, depth + 1)} UNION ${groupText(rng, shape, own, depth + 1)}`)
    else if (depth < 2 && roll < 0.2) parts.push(groupText(rng, shape, own, depth + 1))
    else parts.push(pattern(rng, own))
  }
  // FILTERs over the variables this group's own patterns mention (SPARQL scopes them to the group).
  const vars = [...own]
  if (vars.length > 0) {
    const filters = Math.floor(rng() * 3)
    for (let i = 0; i < filters; i++) parts.push(`FILTER (${expression(rng, shape, vars, 0)})`)
  }
  for (const v of own) mentioned.add(v)
  return `{ ${parts.join(' ')} }`
}

/**
 * One triple pattern. oxigraph matches a zero-length path at a constant end only when that
 * constant is a node of the graph, where SPARQL 1.1 §18.5 (ZeroLengthPath: `eval(Path(X:term,
 * ZeroLengthPath, ?v)) = { (?v, X) }`) matches it always; so a constant end of a path that may
 * be of length zero is one of the anchors every generated graph holds.
 */
function pattern (rng: Rng, mentioned: Set<string>): string {
  let p: string
  if (chance(rng, 0.3)) {
    p = chance(rng, 0.5) ? `ex:${pick(rng, predicates)}` : (() => { const v = pick(rng, variables); mentioned.add(v); return v })()
  } else {
    p = path(rng, 0)
  }
  const zeroLength = /[?*]/.test(p.replace(/^\?\w+$/, ''))
  const end = (): string => {
    const roll = rng()
    if (roll < 0.65) { const v = pick(rng, variables); mentioned.add(v); return v }
    if (roll < 0.75) return '[]' // a label may not stand in two basic graph patterns (SPARQL 1.1 §4.1.4)
    if (zeroLength) return pick(rng, ['ex:a', '"x"'])
    if (roll < 0.9) return `ex:${pick(rng, nodes)}`
    return pick(rng, literals)[1]
  }
  const s = end()
  return `${s} ${p} ${end()} .`
}

function path (rng: Rng, depth: number): string {
  const roll = rng()
  if (depth >= 2 || roll < 0.3) return `ex:${pick(rng, predicates)}`
  const inner = (): string => path(rng, depth + 1)
  // Not `^(^p)`: sparqljs writes it back as `^^p`, which no SPARQL parser reads, so oxigraph never sees the rule.
  if (roll < 0.4) { const reversed = inner(); return reversed.startsWith('^') ? reversed.slice(1) : `^${reversed.startsWith('(') ? reversed : `(${reversed})`}` }
  if (roll < 0.5) return `(${inner()}/${inner()})`
  if (roll < 0.6) return `(${inner()}|${inner()})`
  if (roll < 0.73) return `(${inner()})?`
  if (roll < 0.86) return `(${inner()})*`
  return `(${inner()})+`
}

const comparisons = ['=', '!=', '<', '>', '<=', '>=']

function operand (rng: Rng, shape: Shape, vars: readonly string[]): string {
  const roll = rng()
  if (roll < 0.5) return pick(rng, vars)
  if (roll < 0.8) return pick(rng, literals)[1]
  if (roll < 0.9) return `ex:${pick(rng, nodes)}`
  return strSafe(shape) ? `STR(${pick(rng, vars)})` : `LANG(${pick(rng, vars)})`
}

const kindSafe = (shape: Shape): boolean => !shape.blanks
const strSafe = (shape: Shape): boolean => !shape.blanks && shape.canonical

function expression (rng: Rng, shape: Shape, vars: readonly string[], depth: number): string {
  const v = (): string => pick(rng, vars)
  const roll = rng()
  if (depth < 2 && roll < 0.08) return `!(${expression(rng, shape, vars, depth + 1)})`
  if (depth < 2 && roll < 0.16) return `(${expression(rng, shape, vars, depth + 1)} ${chance(rng, 0.5) ? '&&' : '||'} ${expression(rng, shape, vars, depth + 1)})`
  if (roll < 0.45) {
    const operator = pick(rng, comparisons)
    if (operator === '=' || operator === '!=') return `${operand(rng, shape, vars)} ${operator} ${operand(rng, shape, vars)}`
    return ordering(rng, shape, vars, operator)
  }
  if (roll < 0.52) return `${v()} ${chance(rng, 0.5) ? 'IN' : 'NOT IN'} (${Array.from({ length: 1 + Math.floor(rng() * 3) }, () => operand(rng, shape, vars)).join(', ')})`
  if (roll < 0.56) return `sameTerm(${operand(rng, shape, vars)}, ${operand(rng, shape, vars)})`
  const tests = ['isLiteral', 'isNumeric', 'bound']
  if (kindSafe(shape)) tests.push('isIRI', 'isURI', 'isBlank')
  if (roll < 0.64) return `${pick(rng, tests)}(${v()})`
  if (roll < 0.7) return `LANG(${v()}) = ${pick(rng, ['"en"', '"EN"', '""', '"de"'])}`
  if (roll < 0.76) return `langMatches(LANG(${v()}), ${pick(rng, ['"*"', '"en"', '"EN"', '"en-US"', '"de"'])})`
  if (roll < 0.8) return `DATATYPE(${v()}) = ${pick(rng, ['xsd:integer', 'xsd:string', 'xsd:boolean', '<http://www.w3.org/1999/02/22-rdf-syntax-ns#langString>'])}`
  const text = (): string => strSafe(shape) && chance(rng, 0.4) ? `STR(${v()})` : v()
  if (roll < 0.9) return `${pick(rng, ['strStarts', 'strEnds', 'contains'])}(${text()}, ${pick(rng, ['"a"', '"x"', '"X"', '""', '"https://example.org/"', '"x"@en', '"1"'])})`
  return `regex(${text()}, ${pick(rng, ['"^x"', '"X"', '"b"', '"^https://example\\\\.org/[ab]$"', '"^[0-9]+$"'])}${chance(rng, 0.5) ? `, ${pick(rng, ['"i"', '""', '"s"'])}` : ''})`
}

/**
 * An ordering comparison whose operands, when they are not errors, are numbers, strings or
 * dates. oxigraph deviates from SPARQL 1.1 §17.3 (Operator Mapping) on the other kinds: it
 * orders language-tagged strings of one tag and says `x <= x` of any term (the table has no
 * `<` for either, so both are type errors), and it raises an error ordering booleans (the table
 * has `op:boolean-less-than`). A guard of the operand kind, false and never an error for any
 * other term, keeps those shapes out.
 */
function ordering (rng: Rng, shape: Shape, vars: readonly string[], operator: string): string {
  const orderable = literals.filter(([, text]) => /^("[^"]*"|"[^"]*"\^\^xsd:(date|integer)|-?\d[\d.e]*)$/.test(text)).map(([, text]) => text)
  const guards: string[] = []
  const side = (): string => {
    const roll = rng()
    if (roll < 0.55) {
      const v = pick(rng, vars)
      guards.push(`(isLiteral(${v}) && (isNumeric(${v}) || DATATYPE(${v}) IN (xsd:string, xsd:date)))`)
      return v
    }
    if (roll < 0.9 || !strSafe(shape)) return pick(rng, orderable)
    return `STR(${pick(rng, vars)})`
  }
  const comparison = `${side()} ${operator} ${side()}`
  return [...guards, comparison].join(' && ')
}
