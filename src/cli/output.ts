import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { SymphonyError } from '../errors.js'
import type { OptionValues } from './command.js'
import type { Io } from './io.js'

/** `--format` for answers: json (default) or text. */
export function answerFormat (values: OptionValues): 'json' | 'text' {
  const format = values.format ?? 'json'
  if (format !== 'json' && format !== 'text') {
    throw new SymphonyError('BAD_REQUEST', `--format ${String(format)} is not supported here; use json or text`)
  }
  return format
}

export function printJson (io: Io, value: unknown): void {
  io.stdout(JSON.stringify(value, null, 2) + '\n')
}

/** Reads and parses a JSON file named by an option, with file, line and column on errors. */
export async function readJsonOption (values: OptionValues, option: string, io: Io): Promise<unknown> {
  const name = values[option]
  if (typeof name !== 'string') throw new SymphonyError('BAD_REQUEST', `--${option} <file.json> is required`)
  const file = resolve(io.cwd, name)
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    throw new SymphonyError('NOT_FOUND', `${name}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? ''})`, { file: name, cause: error })
  }
  try {
    return JSON.parse(text)
  } catch (error) {
    const offset = Number(/position (\d+)/.exec((error as Error).message)?.[1] ?? NaN)
    const before = Number.isNaN(offset) ? undefined : text.slice(0, offset)
    const where = before === undefined ? name : `${name}:${before.split('\n').length}:${offset - before.lastIndexOf('\n')}`
    throw new SymphonyError('INVALID_REQUEST', `${where}: invalid JSON — ${(error as Error).message}`, { file: name, cause: error })
  }
}
