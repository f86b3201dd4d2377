/** Matching and composition commands: match, combinable, discover, compose. */
import { formatBundleText, inLanguage } from '../../composer/index.js'
import { combinableInLanguage, discoveryInLanguage, maxLimit, pairCheckInLanguage, validateLimit } from '../../matcher/index.js'
import { SymphonyError } from '../../errors.js'
import type { Engine } from '../../engine.js'
import type { Bilingual, Command, OptionSpecs, OptionValues } from '../command.js'
import { openForReading, withEngine } from '../context.js'
import { formatCombinable, formatDiscovery, formatPairCheck } from '../format-matching.js'
import type { Io } from '../io.js'
import { iriArgument } from '../iri-argument.js'
import { languageOf } from '../language.js'
import { answerFormat, printJson, readJsonOption } from '../output.js'
import { composeLimitSources, limitOptions, limitsOf } from '../compose-limits.js'

export const matchCommand: Command = {
  summary: {
    en: 'does service A fit service B? both directions, explained per requirement',
    de: 'passt Dienst A zu Dienst B? in beide Richtungen, je Anforderung erklärt'
  },
  usage: '<service-A> <service-B>',
  positionals: { min: 2, max: 2 },
  endsWhenAnswered: true,
  async run ({ values, positionals }, io) {
    const format = answerFormat(values)
    const [a, b] = positionals.map(iriArgument) as [string, string]
    return withEngine(await openForReading(values, io), async engine => {
      const check = pairCheckInLanguage(await engine.match(a, b), languageOf(values, io))
      if (format === 'json') printJson(io, check)
      else io.stdout(formatPairCheck(check))
      return 0
    })
  }
}

export const combinableCommand: Command = {
  summary: {
    en: 'every service that can be linked to X, in either direction, ranked',
    de: 'jeder Dienst, der sich mit X verbinden lässt, in beide Richtungen, nach Rang'
  },
  usage: '<service> [--limit <n>] [--offset <n>]',
  positionals: { min: 1, max: 1 },
  endsWhenAnswered: true,
  options: {
    limit: {
      type: 'string',
      help: {
        value: '<n>',
        text: { en: `list only the n best services (1 to ${maxLimit})`, de: `nur die n besten Dienste auflisten (1 bis ${maxLimit})` },
        default: { en: 'all of them', de: 'alle' }
      }
    },
    offset: {
      type: 'string',
      help: {
        value: '<n>',
        text: { en: 'skip the n best services first (paging, with --limit)', de: 'zuerst die n besten Dienste überspringen (Blättern, mit --limit)' },
        default: '0'
      }
    }
  },
  async run ({ values, positionals }, io) {
    const format = answerFormat(values)
    const x = iriArgument(positionals[0]!)
    const limit = values.limit === undefined ? undefined : Number(values.limit)
    if (limit !== undefined && !(Number.isInteger(limit) && limit > 0)) {
      throw new SymphonyError('BAD_REQUEST', { en: `--limit ${String(values.limit)} is not a positive whole number`, de: `--limit ${String(values.limit)} ist keine positive ganze Zahl` })
    }
    if (limit !== undefined) validateLimit(limit, '--limit', '--offset')
    const offset = values.offset === undefined ? 0 : Number(values.offset)
    if (!(Number.isInteger(offset) && offset >= 0)) {
      throw new SymphonyError('BAD_REQUEST', { en: `--offset ${String(values.offset)} is not a whole number ≥ 0`, de: `--offset ${String(values.offset)} ist keine ganze Zahl ≥ 0` })
    }
    return withEngine(await openForReading(values, io), async engine => {
      const language = languageOf(values, io)
      const results = combinableInLanguage(await engine.combinable(x, { ...(limit === undefined ? {} : { limit }), offset }), language)
      if (format === 'json') printJson(io, { service: x, results })
      else io.stdout(formatCombinable(x, results, { language, catalog: await engine.catalog() }))
      return 0
    })
  }
}

/** What the request file holds, the options a request command adds, and how they change the request. */
interface RequestOptions {
  readonly request: Bilingual
  readonly usage?: string
  readonly options?: OptionSpecs
  readonly adjust?: (request: unknown, values: OptionValues) => unknown
}

/** A command answering one JSON request file (`--request r.json`) with JSON or text. */
function requestCommand<Answer> (summary: Bilingual, answer: (engine: Engine, request: unknown, values: OptionValues, io: Io) => Promise<Answer>,
  text: (answer: Answer, engine: Engine, values: OptionValues, io: Io) => Promise<string>, extra: RequestOptions): Command {
  return {
    summary,
    usage: `--request <request.json>${extra.usage === undefined ? '' : ` ${extra.usage}`}`,
    options: { request: { type: 'string', help: { value: '<request.json>', text: extra.request } }, ...extra.options },
    // Everything the engine opened is closed by `withEngine` before `run` returns.
    endsWhenAnswered: true,
    async run ({ values }, io) {
      const format = answerFormat(values)
      const read = await readJsonOption(values, 'request', io)
      const request = extra.adjust === undefined ? read : extra.adjust(read, values)
      return withEngine(await openForReading(values, io), async engine => {
        const result = await answer(engine, request, values, io)
        if (format === 'json') printJson(io, result)
        else io.stdout(await text(result, engine, values, io))
        return 0
      })
    }
  }
}

