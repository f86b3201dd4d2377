/**
 * A composition answer in one language: every sentence field (`message`, `text`,
 * `consumerText`, `detail`, `note`) takes its text from the field beside it that holds every
 * language (`messages`, `texts`, `consumerTexts`, `details`, `notes`). The composer writes
 * English there; structured fields are never touched, so the answer's data is the same in
 * every language.
 */
import { languageOf } from './texts.js'
import type {
  Bundle, BundleExplanation, BundleNeed, CompositionAnswer, CompositionIssue, ServicePrice
} from './types.js'

/**
 * The answer with its sentences in `language` (`de…` German, anything else English).
 *
 * @example
 * inLanguage(compose(catalog, request), 'de').issues[0]?.message // 'das günstigste gültige Bündel kostet …'
 */
export function inLanguage (answer: CompositionAnswer, language: string | undefined): CompositionAnswer {
  const l = languageOf(language)
  const bundle = (b: Bundle): Bundle => ({ ...b, price: { ...b.price, breakdown: b.price.breakdown.map(price) }, explanation: explanation(b.explanation) })
  const price = (p: ServicePrice): ServicePrice => p.notes === undefined ? p : { ...p, note: p.notes[l] }
  const explanation = (e: BundleExplanation): BundleExplanation => ({
    ...e,
    members: e.members.map(m => ({ ...m, text: m.texts[l] })),
    links: e.links.map(link => ({ ...link, text: link.texts[l], consumerText: link.consumerTexts[l] })),
    constraints: e.constraints.map(c => ({ ...c, detail: c.details[l] }))
  })
  const need = (n: BundleNeed): BundleNeed => ({ ...n, message: n.messages[l] })
  const issue = (i: CompositionIssue): CompositionIssue => i.code === 'NEAREST_BUNDLE'
    ? { ...i, bundle: bundle(i.bundle), needs: i.needs.map(need), message: i.messages[l] }
    : { ...i, message: i.messages[l] }
  return { bundles: answer.bundles.map(bundle), issues: answer.issues.map(issue) }
}
