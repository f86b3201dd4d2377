/**
 * The composition budgets as options: `symphony serve --compose-max-states …` (or their
 * environment variables) for every request the server answers, `symphony compose
 * --max-states …` for one composition. Values outside their range are refused, naming the
 * option (or variable) and the range.
 */
import { composeLimitRanges, defaultMaxModelEntries, defaultMaxStates, type ComposeLimits } from '../composer/index.js'
import { SymphonyError } from '../errors.js'
import type { Bilingual, OptionSpecs, OptionValues } from './command.js'
import type { Io } from './io.js'

/** Where one budget is read from: an option and, for the server, an environment variable. */
export interface LimitSource {
  readonly option: string
  readonly env?: string
}

export type LimitSources = Readonly<Partial<Record<keyof ComposeLimits, LimitSource>>>

/** `symphony serve`'s options and variables. */
export const serveLimitSources: LimitSources = {
  maxStates: { option: 'compose-max-states', env: 'SYMPHONY_COMPOSE_MAX_STATES' },
  maxModelEntries: { option: 'compose-max-model-entries', env: 'SYMPHONY_COMPOSE_MAX_MODEL_ENTRIES' },
  maxTimeoutMs: { option: 'compose-timeout-ms', env: 'SYMPHONY_COMPOSE_TIMEOUT_MS' }
}

/** `symphony compose`'s options (its time budget is `--timeout-ms`, the request's own). */
export const composeLimitSources: LimitSources = {
  maxStates: { option: 'max-states' },
  maxModelEntries: { option: 'max-model-entries' }
}

const texts: Record<keyof ComposeLimits, { value: string, text: Bilingual, default: string }> = {
  maxStates: {
    value: '<n>',
    text: {
      en: `states a best-first search keeps at most (${range('maxStates')}); reaching it answers with the bundles found so far and SEARCH_CUT`,
      de: `Zustände, die eine Best-First-Suche höchstens hält (${range('maxStates', 'de')}); wer sie erreicht, antwortet mit den bis dahin gefundenen Bündeln und SEARCH_CUT`
    },
    default: String(defaultMaxStates)
  },
  maxModelEntries: {
    value: '<n>',
    text: {
      en: `coefficients the integer program may have at most (${range('maxModelEntries')}); a larger one is searched best-first and answers SEARCH_CUT`,
      de: `Koeffizienten, die das ganzzahlige Programm höchstens haben darf (${range('maxModelEntries', 'de')}); ein größeres wird best-first durchsucht und antwortet mit SEARCH_CUT`
    },
    default: String(defaultMaxModelEntries)
  },
  maxTimeoutMs: {
    value: '<ms>',
    text: {
      en: `the longest time budget a composition may have, in milliseconds (${range('maxTimeoutMs')}); a request's larger timeoutMs is lowered to it`,
      de: `das längste Zeitbudget einer Zusammenstellung, in Millisekunden (${range('maxTimeoutMs', 'de')}); ein größeres timeoutMs einer Anfrage wird darauf gesenkt`
    },
    default: String(composeLimitRanges.maxTimeoutMs.max)
  }
}

function range (key: keyof ComposeLimits, language: 'en' | 'de' = 'en'): string {
  const { min, max } = composeLimitRanges[key]
  return language === 'en' ? `${min} to ${max}` : `${min} bis ${max}`
}

/** The options (with their help) for the budgets the sources name. */
export function limitOptions (sources: LimitSources): OptionSpecs {
  const specs: Record<string, OptionSpecs[string]> = {}
  for (const [key, source] of Object.entries(sources) as Array<[keyof ComposeLimits, LimitSource]>) {
    const { value, text, default: fallback } = texts[key]
    specs[source.option] = {
      type: 'string',
      help: {
        value,
        text,
        default: source.env === undefined ? fallback : { en: `$${source.env}, else ${fallback}`, de: `$${source.env}, sonst ${fallback}` }
      }
    }
  }
  return specs
}

/** The budgets given as options (or, where the source has one, in the environment). */
export function limitsOf (values: OptionValues, io: Io, sources: LimitSources): ComposeLimits {
  const limits: Partial<Record<keyof ComposeLimits, number>> = {}
  for (const [key, source] of Object.entries(sources) as Array<[keyof ComposeLimits, LimitSource]>) {
    const given = values[source.option]
    const fromEnv = given === undefined && source.env !== undefined ? io.env[source.env] : undefined
    if (given === undefined && fromEnv === undefined) continue
    const text = String(given ?? fromEnv)
    const { min, max } = composeLimitRanges[key]
    const number = Number(text)
    if (!/^\d+$/.test(text.trim()) || number < min || number > max) {
      const named = given !== undefined
        ? { en: `--${source.option} ${text}`, de: `--${source.option} ${text}` }
        : { en: `$${source.env}=${text} (--${source.option})`, de: `$${source.env}=${text} (--${source.option})` }
      throw new SymphonyError('BAD_REQUEST', {
        en: `${named.en} is not a whole number from ${min} to ${max}; give a value in that range or leave it out for the default (${texts[key].default})`,
        de: `${named.de} ist keine ganze Zahl von ${min} bis ${max}; geben Sie einen Wert in diesem Bereich an oder lassen Sie die Angabe weg für den Standard (${texts[key].default})`
      })
    }
    limits[key] = number
  }
  return limits
}
