/**
 * SHACL validation (shacl-engine, with SHACL-SPARQL) as plain values: `validateShacl` returns
 * `{ conforms, results }` with strings, messages in the requested language, and never throws
 * for non-conforming data. It throws `UNSUPPORTED_SHAPE` for shapes whose constraints
 * shacl-engine would silently skip, and `UNKNOWN_SHAPE` for a focus shape not in the graph.
 */
import type { Literal, Quad, Term } from '@rdfjs/types'
import { DataFactory, Store } from 'n3'
import { Validator } from 'shacl-engine'
import type { CompileValidation, EnginePathStep, EngineResult } from 'shacl-engine'
import { SymphonyError } from '../errors.js'
import { ns, terms } from '../rdf/index.js'
import { pickText } from './language.js'
import { componentMessages } from './messages.js'
import type { MessageArgs } from './messages.js'
import { compileDatatype } from './datatype-validation.js'
import { compileMaxLength, compileMinLength } from './length-validation.js'
import { compilePattern } from './pattern-validation.js'
import { remember } from './report-graph.js'
import { sparqlComponentValidations, sparqlConstraintValidation, sparqlTargetResolver, usesSparql } from './sparql-components.js'
import { sparqlLimitsOf, type SparqlLimits } from './sparql-limits.js'
import { assertSupportedShapes, key, listMembers } from './supported-parameters.js'
import { missedClassTargets } from './class-targets.js'

export type Severity = 'Violation' | 'Warning' | 'Info'

/** An RDF term as JSON: literals keep their datatype and language. */
export interface RdfTermJson {
  readonly termType: 'NamedNode' | 'BlankNode' | 'Literal'
  readonly value: string
  readonly datatype?: string
  readonly language?: string
}

/** One SHACL validation result (SHACL §3.6.2), with terms as strings (`_:id` for blank nodes). */
export interface ShaclResult {
  readonly focusNode: string
  /** The focus node as an RDF term (a focus node may be a literal). */
  readonly focusNodeTerm: RdfTermJson
  /** The predicate IRI of a predicate path; a SPARQL property path for other paths. */
  readonly path?: string
  readonly message: string
  /** The standard level; a custom severity counts as `Violation` here (the data does not conform). */
  readonly severity: Severity
  /** The `sh:resultSeverity` IRI exactly as the shape declares it, custom severities included. */
  readonly resultSeverity: string
  readonly sourceShape: string
  /** The constraint component IRI, e.g. `sh:MinCountConstraintComponent`. */
  readonly constraint: string
  /** IRI, `_:id` or lexical form of the value node. */
  readonly value?: string
  /** The value node as an RDF term, with datatype and language. */
  readonly valueTerm?: RdfTermJson
  /** Results of nested shapes (`sh:node`, `sh:or`, …) that explain this one. */
  readonly details?: readonly ShaclResult[]
}

export interface ShaclReport {
  /** SHACL §3.6.1: true when there are no results at all (also no warnings). */
  readonly conforms: boolean
  readonly results: readonly ShaclResult[]
}

export interface ShaclOptions {
  /** Language of the messages (BCP 47); default `en`. */
  readonly language?: string
  /**
   * Validate these nodes against these shapes only, instead of resolving the shapes' targets.
   * `node` and `shape` are IRIs or `_:id` blank-node labels of the data and shapes quads.
   */
  readonly focus?: ReadonlyArray<{ readonly node: string, readonly shape: string }>
}

/**
 * Validates data against shapes.
 *
 * @example
 * const report = await validateShacl(dataQuads, shapeQuads, { language: 'de' })
 * if (!report.conforms) for (const r of report.results) console.log(r.focusNode, r.path, r.message)
 */
export async function validateShacl (dataQuads: readonly Quad[], shapeQuads: readonly Quad[], options: ShaclOptions & CompileShapesOptions = {}): Promise<ShaclReport> {
  return compileShapes(shapeQuads, options).validate(dataQuads, options)
}

