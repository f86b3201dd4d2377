import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { SymphonyError } from '../errors.js'
import type { OptionValues } from './command.js'
import type { Io } from './io.js'

/** `--format` for answers: json (default) or text. */
export function answerFormat (values: OptionValues): 'json' | 'text' {
  const format = values.format ?? 'json'
  if (format !== 'json' && format !== 'text') {
    throw new SymphonyError('BAD_REQUEST', {
      en: `--format ${String(format)} is not supported here; use json or text`,
      de: `--format ${String(format)} wird hier nicht unterstützt; verwenden Sie json oder text`
    })
  }
  return format
}

export function printJson (io: Io, value: unknown): void {
  io.stdout(JSON.stringify(value, null, 2) + '\n')
}

/** Reads and parses a JSON file named by an option, with file, line and column on errors. */
export async function readJsonOption (values: OptionValues, option: string, io: Io): Promise<unknown> {
  const name = values[option]
  if (typeof name !== 'string') throw new SymphonyError('BAD_REQUEST', { en: `--${option} <file.json> is required`, de: `--${option} <datei.json> ist erforderlich` })
  const file = resolve(io.cwd, name)
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    throw unreadableFile(name, error)
  }
  try {
    return JSON.parse(text)
  } catch (error) {
    const offset = Number(/position (\d+)/.exec((error as Error).message)?.[1] ?? NaN)
    const before = Number.isNaN(offset) ? undefined : text.slice(0, offset)
    const where = before === undefined ? name : `${name}:${before.split('\n').length}:${offset - before.lastIndexOf('\n')}`
    const reason = (error as Error).message
    throw new SymphonyError('INVALID_REQUEST', { en: `${where}: invalid JSON — ${reason}`, de: `${where}: ungültiges JSON — ${reason}` }, { file: name, cause: error })
  }
}

/** A file the CLI was told to read and cannot: `NOT_FOUND` naming the file and the system's error code. */
export function unreadableFile (name: string, error: unknown): SymphonyError {
  const code = (error as NodeJS.ErrnoException).code ?? ''
  return new SymphonyError('NOT_FOUND', {
    en: `${name}: cannot read the file (${code})`,
    de: `${name}: die Datei kann nicht gelesen werden (${code})`
  }, { file: name, cause: error })
}
