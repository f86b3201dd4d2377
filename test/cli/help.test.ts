import { describe, expect, it } from 'vitest'
import type { Bilingual, Command, OptionHelp, OptionSpec } from '../../src/cli/command.js'
import { commonOptions, oneFormat } from '../../src/cli/command.js'
import { commands } from '../../src/cli/commands/index.js'
import { helpWidth } from '../../src/cli/help.js'
import { languageOf, textLanguageOf } from '../../src/cli/language.js'
import { runCli } from './run-cli.js'

/** Every option help the CLI shows: the common options, each command's own, and what a command makes of a common one. */
function everyOptionHelp (): Array<{ where: string, spec: Pick<OptionSpec, 'type'>, help: OptionHelp }> {
  const common = Object.entries(commonOptions).map(([name, spec]) => ({ where: `--${name}`, spec, help: spec.help as OptionHelp }))
  const own = Object.entries(commands).flatMap(([command, c]) => [
    ...Object.entries(c.options ?? {}).map(([name, spec]) => ({ where: `${command} --${name}`, spec, help: spec.help })),
    ...Object.entries(c.common ?? {}).map(([name, help]) => ({ where: `${command} --${name}`, spec: commonOptions[name as keyof typeof commonOptions], help: help! }))
  ])
  return [...common, ...own]
}

/** Problems of a text in both languages: missing, empty, or German the same as English. */
function bilingualProblems (where: string, text: Bilingual | undefined): string[] {
  if (text === undefined) return [`${where}: no text`]
  const problems: string[] = []
  if (typeof text.en !== 'string' || text.en.trim() === '') problems.push(`${where}: no English`)
  if (typeof text.de !== 'string' || text.de.trim() === '') problems.push(`${where}: no German`)
  if (problems.length === 0 && text.de.trim() === text.en.trim()) problems.push(`${where}: German is the English text "${text.en}"`)
  return problems
}

describe('help texts', () => {
  it('every option of every command says what it does, in English and German, with a placeholder exactly when it takes a value', () => {
    const problems = everyOptionHelp().flatMap(({ where, spec, help }) => [
      ...bilingualProblems(where, help?.text),
      ...(help?.default === undefined || typeof help.default === 'string' ? [] : bilingualProblems(`${where} default`, help.default)),
      ...(spec.type === 'string' && !/^<[^<>]+>$/.test(help?.value ?? '') ? [`${where}: no <placeholder> for its value`] : []),
      ...(spec.type === 'boolean' && help?.value !== undefined ? [`${where}: a flag with a placeholder`] : [])
    ])
    expect(problems).toEqual([])
  })

  it('every command has a summary in both languages, and its usage names only options it takes', () => {
    const problems = Object.entries(commands).flatMap(([name, c]: [string, Command]) => {
      const usages = typeof c.usage === 'string' ? [c.usage] : [c.usage.en, c.usage.de]
      const known = new Set([...Object.keys(commonOptions), ...Object.keys(c.options ?? {})])
      const unknown = usages.flatMap(usage => [...usage.matchAll(/--([a-z][\w-]*)/g)].map(m => m[1]!)).filter(option => !known.has(option))
      return [
        ...bilingualProblems(`${name} summary`, c.summary),
        ...(typeof c.usage === 'string' ? [] : bilingualProblems(`${name} usage`, c.usage)),
        ...unknown.map(option => `${name}: usage names --${option}, which it does not take`)
      ]
    })
    expect(problems).toEqual([])
  })

  it('lists every option of a command in its help, in lines of at most 100 columns in both languages', async () => {
    const problems: string[] = []
    for (const lang of ['en', 'de']) {
      const screens: Array<readonly [string, Awaited<ReturnType<typeof runCli>>]> = [['--help', await runCli(['--help', '--lang', lang])]]
      for (const name of Object.keys(commands)) screens.push([`${name} --help`, await runCli([name, '--help', '--lang', lang])])
      for (const [what, run] of screens) {
        if (run.code !== 0) problems.push(`${what} --lang ${lang}: exit ${run.code}`)
        for (const line of run.stdout.split('\n')) if (line.length > helpWidth) problems.push(`${what} --lang ${lang}: ${line.length} columns: ${line}`)
      }
      for (const [name, c] of Object.entries(commands)) {
        const help = (await runCli([name, '--help', '--lang', lang])).stdout
        for (const option of Object.keys(c.options ?? {})) if (!new RegExp(`^  (-\\w, )?--${option}\\b`, 'm').test(help)) problems.push(`${name} --help --lang ${lang}: no --${option}`)
      }
    }
    expect(problems).toEqual([])
  })
})

