/**
 * The values of FILTER expressions and SPARQL 1.1's operators on them (§17.2, §17.3, §17.4):
 * every value is an RDF term, and an error is the thrown `failed`.
 */
import type { Term } from '@rdfjs/types'
import { DataFactory } from 'n3'

/** Every value of an expression is an RDF term, as in SPARQL: functions return literals or IRIs. */
export type Value = Term

const xsd = 'http://www.w3.org/2001/XMLSchema#'
const numericTypes = new Set(['integer', 'decimal', 'float', 'double', 'int', 'long', 'short', 'byte', 'nonNegativeInteger',
  'positiveInteger', 'negativeInteger', 'nonPositiveInteger', 'unsignedInt', 'unsignedLong', 'unsignedShort', 'unsignedByte']
  .map(local => xsd + local))
const rdfLangString = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#langString'
/** Thrown for a SPARQL expression error; the FILTER is then false. */
export const failed = Symbol('filter error')
/** The `xsd:boolean` literal true. */
export const trueTerm = DataFactory.literal('true', DataFactory.namedNode(xsd + 'boolean'))
const falseTerm = DataFactory.literal('false', DataFactory.namedNode(xsd + 'boolean'))
/** The `xsd:boolean` literal of a boolean. */
export const bool = (value: boolean): Value => value ? trueTerm : falseTerm

/** The boolean `f` gives, or undefined for an error. */
export function attempt (f: () => boolean): boolean | undefined {
  try {
    return f()
  } catch (error) {
    if (error === failed) return undefined
    throw error
  }
}

/** §17.2.2: booleans, numbers and strings have an effective boolean value; anything else is an error. */
export function effectiveBoolean (value: Value): boolean {
  if (value.termType !== 'Literal') throw failed
  const type = value.datatype.value
  if (type === xsd + 'boolean') return value.value === 'true' || value.value === '1'
  if (numericTypes.has(type)) {
    const number = numeric(value)
    return number !== undefined && number !== 0 && !Number.isNaN(number)
  }
  if (type === xsd + 'string' || type === rdfLangString) return value.value !== ''
  throw failed
}

/** The value of a numeric literal with a valid lexical form; undefined for anything else. */
export function numeric (value: Value): number | undefined {
  if (value.termType !== 'Literal' || !numericTypes.has(value.datatype.value)) return undefined
  const text = value.value.trim()
  if (text === 'NaN') return Number.NaN
  if (text === '' || !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$|^[+-]?INF$/.test(text)) return undefined
  return text.endsWith('INF') ? (text.startsWith('-') ? -Infinity : Infinity) : Number(text)
}

/** The literal; an error for an IRI or blank node (`lang`, `datatype`). */
export function literalOf (value: Value): Term & { termType: 'Literal', language: string, datatype: Term } {
  if (value.termType !== 'Literal') throw failed
  return value as Term & { termType: 'Literal', language: string, datatype: Term }
}

/** `str`: the IRI or the lexical form; an error for a blank node. */
export function strOf (value: Value): string {
  if (value.termType === 'NamedNode' || value.termType === 'Literal') return value.value
  throw failed
}

/** A string literal (simple, `xsd:string` or language-tagged): its text and tag; an error otherwise. */
export function stringOf (value: Value): { text: string, lang: string } {
  if (value.termType === 'Literal' && (value.datatype.value === xsd + 'string' || value.datatype.value === rdfLangString)) {
    return { text: value.value, lang: value.language.toLowerCase() }
  }
  throw failed
}

/** A simple literal or `xsd:string` (the arguments of `langMatches`). */
export function simple (value: Value): string {
  const { text, lang } = stringOf(value)
  if (lang !== '') throw failed
  return text
}

/** §17.4.3.1.4: the first argument of `strStarts` & co., when the second is compatible with it. */
export function compatible (a: Value, b: Value): { text: string, lang: string } {
  const x = stringOf(a)
  const y = stringOf(b)
  if (y.lang !== '' && y.lang !== x.lang) throw failed
  return x
}

/** §17.4.3.13: a language tag against a range, `*` matching any tag but none. */
export function langMatches (tag: string, range: string): boolean {
  if (range === '*') return tag !== ''
  const t = tag.toLowerCase()
  const r = range.toLowerCase()
  return t === r || t.startsWith(r + '-')
}

/** §17.4.1.8: the same RDF term. */
export function sameTerm (x: Value, y: Value): boolean {
  if (x.termType !== y.termType || x.value !== y.value) return false
  if (x.termType !== 'Literal' || y.termType !== 'Literal') return true
  // Language tags compare case-insensitively (RDF 1.1 Concepts §3.3: their value space is lower case).
  return x.language.toLowerCase() === y.language.toLowerCase() && x.datatype.value === y.datatype.value
}

type Category = 'numeric' | 'string' | 'langString' | 'boolean' | 'date' | 'dateTime' | 'other'

function category (value: Term & { termType: 'Literal' }): Category {
  const type = value.datatype.value
  if (numericTypes.has(type)) return numeric(value) === undefined ? 'other' : 'numeric'
  if (type === xsd + 'string') return 'string'
  if (type === rdfLangString) return 'langString'
  if (type === xsd + 'boolean') return /^(true|false|1|0)$/.test(value.value) ? 'boolean' : 'other'
  if (type === xsd + 'date') return 'date'
  if (type === xsd + 'dateTime') return 'dateTime'
  return 'other'
}

/**
 * `=` (§17.3, RDFterm-equal): numbers by value, booleans by value, literals of the same known
 * kind by their values; literals of two known kinds that differ are unequal; two literals of
 * which one has an unknown datatype and that are not the same term are an error; anything
 * else is equal only as the same term.
 */
export function equal (a: Value, b: Value): boolean {
  if (a.termType !== 'Literal' || b.termType !== 'Literal') return sameTerm(a, b)
  const [ca, cb] = [category(a), category(b)]
  if (ca === 'numeric' && cb === 'numeric') return numeric(a) === numeric(b)
  if (sameTerm(a, b)) return true
  if (ca === 'other' || cb === 'other') throw failed
  if (ca !== cb) return false
  if (ca === 'boolean') return /^(true|1)$/.test(a.value) === /^(true|1)$/.test(b.value)
  return false
}

/**
 * `<`, `>`, `<=`, `>=` (§17.3): numbers by value, strings (simple or `xsd:string`) by code
 * point, booleans (false before true), dates and date-times by their lexical form (the
 * canonical forms sort as their values); an error for anything else.
 */
export function compare (a: Value, b: Value): number {
  if (a.termType !== 'Literal' || b.termType !== 'Literal') throw failed
  const [ca, cb] = [category(a), category(b)]
  if (ca !== cb || ca === 'other' || ca === 'langString') throw failed
  if (ca === 'numeric') {
    const [x, y] = [numeric(a)!, numeric(b)!]
    if (Number.isNaN(x) || Number.isNaN(y)) return Number.NaN // NaN is neither less, equal nor greater
    return x < y ? -1 : x > y ? 1 : 0
  }
  const [s, t] = ca === 'boolean' ? [String(/^(true|1)$/.test(a.value)), String(/^(true|1)$/.test(b.value))].map(v => v === 'true' ? '1' : '0') : [a.value, b.value]
  return s! < t! ? -1 : s! > t! ? 1 : 0
}
