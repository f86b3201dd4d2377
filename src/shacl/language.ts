/** Choosing among language-tagged literals (labels, names, `sh:message`s) for a requested language. */

export interface TaggedText {
  readonly value: string
  /** BCP 47 tag, `''` for an untagged literal. */
  readonly language: string
}

/**
 * The text for `language`: exact tag (`de-AT`), then its primary subtag (`de`), then English,
 * then untagged; with `anyLanguage`, finally the first text at all.
 *
 * @example pickText([{ value: 'Port', language: 'en' }, { value: 'Anschluss', language: 'de' }], 'de') // 'Anschluss'
 */
export function pickText (texts: readonly TaggedText[], language: string, options: { anyLanguage?: boolean } = {}): string | undefined {
  const wanted = language.toLowerCase()
  const primary = wanted.split('-')[0]!
  const rank = (text: TaggedText): number => {
    const tag = text.language.toLowerCase()
    if (tag === wanted) return 0
    if (tag === primary || tag.split('-')[0] === primary) return 1
    if (tag === 'en' || tag.startsWith('en-')) return 2
    if (tag === '') return 3
    return options.anyLanguage === true ? 4 : Infinity
  }
  let best: TaggedText | undefined
  let bestRank = Infinity
  for (const text of texts) {
    const r = rank(text)
    if (r < bestRank) {
      best = text
      bestRank = r
    }
  }
  return best?.value
}
