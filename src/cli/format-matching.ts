/**
 * Matching answers as text for people (`--format text`), in the answer's language: the
 * sentences of the answer (already in that language) and headings naming services by their
 * catalog labels.
 */
import type { Catalog } from '../catalog/index.js'
import {
  catalogNamer, languageOf, localNamer, writerFor, type Combinable, type DiscoveryAnswer, type PairCheck, type PairDirection, type Namer, type Writer
} from '../matcher/index.js'
import { say } from '../matcher/texts.js'

/** Where the text's names come from and its language. */
export interface FormatMatchingOptions {
  /** Names services and types by their labels; without it, by their local names. */
  readonly catalog?: Catalog
  /** `de…` German, anything else English. */
  readonly language?: string
}

const namerOf = (options: FormatMatchingOptions): Namer => options.catalog === undefined ? localNamer : catalogNamer(options.catalog)

function writer (options: FormatMatchingOptions): Writer {
  return writerFor(namerOf(options), languageOf(options.language))
}

function direction (d: PairDirection): string {
  const lines = d.requirements.map(r => `  ${r.degree === 'fail' ? '✗' : '✓'} ${r.message}`)
  return [d.message, ...lines].join('\n')
}

/** A pair check, its sentences already in the text's language (`pairCheckInLanguage`). */
export function formatPairCheck (check: PairCheck): string {
  return `${check.message}\n${check.directions.map(direction).join('\n')}\n`
}

/** "Combinable with X", the links' sentences already in the text's language (`combinableInLanguage`). */
export function formatCombinable (x: string, results: readonly Combinable[], options: FormatMatchingOptions = {}): string {
  const w = writer(options)
  const de = w.language === 'de'
  if (results.length === 0) return `${say('NOTHING_COMBINABLE', { service: x }, namerOf(options))[w.language]}\n`
  return results.map(r => {
    const needs = r.unmet === 0 ? '' : de ? `, braucht noch ${r.unmet} Schnittstelle${r.unmet === 1 ? '' : 'n'} anderer Dienste` : `, also needs ${r.unmet} interface${r.unmet === 1 ? '' : 's'} of other services`
    const head = `${w.name(r.service)}  ${w.degree(r.degree)}, ${de ? 'Abstand' : 'distance'} ${w.number(r.distance)}${needs}`
    return [head, ...r.links.map(l => `    ${l.message}`)].join('\n')
  }).join('\n') + '\n'
}

/**
 * Discovery as text, its sentences already in the text's language (`discoveryInLanguage`):
 * rank, service, match, degree and score, the reason, then what is provided and required.
 */
export function formatDiscovery (answer: DiscoveryAnswer, options: FormatMatchingOptions = {}): string {
  const w = writer(options)
  const de = w.language === 'de'
  if (answer.results.length === 0) return de ? 'Kein Dienst passt.\n' : 'No service matches.\n'
  return answer.results.map((r, i) => {
    const match = de ? (r.match === 'full' ? 'Volltreffer' : 'Teiltreffer') : r.match
    const score = de ? r.score.toFixed(3).replace('.', ',') : r.score.toFixed(3)
    const head = `${i + 1}. ${w.name(r.service)}  ${match}, ${w.degree(r.degree)}, ${de ? 'Punktzahl' : 'score'} ${score}`
    const explained = [...r.explanation.wanted, ...r.explanation.requires].map(e => `    ${e.message}`)
    return [head, `    ${r.why.message}`, ...explained].join('\n')
  }).join('\n') + '\n'
}
