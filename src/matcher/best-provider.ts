/** For one requirement, the best of a set of provided interfaces — or the nearest miss, to explain. */
import type { ClassHierarchy, InterfaceNode } from '../catalog/index.js'
import { compareStrings, degreeRank } from './degree.js'
import { matchInterface } from './match-interface.js'
import { allOf, shortName } from './names.js'
import type { Degree, InterfaceMatch, MatchIssue } from './types.js'

/** How one requirement of a consumer fares against the interfaces of a provider. */
export interface RequirementResult {
  /** Id of the required (or optionally required) interface node. */
  readonly requirement: string
  readonly types: readonly string[]
  readonly optional: boolean
  readonly degree: Degree
  /** The provided interface that satisfies it best, or fails it least (absent when the provider has none). */
  readonly provided?: string
  /** The full match against that interface: type paths, distance, issues. */
  readonly match?: InterfaceMatch
  /** Empty when satisfied; otherwise what is missing and what would fix it. */
  readonly issues: readonly MatchIssue[]
}

/** Orders matches best first; failures by how close they came (type degree, fewer issues). */
export function compareMatches (a: InterfaceMatch, b: InterfaceMatch): number {
  return degreeRank[a.degree] - degreeRank[b.degree] ||
    degreeRank[a.typeDegree] - degreeRank[b.typeDegree] ||
    covered(b) - covered(a) ||
    a.issues.length - b.issues.length ||
    a.distance - b.distance ||
    compareStrings(a.provided, b.provided)
}

function covered (match: InterfaceMatch): number {
  return match.types.filter(type => type.degree !== 'fail').length
}

/**
 * Grades every provided interface for the requirement and keeps the best; when none matches,
 * the nearest miss (right type, wrong protocol; or some of several types) explains the failure.
 */
export function bestProvider (required: InterfaceNode, provided: readonly InterfaceNode[], hierarchy: ClassHierarchy,
  provider: string): RequirementResult {
  const optional = required.role === 'optionallyRequires'
  let best: InterfaceMatch | undefined
  for (const node of provided) {
    const match = matchInterface(required, node, hierarchy)
    if (best === undefined || compareMatches(match, best) < 0) best = match
  }
  const base = { requirement: required.id, types: required.types, optional }
  if (best === undefined || (required.types.length > 0 && covered(best) === 0)) {
    const offered = [...new Set(provided.flatMap(node => node.types))].sort()
    return {
      ...base,
      degree: 'fail',
      issues: [{
        code: 'NO_TYPE_MATCH',
        message: `${shortName(provider)} provides no interface of type ${allOf(required.types)}, a subclass or a superclass` +
          (offered.length === 0 ? ' (it provides no interface at all)' : ` (it provides ${allOf(offered)})`),
        fix: `provide an interface of type ${allOf(required.types)} (or a subclass)`
      }]
    }
  }
  return { ...base, degree: best.degree, provided: best.provided, match: best, issues: best.issues }
}
