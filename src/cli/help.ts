/**
 * `symphony --help` and `symphony <command> --help`, in German or English, from what each
 * command declares beside its options: options in two columns, wrapped at 100 columns.
 *
 * @example
 * io.stdout(commandHelp('compose', composeCommand, 'de'))
 */
import type { Command, OptionHelp, OptionSpec } from './command.js'
import { commonOptions } from './command.js'
import { inLanguage } from './language.js'
import type { HelpLanguage } from './language.js'

/** Help lines are at most this wide. */
export const helpWidth = 100

/** A left column wider than this puts its text on the next line. */
const maxLabelWidth = 30

const words = {
  usage: { en: 'Usage:', de: 'Aufruf:' },
  command: { en: '<command> [options]', de: '<Befehl> [Optionen]' },
  commands: { en: 'Commands:', de: 'Befehle:' },
  everyCommand: { en: 'Options for every command:', de: 'Optionen für jeden Befehl:' },
  options: { en: 'Options:', de: 'Optionen:' },
  default: { en: 'default', de: 'Vorgabe' },
  repeatable: { en: 'repeatable', de: 'mehrfach möglich' },
  commandHelp: { en: 'Help on one command: symphony <command> --help', de: 'Hilfe zu einem Befehl: symphony <Befehl> --help' },
  commonPointer: {
    en: 'Options every command takes (--data, --data-dir, --endpoint, --format, --lang, …): symphony --help',
    de: 'Optionen aller Befehle (--data, --data-dir, --endpoint, --format, --lang, …): symphony --help'
  }
} as const

/** `symphony --help`: the commands, then the options every command takes. */
export function overview (commands: Readonly<Record<string, Command>>, language: HelpLanguage): string {
  const commandRows = Object.entries(commands).map(([name, command]) => [name, command.summary[language]] as const)
  const optionRows = Object.entries(commonOptions).map(([name, spec]) => [optionLabel(name, spec), optionText(spec, spec.help, language)] as const)
  return [
    `${words.usage[language]} symphony ${words.command[language]}`,
    '',
    words.commands[language],
    columns(commandRows),
    '',
    words.everyCommand[language],
    columns(optionRows),
    '',
    ...wrap(words.commandHelp[language], helpWidth),
    ''
  ].join('\n')
}

/** `symphony <name> --help`: usage, summary, the command's own options, and where the common ones are. */
export function commandHelp (name: string, command: Command, language: HelpLanguage): string {
  const own = Object.entries(command.options ?? {}).map(([option, spec]) => [optionLabel(option, spec), optionText(spec, spec.help, language)] as const)
  const common = Object.entries(command.common ?? {}).map(([option, help]) => {
    const spec: OptionSpec = commonOptions[option as keyof typeof commonOptions]
    return [optionLabel(option, { ...spec, help: help! }), optionText(spec, help!, language)] as const
  })
  const rows = [...own, ...common]
  return [
    usageLines(`${words.usage[language]} symphony ${name}`, inLanguage(command.usage, language)),
    '',
    ...wrap(command.summary[language], helpWidth),
    ...(rows.length === 0 ? [] : ['', words.options[language], columns(rows)]),
    '',
    ...wrap(words.commonPointer[language], helpWidth),
    ''
  ].join('\n')
}

/** `--name <value>`, with the short form first when there is one. */
function optionLabel (name: string, spec: OptionSpec): string {
  const long = `--${name}${spec.help.value === undefined ? '' : ` ${spec.help.value}`}`
  return spec.short === undefined ? long : `-${spec.short}, ${long}`
}

/** The meaning, then the default and whether it may be given more than once. */
function optionText (spec: OptionSpec, help: OptionHelp, language: HelpLanguage): string {
  const notes = [
    ...(help.default === undefined ? [] : [`${words.default[language]}: ${inLanguage(help.default, language)}`]),
    ...(spec.multiple === true ? [words.repeatable[language]] : [])
  ]
  return notes.length === 0 ? help.text[language] : `${help.text[language]} (${notes.join('; ')})`
}

/** Two columns: labels, and texts wrapped beside them (below a label too wide for the column). */
function columns (rows: ReadonlyArray<readonly [string, string]>): string {
  const labelWidth = Math.min(maxLabelWidth, Math.max(...rows.map(([label]) => label.length)))
  const indent = ' '.repeat(2 + labelWidth + 2)
  return rows.flatMap(([label, text]) => {
    const lines = wrap(text, helpWidth - indent.length)
    if (label.length > labelWidth) return [`  ${label}`, ...lines.map(line => indent + line)]
    return lines.map((line, i) => (i === 0 ? `  ${label.padEnd(labelWidth)}  ` : indent) + line)
  }).join('\n')
}

/** Words in lines of at most `width` characters (a longer word stands alone). */
export function wrap (text: string, width: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(/\s+/).filter(w => w !== '')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line)
      line = word
    } else {
      line = line === '' ? word : `${line} ${word}`
    }
  }
  return line === '' ? lines : [...lines, line]
}

/**
 * The usage: on one line when it fits, else one line per alternative (`a | b` outside brackets),
 * each wrapped under its start.
 */
function usageLines (head: string, usage: string): string {
  if (head.length + 1 + usage.length <= helpWidth) return `${head} ${usage}`.trimEnd()
  const command = head.slice(head.indexOf('symphony'))
  const margin = ' '.repeat(head.length - command.length)
  return alternatives(usage).map((alternative, i) => {
    const start = i === 0 ? head : margin + command
    // An option stays on one line with its argument.
    const lines = wrap(alternative.replace(/(--[\w-]+) (?=<)/g, `$1${glue}`), helpWidth - start.length - 3)
    return lines.map((line, j) => (j === 0 ? `${start} ` : ' '.repeat(start.length + 3)) + line.replaceAll(glue, ' ')).join('\n')
  }).join('\n')
}

/** Holds an option and its argument together while wrapping (never in a help text). */
const glue = '\u0000'

/** Splits `a | b (c | d)` at the bars outside brackets and parentheses. */
function alternatives (usage: string): string[] {
  const parts: string[] = []
  let depth = 0
  let start = 0
  for (let i = 0; i < usage.length; i++) {
    const c = usage[i]!
    if (c === '[' || c === '(') depth++
    else if (c === ']' || c === ')') depth--
    else if (depth === 0 && usage.startsWith(' | ', i)) {
      parts.push(usage.slice(start, i).trim())
      start = i + 3
    }
  }
  return [...parts, usage.slice(start).trim()]
}
