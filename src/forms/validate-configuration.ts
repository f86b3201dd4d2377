/**
 * Checking submitted configuration values: quickly with ajv against the form's JSON Schema,
 * then authoritatively with SHACL (shacl-engine, SHACL-SPARQL) against the shapes, on the RDF
 * the values become. Issues come back per field (JSON pointer + SHACL path IRI) in the form's
 * language; a valid configuration comes back as quads ready to store.
 */
import type { Quad } from '@rdfjs/types'
import type { ErrorObject } from 'ajv/dist/2020.js'
import { compileShapes } from '../shacl/index.js'
import type { ShaclResult, SparqlLimits } from '../shacl/index.js'
import { ns } from '../rdf/index.js'
import { configurationGraph } from './configuration-rdf.js'
import type { ConfigurationGraph, RdfOptions } from './configuration-rdf.js'
import { fieldAt } from './field-lookup.js'
import { FormBuilder } from './form-builder.js'
import { schemaMessage } from './schema-messages.js'
import { shapesGraph } from './shape-to-form.js'
import { termKey } from './shapes-graph.js'
import type { Form, Json } from './types.js'

export interface ConfigurationIssue {
  /** `INVALID_VALUE`: the JSON Schema check; `NOT_CONFORMING`: the SHACL check. */
  readonly code: 'INVALID_VALUE' | 'NOT_CONFORMING'
  /** JSON pointer of the form field (or object) the issue is about. */
  readonly field: string
  /** SHACL path IRI of the field, when there is one. */
  readonly path?: string
  /** The field's label, when the issue is about a field. */
  readonly label?: string
  readonly message: string
  /** The ajv keyword or the SHACL constraint component IRI. */
  readonly constraint: string
  readonly severity: 'Violation' | 'Warning' | 'Info'
}

export type ConfigurationResult =
  | { readonly ok: true, readonly quads: Quad[], readonly warnings: readonly ConfigurationIssue[] }
  | { readonly ok: false, readonly issues: readonly ConfigurationIssue[] }

export interface ValidateOptions extends Partial<RdfOptions> {
  /** Language of the messages; default the form's. */
  readonly language?: string
  /**
   * What is known about the configured services (their descriptions), validated alongside the
   * values so shapes can check a value against the service, e.g. a storage location it offers.
   */
  readonly context?: readonly Quad[]
  /** Limits of each SHACL-SPARQL query; default from the environment, else 10 s and 10,000 rows. */
  readonly sparqlLimits?: SparqlLimits
}

/** Subject used when only checking; `configurationToRdf` names the real one. */
const draftSubject = 'urn:symphony:configuration:draft'

/**
 * Checks values against a form; on success the result carries the RDF.
 *
 * @example
 * const result = await validateConfiguration(form, { sipDomain: 'pbx.example.org' }, { language: 'de' })
 * if (!result.ok) for (const issue of result.issues) console.log(issue.field, issue.message)
 */
export async function validateConfiguration (form: Form, values: Json, options: ValidateOptions = {}): Promise<ConfigurationResult> {
  const language = options.language ?? form.uiSchema.language
  // ajv loads on the first check: commands that never check a configuration start without it.
  const { schemaValidator } = await import('./ajv.js')
  const validate = schemaValidator(form.schema)
  if (!validate(values)) return { ok: false, issues: schemaIssues(form, validate.errors ?? [], language) }
  const graph = configurationGraph(form, values, { ...options, subject: options.subject ?? draftSubject })
  const report = await compileShapes(form.graph, options.sparqlLimits === undefined ? {} : { sparqlLimits: options.sparqlLimits }).validate([...graph.quads, ...form.graph, ...options.context ?? []], { language, focus: focusOf(form, graph) })
  const issues = report.results.flatMap(result => leaves(result)).map(result => shaclIssue(form, graph, result))
  const unique = [...new Map(issues.map(issue => [JSON.stringify(issue), issue])).values()]
  const violations = unique.filter(issue => issue.severity === 'Violation')
  if (violations.length > 0) return { ok: false, issues: violations }
  return { ok: true, quads: graph.quads, warnings: unique }
}

