/**
 * The differential check of a form against its shape: for each value, ajv's verdict on the
 * form's JSON Schema must equal SHACL's verdict on the RDF the value becomes, and a refused
 * value must be reported at its field. Values come from fixed boundary cases plus a seeded
 * random draw, so a failure names the seed that reproduces it.
 */
import { shapeToForm, validateConfiguration } from '../../src/forms/index.js'
import type { ConfigurationIssue, Form, Json } from '../../src/forms/index.js'
import { schemaValidator } from '../../src/forms/ajv.js'
import { parseRdf } from '../../src/rdf/index.js'

export const prefixes = `
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix ex: <https://example.org/fuzz#> .
`

/** A value left out of the configuration. */
export const missing = Symbol('missing')
export type Candidate = Json | typeof missing

import { seededRandom as random } from '../support/seeded-random.js'
export { random }

export interface FuzzCase {
  readonly name: string
  /** Turtle of the property shape's body (after `sh:path ex:p ;`). */
  readonly property: string
  /** Further Turtle: nested shapes, class instances. */
  readonly extra?: string
  readonly values: readonly Candidate[]
  /** Values drawn from the seed. */
  readonly draw?: (next: () => number) => Candidate[]
}

// One schema that accepts everything: the SHACL verdict alone, on the same RDF mapping.
const acceptAll = {}

/** The disagreements of one case, each described with seed, shape and value. */
export async function disagreements (fuzz: FuzzCase, seed: number): Promise<string[]> {
  const turtle = `${prefixes}\nex:S a sh:NodeShape ; sh:property [ sh:path ex:p ; ${fuzz.property} ] .\n${fuzz.extra ?? ''}`
  const quads = await parseRdf(turtle, { format: 'turtle' })
  const form = shapeToForm(quads, 'https://example.org/fuzz#S')
  const open: Form = { ...form, schema: acceptAll }
  const values = [...fuzz.values, ...fuzz.draw?.(random(seed)) ?? []]
  // What the form itself offers (its choices, its default) must be accepted by both.
  const field = form.uiSchema.sections[0]?.object.fields.p
  const fieldSchema = (form.schema.properties as Record<string, { default?: Json }> | undefined)?.p
  const offered: Json[] = [...(field?.options ?? []).map(option => field?.multiple === true ? [option.value] : option.value), ...fieldSchema?.default === undefined ? [] : [fieldSchema.default]]
  const out: string[] = []
  for (const value of offered) {
    const result = await validateConfiguration(form, { p: value }).catch((error: Error) => ({ ok: false as const, issues: [{ field: '', message: error.message }] }))
    if (!result.ok) out.push(`seed ${seed}, shape [ sh:path ex:p ; ${fuzz.property} ], value ${JSON.stringify(value)}: the form offers it and refuses it (${result.issues.map(issue => `${issue.field} ${issue.message}`).join('; ')})`)
  }
  for (const value of values) {
    const config: Json = value === missing ? {} : { p: value }
    const describe = (what: string): string => `seed ${seed}, shape [ sh:path ex:p ; ${fuzz.property} ], value ${value === missing ? '(missing)' : JSON.stringify(value)}: ${what}`
    const byAjv = schemaValidator(form.schema)(config)
    let byShacl: boolean
    let shaclWhy = ''
    let shaclIssues: readonly ConfigurationIssue[] = []
    try {
      const result = await validateConfiguration(open, config)
      byShacl = result.ok
      if (!result.ok) shaclIssues = result.issues
      if (!result.ok) shaclWhy = result.issues.map(issue => `${issue.field} ${issue.message}`).join('; ')
    } catch (error) {
      // A value that cannot become RDF is no configuration: only a refusal agrees.
      byShacl = false
      shaclWhy = `no RDF: ${(error as Error).message}`
    }
    // A constraint the form notes as SHACL's alone may refuse what the schema accepts.
    if (byAjv && !byShacl && shaclOnly(form, shaclIssues)) continue
    if (byAjv !== byShacl) {
      out.push(describe(byAjv ? `the form accepts it, SHACL refuses (${shaclWhy})` : 'the form refuses it, SHACL accepts'))
      continue
    }
    if (byAjv) continue
    const result = await validateConfiguration(form, config)
    const unnamed = result.ok ? [] : result.issues.filter(issue => issue.field !== '/p' && !issue.field.startsWith('/p/'))
    if (unnamed.length > 0) out.push(describe(`refused without naming the field: ${unnamed.map(issue => `${issue.field} ${issue.message}`).join('; ')}`))
  }
  return out
}

/** Are all the issues from constraints the field's notes leave to SHACL, and at the field? */
function shaclOnly (form: Form, issues: readonly ConfigurationIssue[]): boolean {
  const notes = form.uiSchema.sections[0]?.object.fields.p?.notes ?? []
  const components = new Set(notes.map(note => note.constraint.replace(/#(\w)(\w*)$/, (_, first: string, rest: string) => `#${first.toUpperCase()}${rest}ConstraintComponent`)))
  return issues.length > 0 && issues.every(issue => components.has(issue.constraint) && issue.field === '/p')
}

/** The seed of this run: FORM_FUZZ_SEED, else a fixed one so the suite is repeatable. */
export function seedOfRun (): number {
  const given = process.env.FORM_FUZZ_SEED
  return given === undefined || given === '' ? 20261208 : Number(given)
}

/** Integers from `low` to `high`. */
export function integerBetween (next: () => number, low: number, high: number): number {
  return low + Math.floor(next() * (high - low + 1))
}

/** Values of no field's type, or none at all. */
export const wrongTypes: readonly Candidate[] = [missing, null, [], {}, 'x', 1.5, true]

