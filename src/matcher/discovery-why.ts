/**
 * The one-line reason of a discovery result, in English and German, from a message code and
 * the result's facts. The code is stable; the texts are for people.
 */
import { shortName } from './names.js'

export type DiscoveryWhyCode =
  | 'FULL_MATCH'
  | 'FULL_MATCH_NEEDS_NOTHING'
  | 'GENERAL_MATCH'
  | 'MISSING_INPUT'
  | 'RELATED_OUTPUT'
  | 'RELATED_OUTPUT_AND_MISSING_INPUT'

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

const number = (n: number, language: 'en' | 'de'): string => language === 'de' ? n.toFixed(2).replace('.', ',') : n.toFixed(2)

function missingText (item: MissingItem, language: 'en' | 'de'): string {
  const wanted = shortName(item.requirement)
  const closest = item.closest === undefined ? undefined : shortName(item.closest)
  const similarity = number(item.similarity, language)
  if (item.kind === 'output') {
    return language === 'de'
      ? `liefert ${closest ?? '?'} statt ${wanted} (Ähnlichkeit ${similarity})`
      : `provides ${closest ?? '?'} instead of ${wanted} (similarity ${similarity})`
  }
  if (closest === undefined) return language === 'de' ? `braucht ${wanted}, das Sie nicht haben` : `needs ${wanted}, which you do not have`
  return language === 'de'
    ? `braucht ${wanted}, Sie haben ${closest} (Ähnlichkeit ${similarity})`
    : `needs ${wanted}, you have ${closest} (similarity ${similarity})`
}

/** The reason of one result. */
export function discoveryWhy (facts: WhyFacts): DiscoveryWhy {
  const { missing } = facts
  if (missing.length > 0) {
    const output = missing.some(m => m.kind === 'output')
    const input = missing.some(m => m.kind === 'input')
    const code: DiscoveryWhyCode = output && input ? 'RELATED_OUTPUT_AND_MISSING_INPUT' : output ? 'RELATED_OUTPUT' : 'MISSING_INPUT'
    return {
      code,
      en: `Near miss: ${missing.map(m => missingText(m, 'en')).join('; ')}.`,
      de: `Knapp daneben: ${missing.map(m => missingText(m, 'de')).join('; ')}.`
    }
  }
  if (facts.match === 'partial') {
    const general = shortName(facts.general ?? '')
    return {
      code: 'GENERAL_MATCH',
      en: `Partial match: ${general} is met only by a more general type.`,
      de: `Teiltreffer: ${general} wird nur durch einen allgemeineren Typ erfüllt.`
    }
  }
  if (facts.requirements === 0) {
    return {
      code: 'FULL_MATCH_NEEDS_NOTHING',
      en: 'Full match: provides what is wanted and needs nothing from you.',
      de: 'Volltreffer: liefert das Gewünschte und braucht nichts von Ihnen.'
    }
  }
  return {
    code: 'FULL_MATCH',
    en: `Full match: provides what is wanted and uses ${facts.uses} of the ${facts.available} types you have.`,
    de: `Volltreffer: liefert das Gewünschte und nutzt ${facts.uses} der ${facts.available} Typen, die Sie haben.`
  }
}
