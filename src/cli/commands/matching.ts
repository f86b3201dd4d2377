/** Matching and composition commands: match, combinable, discover, compose. */
import { formatBundleText } from '../../composer/index.js'
import { SymphonyError } from '../../errors.js'
import type { Engine } from '../../engine.js'
import type { Command, OptionValues } from '../command.js'
import { openForReading, withEngine } from '../context.js'
import { formatCombinable, formatDiscovery, formatPairCheck } from '../format-matching.js'
import { iriArgument } from '../iri-argument.js'
import { answerFormat, printJson, readJsonOption } from '../output.js'

export const matchCommand: Command = {
  summary: 'does service A fit service B? both directions, explained per requirement',
  usage: '<service-A> <service-B>',
  positionals: { min: 2, max: 2 },
  async run ({ values, positionals }, io) {
    const format = answerFormat(values)
    const [a, b] = positionals.map(iriArgument) as [string, string]
    return withEngine(await openForReading(values, io), async engine => {
      const check = await engine.match(a, b)
      if (format === 'json') printJson(io, check)
      else io.stdout(formatPairCheck(check))
      return 0
    })
  }
}

export const combinableCommand: Command = {
  summary: 'every service that can be linked to X, in either direction, ranked',
  usage: '<service> [--limit n]',
  positionals: { min: 1, max: 1 },
  options: { limit: { type: 'string' } },
  async run ({ values, positionals }, io) {
    const format = answerFormat(values)
    const x = iriArgument(positionals[0]!)
    const limit = values.limit === undefined ? undefined : Number(values.limit)
    if (limit !== undefined && !(Number.isInteger(limit) && limit > 0)) {
      throw new SymphonyError('BAD_REQUEST', `--limit ${String(values.limit)} is not a positive whole number`)
    }
    return withEngine(await openForReading(values, io), async engine => {
      const results = await engine.combinable(x, limit === undefined ? {} : { limit })
      if (format === 'json') printJson(io, { service: x, results })
      else io.stdout(formatCombinable(x, results))
      return 0
    })
  }
}

/** Options a request command adds, and how they change the request read from the file. */
interface RequestOptions {
  readonly usage?: string
  readonly options?: NonNullable<Command['options']>
  readonly adjust?: (request: unknown, values: OptionValues) => unknown
}

/** A command answering one JSON request file (`--request r.json`) with JSON or text. */
function requestCommand<Answer> (summary: string, answer: (engine: Engine, request: unknown) => Promise<Answer>,
  text: (answer: Answer, engine: Engine, values: OptionValues) => Promise<string>, extra: RequestOptions = {}): Command {
  return {
    summary,
    usage: `--request <request.json>${extra.usage === undefined ? '' : ` ${extra.usage}`}`,
    options: { request: { type: 'string' }, ...extra.options },
    async run ({ values }, io) {
      const format = answerFormat(values)
      const read = await readJsonOption(values, 'request', io)
      const request = extra.adjust === undefined ? read : extra.adjust(read, values)
      return withEngine(await openForReading(values, io), async engine => {
        const result = await answer(engine, request)
        if (format === 'json') printJson(io, result)
        else io.stdout(await text(result, engine, values))
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
  'services providing the wanted interface types given the available ones; near misses after the full matches',
  (engine, request) => engine.discover(request),
  async (result, _engine, values) => formatDiscovery(result, typeof values.lang === 'string' ? values.lang : 'en'),
  {
    usage: '[--min-score x] [--full-only]',
    options: { 'min-score': { type: 'string' }, 'full-only': { type: 'boolean' } },
    adjust (request, values) {
      const minScore = values['min-score'] === undefined ? undefined : Number(values['min-score'])
      if (minScore !== undefined && !(Number.isFinite(minScore) && minScore >= 0 && minScore <= 1)) {
        throw new SymphonyError('BAD_REQUEST', `--min-score ${String(values['min-score'])} is not a number from 0 to 1`)
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
  'bundles of services meeting a goal and constraints, ranked and explained',
  (engine, request) => engine.compose(request),
  async (result, engine, values) => formatBundleText(result, { language: typeof values.lang === 'string' ? values.lang : 'en', catalog: await engine.catalog() }),
  {
    usage: '[--wiring static|dataflow] [--timeout-ms n]',
    options: { wiring: { type: 'string' }, 'timeout-ms': { type: 'string' } },
    adjust: (request, values) => {
      if (request === null || typeof request !== 'object' || Array.isArray(request)) return request
      const timeout = values['timeout-ms']
      if (timeout !== undefined && !/^\d+$/.test(String(timeout))) {
        throw new SymphonyError('BAD_REQUEST', `--timeout-ms ${String(timeout)} is not a whole number of milliseconds`)
      }
      return {
        ...request,
        ...(values.wiring === undefined ? {} : { wiring: values.wiring }),
        ...(timeout === undefined ? {} : { timeoutMs: Number(timeout) })
      }
    }
  })