/**
 * Validates and turns configuration values into RDF linked by `sym:configures` to the services.
 *
 * @example
 * const result = await configurationToRdf(form, values, { subject: 'https://example.org/config/1', configures: [pbx] })
 * if (result.ok) await store.add(result.quads)
 */
export async function configurationToRdf (form: Form, values: Json, options: ValidateOptions & RdfOptions): Promise<ConfigurationResult> {
  return validateConfiguration(form, values, options)
}

function focusOf (form: Form, graph: ConfigurationGraph): Array<{ node: string, shape: string }> {
  const focus = graph.focus.flatMap(({ node, shapes }) => shapes.map(shape => ({ node, shape })))
  if (graph.classNodes.length > 0) {
    const b = new FormBuilder(shapesGraph(form.graph), form.uiSchema.language, () => false)
    for (const { node, class: cls } of graph.classNodes) {
      for (const shape of b.targetShapesOf(cls)) focus.push({ node, shape: termKey(shape) })
    }
  }
  return focus
}

function schemaIssues (form: Form, errors: readonly ErrorObject[], language: string): ConfigurationIssue[] {
  // Errors inside anyOf/oneOf branches only explain the branch; the anyOf/oneOf error says it.
  const relevant = errors.filter(error => !/\/(anyOf|oneOf|not)\/\d+\//.test(error.schemaPath))
  return relevant.map(error => {
    const property = error.keyword === 'required'
      ? (error.params as { missingProperty: string }).missingProperty
      : error.keyword === 'additionalProperties' ? (error.params as { additionalProperty: string }).additionalProperty : undefined
    const pointer = property === undefined ? error.instancePath : `${error.instancePath}/${escape(property)}`
    const { field, pointer: fieldPointer } = fieldAt(form.uiSchema, pointer)
    const section = field === undefined ? form.uiSchema.sections.find(s => s.pointer === pointer && pointer !== '') : undefined
    return {
      code: 'INVALID_VALUE' as const,
      field: field === undefined ? pointer : fieldPointer,
      ...(field === undefined ? {} : { path: field.path, label: field.label }),
      ...(section === undefined ? {} : { label: section.title }),
      message: schemaMessage(error, field, language),
      constraint: error.keyword,
      severity: 'Violation' as const
    }
  })
}

/** A `sh:node` result is explained by its nested results; report those (they name the inner field). */
function leaves (result: ShaclResult): ShaclResult[] {
  if (result.constraint === `${ns.sh}NodeConstraintComponent` && result.details !== undefined && result.details.length > 0) {
    return result.details.flatMap(leaves)
  }
  return [result]
}

function shaclIssue (form: Form, graph: ConfigurationGraph, result: ShaclResult): ConfigurationIssue {
  const origin = graph.origins.get(result.focusNode)
  let pointer = origin?.pointer ?? ''
  let label: string | undefined
  if (origin !== undefined && result.path !== undefined) {
    const inverse = result.path.startsWith('^<')
    const predicate = inverse ? result.path.slice(2, -1) : result.path
    const entry = Object.entries(origin.object.fields).find(([, field]) => field.path === predicate && (field.inverse === true) === inverse)
    const shared = origin.shared.get(predicate)
    if (entry !== undefined) {
      pointer = `${origin.pointer}/${escape(entry[0])}`
      label = entry[1].label
    } else if (shared !== undefined) {
      pointer = shared
      label = fieldAt(form.uiSchema, shared).field?.label
    }
  }
  return {
    code: 'NOT_CONFORMING',
    field: pointer,
    ...(result.path === undefined ? {} : { path: result.path }),
    ...(label === undefined ? {} : { label }),
    message: result.message,
    constraint: result.constraint,
    severity: result.severity
  }
}

function escape (token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1')
}
