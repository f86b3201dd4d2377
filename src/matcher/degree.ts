/**
 * Degrees of match between interface types over the class hierarchy.
 */
import type { ClassHierarchy } from '../catalog/index.js'
import type { Degree, TypeMatch } from './types.js'

/** Lower is better: the order results are ranked in. */
export const degreeRank: Readonly<Record<Degree, number>> = { exact: 0, plugin: 1, subsumes: 2, fail: 3 }

/** The worse of two degrees. */
export function worse (a: Degree, b: Degree): Degree {
  return degreeRank[a] >= degreeRank[b] ? a : b
}

/**
 * The most specific of a node's types: a type that is a strict superclass of another type of
 * the same node says nothing more (a node typed CallEventFeed and CTIInterface is a CallEventFeed).
 */
export function effectiveTypes (types: readonly string[], hierarchy: ClassHierarchy): readonly string[] {
  if (types.length < 2) return types
  return types.filter(t => !types.some(other => other !== t && hierarchy.isSubClassOf(other, t) && !hierarchy.isSubClassOf(t, other)))
}

/** Type matches are pure functions of the hierarchy: memoized per hierarchy, two-level by IRI. */
const memos = new WeakMap<ClassHierarchy, { size: number, byRequired: Map<string, Map<string, TypeMatch>> }>()
const memoLimit = 1_000_000

/** The degree of one provided type for one required type, with the class path proving it. */
export function typeMatch (required: string, provided: string, hierarchy: ClassHierarchy): TypeMatch {
  let memo = memos.get(hierarchy)
  if (memo === undefined || memo.size > memoLimit) memos.set(hierarchy, memo = { size: 0, byRequired: new Map() })
  let byProvided = memo.byRequired.get(required)
  if (byProvided === undefined) memo.byRequired.set(required, byProvided = new Map())
  let match = byProvided.get(provided)
  if (match === undefined) {
    match = computeTypeMatch(required, provided, hierarchy)
    byProvided.set(provided, match)
    memo.size++
  }
  return match
}

function computeTypeMatch (required: string, provided: string, hierarchy: ClassHierarchy): TypeMatch {
  const down = hierarchy.isSubClassOf(provided, required)
  const up = hierarchy.isSubClassOf(required, provided)
  if (down && up) return { required, provided, degree: 'exact', distance: 0, path: hierarchy.path(provided, required)! }
  if (down) {
    const path = hierarchy.path(provided, required)!
    return { required, provided, degree: 'plugin', distance: path.length - 1, path }
  }
  if (up) {
    const path = hierarchy.path(required, provided)!
    return { required, provided, degree: 'subsumes', distance: path.length - 1, path }
  }
  return { required, degree: 'fail', distance: 0, path: [] }
}

/** The best provided type for a required one (a `fail` match when none is comparable). */
export function bestTypeMatch (required: string, provided: readonly string[], hierarchy: ClassHierarchy): TypeMatch {
  let best: TypeMatch | undefined
  for (const p of provided) {
    const candidate = typeMatch(required, p, hierarchy)
    if (best === undefined || compareTypeMatches(candidate, best) < 0) best = candidate
  }
  return best === undefined || best.degree === 'fail' ? { required, degree: 'fail', distance: 0, path: [] } : best
}

/** Orders type matches best first: degree, distance, then provided IRI. */
export function compareTypeMatches (a: TypeMatch, b: TypeMatch): number {
  return degreeRank[a.degree] - degreeRank[b.degree] || a.distance - b.distance || compareStrings(a.provided ?? '', b.provided ?? '')
}

/**
 * How a set of provided types covers a set of required types: every (effective) required type
 * must be covered by some provided type; the overall degree is the worst of the best per type.
 * Provided types are the types of one node (reduced to the most specific) unless
 * `separate` says they are separate interfaces (the available types of a discovery request).
 */
export function matchTypes (requiredTypes: readonly string[], providedTypes: readonly string[], hierarchy: ClassHierarchy,
  options: { separate?: boolean } = {}): TypesCover {
  if (requiredTypes.length === 1 && providedTypes.length === 1) { // the common case, kept cheap
    const match = typeMatch(requiredTypes[0]!, providedTypes[0]!, hierarchy)
    return { degree: match.degree, distance: match.distance, types: [match] }
  }
  const provided = options.separate === true ? providedTypes : effectiveTypes(providedTypes, hierarchy)
  return coverTypes(requiredTypes, hierarchy, required => bestTypeMatch(required, provided, hierarchy))
}

export interface TypesCover {
  readonly degree: Degree
  readonly distance: number
  readonly types: TypeMatch[]
}

/** Combines the best match per (effective) required type into the cover of all of them. */
export function coverTypes (requiredTypes: readonly string[], hierarchy: ClassHierarchy, best: (required: string) => TypeMatch): TypesCover {
  const types = effectiveTypes(requiredTypes, hierarchy).map(best)
  let degree: Degree = types.length === 0 ? 'fail' : 'exact'
  let distance = 0
  for (const match of types) {
    degree = worse(degree, match.degree)
    distance += match.distance
  }
  return { degree, distance, types }
}

export function compareStrings (a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