export interface CompileShapesOptions {
  /**
   * Limits of each query of a SHACL-SPARQL constraint (per focus node); default
   * `$SYMPHONY_SHACL_SPARQL_TIMEOUT_MS` and `$SYMPHONY_SHACL_SPARQL_MAX_ROWS`, else 10 s and
   * 10,000 rows. A query beyond them fails the validation with `QUERY_TIMEOUT` or
   * `RESULT_TOO_LARGE` naming the shape.
   */
  readonly sparqlLimits?: SparqlLimits
}

/** Shapes compiled once (checks, indexes, shacl-engine's closures) for many validations. */
export interface CompiledShapes {
  validate (dataQuads: readonly Quad[], options?: ShaclOptions): Promise<ShaclReport>
}

const compiled = new WeakMap<readonly Quad[], Map<string, CompiledShapes>>()

/** Compiles shapes (cached per array and limits); throws `UNSUPPORTED_SHAPE` for constraints that would be ignored. */
export function compileShapes (shapeQuads: readonly Quad[], options: CompileShapesOptions = {}): CompiledShapes {
  const limits = options.sparqlLimits ?? sparqlLimitsOf()
  const limitsKey = `${limits.timeoutMs}/${limits.maxRows}`
  let byLimits = compiled.get(shapeQuads)
  if (byLimits === undefined) compiled.set(shapeQuads, byLimits = new Map())
  let shapes = byLimits.get(limitsKey)
  if (shapes === undefined) {
    shapes = new ShapesValidator(shapeQuads, limits)
    byLimits.set(limitsKey, shapes)
  }
  return shapes
}

const factory = { ...DataFactory, dataset: (quads?: Quad[]) => new Store(quads) }
const sparqlComponent = `${ns.sh}SPARQLConstraintComponent`

class ShapesValidator implements CompiledShapes {
  private readonly store: Store
  #validator: Promise<Validator> | undefined

  constructor (shapeQuads: readonly Quad[], private readonly limits: SparqlLimits) {
    this.store = new Store([...shapeQuads])
    assertSupportedShapes(this.store)
  }

