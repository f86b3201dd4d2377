/** For one requirement, the best of a set of provided interfaces — or the nearest miss, to explain. */
import type { ClassHierarchy, InterfaceNode } from '../catalog/index.js'
import { compareStrings, degreeRank } from './degree.js'
import { matchInterface } from './match-interface.js'
import { issue, say } from './texts.js'
import type { Degree, InterfaceMatch, MatchIssue, Texts } from './types.js'
import { localNamer, type Namer } from './writer.js'

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
  /** The result in a sentence, in the answer's language (English unless asked otherwise). */
  readonly message: string
  /** The result in a sentence, in every language. */
  readonly messages: Texts
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
 * `namer` names things in the sentences.
 */
export function bestProvider (required: InterfaceNode, provided: readonly InterfaceNode[], hierarchy: ClassHierarchy,
  provider: string, namer: Namer = localNamer): RequirementResult {
  const optional = required.role === 'optionallyRequires'
  let best: InterfaceMatch | undefined
  for (const node of provided) {
    const match = matchInterface(required, node, hierarchy, namer)
    if (best === undefined || compareMatches(match, best) < 0) best = match
  }
  const base = { requirement: required.id, types: required.types, optional }
  const facts = { consumer: required.service, provider, types: required.types, optional }
  if (best === undefined || (required.types.length > 0 && covered(best) === 0)) {
    const offered = [...new Set(provided.flatMap(node => node.types))].sort()
    const issues = [issue('NO_PROVIDED_INTERFACE', { provider, required: required.types, offered }, namer)]
    const messages = say('REQUIREMENT_UNMET', { ...facts, issues }, namer)
    return { ...base, degree: 'fail', issues, message: messages.en, messages }
  }
  const messages = best.degree === 'fail'
    ? say('REQUIREMENT_UNMET', { ...facts, issues: best.issues }, namer)
    : say('REQUIREMENT_MET', { ...facts, provided: best.provided, degree: best.degree, paths: best.types.map(t => t.path) }, namer)
  return { ...base, degree: best.degree, provided: best.provided, match: best, issues: best.issues, message: messages.en, messages }
}
