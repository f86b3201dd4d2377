/** `symphony vocabulary add|list|remove`: the operator's vocabulary graphs in the data directory. */
import { basename, extname, resolve } from 'node:path'
import { SymphonyError } from '../../errors.js'
import { readRdfFile } from '../../rdf/index.js'
import type { Command } from '../command.js'
import { openForReading, openForWriting, withEngine } from '../context.js'
import { printJson } from '../output.js'

export const vocabularyCommand: Command = {
  summary: 'manage vocabulary extensions: add <file> [--name n], list, remove <name> (they take effect at once)',
  usage: 'add <file> [--name <name>] | list | remove <name>',
  options: { name: { type: 'string' } },
  positionals: { min: 1, max: 2 },
  async run ({ values, positionals }, io) {
    const [action, argument] = positionals
    if (action === 'list') {
      return withEngine(await openForReading(values, io), async engine => {
        printJson(io, { vocabularies: await engine.vocabularies() })
        return 0
      })
    }
    if (action === 'add' && argument !== undefined) {
      const file = resolve(io.cwd, argument)
      const name = typeof values.name === 'string' ? values.name : basename(file, extname(file))
      const quads = await readRdfFile(file)
      return withEngine(await openForWriting(values, io, { command: 'vocabulary' }), async engine => {
        const stored = await engine.putVocabulary(name, quads)
        io.stderr(`vocabulary ${stored.name}: ${stored.triples} triples in ${stored.graph}\n`)
        return 0
      })
    }
    if (action === 'remove' && argument !== undefined) {
      return withEngine(await openForWriting(values, io, { command: 'vocabulary' }), async engine => {
        await engine.deleteVocabulary(argument)
        io.stderr(`vocabulary ${argument} removed\n`)
        return 0
      })
    }
    throw new SymphonyError('BAD_REQUEST', 'usage: symphony vocabulary add <file> [--name <name>] | list | remove <name>')
  }
}
