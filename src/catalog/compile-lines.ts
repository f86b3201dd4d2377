/**
 * Compiling a catalog whose large graphs are held as term ids (`LineGraph`: `.nt` / `.nq` files
 * given as `--data`): the same parts as `compileParts` over the quads those graphs hold, read
 * from the reasoner's term table and triples instead of quad objects. At 100,000 services that
 * is 1.6 M quads never built, never interned a second time, never marked by the collector.
 */
import type { Quad } from '@rdfjs/types'
import { builtinRules, compileRules, hierarchyOf, reason, ruleTerms, storedRules } from '../reasoner/index.js'
import { compileParts, readParts, type CatalogParts, type CompileOptions } from './compile.js'
import { roleLinks, type LineGraph } from './line-graph.js'
import { collectFactTableOfTriples } from './service-facts.js'
import { nameServiceNodes, serviceNodeRoles } from './service-node-names.js'
import { indexSubjectTriples } from './subject-index.js'
import { catalogTerms as t } from './vocabulary.js'

/**
 * The parts `compileParts` gives for `quads` followed by the quads of `graphs`, or undefined when
 * the role sub-properties stated across all of them leave an interface or offer to name (the
 * caller then compiles the quads themselves).
 */
export function compileLineParts (quads: readonly Quad[], graphs: readonly LineGraph[], options: CompileOptions = {}): CatalogParts | undefined {
  const links = graphs.flatMap(graph => graph.select(roleLinks))
  const nodeRoles = serviceNodeRoles([...quads, ...links])
  if (nameServiceNodes(quads, nodeRoles) !== quads || graphs.some(graph => graph.hasUnnamedNodes(nodeRoles))) return undefined
  const rules = graphs.flatMap(graph => graph.select([{ predicate: ruleTerms.sparql }, { predicate: t.type, object: ruleTerms.InferenceRule }]))
  const program = compileRules([...builtinRules(), ...options.rules ?? [], ...storedRules([...quads, ...rules])])
  const reasoned = reason(quads, program, { tables: graphs })
  options.onReasoned?.(reasoned)
  const hierarchy = hierarchyOf(reasoned)
  const index = indexSubjectTriples(reasoned, hierarchy.subClasses(t.Service))
  return readParts(index, reasoned, hierarchy, nodeRoles, (services, shared) => collectFactTableOfTriples(reasoned, services, shared))
}

/**
 * The parts of `quads` followed by the quads of `graphs`, as an engine compiles them in place:
 * from the term ids (`compileLineParts`), or from the graphs' quads built when that leaves a node
 * to name across the graphs. For a thread that holds the graphs again (`LineGraph.ofHeld`).
 */
export function compileWithLines (quads: readonly Quad[], graphs: readonly LineGraph[], options: CompileOptions = {}): CatalogParts {
  if (graphs.length === 0) return compileParts(quads, options)
  return compileLineParts(quads, graphs, options) ?? compileParts([...quads, ...graphs.flatMap(graph => graph.quadsNow())], options)
}
