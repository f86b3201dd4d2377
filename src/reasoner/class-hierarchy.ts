/**
 * The compiled class hierarchy: the subclass relation the schema rule files in `rules/`
 * derive (scm-sco, scm-eqc1, scm-int, scm-uni, scm-svf1/2, scm-avf1/2, scm-hv, with the
 * property hierarchy of scm-spo / scm-eqp1), computed in plain TypeScript. Classes are
 * interned; stated and derived axioms are edges of a graph; the closure is reachability,
 * computed lazily per class and memoized. `test/reasoner/equivalence.test.ts` holds this
 * file and the rule files to the same answers.
 */
import type { Quad } from '@rdfjs/types'
import type { ClassHierarchy, LangText } from '../catalog/types.js'
import { Interner } from './interner.js'
import { buildPropertyHierarchy, type PropertyHierarchy } from './property-hierarchy.js'
import { Digraph, Reachability } from './reachability.js'
import { readSchemaAxioms, type Restriction, type SchemaAxioms } from './schema-axioms.js'

/** Both hierarchies, built from one pass over the quads. */
export interface Hierarchies {
  readonly classes: ClassHierarchy
  readonly properties: PropertyHierarchy
}

/**
 * Builds the class hierarchy of the quads (every ontology and description loaded).
 *
 * @example
 * const hierarchy = buildClassHierarchy(quads)
 * hierarchy.isSubClassOf(sym + 'CallEventFeed', sym + 'CTIInterface') // true
 * hierarchy.path(sym + 'CallEventFeed', sym + 'Interface') // [CallEventFeed, CTIInterface, Interface]
 */
export function buildClassHierarchy (input: Iterable<Quad> | SchemaAxioms): ClassHierarchy {
  return buildHierarchies(input).classes
}

/** Builds the class and the property hierarchy together. */
export function buildHierarchies (input: Iterable<Quad> | SchemaAxioms): Hierarchies {
  const axioms = isAxioms(input) ? input : readSchemaAxioms(input)
  const properties = buildPropertyHierarchy(axioms)
  const ids = new Interner()
  for (const c of axioms.classes) ids.intern(c)
  const up = new Digraph()
  const down = new Digraph()
  up.grow(ids.size)
  down.grow(ids.size)
  const edge = (sub: string, sup: string): boolean => {
    if (sub === sup) return false
    const a = ids.intern(sub)
    const b = ids.intern(sup)
    down.add(b, a)
    return up.add(a, b)
  }

  for (const [a, b] of axioms.subClassOf) edge(a, b) // stated
  for (const [a, b] of axioms.equivalentClass) { edge(a, b); edge(b, a) } // scm-eqc1
  for (const [c, member] of axioms.intersectionMembers) edge(c, member) // scm-int
  for (const [c, member] of axioms.unionMembers) edge(member, c) // scm-uni

  const some = indexRestrictions(axioms.someValuesFrom)
  const all = indexRestrictions(axioms.allValuesFrom)
  const value = indexRestrictions(axioms.hasValue)
  // scm-svf2, scm-avf2, scm-hv depend on the property hierarchy only: one pass.
  for (const r of axioms.someValuesFrom) forSuperProperty(r, some, properties, c2 => edge(r.node, c2))
  for (const r of axioms.allValuesFrom) forSuperProperty(r, all, properties, c2 => edge(c2, r.node))
  for (const r of axioms.hasValue) forSuperProperty(r, value, properties, c2 => edge(r.node, c2))

  // scm-svf1, scm-avf1 depend on the subclass relation they extend: repeat to a fixpoint.
  const upward = new Reachability(up)
  for (let added = true; added;) {
    added = false
    for (const [restrictions, index] of [[axioms.someValuesFrom, some], [axioms.allValuesFrom, all]] as const) {
      for (const r of restrictions) {
        for (const y2 of upward.from(ids.intern(r.filler))) {
          for (const c2 of index.get(key(r.property, ids.names[y2]!)) ?? []) added = edge(r.node, c2) || added
        }
      }
    }
    if (added) upward.forget()
  }

  return { classes: compiledHierarchy(ids, upward, new Reachability(down), axioms.labels), properties }
}

function compiledHierarchy (ids: Interner, upward: Reachability, downward: Reachability,
  labels: ReadonlyMap<string, LangText>): ClassHierarchy {
  const supers = new Map<string, ReadonlySet<string>>()
  const subs = new Map<string, ReadonlySet<string>>()
  const closure = (memo: Map<string, ReadonlySet<string>>, reach: Reachability, c: string): ReadonlySet<string> => {
    let set = memo.get(c)
    if (set === undefined) {
      const id = ids.get(c)
      set = id === undefined ? new Set([c]) : new Set([...reach.from(id)].map(n => ids.names[n]!))
      memo.set(c, set)
    }
    return set
  }
  const isSubClassOf = (sub: string, sup: string): boolean => {
    if (sub === sup) return true
    const a = ids.get(sub)
    const b = ids.get(sup)
    return a !== undefined && b !== undefined && upward.from(a).has(b)
  }
  return {
    isSubClassOf,
    areEquivalent: (a, b) => isSubClassOf(a, b) && isSubClassOf(b, a),
    superClasses: c => closure(supers, upward, c),
    subClasses: c => closure(subs, downward, c),
    path: (sub, sup) => {
      if (sub === sup) return [sub]
      const a = ids.get(sub)
      const b = ids.get(sup)
      if (a === undefined || b === undefined) return undefined
      return upward.path(a, b)?.map(n => ids.names[n]!)
    },
    has: c => ids.get(c) !== undefined,
    label: c => labels.get(c) ?? {},
    classes: () => ids.names.values()
  }
}

function key (property: string, filler: string): string {
  return `${property}\u0000${filler}`
}

function indexRestrictions (restrictions: readonly Restriction[]): Map<string, string[]> {
  const index = new Map<string, string[]>()
  for (const { node, property, filler } of restrictions) {
    const k = key(property, filler)
    const nodes = index.get(k)
    if (nodes === undefined) index.set(k, [node])
    else nodes.push(node)
  }
  return index
}

function forSuperProperty (r: Restriction, index: ReadonlyMap<string, readonly string[]>, properties: PropertyHierarchy,
  visit: (c2: string) => void): void {
  for (const p2 of properties.superProperties(r.property)) {
    for (const c2 of index.get(key(p2, r.filler)) ?? []) visit(c2)
  }
}

function isAxioms (input: Iterable<Quad> | SchemaAxioms): input is SchemaAxioms {
  return (input as SchemaAxioms).subClassOf !== undefined && !(Symbol.iterator in (input as object))
}
