/**
 * The property hierarchy, read from what the rules derived: `rdfs:subPropertyOf` after the
 * fixpoint is closed by the rule files (scm-spo, scm-eqp1, …), so the sub-properties of a
 * property are one index lookup.
 */
import { terms as rdfTerms } from '../rdf/index.js'
import type { Reasoned } from './reason.js'

export interface PropertyHierarchy {
  /** All subproperties of `p`, including `p`. */
  subProperties (p: string): ReadonlySet<string>
  /** All superproperties of `p`, including `p`. */
  superProperties (p: string): ReadonlySet<string>
}

/**
 * The property hierarchy of the reasoned triples.
 *
 * @example propertyHierarchyOf(reasoned).subProperties(sym + 'provides')
 */
export function propertyHierarchyOf (reasoned: Reasoned): PropertyHierarchy {
  const { terms, triples } = reasoned
  const subPropertyOf = terms.iri(rdfTerms.subPropertyOf) ?? -1
  const related = (p: string, up: boolean): ReadonlySet<string> => {
    const set = new Set([p])
    const n = terms.get(p)
    if (n === undefined) return set
    for (const t of up ? triples.withSubject(subPropertyOf, n) : triples.withObject(subPropertyOf, n)) {
      set.add(terms.key(up ? triples.o[t]! : triples.s[t]!))
    }
    return set
  }
  return { subProperties: p => related(p, false), superProperties: p => related(p, true) }
}
