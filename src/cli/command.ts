import type { ParseArgsConfig } from 'node:util'
import type { Io } from './io.js'

export type OptionValues = Readonly<Record<string, string | boolean | string[] | undefined>>

export interface CommandInput {
  readonly values: OptionValues
  readonly positionals: readonly string[]
}

/** One `symphony <name>` command. */
export interface Command {
  readonly summary: string
  /** Arguments after the command name, e.g. `<file>…`. */
  readonly usage: string
  readonly options?: NonNullable<ParseArgsConfig['options']>
  /** How many positionals it takes. */
  readonly positionals?: { readonly min: number, readonly max?: number }
  /** Returns the exit code. */
  run (input: CommandInput, io: Io): Promise<number>
}

/** Options every command accepts. */
export const commonOptions = {
  'data-dir': { type: 'string' },
  endpoint: { type: 'string' },
  'graph-store': { type: 'string' },
  data: { type: 'string', multiple: true },
  rules: { type: 'string', multiple: true },
  format: { type: 'string' },
  lang: { type: 'string' },
  help: { type: 'boolean', short: 'h' }
} as const satisfies NonNullable<ParseArgsConfig['options']>
