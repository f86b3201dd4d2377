/**
 * SHACL-SPARQL custom constraint components (SHACL §6) on top of shacl-engine, which evaluates
 * only `sh:sparql`: every `sh:ConstraintComponent` (or node with `sh:parameter`) that has a
 * SPARQL validator becomes a validation keyed by its parameters. A shape that has all mandatory
 * parameters is checked with `sh:nodeValidator`/`sh:propertyValidator` (SELECT, once per focus
 * node) or else `sh:validator` (ASK, once per value node), with the parameters, `$this`,
 * `$value`, `$currentShape` pre-bound and `$PATH` replaced by the shape's path; a SELECT row's
 * variables may be quoted in the messages (`{?value}`).
 */
import type { Term } from '@rdfjs/types'
import type { Store } from 'n3'
import { DataFactory } from 'n3'
import type { CompileValidation, EngineContext, EnginePointer, EngineShape } from 'shacl-engine'
import type parsePath from 'shacl-engine/lib/parsePath.js'
import type { stringifyPath } from 'shacl-engine/lib/sparql.js'
import sparqljs from 'sparqljs'
import { ns } from '../rdf/index.js'
import type { BoundedSelect } from './bounded-select.js'
import { key } from './supported-parameters.js'

const sh = (local: string): Term => DataFactory.namedNode(ns.sh + local)
const one = (store: Store, subject: Term, predicate: string): Term | undefined => store.getObjects(subject, sh(predicate), null)[0]

interface Parameter { readonly path: Term, readonly name: string, readonly optional: boolean }

/** A SPARQL validator: the query with its prologue, and its messages. */
interface Validator { readonly kind: 'ask' | 'select', readonly query: string, readonly messages: Term[] }

/** The parameter predicates of components that carry a SPARQL validator, with their component. */
export function sparqlComponentParameters (store: Store): Map<string, Term> {
  const parameters = new Map<string, Term>()
  for (const component of componentNodes(store)) {
    if (!['validator', 'nodeValidator', 'propertyValidator'].some(kind => validatorOf(store, component, kind) !== undefined)) continue
    for (const parameter of parametersOf(store, component)) parameters.set(parameter.path.value, component)
  }
  return parameters
}

/**
 * Whether the shapes graph has anything evaluated with SPARQL: an `sh:sparql` constraint
 * (SHACL §5), a constraint component with parameters (SHACL §6) or an `sh:target` (SHACL §5.1).
 * Shapes without them validate the same without the SPARQL helpers, and comunica stays unloaded.
 */
export function usesSparql (store: Store): boolean {
  return ['sparql', 'parameter', 'target'].some(predicate => store.countQuads(null, sh(predicate), null, null) > 0)
}

/**
 * The SPARQL helpers: a SELECT runner bounded in time and rows (`bounded-select.ts`) and
 * shacl-engine's path writing and reading. They load comunica, so the caller imports them when
 * validation needs them.
 */
export interface SparqlHelpers {
  readonly select: BoundedSelect
  readonly stringifyPath: typeof stringifyPath
  readonly parsePath: typeof parsePath
}

/** shacl-engine validations for every SPARQL-based custom constraint component of the shapes graph. */
export function sparqlComponentValidations (store: Store, sparql: SparqlHelpers): Map<Term, CompileValidation> {
  const validations = new Map<Term, CompileValidation>()
  for (const component of componentNodes(store)) {
    const parameters = parametersOf(store, component)
    const compile = compileComponent(store, component, parameters, sparql)
    // One function for all parameters: shacl-engine compiles each distinct function once per shape.
    for (const parameter of parameters) validations.set(parameter.path, compile)
  }
  return validations
}

function componentNodes (store: Store): Term[] {
  const found = new Map<string, Term>()
  for (const subject of store.getSubjects(sh('parameter'), null, null)) found.set(subject.value, subject)
  return [...found.values()]
}

