/**
 * Tests on service facts — `in`, `hasValue`, `minInclusive`, `maxInclusive` over what a service
 * states for any property (sub-properties count) — read from JSON or from one line of text, and
 * checked against a service's values. A composition's `constraints.facts` and the catalog's
 * `fact` / `facts` filters are the same tests, read and checked by these functions.
 */
import type { ErrorMessages } from '../errors.js'
import { expandPrefixed, isAbsoluteIri } from '../rdf/index.js'
import type { FactValue } from './service-facts.js'

/** A value a test compares with: an IRI or string, a number or a boolean. */
export type FactTerm = string | number | boolean

/**
 * A test on a service fact: what a service states for `property` (or a sub-property). Values
 * are IRIs (`sym:` style prefixes are expanded), strings compared with the lexical form,
 * numbers compared numerically, booleans with `true`/`false`. Every test given must hold; a
 * service that states no value for the property fails.
 * - `in`: every value of the service is one of these;
 * - `hasValue`: one of the service's values is this;
 * - `minInclusive` / `maxInclusive`: every value is a number within the bound.
 */
export interface FactConstraint {
  readonly property: string
  readonly in?: readonly FactTerm[]
  readonly hasValue?: FactTerm
  readonly minInclusive?: number
  readonly maxInclusive?: number
}

/** The names of the tests, as JSON fields and in the text form. */
export const factTestNames = ['in', 'hasValue', 'minInclusive', 'maxInclusive'] as const

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
 *
 * @example
 * checkFact({ property: sym + 'offersDPA', hasValue: true }, catalog.facts(service, sym + 'offersDPA')).ok
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

/** Called with the field that is wrong (`facts[0].minInclusive`) and what is wrong with it, in English and German; throws. */
export type FactProblem = (field: string, problem: ErrorMessages) => never

const entryFields = ['property', ...factTestNames] as const

/**
 * Reads a JSON array of fact tests (`[{"property": IRI, "hasValue": v}, …]`), expanding
 * Symphony prefixes in properties and IRI values. `field` names the array in problems
 * (`constraints.facts`), each entry `field[i]`, each test `field[i].test`.
 */
export function parseFactTests (value: unknown, field: string, fail: FactProblem): FactConstraint[] {
  if (!Array.isArray(value)) {
    fail(field, {
      en: 'must be an array of {"property": IRI, "in" | "hasValue" | "minInclusive" | "maxInclusive": …}',
      de: 'muss ein Array aus {"property": IRI, "in" | "hasValue" | "minInclusive" | "maxInclusive": …} sein'
    })
  }
  return value.map((item, index) => parseFactTest(item, `${field}[${index}]`, fail))
}

/** Reads one fact test from JSON (`{"property": IRI, "minInclusive": 10}`). */
export function parseFactTest (item: unknown, field: string, fail: FactProblem): FactConstraint {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) fail(field, { en: 'must be a JSON object', de: 'muss ein JSON-Objekt sein' })
  const f = item as Record<string, unknown>
  for (const key of Object.keys(f)) {
    if (!(entryFields as readonly string[]).includes(key)) {
      fail(`${field}.${key}`, {
        en: `is not a known field; expected one of ${entryFields.join(', ')}`,
        de: `ist kein bekanntes Feld; erwartet wird eines von ${entryFields.join(', ')}`
      })
    }
  }
  if (typeof f.property !== 'string') fail(`${field}.property`, { en: 'must be an IRI string', de: 'muss eine IRI als Zeichenkette sein' })
  const property = expandPrefixed(f.property)
  if (!isAbsoluteIri(property)) {
    fail(`${field}.property`, {
      en: `must be an absolute IRI (or use a known prefix such as sym:), got ${JSON.stringify(f.property)}`,
      de: `muss eine absolute IRI sein (oder ein bekanntes Präfix wie sym: verwenden), erhalten: ${JSON.stringify(f.property)}`
    })
  }
  if (f.in === undefined && f.hasValue === undefined && f.minInclusive === undefined && f.maxInclusive === undefined) {
    fail(field, {
      en: 'states no test; give "in", "hasValue", "minInclusive" or "maxInclusive"',
      de: 'nennt keinen Test; geben Sie "in", "hasValue", "minInclusive" oder "maxInclusive" an'
    })
  }
  return {
    property,
    ...(f.in === undefined ? {} : { in: factTerms(f.in, `${field}.in`, fail) }),
    ...(f.hasValue === undefined ? {} : { hasValue: factTerm(f.hasValue, `${field}.hasValue`, fail) }),
    ...(f.minInclusive === undefined ? {} : { minInclusive: bound(f.minInclusive, `${field}.minInclusive`, fail) }),
    ...(f.maxInclusive === undefined ? {} : { maxInclusive: bound(f.maxInclusive, `${field}.maxInclusive`, fail) })
  }
}

