/**
 * The language a person reads the CLI in: `--lang`, else the locale of the environment
 * (`$LC_ALL`, `$LC_MESSAGES`, `$LANG`, the first one set, as POSIX orders them): German when it
 * starts with `de`, else English.
 *
 * @example
 * languageOf({}, { env: { LANG: 'de_DE.UTF-8' } }) // 'de'
 */
import type { Bilingual, OptionValues } from './command.js'
import type { Io } from './io.js'

export type HelpLanguage = keyof Bilingual

/** The language of labels and messages: `--lang` as given (labels may exist in any language), else `de` or `en` from the locale. */
export function languageOf (values: OptionValues, io: Pick<Io, 'env'>): string {
  if (typeof values.lang === 'string' && values.lang !== '') return values.lang
  const locale = [io.env.LC_ALL, io.env.LC_MESSAGES, io.env.LANG].find(value => value !== undefined && value !== '')
  return locale?.toLowerCase().startsWith('de') === true ? 'de' : 'en'
}

/** The CLI's own texts exist in German and English: German for any `de…` tag, else English. */
export function textLanguageOf (values: OptionValues, io: Pick<Io, 'env'>): HelpLanguage {
  return languageOf(values, io).toLowerCase().startsWith('de') ? 'de' : 'en'
}

/** A text in a language; bare strings (syntax, numbers, names) read the same in both. */
export function inLanguage (text: string | Bilingual, language: HelpLanguage): string {
  return typeof text === 'string' ? text : text[language]
}

/** Says `text` on stderr, as a line, in the CLI's language (`--lang`, else the locale). */
export function noticeIn (values: OptionValues, io: Pick<Io, 'env' | 'stderr'>, text: Bilingual): void {
  io.stderr(`${text[textLanguageOf(values, io)]}\n`)
}
