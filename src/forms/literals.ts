/**
 * JSON values → RDF literals in canonical form (XSD 1.1 Part 2 canonical mappings), so equal
 * values are equal terms: `12`^^xsd:integer, `true`^^xsd:boolean, `12.5`^^xsd:decimal,
 * `1.25E1`^^xsd:double, dates with `Z` and without trailing fractional zeros.
 */
import type { Literal } from '@rdfjs/types'
import { DataFactory } from 'n3'
import { ns } from '../rdf/index.js'
import { datatypeForms } from './datatypes.js'
import { withSeconds } from './time-formats.js'
import type { Json } from './types.js'

const x = (local: string): string => ns.xsd + local

/** Canonical lexical form of a JSON value for a datatype; ajv has already checked the JSON type. */
export function canonicalLexical (value: Json, datatype: string): string {
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  if (typeof value === 'number') {
    if (datatype === x('double') || datatype === x('float')) return canonicalDouble(value)
    if (datatypeForms[datatype]?.schema.type === 'integer') return BigInt(Math.trunc(value)).toString()
    return canonicalDecimal(value)
  }
  const text = String(value)
  if (datatype === x('dateTime') || datatype === x('dateTimeStamp')) return canonicalTimeZone(canonicalFraction(withSeconds(text).replace(/^(\d{4,}-\d\d-\d\d)[tT ]/, '$1T')))
  if (datatype === x('time')) return canonicalTimeZone(canonicalFraction(withSeconds(text)))
  if (datatype === x('date')) return canonicalTimeZone(text)
  if (datatype === x('boolean')) return text === '1' ? 'true' : text === '0' ? 'false' : text
  return text
}

/** The canonical literal of a JSON value for a datatype. */
export function literalFor (value: Json, datatype: string): Literal {
  return DataFactory.literal(canonicalLexical(value, datatype), DataFactory.namedNode(datatype))
}

/** xsd:decimal canonical mapping (XSD 1.1 §3.3.3.2): no exponent, no needless zeros, integers without ".0". */
export function canonicalDecimal (value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`${value} is not an xsd:decimal`)
  if (Object.is(value, -0) || value === 0) return '0'
  const [mantissa, exponentText] = Math.abs(value).toExponential().split('e') as [string, string]
  const exponent = Number(exponentText)
  const digits = mantissa.replace('.', '')
  const point = 1 + exponent
  let text: string
  if (point <= 0) text = `0.${'0'.repeat(-point)}${digits}`
  else if (point >= digits.length) text = digits + '0'.repeat(point - digits.length)
  else text = `${digits.slice(0, point)}.${digits.slice(point)}`
  text = text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text
  return (value < 0 ? '-' : '') + text
}

/** xsd:double canonical mapping (XSD 1.1 §3.3.5.2): `1.25E1`, `0.0E0`. */
export function canonicalDouble (value: number): string {
  if (Number.isNaN(value)) return 'NaN'
  if (value === Infinity) return 'INF'
  if (value === -Infinity) return '-INF'
  if (value === 0) return Object.is(value, -0) ? '-0.0E0' : '0.0E0'
  const [mantissa, exponent] = value.toExponential().split('e') as [string, string]
  return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}E${Number(exponent)}`
}

function canonicalTimeZone (text: string): string {
  return text.replace(/(?:[zZ]|[+-]00:00)$/, 'Z')
}

function canonicalFraction (text: string): string {
  return text.replace(/(:\d\d)\.(\d*?)0+(?=$|[zZ+-])/, (_, seconds: string, digits: string) => digits === '' ? seconds : `${seconds}.${digits}`)
}
