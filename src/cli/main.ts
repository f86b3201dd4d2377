/**
 * `symphony` — every operation over files, without a server.
 *
 * @example
 * const exitCode = await main(['discover', '--data', 'catalog.ttl', '--request', 'r.json'], processIo())
 */
import { parseArgs } from 'node:util'
import { SymphonyError } from '../errors.js'
import { commonOptions, oneFormat, parseArgsOptions } from './command.js'
import type { OptionValues } from './command.js'
import type { Io } from './io.js'
import { commands } from './commands/index.js'
import { commandHelp, overview } from './help.js'
import { textLanguageOf } from './language.js'
import type { HelpLanguage } from './language.js'
import { usageError } from './usage.js'

/** Exit codes: 0 answered, 1 answered "no" (does not conform), 2 bad input, 70 internal error. */
export const exitCodes = { ok: 0, negative: 1, badInput: 2, internal: 70 } as const

export async function main (argv: readonly string[], io: Io): Promise<number> {
  const [name, ...rest] = argv
  const command = name === undefined ? undefined : commands[name]
  if (name === undefined || command === undefined) return withoutCommand(argv, io)
  const language = textLanguageOf(lenientValues(rest), io)
  try {
    const { values, positionals } = parseArgs({
      args: [...rest],
      options: parseArgsOptions({ ...commonOptions, ...command.options }),
      allowPositionals: true,
      strict: true
    })
    if (values.help === true) {
      io.stdout(commandHelp(name, command, language))
      return exitCodes.ok
    }
    if (command.common?.format === oneFormat && values.format !== undefined && values.format !== 'json') {
      throw new SymphonyError('BAD_REQUEST', {
        en: `--format ${String(values.format)}: symphony ${name} writes its answer in one form only; leave --format out`,
        de: `--format ${String(values.format)}: symphony ${name} schreibt seine Antwort nur in einer Form; lassen Sie --format weg`
      })
    }
    const { min, max } = command.positionals ?? { min: 0, max: 0 }
    if (positionals.length < min || (max !== undefined && positionals.length > max)) {
      throw usageError(name, command.usage, messages.arguments)
    }
    return await command.run({ values: values as OptionValues, positionals }, io)
  } catch (error) {
    return report(error, name, language, io)
  }
}

const messages = {
  arguments: { en: 'wrong number of arguments', de: 'falsche Anzahl von Argumenten' },
  unknownCommand: { en: 'unknown command', de: 'unbekannter Befehl' },
  noCommand: { en: 'name a command', de: 'nennen Sie einen Befehl' },
  unknownOption: { en: 'unknown option', de: 'unbekannte Option' },
  see: { en: 'see', de: 'siehe' }
} as const

/** The options given, read without failing on unknown ones: enough to find `--lang` and `--help`. */
function lenientValues (args: readonly string[]): OptionValues {
  return parseArgs({ args: [...args], options: parseArgsOptions(commonOptions), allowPositionals: true, strict: false }).values
}

/** `symphony`, `symphony --help`, `symphony help [command]`, or a name that is no command. */
function withoutCommand (argv: readonly string[], io: Io): number {
  const { values, positionals } = parseArgs({ args: [...argv], options: parseArgsOptions(commonOptions), allowPositionals: true, strict: false })
  const language = textLanguageOf(values, io)
  const [first, second] = positionals
  const asked = first === 'help' ? second : first
  if (asked !== undefined) {
    const command = commands[asked]
    if (first === 'help' && command !== undefined) {
      io.stdout(commandHelp(asked, command, language))
      return exitCodes.ok
    }
    io.stderr(`symphony: ${messages.unknownCommand[language]} "${asked}"\n\n${overview(commands, language)}`)
    return exitCodes.badInput
  }
  if (argv.length === 0 || values.help === true || first === 'help') {
    io.stdout(overview(commands, language))
    return exitCodes.ok
  }
  io.stderr(`symphony: ${messages.noCommand[language]}\n\n${overview(commands, language)}`)
  return exitCodes.badInput
}

function report (error: unknown, command: string, language: HelpLanguage, io: Io): number {
  if (error instanceof SymphonyError) {
    io.stderr(`symphony: ${error.messageIn(language)}\n`)
    return exitCodes.badInput
  }
  const code = (error as { code?: string }).code
  const see = `(${messages.see[language]} symphony ${command} --help)`
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const option = /'([^']+)'/.exec((error as Error).message)?.[1] ?? ''
    io.stderr(`symphony: ${messages.unknownOption[language]} ${option} ${see}\n`)
    return exitCodes.badInput
  }
  if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
    io.stderr(`symphony: ${(error as Error).message} ${see}\n`)
    return exitCodes.badInput
  }
  io.stderr(`symphony: internal error: ${(error as Error).stack ?? String(error)}\n`)
  return exitCodes.internal
}
