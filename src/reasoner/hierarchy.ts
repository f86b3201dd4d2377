/**
 * The class hierarchy, read from what the rules derived: `rdfs:subClassOf` after the fixpoint
 * is reflexive-transitively closed by the rule files themselves (scm-sco, scm-eqc1, scm-int,
 * scm-uni, the restriction rules, the alignment rules…), so a superclass query is one index
 * lookup. Proof paths walk the subclass triples that are stated or derived by a rule that does
 * more than compose subclass triples (a "closure" rule only adds shortcuts).
 */
import type { ClassHierarchy, LangText } from '../catalog/types.js'
import { iri, terms as rdfTerms } from '../rdf/index.js'
import type { Quad } from '@rdfjs/types'
import { reason, type Reasoned } from './reason.js'
import { Digraph, Reachability } from './reachability.js'
import { compileRules, type CompiledRule } from './rule-compiler.js'
import { builtinRules, type Rule } from './rules.js'
import { termKinds } from './term-table.js'

const classDeclarations = [rdfTerms.owlClass, iri('rdfs', 'Class'), iri('owl', 'Restriction')]
const classObjects = [rdfTerms.type, rdfTerms.domain, rdfTerms.range, iri('owl', 'someValuesFrom'), iri('owl', 'allValuesFrom')]
const classSubjects = [iri('owl', 'onProperty'), iri('owl', 'intersectionOf'), iri('owl', 'unionOf')]

/**
 * Reasons over the quads with the rules (the built-in ones by default) and returns the class
 * hierarchy of the result.
 *
 * @example buildClassHierarchy(quads).path(sym + 'CallEventFeed', sym + 'Interface')
 */
export function buildClassHierarchy (quads: Iterable<Quad>, rules: readonly Rule[] = builtinRules()): ClassHierarchy {
  return hierarchyOf(reason(quads, compileRules(rules)))
}

/**
 * The hierarchy of the reasoned triples.
 *
 * @example hierarchyOf(reasoned).isSubClassOf(sym + 'CallEventFeed', sym + 'CTIInterface') // true
 */
export function hierarchyOf (reasoned: Reasoned): ClassHierarchy {
  const { terms, triples } = reasoned
  const subClassOf = terms.iri(rdfTerms.subClassOf) ?? -1
  const isClass = classMarks(reasoned)

  const supers = new Map<string, ReadonlySet<string>>()
  const subs = new Map<string, ReadonlySet<string>>()
  const related = (memo: Map<string, ReadonlySet<string>>, c: string, up: boolean): ReadonlySet<string> => {
    let set = memo.get(c)
    if (set === undefined) {
      set = new Set([c])
      const n = terms.get(c)
      if (n !== undefined && subClassOf >= 0) {
        for (const t of up ? triples.withSubject(subClassOf, n) : triples.withObject(subClassOf, n)) {
          (set as Set<string>).add(terms.key(up ? triples.o[t]! : triples.s[t]!))
        }
      }
      memo.set(c, set)
    }
    return set
  }
  const isSubClassOf = (sub: string, sup: string): boolean => {
    if (sub === sup) return true
    const a = terms.get(sub)
    const b = terms.get(sup)
    return a !== undefined && b !== undefined && triples.find(a, subClassOf, b) >= 0
  }
  let proofs: Reachability | undefined
  const labels = new Map<string, LangText>()
  return {
    isSubClassOf,
    areEquivalent: (a, b) => isSubClassOf(a, b) && isSubClassOf(b, a),
    superClasses: c => related(supers, c, true),
    subClasses: c => related(subs, c, false),
    path: (sub, sup) => {
      if (sub === sup) return [sub]
      if (!isSubClassOf(sub, sup)) return undefined
      proofs ??= new Reachability(proofGraph(reasoned, subClassOf))
      return proofs.path(terms.get(sub)!, terms.get(sup)!)?.map(n => terms.key(n))
    },
    has: c => {
      const n = terms.get(c)
      return n !== undefined && isClass[n] === 1
    },
    label: c => {
      let label = labels.get(c)
      if (label === undefined) labels.set(c, label = labelOf(reasoned, c))
      return label
    },
    classes: function * () {
      for (let n = 0; n < isClass.length; n++) if (isClass[n] === 1) yield terms.key(n)
    }
  }
}

/** Per term id of the reasoned triples: 1 for a class (declared, used in an axiom or as a type), else 0. */
export function classMarks (reasoned: Reasoned): Uint8Array {
  const { terms, triples } = reasoned
  const id = (value: string): number => terms.iri(value) ?? -1
  const isClass = new Uint8Array(terms.size)
  const mark = (t: number): void => { if (terms.kinds[t] !== termKinds.literal) isClass[t] = 1 }
  for (const t of triples.withPredicate(id(rdfTerms.subClassOf))) { mark(triples.s[t]!); mark(triples.o[t]!) }
  for (const p of classObjects) for (const t of triples.withPredicate(id(p))) mark(triples.o[t]!)
  for (const p of classSubjects) for (const t of triples.withPredicate(id(p))) mark(triples.s[t]!)
  for (const c of classDeclarations) for (const t of triples.withObject(id(rdfTerms.type), id(c))) mark(triples.s[t]!)
  return isClass
}

/** The graph of subclass triples that are stated or derived by a rule that is not a closure rule: the steps of proof paths. */
export function proofGraph (reasoned: Reasoned, subClassOf: number): Digraph {
  const { triples, program, origin, inputSize } = reasoned
  const closure = program.rules.map(rule => isClosureRule(rule, reasoned))
  const graph = new Digraph()
  for (const t of triples.withPredicate(subClassOf)) {
    if (t >= inputSize && closure[origin[t - inputSize]!] === true) continue
    if (triples.s[t] !== triples.o[t]) graph.add(triples.s[t]!, triples.o[t]!)
  }
  return graph
}

/** A rule whose head and body use one and the same constant predicate only (e.g. transitivity). */
function isClosureRule (rule: CompiledRule, reasoned: Reasoned): boolean {
  const predicates = new Set<string>()
  for (const clause of rule.clauses) {
    for (const atom of [...clause.head, ...clause.body]) {
      if (!('c' in atom.p)) return false
      predicates.add(atom.p.c.value)
    }
  }
  return predicates.size === 1 && reasoned.terms.iri([...predicates][0]!) !== undefined
}

/** `rdfs:label` values by language, then `skos:prefLabel` ones for languages still missing. */
export function labelOf (reasoned: Reasoned, c: string): LangText {
  const { terms, triples } = reasoned
  const n = terms.get(c)
  const text: Record<string, string> = {}
  if (n === undefined) return text
  for (const predicate of [rdfTerms.label, rdfTerms.prefLabel]) {
    const p = terms.iri(predicate)
    if (p === undefined) continue
    for (const t of triples.withSubject(p, n)) {
      const term = terms.term(triples.o[t]!)
      if (term.termType === 'Literal') text[term.language] ??= term.value
    }
  }
  return text
}
