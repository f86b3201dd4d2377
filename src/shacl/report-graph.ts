/**
 * The standard form of a validation report (SHACL §3.6): an `sh:ValidationReport` graph with one
 * `sh:ValidationResult` per result, built from the terms the engine reported (not from the
 * strings of the JSON form), so datatypes, languages, blank nodes and paths survive.
 */
import type { Literal, Quad, Quad_Object, Quad_Subject, Term } from '@rdfjs/types'
import type { EnginePathStep } from 'shacl-engine'
import { DataFactory } from 'n3'
import { ns, terms } from '../rdf/index.js'
import type { RdfTermJson, ShaclReport, ShaclResult } from './validate-shacl.js'

const { blankNode, literal, namedNode, quad } = DataFactory
const sh = (local: string): Term => namedNode(ns.sh + local)

/** The engine's terms behind one JSON result. */
export interface ResultTerms {
  readonly focusNode: Term
  readonly value?: Term
  readonly severity: Term
  readonly sourceShape: Term
  readonly constraint: Term
  readonly source: readonly Term[]
  readonly path: readonly EnginePathStep[] | undefined
  readonly messages: readonly Literal[]
}

const remembered = new WeakMap<ShaclResult, ResultTerms>()

/** Keeps the engine's terms beside a JSON result, for `reportQuads`. */
export function remember (result: ShaclResult, terms: ResultTerms): void {
  remembered.set(result, terms)
}

export interface ReportGraphOptions {
  /** Add `sh:detail` results of nested shapes (SHACL §3.6.2.9); default true. */
  readonly details?: boolean
  /** Add `sh:resultMessage`; default true. */
  readonly messages?: boolean
  /** Language tag of messages that came from Symphony's catalogue rather than the shapes; default `en`. */
  readonly language?: string
}

/**
 * The report as `sh:ValidationReport` triples (default graph), ready for Turtle or JSON-LD.
 *
 * @example
 * const quads = reportQuads(await validateShacl(data, shapes), { language: 'de' })
 */
export function reportQuads (report: ShaclReport, options: ReportGraphOptions = {}): Quad[] {
  const out: Quad[] = []
  const add = (s: Term, p: Term, o: Term): void => { out.push(quad(s as Quad_Subject, p as Quad['predicate'], o as Quad_Object)) }
  const node = blankNode()
  add(node, namedNode(terms.type), sh('ValidationReport'))
  add(node, sh('conforms'), literal(String(report.conforms), namedNode(`${ns.xsd}boolean`)))
  for (const result of report.results) {
    const resultNode = blankNode()
    add(node, sh('result'), resultNode)
    addResult(resultNode, result, add, options)
  }
  return out
}

type Add = (s: Term, p: Term, o: Term) => void

function addResult (node: Term, result: ShaclResult, add: Add, options: ReportGraphOptions): void {
  const known = remembered.get(result) ?? fromJson(result)
  add(node, namedNode(terms.type), sh('ValidationResult'))
  add(node, sh('focusNode'), known.focusNode)
  add(node, sh('resultSeverity'), known.severity)
  add(node, sh('sourceConstraintComponent'), known.constraint)
  add(node, sh('sourceShape'), known.sourceShape)
  for (const source of known.source) add(node, sh('sourceConstraint'), source)
  if (known.path !== undefined) add(node, sh('resultPath'), pathTerm(known.path, add))
  if (known.value !== undefined) add(node, sh('value'), known.value)
  if (options.messages ?? true) {
    const messages = known.messages.length > 0 ? known.messages : [literal(result.message, options.language ?? 'en')]
    for (const message of messages) add(node, sh('resultMessage'), message)
  }
  if (options.details ?? true) {
    for (const detail of result.details ?? []) {
      const detailNode = blankNode()
      add(node, sh('detail'), detailNode)
      addResult(detailNode, detail, add, options)
    }
  }
}

/** A SHACL path (§2.3.1) for parsed path steps, as shacl-engine parses them. */
function pathTerm (path: readonly EnginePathStep[], add: Add): Term {
  const steps = path.map(step => stepTerm(step, add))
  return steps.length === 1 ? steps[0]! : list(steps, add)
}

function stepTerm (step: EnginePathStep, add: Add): Term {
  const [first] = step.predicates
  if (step.quantifier === 'one' && step.predicates.length > 1) return wrap('alternativePath', list(step.predicates, add), add)
  if (step.quantifier === 'one') return step.start === 'object' ? wrap('inversePath', first!, add) : first!
  return wrap(`${step.quantifier}Path`, first!, add)
}

function wrap (kind: string, object: Term, add: Add): Term {
  const node = blankNode()
  add(node, sh(kind), object)
  return node
}

function list (members: readonly Term[], add: Add): Term {
  let head: Term = namedNode(terms.nil)
  for (const member of [...members].reverse()) {
    const cell = blankNode()
    add(cell, namedNode(terms.first), member)
    add(cell, namedNode(terms.rest), head)
    head = cell
  }
  return head
}

/** For results that were serialized and read back: the terms their JSON still carries. */
function fromJson (result: ShaclResult): ResultTerms {
  const path = result.path !== undefined && !result.path.includes('<')
    ? [{ quantifier: 'one' as const, start: 'subject' as const, end: 'object' as const, predicates: [namedNode(result.path)] }]
    : undefined
  return {
    focusNode: fromTermJson(result.focusNodeTerm),
    ...(result.valueTerm === undefined ? {} : { value: fromTermJson(result.valueTerm) }),
    severity: namedNode(result.resultSeverity),
    sourceShape: result.sourceShape.startsWith('_:') ? blankNode(result.sourceShape.slice(2)) : namedNode(result.sourceShape),
    constraint: namedNode(result.constraint),
    source: [],
    path,
    messages: []
  }
}

function fromTermJson (term: RdfTermJson): Term {
  if (term.termType === 'BlankNode') return blankNode(term.value)
  if (term.termType === 'NamedNode') return namedNode(term.value)
  return literal(term.value, term.language ?? namedNode(term.datatype ?? `${ns.xsd}string`))
}
