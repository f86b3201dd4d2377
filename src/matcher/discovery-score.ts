/**
 * The discovery score and order (documented with a worked example in docs/discovery-ranking.md).
 *
 * Each wanted type and each mandatory requirement of a service is an item with a quality:
 * exact 1, plugin 0.8, subsumes 0.5, a related class that is neither sub- nor superclass
 * 0.5 × its Wu–Palmer similarity, nothing related 0. A requirement with several types is as
 * good as its worst type. Three parts, each in [0, 1]:
 * - output: the mean quality of the wanted types (1 when nothing is wanted);
 * - requirements: the mean quality of the mandatory requirements (1 when there are none);
 * - inputUse: the share of the request's available types the service uses to meet any of its
 *   requirements (1 when nothing is available).
 * score = 0.4 · output + 0.3 · requirements + 0.3 · inputUse, rounded to 6 decimals.
 */
import { compareStrings } from './degree.js'
import type { Degree } from './types.js'

export const weights = { output: 0.4, requirements: 0.3, inputUse: 0.3 } as const

/** The quality of an item met with a degree of match. */
export function degreeQuality (degree: Degree): number {
  switch (degree) {
    case 'exact': return 1
    case 'plugin': return 0.8
    case 'subsumes': return 0.5
    default: return 0
  }
}

/** The quality of an item met by no subsumption, only by a related class. */
export function relatedQuality (similarity: number): number {
  return 0.5 * similarity
}

export interface ScoreParts {
  readonly output: number
  readonly requirements: number
  readonly inputUse: number
}

export function round6 (value: number): number {
  return Math.round(value * 1e6) / 1e6
}

export function combine (parts: ScoreParts): number {
  return round6(weights.output * parts.output + weights.requirements * parts.requirements + weights.inputUse * parts.inputUse)
}

/**
 * What keeps a result from being a full match. A partial result has exactly one kind; a service
 * with two (say a more general output and a missing input, or a missing input and nothing of
 * what is offered used) is not listed. Best kind first. Alone, `usesNothing` is a service that
 * needs nothing: every requirement met would use an available type.
 */
export const shortfalls = ['general', 'missingInputs', 'usesNothing', 'relatedOutputs'] as const
export type Shortfall = typeof shortfalls[number]

/** The facts a result's kind of fit is decided from. */
export interface FitFacts {
  /** An item met only by a more general class (`subsumes`). */
  readonly general: boolean
  readonly missingInputs: number
  readonly missingOutputs: number
  /**
   * Some types are available, and the service uses none of them, nor lacks an input related to
   * one (similarity > 0): such an input would use what is offered, were it a little different.
   */
  readonly usesNothing: boolean
}

/** Where a result stands before its score: 0 full; otherwise 1 + its shortfall's rank. */
export interface Fit {
  readonly tier: number
  /** How many items are missing. */
  readonly missing: number
}

/** The fit of a result, or `undefined` when it has more than one kind of shortfall. */
export function fitOf (facts: FitFacts): Fit | undefined {
  const kinds: Shortfall[] = []
  if (facts.general) kinds.push('general')
  if (facts.missingInputs > 0) kinds.push('missingInputs')
  if (facts.usesNothing) kinds.push('usesNothing')
  if (facts.missingOutputs > 0) kinds.push('relatedOutputs')
  if (kinds.length > 1) return undefined
  return { tier: kinds.length === 0 ? 0 : 1 + shortfalls.indexOf(kinds[0]!), missing: facts.missingInputs + facts.missingOutputs }
}

/** Better fit first: the lower tier, then fewer missing items. */
export function compareFit (a: Fit, b: Fit): number {
  return a.tier - b.tier || a.missing - b.missing
}

/** What the order looks at. */
export interface RankKey extends Fit {
  readonly service: string
  readonly score: number
  /** How many available types the service uses. */
  readonly uses: number
  /** Sum of class distances over the met items. */
  readonly distance: number
  /** How many optional requirements the available types meet. */
  readonly optionalMet: number
  /** Sum of the similarities of the missing items to their closest classes. */
  readonly similarity: number
}

/**
 * Best first: full matches, then the partial ones by their kind of shortfall (a more general
 * type, missing inputs, using nothing of what is offered, related outputs) and how many
 * items are missing; then score; then more available types used, closer classes, more optional
 * requirements met, closer missing items; the IRI only when all of these tie.
 */
export function compareRankKeys (a: RankKey, b: RankKey): number {
  return compareFit(a, b) || b.score - a.score || b.uses - a.uses || a.distance - b.distance ||
    b.optionalMet - a.optionalMet || b.similarity - a.similarity || compareStrings(a.service, b.service)
}