  /**
   * Built on first validation. SHACL-SPARQL loads comunica (a second and more of module loading
   * and engine set-up in one piece, on the validating thread), so it is loaded only for shapes
   * that have a SPARQL constraint, component or target: the others validate exactly as with it.
   */
  private get validator (): Promise<Validator> {
    return this.#validator ??= (usesSparql(this.store) ? this.sparqlValidations() : Promise.resolve(undefined)).then(sparql => {
      const validations = new Map<Term, CompileValidation>(sparql?.validations)
      validations.set(DataFactory.namedNode(`${ns.sh}pattern`), compilePattern)
      validations.set(DataFactory.namedNode(`${ns.sh}datatype`), compileDatatype)
      validations.set(DataFactory.namedNode(`${ns.sh}minLength`), compileMinLength)
      validations.set(DataFactory.namedNode(`${ns.sh}maxLength`), compileMaxLength)
      return new Validator(this.store, { factory, validations, ...(sparql === undefined ? {} : { targetResolvers: sparql.targetResolvers }), details: true })
    })
  }

  private async sparqlValidations (): Promise<{ validations: Map<Term, CompileValidation>, targetResolvers: Map<Term, unknown> }> {
    const [{ stringifyPath }, { default: parsePath }, { boundedSelect }] = await Promise.all([
      import('shacl-engine/lib/sparql.js'), import('shacl-engine/lib/parsePath.js'), import('./bounded-select.js')
    ])
    const helpers = { select: boundedSelect(this.limits), stringifyPath, parsePath }
    const validations = new Map([
      [DataFactory.namedNode(`${ns.sh}sparql`), sparqlConstraintValidation(this.store, helpers)],
      ...sparqlComponentValidations(this.store, helpers)
    ])
    const targetResolvers = new Map<Term, unknown>([[DataFactory.namedNode(`${ns.sh}target`), sparqlTargetResolver(this.store, helpers)]])
    return { validations, targetResolvers }
  }

  async validate (dataQuads: readonly Quad[], options: ShaclOptions = {}): Promise<ShaclReport> {
    const language = options.language ?? 'en'
    const validator = await this.validator
    const dataset = new Store([...dataQuads])
    const engineResults: EngineResult[] = []
    if (options.focus === undefined) {
      engineResults.push(...(await validator.validate({ dataset })).results)
      for (const [shape, nodes] of missedClassTargets(this.store, dataset)) {
        engineResults.push(...(await validator.validate({ dataset, terms: nodes }, [{ terms: [shape] }])).results)
      }
    } else {
      const byShape = new Map<string, Term[]>()
      for (const { node, shape } of options.focus) {
        if (this.store.getQuads(toTerm(shape), null, null, null).length === 0) {
          throw new SymphonyError('UNKNOWN_SHAPE', {
            en: `shape <${shape}> is not in the shapes graph; load the file that defines it`,
            de: `die Shape <${shape}> ist nicht im Shapes-Graphen; laden Sie die Datei, die sie definiert`
          }, { node: shape })
        }
        byShape.set(shape, [...byShape.get(shape) ?? [], toTerm(node)])
      }
      for (const [shape, nodes] of byShape) {
        const report = await validator.validate({ dataset, terms: nodes }, [{ terms: [toTerm(shape)] }])
        engineResults.push(...report.results)
      }
    }
    const results = distinct(engineResults).map(result => this.toResult(result, language))
    return { conforms: results.length === 0, results }
  }

  private toResult (result: EngineResult, language: string): ShaclResult {
    const constraint = result.constraintComponent.value
    const path = result.path === false || result.path === null ? undefined : pathString(result.path)
    const details = distinct(result.results).map(detail => this.toResult(detail, language))
    const message = this.message(result, language)
    const converted: ShaclResult = {
      focusNode: key(result.focusNode.term),
      focusNodeTerm: termJson(result.focusNode.term),
      ...(path === undefined ? {} : { path }),
      message: message.text,
      severity: severityOf(result.severity.value),
      resultSeverity: result.severity.value,
      sourceShape: key(result.shape.ptr.term),
      constraint,
      ...(result.value === undefined ? {} : { value: key(result.value.term), valueTerm: termJson(result.value.term) }),
      ...(details.length === 0 ? {} : { details })
    }
    remember(converted, {
      focusNode: result.focusNode.term,
      ...(result.value === undefined ? {} : { value: result.value.term }),
      severity: result.severity,
      sourceShape: result.shape.ptr.term,
      constraint: result.constraintComponent,
      source: result.source,
      path: result.path === false || result.path === null ? undefined : result.path,
      messages: message.catalogue === undefined ? result.message : [...result.message, DataFactory.literal(message.text, message.catalogue)]
    })
    return converted
  }

  /**
   * `sh:message` in the language, else our catalogue, else any `sh:message`, else shacl-engine's
   * text; `catalogue` is the language of a text from our catalogue (not among the `sh:message`s).
   */
  private message (result: EngineResult, language: string): { text: string, catalogue?: string } {
    const constraint = result.constraintComponent.value
    const custom = result.shape.message.length > 0 || constraint === sparqlComponent ? result.message.map(texts) : []
    const primary = language.toLowerCase().split('-')[0]!
    const inLanguage = custom.filter(text => text.language.toLowerCase().split('-')[0] === primary)
    const exact = pickText(inLanguage, language)
    if (exact !== undefined) return { text: exact }
    const catalogue = componentMessages[constraint]
    const args = catalogue === undefined ? {} : this.arguments(result, catalogue.parameters, language)
    const ours = catalogue?.text[primary] ?? undefined
    if (ours !== undefined) return { text: ours(args), catalogue: primary }
    const shapes = pickText(custom, language, { anyLanguage: true })
    if (shapes !== undefined) return { text: shapes }
    if (catalogue?.text.en !== undefined) return { text: catalogue.text.en(args), catalogue: 'en' }
    return { text: pickText(result.message.map(texts), language, { anyLanguage: true }) ?? localName(constraint) }
  }

  private arguments (result: EngineResult, parameters: readonly string[], language: string): MessageArgs {
    const args: Record<string, string> = {}
    const shape = result.shape.ptr.term
    for (const parameter of parameters) {
      const values = [...this.store.getQuads(shape, DataFactory.namedNode(ns.sh + parameter), null, null)].map(quad => quad.object)
      const shown = values.flatMap(value => isList(this.store, value) ? [listMembers(this.store, value).map(member => this.display(member, language)).join(', ')] : [this.display(value, language)])
      args[parameter] = shown.join(', ')
    }
    return args
  }

  /** A term for people: a label in the language, a prefixed name, or a literal's text. */
  private display (term: Term, language: string): string {
    if (term.termType === 'Literal') return term.datatype.value === `${ns.xsd}string` ? `"${term.value}"` : term.value
    // An anonymous shape (sh:node [ … ], sh:qualifiedValueShape [ … ]) has no name a person knows; every message quotes it in the dative.
    if (term.termType === 'BlankNode') return language.toLowerCase().startsWith('de') ? 'der für dieses Feld gesetzten Bedingung' : 'the condition set for this field'
    if (term.termType !== 'NamedNode') return key(term)
    const labels = [...this.store.getQuads(term, DataFactory.namedNode(terms.label), null, null)].flatMap(quad => quad.object.termType === 'Literal' ? [texts(quad.object as Literal)] : [])
    const label = pickText(labels, language)
    if (label !== undefined) return label
    if (term.value.startsWith(ns.sh)) return term.value.slice(ns.sh.length)
    const prefix = (Object.entries(ns) as Array<[string, string]>).find(([, namespace]) => term.value.startsWith(namespace))
    return prefix === undefined ? `<${term.value}>` : `${prefix[0]}:${term.value.slice(prefix[1].length)}`
  }
}

