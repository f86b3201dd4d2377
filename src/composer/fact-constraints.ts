/**
 * Generic constraints on service facts (`constraints.facts`): `in`, `hasValue`,
 * `minInclusive`, `maxInclusive` over what a service states for any property.
 */
import type { FactValue } from '../catalog/index.js'
import type { FactConstraint } from './types.js'

export type FactTerm = string | number | boolean

/** The outcome of one fact constraint on one service's values: a sentence code and its values. */
export type FactVerdict =
  | { readonly ok: false, readonly code: 'FACT_NOT_STATED', readonly params: { readonly property: string } }
  | { readonly ok: false, readonly code: 'FACT_NOT_IN', readonly params: { readonly property: string, readonly values: readonly FactTerm[], readonly in: readonly FactTerm[] } }
  | { readonly ok: false, readonly code: 'FACT_NOT_VALUE', readonly params: { readonly property: string, readonly values: readonly FactTerm[], readonly hasValue: FactTerm } }
  | { readonly ok: false, readonly code: 'FACT_OUT_OF_BOUNDS', readonly params: { readonly property: string, readonly values: readonly FactTerm[], readonly min?: number, readonly max?: number } }
  | { readonly ok: true, readonly code: 'FACT_HOLDS', readonly params: { readonly property: string, readonly values: readonly FactTerm[] } }

/**
 * Checks one fact constraint against the values a service states for its property. Values in
 * the verdict are IRIs, numbers (numeric literals) or lexical forms.
 */
export function checkFact (constraint: FactConstraint, values: readonly FactValue[]): FactVerdict {
  const property = constraint.property
  if (values.length === 0) return { ok: false, code: 'FACT_NOT_STATED', params: { property } }
  const all = values.map(term)
  if (constraint.in !== undefined) {
    const outside = values.filter(v => !constraint.in!.some(term => equals(v, term)))
    if (outside.length > 0) return { ok: false, code: 'FACT_NOT_IN', params: { property, values: outside.map(term), in: constraint.in } }
  }
  if (constraint.hasValue !== undefined && !values.some(v => equals(v, constraint.hasValue!))) {
    return { ok: false, code: 'FACT_NOT_VALUE', params: { property, values: all, hasValue: constraint.hasValue } }
  }
  if (constraint.minInclusive !== undefined || constraint.maxInclusive !== undefined) {
    const min = constraint.minInclusive ?? -Infinity
    const max = constraint.maxInclusive ?? Infinity
    const outside = values.filter(v => { const n = numeric(v); return n === undefined || n < min || n > max })
    if (outside.length > 0) {
      return {
        ok: false,
        code: 'FACT_OUT_OF_BOUNDS',
        params: {
          property,
          values: outside.map(term),
          ...(constraint.minInclusive === undefined ? {} : { min: constraint.minInclusive }),
          ...(constraint.maxInclusive === undefined ? {} : { max: constraint.maxInclusive })
        }
      }
    }
  }
  return { ok: true, code: 'FACT_HOLDS', params: { property, values: all } }
}

/** A stated value as a sentence shows it: an IRI, a number or the lexical form. */
function term (value: FactValue): FactTerm {
  return value.datatype !== undefined && numericTypes.test(value.datatype) ? numeric(value) ?? value.value : value.value
}

const numericTypes = /XMLSchema#(decimal|integer|double|float|int|long|short|byte|nonNegativeInteger|positiveInteger|negativeInteger|nonPositiveInteger|unsigned(Long|Int|Short|Byte))$/

function equals (value: FactValue, term: FactTerm): boolean {
  if (typeof term === 'number') return numeric(value) === term
  if (typeof term === 'boolean') return value.datatype !== undefined && (value.value === 'true' || value.value === '1') === term && /^(true|false|1|0)$/.test(value.value)
  return value.value === term
}

function numeric (value: FactValue): number | undefined {
  if (value.datatype === undefined || value.value.trim() === '') return undefined
  const n = Number(value.value)
  return Number.isFinite(n) ? n : undefined
}
