import type { Command } from '../command.js'
import { exportCommand, importCommand, queryCommand } from './store.js'

/** Every command, in the order `symphony --help` lists them. */
export const commands: Readonly<Record<string, Command>> = {
  import: importCommand,
  export: exportCommand,
  query: queryCommand
}
