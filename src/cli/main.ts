/**
 * `symphony` — every operation over files, without a server.
 *
 * @example
 * const exitCode = await main(['discover', '--data', 'catalog.ttl', '--request', 'r.json'], processIo())
 */
import { parseArgs } from 'node:util'
import { SymphonyError } from '../errors.js'
import { commonOptions } from './command.js'
import type { Command } from './command.js'
import type { Io } from './io.js'
import { commands } from './commands/index.js'

/** Exit codes: 0 answered, 1 answered "no" (does not conform), 2 bad input, 70 internal error. */
export const exitCodes = { ok: 0, negative: 1, badInput: 2, internal: 70 } as const

export async function main (argv: readonly string[], io: Io): Promise<number> {
  const [name, ...rest] = argv
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(overview())
    return exitCodes.ok
  }
  const command = commands[name]
  if (command === undefined) {
    io.stderr(`symphony: unknown command "${name}"\n\n${overview()}`)
    return exitCodes.badInput
  }
  try {
    const { values, positionals } = parseArgs({
      args: [...rest],
      options: { ...commonOptions, ...command.options },
      allowPositionals: true,
      strict: true
    })
    if (values.help === true) {
      io.stdout(commandHelp(name, command))
      return exitCodes.ok
    }
    const { min, max } = command.positionals ?? { min: 0, max: 0 }
    if (positionals.length < min || (max !== undefined && positionals.length > max)) {
      throw new SymphonyError('BAD_REQUEST', `wrong number of arguments\nusage: symphony ${name} ${command.usage}`)
    }
    return await command.run({ values, positionals }, io)
  } catch (error) {
    return report(error, name, io)
  }
}

function report (error: unknown, command: string, io: Io): number {
  if (error instanceof SymphonyError) {
    io.stderr(`symphony: ${error.message}\n`)
    return exitCodes.badInput
  }
  const code = (error as { code?: string }).code
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const option = /'([^']+)'/.exec((error as Error).message)?.[1] ?? ''
    io.stderr(`symphony: unknown option ${option} (see symphony ${command} --help)\n`)
    return exitCodes.badInput
  }
  if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
    io.stderr(`symphony: ${(error as Error).message} (see symphony ${command} --help)\n`)
    return exitCodes.badInput
  }
  io.stderr(`symphony: internal error: ${(error as Error).stack ?? String(error)}\n`)
  return exitCodes.internal
}

function overview (): string {
  const width = Math.max(...Object.keys(commands).map(n => n.length))
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`)
  return `Usage: symphony <command> [options]

Commands:
${lines.join('\n')}

Options for every command:
  --data <file>      RDF file to use (Turtle, N-Triples, N-Quads, JSON-LD, RDF/XML; repeatable);
                     with --data, the catalog is the built-in ontology plus these files
  --rules <dir>      folder of inference rule files (*.rq) applied besides the built-in ones
                     (repeatable; see docs/reasoning.md)
  --data-dir <dir>   data directory of the embedded store (default: ./data, or $SYMPHONY_DATA_DIR)
  --endpoint <url>   use a SPARQL 1.1 endpoint instead ($SYMPHONY_SPARQL_ENDPOINT), with
  --graph-store <url>  its graph store protocol endpoint ($SYMPHONY_GRAPH_STORE)
  --format <f>       output format (json or text for answers; turtle, n-triples, … for RDF)
  --lang <tag>       language of labels and messages (en, de)
  -h, --help         help for a command
`
}

function commandHelp (name: string, command: Command): string {
  const own = Object.keys(command.options ?? {}).map(option => `  --${option}`).join('\n')
  return `Usage: symphony ${name} ${command.usage}\n\n${command.summary}\n${own === '' ? '' : `\nOptions:\n${own}\n`}`
}
