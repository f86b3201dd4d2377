/** `symphony vocabulary add|list|remove`: the operator's vocabulary graphs in the data directory. */
import { basename, extname, resolve } from 'node:path'
import { usageError } from '../usage.js'
import { readRdfFile } from '../../rdf/index.js'
import type { Command } from '../command.js'
import { oneFormat } from '../command.js'
import { openForReading, openForWriting, withEngine } from '../context.js'
import { shaclLimitOptions } from '../shacl-limits.js'
import { printJson } from '../output.js'
import { noticeIn } from '../language.js'

const usage = 'add <file> [--name <name>] | list | remove <name>'

export const vocabularyCommand: Command = {
  summary: {
    en: 'manage the vocabulary extensions in the data directory: add an RDF file, list them, remove one (they take effect at once)',
    de: 'Vokabular-Erweiterungen im Datenverzeichnis verwalten: eine RDF-Datei hinzufügen, auflisten, eine entfernen (sie gelten sofort)'
  },
  usage,
  common: { format: oneFormat },
  options: {
    ...shaclLimitOptions,
    name: {
      type: 'string',
      help: {
        value: '<name>',
        text: { en: 'add: the name the vocabulary is stored and removed under', de: 'add: der Name, unter dem das Vokabular gespeichert und entfernt wird' },
        default: { en: 'the file name without its extension', de: 'der Dateiname ohne Endung' }
      }
    }
  },
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
        noticeIn(values, io, { en: `vocabulary ${stored.name}: ${stored.triples} triples in ${stored.graph}`, de: `Vokabular ${stored.name}: ${stored.triples} Tripel in ${stored.graph}` })
        return 0
      })
    }
    if (action === 'remove' && argument !== undefined) {
      return withEngine(await openForWriting(values, io, { command: 'vocabulary' }), async engine => {
        await engine.deleteVocabulary(argument)
        noticeIn(values, io, { en: `vocabulary ${argument} removed`, de: `Vokabular ${argument} entfernt` })
        return 0
      })
    }
    throw usageError('vocabulary', usage)
  }
}
