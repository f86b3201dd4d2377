/**
 * The property hierarchy: `rdfs:subPropertyOf` closed under scm-spo and scm-eqp1 (the schema
 * rules in `rules/scm-spo.rq`, `rules/scm-eqp1.rq`), plus `owl:inverseOf` pairs. Used by the
 * class hierarchy (scm-svf2, scm-avf2, scm-hv) and by the catalog (sub-properties of
 * `sym:provides` and friends).
 */
import type { Quad } from '@rdfjs/types'
import { Interner } from './interner.js'
import { Digraph, Reachability } from './reachability.js'
import { readSchemaAxioms, type SchemaAxioms } from './schema-axioms.js'

export interface PropertyHierarchy {
  /** Is `sub` a (reflexive, transitive) subproperty of `sup`? */
  isSubPropertyOf (sub: string, sup: string): boolean
  /** All superproperties of `p`, including `p`. */
  superProperties (p: string): ReadonlySet<string>
  /** All subproperties of `p`, including `p`. */
  subProperties (p: string): ReadonlySet<string>
  /** Properties stated `owl:inverseOf` `p`, in either direction. */
  inverses (p: string): ReadonlySet<string>
}

/**
 * Builds the property hierarchy from quads (or from already collected schema axioms).
 *
 * @example buildPropertyHierarchy(quads).subProperties('https://w3id.org/symphony/ontology#provides')
 */
export function buildPropertyHierarchy (input: Iterable<Quad> | SchemaAxioms): PropertyHierarchy {
  const axioms = isAxioms(input) ? input : readSchemaAxioms(input)
  const ids = new Interner()
  const up = new Digraph()
  const down = new Digraph()
  const edge = (a: string, b: string): void => {
    const from = ids.intern(a)
    const to = ids.intern(b)
    up.add(from, to)
    down.add(to, from)
  }
  for (const [a, b] of axioms.subPropertyOf) edge(a, b)
  for (const [a, b] of axioms.equivalentProperty) {
    edge(a, b)
    edge(b, a)
  }
  const inverses = new Map<string, Set<string>>()
  for (const [a, b] of axioms.inverseOf) {
    addTo(inverses, a, b)
    addTo(inverses, b, a)
  }
  const upward = new Reachability(up)
  const downward = new Reachability(down)
  const closure = (reach: Reachability, p: string): ReadonlySet<string> => {
    const id = ids.get(p)
    if (id === undefined) return new Set([p])
    return new Set([...reach.from(id)].map(n => ids.names[n]!))
  }
  return {
    isSubPropertyOf: (sub, sup) => {
      if (sub === sup) return true
      const a = ids.get(sub)
      const b = ids.get(sup)
      return a !== undefined && b !== undefined && upward.from(a).has(b)
    },
    superProperties: p => closure(upward, p),
    subProperties: p => closure(downward, p),
    inverses: p => inverses.get(p) ?? new Set()
  }
}

function isAxioms (input: Iterable<Quad> | SchemaAxioms): input is SchemaAxioms {
  return (input as SchemaAxioms).subPropertyOf !== undefined && !(Symbol.iterator in (input as object))
}

function addTo (map: Map<string, Set<string>>, key: string, value: string): void {
  let values = map.get(key)
  if (values === undefined) map.set(key, values = new Set())
  values.add(value)
}