/**
 * `discover --request r.json [--min-score x] [--full-only]`: the options override the
 * request's `minScore` and `includePartial`.
 */
export const discoverCommand = requestCommand(
  {
    en: 'services providing the wanted interface types given the available ones; near misses after the full matches',
    de: 'Dienste, die die gesuchten Schnittstellentypen bei den vorhandenen bieten; Beinahe-Treffer nach den vollen'
  },
  async (engine, request, values, io) => discoveryInLanguage(await engine.discover(request), languageOf(values, io)),
  async (result, engine, values, io) => formatDiscovery(result, { language: languageOf(values, io), catalog: await engine.catalog() }),
  {
    request: {
      en: 'the discovery request (required): wanted and available interface types, minScore, includePartial, limit',
      de: 'die Suchanfrage (nötig): gesuchte und vorhandene Schnittstellentypen, minScore, includePartial, limit'
    },
    usage: '[--min-score <x>] [--full-only]',
    options: {
      'min-score': {
        type: 'string',
        help: {
          value: '<x>',
          text: { en: 'the lowest score a result may have, from 0 to 1; replaces the request\'s minScore', de: 'die kleinste Punktzahl eines Ergebnisses, von 0 bis 1; ersetzt minScore der Anfrage' },
          default: { en: 'the request\'s minScore, else 0', de: 'minScore der Anfrage, sonst 0' }
        }
      },
      'full-only': {
        type: 'boolean',
        help: { text: { en: 'full matches only, no near misses (includePartial false)', de: 'nur volle Treffer, keine Beinahe-Treffer (includePartial false)' } }
      }
    },
    adjust (request, values) {
      const minScore = values['min-score'] === undefined ? undefined : Number(values['min-score'])
      if (minScore !== undefined && !(Number.isFinite(minScore) && minScore >= 0 && minScore <= 1)) {
        const given = String(values['min-score'])
        throw new SymphonyError('BAD_REQUEST', { en: `--min-score ${given} is not a number from 0 to 1`, de: `--min-score ${given} ist keine Zahl von 0 bis 1` })
      }
      if (typeof request !== 'object' || request === null || Array.isArray(request)) return request // the matcher names the problem
      return {
        ...request,
        ...(minScore === undefined ? {} : { minScore }),
        ...(values['full-only'] === true ? { includePartial: false } : {})
      }
    }
  })

export const composeCommand = requestCommand(
  {
    en: 'bundles of services meeting a goal and constraints, ranked and explained',
    de: 'Bündel von Diensten, die ein Ziel und Bedingungen erfüllen, nach Rang und erklärt'
  },
  async (engine, request, values, io) => inLanguage(await engine.compose(request, limitsOf(values, io, composeLimitSources)), languageOf(values, io)),
  async (result, engine, values, io) => formatBundleText(result, { language: languageOf(values, io), catalog: await engine.catalog() }),
  {
    request: {
      en: 'the composition request (required): service types, constraints, preferences, seats, limit',
      de: 'die Anfrage zur Zusammenstellung (nötig): Diensttypen, Bedingungen, Vorlieben, Plätze, Anzahl'
    },
    usage: '[--wiring static|dataflow] [--timeout-ms <ms>] [--max-states <n>] [--max-model-entries <n>]',
    options: {
      wiring: {
        type: 'string',
        help: {
          value: '<static|dataflow>',
          text: {
            en: 'static: members may meet each other\'s requirements both ways; dataflow: members run in an order, each after its requirements are met. Replaces the request\'s wiring',
            de: 'static: Mitglieder dürfen einander wechselseitig Anforderungen erfüllen; dataflow: Mitglieder laufen in einer Reihenfolge, jedes nach Erfüllung seiner Anforderungen. Ersetzt wiring der Anfrage'
          },
          default: { en: 'the request\'s wiring, else static', de: 'wiring der Anfrage, sonst static' }
        }
      },
      'timeout-ms': {
        type: 'string',
        help: {
          value: '<ms>',
          text: {
            en: 'the search\'s time budget in milliseconds (1 to 60000); then the best bundles found so far answer. Replaces the request\'s timeoutMs',
            de: 'Zeitbudget der Suche in Millisekunden (1 bis 60000); danach antworten die bis dahin besten Bündel. Ersetzt timeoutMs der Anfrage'
          },
          default: { en: 'the request\'s timeoutMs, else 10000', de: 'timeoutMs der Anfrage, sonst 10000' }
        }
      },
      ...limitOptions(composeLimitSources)
    },
    adjust: (request, values) => {
      if (request === null || typeof request !== 'object' || Array.isArray(request)) return request
      const timeout = values['timeout-ms']
      if (timeout !== undefined && !/^\d+$/.test(String(timeout))) {
        throw new SymphonyError('BAD_REQUEST', {
          en: `--timeout-ms ${String(timeout)} is not a whole number of milliseconds`,
          de: `--timeout-ms ${String(timeout)} ist keine ganze Zahl von Millisekunden`
        })
      }
      return {
        ...request,
        ...(values.wiring === undefined ? {} : { wiring: values.wiring }),
        ...(timeout === undefined ? {} : { timeoutMs: Number(timeout) })
      }
    }
  })
