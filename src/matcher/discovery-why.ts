/**
 * The one-line reason of a discovery result, in English and German, from a message code and
 * the result's facts (sentences in `texts.ts`). The code is stable; the texts are for people.
 */
import { say } from './texts.js'
import { localNamer, type Namer, type Texts } from './writer.js'

export type DiscoveryWhyCode =
  | 'FULL_MATCH'
  | 'FULL_MATCH_NEEDS_NOTHING'
  | 'GENERAL_MATCH'
  | 'MISSING_INPUT'
  | 'NEEDS_NOTHING_OFFERED'
  | 'RELATED_OUTPUT'

/** What a near miss lacks: a required or wanted type, and the closest type there is. */
export interface MissingItem {
  /** `input`: a requirement of the service no available type meets; `output`: a wanted type it does not provide. */
  readonly kind: 'input' | 'output'
  /** The required type (input) or the wanted type (output). */
  readonly requirement: string
  /** The available type (input) or the provided type (output) nearest in the class hierarchy, when one shares an ancestor. */
  readonly closest?: string
  /** Wu–Palmer similarity of `requirement` and `closest` (0 when there is no closest). */
  readonly similarity: number
}

export interface DiscoveryWhy {
  readonly code: DiscoveryWhyCode
  /** The reason in the answer's language (English unless asked otherwise). */
  readonly message: string
  readonly en: string
  readonly de: string
}

/** Facts the reason is built from. */
export interface WhyFacts {
  readonly match: 'full' | 'partial'
  readonly uses: number
  readonly available: number
  readonly requirements: number
  readonly missing: readonly MissingItem[]
  /** A wanted or required type met only by a more general one (`subsumes`), if any. */
  readonly general?: string
}

/** The reason of one result; `namer` names the types in it. */
export function discoveryWhy (facts: WhyFacts, namer: Namer = localNamer): DiscoveryWhy {
  const reason = (code: DiscoveryWhyCode, texts: Texts): DiscoveryWhy => ({ code, message: texts.en, en: texts.en, de: texts.de })
  const { missing } = facts
  if (missing.length > 0) {
    const code = missing.some(m => m.kind === 'output') ? 'RELATED_OUTPUT' : 'MISSING_INPUT'
    return reason(code, say(code, { missing }, namer))
  }
  if (facts.general !== undefined) return reason('GENERAL_MATCH', say('GENERAL_MATCH', { general: facts.general }, namer))
  if (facts.match === 'partial') return reason('NEEDS_NOTHING_OFFERED', say('NEEDS_NOTHING_OFFERED', {}, namer))
  if (facts.requirements === 0) return reason('FULL_MATCH_NEEDS_NOTHING', say('FULL_MATCH_NEEDS_NOTHING', {}, namer))
  return reason('FULL_MATCH', say('FULL_MATCH', { uses: facts.uses, available: facts.available }, namer))
}
