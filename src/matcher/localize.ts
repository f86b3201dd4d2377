/**
 * Matching answers in one language: every sentence field (`message`, `fix`) takes its text from
 * the field beside it that holds every language (`messages`, `fixes`; a discovery reason's `en`
 * and `de`). The matcher writes English there; structured fields are never touched, so the
 * answer's data is the same in every language.
 */
import type { RequirementResult } from './best-provider.js'
import type { PairCheck, PairDirection } from './can-combine.js'
import type { Combinable } from './combinable-with.js'
import type { DiscoveryAnswer, DiscoveryResult } from './discover.js'
import type { MatchIssue } from './types.js'
import { languageOf, type Language } from './writer.js'

function issue (i: MatchIssue, l: Language): MatchIssue {
  return { ...i, message: i.messages[l], fix: i.fixes[l] }
}

function requirement (r: RequirementResult, l: Language): RequirementResult {
  return {
    ...r,
    ...(r.match === undefined ? {} : { match: { ...r.match, issues: r.match.issues.map(i => issue(i, l)) } }),
    issues: r.issues.map(i => issue(i, l)),
    message: r.messages[l]
  }
}

function direction (d: PairDirection, l: Language): PairDirection {
  return { ...d, requirements: d.requirements.map(r => requirement(r, l)), message: d.messages[l] }
}

/**
 * The pair check with its sentences in `language` (`de…` German, anything else English).
 *
 * @example pairCheckInLanguage(canCombine(catalog, a, b), 'de').message // 'Telefonanlage und CRM lassen sich verbinden (genau)'
 */
export function pairCheckInLanguage (check: PairCheck, language: string | undefined): PairCheck {
  const l = languageOf(language)
  return { ...check, directions: [direction(check.directions[0], l), direction(check.directions[1], l)], message: check.messages[l] }
}

/** "Combinable with X" with the links' sentences in `language`. */
export function combinableInLanguage (results: readonly Combinable[], language: string | undefined): Combinable[] {
  const l = languageOf(language)
  // The matcher writes each link's `message` in English: such an answer asked for in English
  // is the one given, without copying every link.
  if (results.every(c => c.links.every(link => link.message === link.messages[l]))) return [...results]
  return results.map(c => ({ ...c, links: c.links.map(link => ({ ...link, message: link.messages[l] })) }))
}

/** A discovery answer with its reasons and explanations in `language`. */
export function discoveryInLanguage (answer: DiscoveryAnswer, language: string | undefined): DiscoveryAnswer {
  const l = languageOf(language)
  const result = (r: DiscoveryResult): DiscoveryResult => ({
    ...r,
    why: { ...r.why, message: r.why[l] },
    explanation: {
      wanted: r.explanation.wanted.map(w => ({ ...w, message: w.messages[l] })),
      requires: r.explanation.requires.map(q => ({ ...q, message: q.messages[l] }))
    }
  })
  return { ...answer, results: answer.results.map(result) }
}