function factTerms (value: unknown, field: string, fail: FactProblem): FactTerm[] {
  if (!Array.isArray(value)) fail(field, { en: 'must be an array of IRIs, strings, numbers or booleans', de: 'muss ein Array aus IRIs, Zeichenketten, Zahlen oder Wahrheitswerten sein' })
  return value.map((item, index) => factTerm(item, `${field}[${index}]`, fail))
}

/** IRIs with a Symphony prefix are expanded; other strings, numbers and booleans are kept. */
function factTerm (value: unknown, field: string, fail: FactProblem): FactTerm {
  if (typeof value === 'number') return bound(value, field, fail)
  if (typeof value === 'boolean') return value
  if (typeof value !== 'string') {
    fail(field, {
      en: `must be an IRI, a string, a number or a boolean, got ${JSON.stringify(value)}`,
      de: `muss eine IRI, eine Zeichenkette, eine Zahl oder ein Wahrheitswert sein, erhalten: ${JSON.stringify(value)}`
    })
  }
  return expandPrefixed(value)
}

function bound (value: unknown, field: string, fail: FactProblem): number {
  if (typeof value !== 'number') fail(field, { en: `must be a number, got ${JSON.stringify(value)}`, de: `muss eine Zahl sein, erhalten: ${JSON.stringify(value)}` })
  if (!Number.isFinite(value)) fail(field, { en: `must be a finite number, got ${String(value)}`, de: `muss eine endliche Zahl sein, erhalten: ${String(value)}` })
  return value
}

/** How the text form is written, for problems and help. */
export const factTextSyntax: ErrorMessages = {
  en: '"<property> <test> <value>" (test: in, hasValue, minInclusive or maxInclusive)',
  de: '"<Eigenschaft> <Test> <Wert>" (Test: in, hasValue, minInclusive oder maxInclusive)'
}

/**
 * Reads one fact test written as text, `<property> <test> <value>`, into the JSON entry
 * `parseFactTest` reads, so both forms give the same tests:
 * - `sym:certification hasValue sym:ISO27001`
 * - `https://example.org/x#callsPerSecond minInclusive 10`
 * - `sym:dataLocation in DE,AT` (or a JSON array: `in ["DE", "AT"]`)
 * - `sym:offersDPA hasValue true`
 *
 * A value is a number, `true`/`false` or a JSON string in double quotes (`"10"` is the string)
 * when it reads as one, else the text as given (an IRI, a prefixed name or a plain string).
 * `fail` gets `field` (or `field.test…` for a value `parseFactTest` refuses) and the problem.
 */
export function factEntryOfText (text: string, field: string, fail: FactProblem): Record<string, unknown> {
  const match = /^\s*(\S+)\s+(\S+)\s+(\S.*?)\s*$/s.exec(text)
  if (match === null) fail(field, { en: 'needs all three parts: property, test and value', de: 'braucht alle drei Teile: Eigenschaft, Test und Wert' })
  const [, property, test, value] = match as unknown as [string, string, string, string]
  if (!(factTestNames as readonly string[]).includes(test)) {
    fail(field, {
      en: `"${test}" is not a test; expected one of ${factTestNames.join(', ')}`,
      de: `"${test}" ist kein Test; erwartet wird einer von ${factTestNames.join(', ')}`
    })
  }
  if (!isAbsoluteIri(expandPrefixed(property))) {
    fail(field, {
      en: `"${property}" is not an IRI; give a full IRI or a prefixed name such as sym:certification`,
      de: `"${property}" ist keine IRI; geben Sie eine vollständige IRI oder einen Namen mit Präfix wie sym:certification an`
    })
  }
  if (test === 'in') return { property, in: listOfText(value, field, fail) }
  const term = termOfText(value)
  if ((test === 'minInclusive' || test === 'maxInclusive') && typeof term !== 'number') {
    fail(field, { en: `${test} needs a number, got "${value}"`, de: `${test} braucht eine Zahl, erhalten: "${value}"` })
  }
  return { property, [test]: term }
}

function listOfText (value: string, field: string, fail: FactProblem): unknown[] {
  if (!value.startsWith('[')) return value.split(',').map(part => part.trim()).filter(part => part !== '').map(termOfText)
  try {
    const list: unknown = JSON.parse(value)
    if (Array.isArray(list)) return list
  } catch { /* named below */ }
  return fail(field, {
    en: 'the list after in is not a JSON array; write in DE,AT or in ["DE", "AT"]',
    de: 'die Liste nach in ist kein JSON-Array; schreiben Sie in DE,AT oder in ["DE", "AT"]'
  })
}

function termOfText (value: string): unknown {
  if (/^(true|false|-?\d+(\.\d+)?([eE][+-]?\d+)?|"(?:[^"\\]|\\.)*")$/.test(value)) return JSON.parse(value)
  return value
}

/**
 * Whether a service meets every test, checked by `checkFact` against `facts(service,
 * property)` (which counts sub-properties).
 */
export function meetsFactTests (facts: (service: string, property: string) => readonly FactValue[], service: string, tests: readonly FactConstraint[]): boolean {
  return tests.every(test => checkFact(test, facts(service, test.property)).ok)
}