function texts (literal: Literal): { value: string, language: string } {
  return { value: literal.value, language: literal.language }
}

function isList (store: Store, term: Term): boolean {
  return term.value === terms.nil || (term.termType === 'BlankNode' && store.getQuads(term, DataFactory.namedNode(terms.first), null, null).length > 0)
}

function toTerm (node: string): Term {
  return node.startsWith('_:') ? DataFactory.blankNode(node.slice(2)) : DataFactory.namedNode(node)
}

function severityOf (iri: string): Severity {
  if (iri === `${ns.sh}Warning`) return 'Warning'
  if (iri === `${ns.sh}Info`) return 'Info'
  return 'Violation'
}

function localName (iri: string): string {
  return iri.replace(/^.*[#/]/, '')
}

/** SPARQL 1.1 property path syntax for a parsed SHACL path; a plain IRI for a predicate path. */
function pathString (path: readonly EnginePathStep[]): string {
  if (path.length === 1 && path[0]!.quantifier === 'one' && path[0]!.start === 'subject' && path[0]!.predicates.length === 1) {
    return path[0]!.predicates[0]!.value
  }
  return path.map(step => {
    const inverse = step.start === 'object' ? '^' : ''
    const predicates = step.predicates.map(p => `<${p.value}>`)
    const body = predicates.length > 1 ? `(${predicates.join('|')})` : predicates[0]!
    const quantifier = { one: '', oneOrMore: '+', zeroOrMore: '*', zeroOrOne: '?' }[step.quantifier]
    return `${inverse}${body}${quantifier}`
  }).join('/')
}

/**
 * shacl-engine reports a cached result object again when a (shape, focus node) pair is reached
 * twice; that is one result, not two. Different result objects stay apart, even when they look
 * alike as strings (`"Berg"` and `"Berg"@de`, one `sh:lessThan` result per pair of values).
 */
function distinct (results: readonly EngineResult[]): EngineResult[] {
  return [...new Set(results)]
}

/** The JSON form of an RDF term. */
export function termJson (term: Term): RdfTermJson {
  if (term.termType === 'Literal') {
    const literal = term as Literal
    return literal.language === ''
      ? { termType: 'Literal', value: literal.value, datatype: literal.datatype.value }
      : { termType: 'Literal', value: literal.value, language: literal.language }
  }
  return { termType: term.termType === 'BlankNode' ? 'BlankNode' : 'NamedNode', value: term.value }
}
