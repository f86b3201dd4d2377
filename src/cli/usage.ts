/**
 * A command called the wrong way: what is wrong, then how to call it — in English and German.
 *
 * @example
 * throw usageError('token', 'add <provider-IRI> | list | revoke <provider-IRI>')
 * // en: "usage: symphony token add <provider-IRI> | …", de: "Aufruf: symphony token add <provider-IRI> | …"
 */
import { SymphonyError } from '../errors.js'
import type { Bilingual } from './command.js'
import { inLanguage } from './language.js'
import type { HelpLanguage } from './language.js'

const usageWord: Bilingual = { en: 'usage:', de: 'Aufruf:' }

/** `usage: symphony <name> <usage>` in a language. */
export function usageLine (name: string, usage: string | Bilingual, language: HelpLanguage): string {
  return `${usageWord[language]} symphony ${name} ${inLanguage(usage, language)}`
}

/** A `BAD_REQUEST` naming what is wrong (when said) on one line and the command's usage on the next. */
export function usageError (name: string, usage: string | Bilingual, problem?: Bilingual): SymphonyError {
  const said = (language: HelpLanguage): string => (problem === undefined ? '' : `${problem[language]}\n`) + usageLine(name, usage, language)
  return new SymphonyError('BAD_REQUEST', { en: said('en'), de: said('de') })
}
