/**
 * Generic constraints on service facts (`constraints.facts`): `in`, `hasValue`,
 * `minInclusive`, `maxInclusive` over what a service states for any property.
 */
import type { FactValue } from '../catalog/index.js'
import type { FactConstraint } from './types.js'

export type FactTerm = string | number | boolean

/** The outcome of one fact constraint on one service's values. */
export interface FactVerdict {
  readonly ok: boolean
  /** What failed, or what held, in a few words (English). */
  readonly detail: string
}

/** Checks one fact constraint against the values a service states for its property. */
export function checkFact (constraint: FactConstraint, values: readonly FactValue[], name: (iri: string) => string): FactVerdict {
  const property = name(constraint.property)
  if (values.length === 0) return { ok: false, detail: `states no ${property}` }
  const shown = values.map(v => show(v, name)).join(', ')
  if (constraint.in !== undefined) {
    const outside = values.filter(v => !constraint.in!.some(term => equals(v, term)))
    if (outside.length > 0) return { ok: false, detail: `${property} ${outside.map(v => show(v, name)).join(', ')} is not one of ${constraint.in.map(t => showTerm(t, name)).join(', ')}` }
  }
  if (constraint.hasValue !== undefined && !values.some(v => equals(v, constraint.hasValue!))) {
    return { ok: false, detail: `${property} is ${shown}, not ${showTerm(constraint.hasValue, name)}` }
  }
  if (constraint.minInclusive !== undefined || constraint.maxInclusive !== undefined) {
    const min = constraint.minInclusive ?? -Infinity
    const max = constraint.maxInclusive ?? Infinity
    const outside = values.filter(v => { const n = numeric(v); return n === undefined || n < min || n > max })
    if (outside.length > 0) return { ok: false, detail: `${property} ${outside.map(v => show(v, name)).join(', ')} does not meet ${bounds(constraint)}` }
  }
  return { ok: true, detail: `${property} is ${shown}` }
}

/** A short phrase for messages: `sym:certification has sym:ISO27001`. */
export function factPhrase (constraint: FactConstraint, name: (iri: string) => string): string {
  const parts: string[] = []
  if (constraint.in !== undefined) parts.push(`in ${constraint.in.map(t => showTerm(t, name)).join(', ')}`)
  if (constraint.hasValue !== undefined) parts.push(`has ${showTerm(constraint.hasValue, name)}`)
  if (constraint.minInclusive !== undefined || constraint.maxInclusive !== undefined) parts.push(bounds(constraint))
  return `${name(constraint.property)} ${parts.join(' and ')}`
}

function bounds (constraint: FactConstraint): string {
  const parts: string[] = []
  if (constraint.minInclusive !== undefined) parts.push(`≥ ${constraint.minInclusive}`)
  if (constraint.maxInclusive !== undefined) parts.push(`≤ ${constraint.maxInclusive}`)
  return parts.join(' and ')
}

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

function show (value: FactValue, name: (iri: string) => string): string {
  return value.datatype === undefined ? name(value.value) : JSON.stringify(value.value)
}

function showTerm (term: FactTerm, name: (iri: string) => string): string {
  return typeof term === 'string' && /^[A-Za-z][A-Za-z0-9+.-]*:/.test(term) ? name(term) : JSON.stringify(term)
}
