/** Commands on the stored catalog: import, export, query. */
import { resolve } from 'node:path'
import { SymphonyError } from '../../errors.js'
import type { SerializationFormat } from '../../rdf/index.js'
import type { Command } from '../command.js'
import { oneFormat } from '../command.js'
import { openForReading, openForWriting, withEngine } from '../context.js'
import { printJson } from '../output.js'
import { noticeIn } from '../language.js'

const rdfFormats: readonly SerializationFormat[] = ['turtle', 'trig', 'n-triples', 'n-quads', 'json-ld']

export const importCommand: Command = {
  summary: {
    en: 'import RDF files into the data directory, one graph per file (all or nothing)',
    de: 'RDF-Dateien ins Datenverzeichnis importieren, ein Graph je Datei (alle oder keine)'
  },
  usage: '<file>…',
  common: { format: oneFormat },
  positionals: { min: 1 },
  async run ({ values, positionals }, io) {
    const files = positionals.map(file => resolve(io.cwd, file))
    return withEngine(await openForWriting(values, io, { command: 'import' }), async engine => {
      const imported = await engine.importFiles(files)
      const triples = imported.reduce((sum, g) => sum + g.triples, 0)
      noticeIn(values, io, { en: `imported ${imported.length} file(s), ${triples} triples`, de: `${imported.length} Datei(en) importiert, ${triples} Tripel` })
      return 0
    })
  }
}

export const exportCommand: Command = {
  summary: { en: 'print the stored catalog as RDF', de: 'den gespeicherten Katalog als RDF ausgeben' },
  usage: '[--format turtle|trig|n-triples|n-quads|json-ld]',
  common: {
    format: {
      value: '<format>',
      text: { en: 'the RDF format: turtle, trig, n-triples, n-quads or json-ld', de: 'das RDF-Format: turtle, trig, n-triples, n-quads oder json-ld' },
      default: 'turtle'
    }
  },
  async run ({ values }, io) {
    const format = (values.format ?? 'turtle') as SerializationFormat
    if (!rdfFormats.includes(format)) {
      throw new SymphonyError('BAD_REQUEST', {
        en: `--format ${format} is not an RDF format Symphony writes; use one of ${rdfFormats.join(', ')}`,
        de: `--format ${format} ist kein RDF-Format, das Symphony schreibt; verwenden Sie eines von ${rdfFormats.join(', ')}`
      })
    }
    return withEngine(await openForReading(values, io), async engine => {
      io.stdout(await engine.export(format))
      return 0
    })
  }
}

export const queryCommand: Command = {
  summary: {
    en: 'run a read-only SPARQL query over the catalog, ontology and shapes (JSON rows, or Turtle for CONSTRUCT and DESCRIBE)',
    de: 'eine lesende SPARQL-Abfrage über Katalog, Ontologie und Shapes ausführen (JSON-Zeilen, oder Turtle bei CONSTRUCT und DESCRIBE)'
  },
  usage: '<query>',
  common: { format: oneFormat },
  positionals: { min: 1, max: 1 },
  async run ({ values, positionals }, io) {
    return withEngine(await openForReading(values, io), async engine => {
      const result = await engine.query(positionals[0]!)
      if (result.type === 'boolean') printJson(io, { boolean: result.value })
      else if (result.type === 'quads') io.stdout(await (await import('../../rdf/index.js')).serializeRdf(result.quads, 'turtle'))
      else printJson(io, { variables: result.variables, rows: result.rows.map(row => Object.fromEntries(Object.entries(row).map(([k, t]) => [k, t.value]))) })
      return 0
    })
  }
}
