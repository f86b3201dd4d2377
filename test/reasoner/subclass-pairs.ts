/** Subclass pairs between named classes, as `sub sup` strings, from both sides of the equivalence. */
import type { Quad } from '@rdfjs/types'
import type { ClassHierarchy } from '../../src/catalog/types.js'
import { materialize, type Rule } from '../../src/reasoner/index.js'

const subClassOf = 'http://www.w3.org/2000/01/rdf-schema#subClassOf'

/** Every `sub ⊑ sup` with both named (IRIs) in the compiled hierarchy, reflexive pairs included. */
export function compiledPairs (hierarchy: ClassHierarchy): string[] {
  const pairs: string[] = []
  for (const c of hierarchy.classes()) {
    if (c.startsWith('_:')) continue
    for (const sup of hierarchy.superClasses(c)) if (!sup.startsWith('_:')) pairs.push(`${c} ${sup}`)
  }
  return pairs.sort()
}

/**
 * Every `sub ⊑ sup` with both named after materializing with the rule files, plus `c ⊑ c` for
 * every named class the hierarchy knows (reflexivity, scm-cls, is not a rule file).
 */
export function materializedPairs (quads: readonly Quad[], rules: readonly Rule[], hierarchy: ClassHierarchy): string[] {
  const { inferred } = materialize(quads, { rules })
  const pairs = new Set<string>()
  for (const quad of [...quads, ...inferred]) {
    if (quad.predicate.value === subClassOf && quad.subject.termType === 'NamedNode' && quad.object.termType === 'NamedNode') {
      pairs.add(`${quad.subject.value} ${quad.object.value}`)
    }
  }
  for (const c of hierarchy.classes()) if (!c.startsWith('_:')) pairs.add(`${c} ${c}`)
  return [...pairs].sort()
}

/** Non-reflexive pairs only (the form of `expected.ttl`). */
export function strictPairs (pairs: readonly string[]): string[] {
  return pairs.filter(pair => { const [a, b] = pair.split(' '); return a !== b })
}