describe('symphony compose --help', () => {
  it('shows usage, summary and each option with its argument, meaning and default', async () => {
    const { code, stdout } = await runCli(['compose', '--help'])
    expect(code).toBe(0)
    const lines = stdout.split('\n')
    expect(lines[0]).toBe('Usage: symphony compose --request <request.json> [--wiring static|dataflow] [--timeout-ms <ms>]')
    expect(lines[1]).toBe('                          [--max-states <n>] [--max-model-entries <n>]')
    expect(lines[3]).toBe('bundles of services meeting a goal and constraints, ranked and explained')
    expect(lines).toContain('Options:')
    expect(lines).toContain('  --timeout-ms <ms>           the search\'s time budget in milliseconds (1 to 60000); then the best')
    expect(lines).toContain('                              (default: the request\'s timeoutMs, else 10000)')
    expect(lines).toContain('  --max-states <n>            states a best-first search keeps at most (1 to 3000000); reaching it')
    expect(lines.at(-2)).toBe('Options every command takes (--data, --data-dir, --endpoint, --format, --lang, …): symphony --help')
  })

  it('speaks German with --lang de', async () => {
    const { code, stdout } = await runCli(['compose', '--help', '--lang', 'de'])
    expect(code).toBe(0)
    const lines = stdout.split('\n')
    expect(lines[0]).toBe('Aufruf: symphony compose --request <request.json> [--wiring static|dataflow] [--timeout-ms <ms>]')
    expect(lines[3]).toBe('Bündel von Diensten, die ein Ziel und Bedingungen erfüllen, nach Rang und erklärt')
    expect(lines).toContain('Optionen:')
    expect(lines).toContain('  --request <request.json>    die Anfrage zur Zusammenstellung (nötig): Diensttypen, Bedingungen,')
    expect(lines.at(-2)).toBe('Optionen aller Befehle (--data, --data-dir, --endpoint, --format, --lang, …): symphony --help')
  })

  it('speaks German when the locale is German and --lang is not given; --lang wins over the locale', async () => {
    const german = await runCli(['compose', '--help'], { env: { LANG: 'de_DE.UTF-8' } })
    expect(german.stdout.split('\n')[0]).toMatch(/^Aufruf: symphony compose /)
    const english = await runCli(['compose', '--help', '--lang', 'en'], { env: { LANG: 'de_DE.UTF-8' } })
    expect(english.stdout.split('\n')[0]).toMatch(/^Usage: symphony compose /)
  })

  it('is also `symphony help compose`', async () => {
    expect((await runCli(['help', 'compose'])).stdout).toBe((await runCli(['compose', '--help'])).stdout)
  })
})

describe('symphony --help', () => {
  it('lists the commands and the common options in German with --lang de', async () => {
    const { code, stdout } = await runCli(['--help', '--lang', 'de'])
    expect(code).toBe(0)
    const lines = stdout.split('\n')
    expect(lines[0]).toBe('Aufruf: symphony <Befehl> [Optionen]')
    expect(lines).toContain('Befehle:')
    expect(lines).toContain('  compose        Bündel von Diensten, die ein Ziel und Bedingungen erfüllen, nach Rang und erklärt')
    expect(lines).toContain('Optionen für jeden Befehl:')
    expect(lines).toContain('  -h, --help           diese Hilfe; nach einem Befehlsnamen die Hilfe dieses Befehls')
  })

  it('is English by default', async () => {
    const { stdout } = await runCli([])
    expect(stdout.split('\n')[0]).toBe('Usage: symphony <command> [options]')
    expect(stdout).toContain('\n  --data <file>        an RDF file (Turtle, N-Triples, N-Quads, TriG, JSON-LD, RDF/XML, by\n')
  })

  it('refuses --format text for a command with one form of answer instead of answering JSON anyway, and says so in its help', async () => {
    const oneForm = Object.entries(commands).filter(([, c]) => c.common?.format === oneFormat).map(([name]) => name).sort()
    expect(oneForm).toEqual(['account', 'configure', 'form', 'import', 'publish', 'query', 'serve', 'token', 'vocabulary'])
    const english = await runCli(['token', 'list', '--format', 'text'])
    expect([english.code, english.stdout, english.stderr]).toEqual([2, '', 'symphony: --format text: symphony token writes its answer in one form only; leave --format out\n'])
    const german = await runCli(['account', 'list', '--format', 'text', '--lang', 'de'])
    expect([german.code, german.stderr]).toEqual([2, 'symphony: --format text: symphony account schreibt seine Antwort nur in einer Form; lassen Sie --format weg\n'])
    const help = await runCli(['form', '--help'])
    expect(help.stdout).toContain('--format <format>')
    expect(help.stdout).toContain('no choice of format: the answer has the one form described above')
  })

  it('names an unknown command in the reader\'s language', async () => {
    const run = await runCli(['frobnicate'], { env: { LC_ALL: 'de_AT.UTF-8' } })
    expect(run.code).toBe(2)
    expect(run.stderr.split('\n')[0]).toBe('symphony: unbekannter Befehl "frobnicate"')
  })
})

describe('languageOf', () => {
  it('takes --lang as given, else the first of $LC_ALL, $LC_MESSAGES, $LANG that is set', () => {
    expect(languageOf({ lang: 'fr' }, { env: { LANG: 'de_DE.UTF-8' } })).toBe('fr')
    expect(languageOf({}, { env: { LANG: 'de_DE.UTF-8' } })).toBe('de')
    expect(languageOf({}, { env: { LC_ALL: 'C', LANG: 'de_DE.UTF-8' } })).toBe('en')
    expect(languageOf({}, { env: { LC_ALL: '', LC_MESSAGES: 'de_CH', LANG: 'en_GB' } })).toBe('de')
    expect(languageOf({}, { env: {} })).toBe('en')
    expect(textLanguageOf({ lang: 'de-AT' }, { env: {} })).toBe('de')
    expect(textLanguageOf({ lang: 'fr' }, { env: { LANG: 'de_DE' } })).toBe('en')
  })
})