function parametersOf (store: Store, component: Term): Parameter[] {
  return store.getObjects(component, sh('parameter'), null).flatMap(parameter => {
    const path = one(store, parameter, 'path')
    if (path?.termType !== 'NamedNode') return []
    return [{ path, name: path.value.replace(/^.*[#/]/, ''), optional: one(store, parameter, 'optional')?.value === 'true' }]
  })
}

function validatorOf (store: Store, component: Term, kind: string): Validator | undefined {
  const node = one(store, component, kind)
  if (node === undefined) return undefined
  const ask = one(store, node, 'ask')?.value
  const selectText = one(store, node, 'select')?.value
  const text = ask ?? selectText
  if (text === undefined) return undefined
  const prologue = prefixes(store, store.getObjects(node, sh('prefixes'), null))
  return { kind: ask === undefined ? 'select' : 'ask', query: [...prologue, text].join('\n'), messages: store.getObjects(node, sh('message'), null) }
}

/** `PREFIX` lines of the `sh:declare`s of the given nodes and their `owl:imports` (SHACL §5.2.1). */
function prefixes (store: Store, nodes: readonly Term[], seen = new Set<string>()): string[] {
  return nodes.flatMap(node => {
    if (seen.has(node.value)) return []
    seen.add(node.value)
    const declared = store.getObjects(node, sh('declare'), null).map(declaration =>
      `PREFIX ${one(store, declaration, 'prefix')?.value ?? ''}: <${one(store, declaration, 'namespace')?.value ?? ''}>`)
    const imports = store.getObjects(node, DataFactory.namedNode('http://www.w3.org/2002/07/owl#imports'), null)
    return [...prefixes(store, imports, seen), ...declared]
  })
}

function compileComponent (store: Store, component: Term, parameters: readonly Parameter[], { select, stringifyPath }: SparqlHelpers): CompileValidation {
  return (shape: EngineShape) => {
    const values = new Map<string, Term>()
    for (const parameter of parameters) {
      const value = shape.ptr.out([parameter.path]).term
      if (value !== undefined) values.set(parameter.name, value)
      else if (!parameter.optional) return null
    }
    const validator = validatorOf(store, component, shape.isPropertyShape ? 'propertyValidator' : 'nodeValidator') ??
      validatorOf(store, component, 'validator')
    if (validator === undefined) return null
    const query = validator.query.split('$PATH').join(stringifyPath(shape.path) ?? '')
    const bound = [...values].map(([name, value]) => [DataFactory.variable(name), value] as [ReturnType<typeof DataFactory.variable>, Term])
    bound.push([DataFactory.variable('currentShape'), shape.ptr.term])
    const args = Object.fromEntries(values)
    if (validator.kind === 'ask') {
      const asSelect = askAsSelect(query)
      return {
        generic: async (context: EngineContext) => {
          const bindings = [...bound, [DataFactory.variable('this'), context.focusNode.term], [DataFactory.variable('value'), context.valueOrNode.term]] as typeof bound
          const rows = await select({ bindings, dataset: context.focusNode.dataset, query: asSelect, shape: key(shape.ptr.term) })
          if (rows.length === 0) context.violation(component, { args, message: validator.messages, value: context.valueOrNode })
        }
      }
    }
    const run = async (context: EngineContext): Promise<void> => {
      const bindings = [...bound, [DataFactory.variable('this'), context.focusNode.term]] as typeof bound
      const rows = await select({ bindings, dataset: context.focusNode.dataset, query, shape: key(shape.ptr.term) })
      for (const row of rows) {
        const value = row.get('value') ?? context.focusNode.term
        // The row's variables may appear in the message too (`{?value}`, SHACL §6.3).
        const rowArgs = Object.fromEntries([...row].map(([variable, term]) => [variable.value, term]))
        context.violation(component, { args: { ...rowArgs, ...args }, message: validator.messages, value: context.focusNode.node([value]) })
      }
    }
    return shape.isPropertyShape ? { property: run } : { node: run }
  }
}

/** An ASK query as a SELECT of at most one row: shacl-engine's query runner answers SELECTs only. */
function askAsSelect (query: string): string {
  const parsed = new sparqljs.Parser().parse(query)
  if (parsed.type !== 'query' || parsed.queryType !== 'ASK') return query
  const selectQuery = { ...parsed, queryType: 'SELECT', variables: [new sparqljs.Wildcard()], limit: 1 } as unknown as sparqljs.SelectQuery
  return new sparqljs.Generator().stringify(selectQuery)
}

/**
 * `sh:sparql` (SHACL §5) as shacl-engine evaluates it — the `sh:select` with its prefixes,
 * `$PATH` replaced, `$this` pre-bound, one result per row with `?value`, `?path` and the other
 * variables as message arguments — but through the bounded runner.
 */
export function sparqlConstraintValidation (store: Store, { select, stringifyPath, parsePath }: SparqlHelpers): CompileValidation {
  return (shape: EngineShape) => {
    const sparql = shape.ptr.out([sh('sparql')])
    return {
      generic: async (context: EngineContext) => {
        for (const constraint of sparql.terms) {
          const node = shape.ptr.node([constraint])
          const text = node.out([sh('select')]).value
          if (text === undefined || node.out([sh('deactivated')]).value === 'true') continue
          const prologue = prefixes(store, node.out([sh('prefixes')]).terms)
          const query = [...prologue, text].join('\n').split('$PATH').join(stringifyPath(shape.path) ?? '')
          const message = node.out([sh('message')]).terms
          const rows = await select({ bindings: [[DataFactory.variable('this'), context.focusNode.term]], dataset: context.focusNode.dataset, query, shape: key(shape.ptr.term) })
          for (const row of rows) {
            const args = Object.fromEntries([...row].map(([variable, term]) => [variable.value, term]))
            const path = row.has('path') ? parsePath(context.focusNode.node([row.get('path')!])) : undefined
            const value = context.focusNode.node([row.get('value') ?? context.focusNode.term])
            context.violation(sh('SPARQLConstraintComponent'), { args, message, value, source: [constraint], ...(path === undefined ? {} : { path }) })
          }
        }
      }
    }
  }
}

/**
 * SPARQL-based targets (`sh:target [ sh:select "…" ]`, SHACL §5.1) with their `sh:prefixes`,
 * through the bounded runner: the `$this` of each row is a focus node.
 */
export function sparqlTargetResolver (store: Store, { select }: SparqlHelpers): (target: EnginePointer, context: EngineContext) => Promise<Term[]> {
  return async (target, context) => {
    const text = target.out([sh('select')]).value
    if (text === undefined) return []
    const query = [...prefixes(store, target.out([sh('prefixes')]).terms), text].join('\n')
    const rows = await select({ query, bindings: [], dataset: context.focusNode.dataset, shape: key(target.term), target: true })
    return rows.flatMap(row => row.get('this') ?? [])
  }
}
