/**
 * `symphony validate <file>…`: SHACL validation of service descriptions against the publishing
 * shapes; `--report turtle` (or json-ld, n-triples) prints the standard sh:ValidationReport graph.
 */
import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Quad } from '@rdfjs/types'
import { DataFactory } from 'n3'
import { SymphonyError } from '../../errors.js'
import { blankNodeLines, formatOfFile, nodeLines, ns, readRdfFile, serializeRdf, terms } from '../../rdf/index.js'
import type { SerializationFormat } from '../../rdf/index.js'
import { reportQuads } from '../../shacl/index.js'
import type { ShaclReport, ShaclResult } from '../../shacl/index.js'
import type { Command } from '../command.js'
import { openEngine } from '../../engine.js'
import { shaclLimitOptions, shaclLimitsOf } from '../shacl-limits.js'
import { ruleFoldersOf, withEngine } from '../context.js'
import { languageOf, textLanguageOf } from '../language.js'
import type { HelpLanguage } from '../language.js'
import { answerFormat, printJson } from '../output.js'

export const validateCommand: Command = {
  summary: {
    en: 'check service descriptions against the publishing shapes (exit 1 when one does not conform)',
    de: 'Dienstbeschreibungen gegen die Shapes der Veröffentlichung prüfen (Exit 1, wenn eine nicht konform ist)'
  },
  usage: '<file>… [--report turtle|json-ld|n-triples]',
  options: {
    ...shaclLimitOptions,
    report: {
      type: 'string',
      help: {
        value: '<format>',
        text: {
          en: 'print the sh:ValidationReport graph, one per file, in turtle (ttl), json-ld or n-triples (nt) instead of the answer',
          de: 'den Graphen sh:ValidationReport je Datei in turtle (ttl), json-ld oder n-triples (nt) statt der Antwort ausgeben'
        }
      }
    }
  },
  common: {
    format: {
      value: '<format>',
      text: { en: 'the answer: json, or text with file and line per problem', de: 'die Antwort: json, oder text mit Datei und Zeile je Problem' },
      default: 'json'
    }
  },
  positionals: { min: 1 },
  async run ({ values, positionals }, io) {
    const graph = reportFormat(values.report)
    const format = graph === undefined ? answerFormat(values) : undefined
    const language = languageOf(values, io)
    return withEngine(await openEngine({ rules: ruleFoldersOf(values, io), shaclSparqlLimits: shaclLimitsOf(values, io) }), async engine => {
      const reports: Array<{ file: string, conforms: boolean, results: LocatedResult[] }> = []
      const graphs: Quad[] = []
      for (const name of positionals) {
        const file = resolve(io.cwd, name)
        const quads = await readRdfFile(file)
        const report = await engine.validateDescription(quads, { language })
        const text = await readFile(file, 'utf8')
        const baseIRI = pathToFileURL(file).href
        const format = formatOfFile(file)
        const blanks = format === 'json-ld' || format === 'rdf-xml' ? new Map<string, number>() : blankNodeLines(text, quads, { format, baseIRI })
        reports.push({ file: name, conforms: report.conforms, results: locate(report, quads, nodeLines(text, { baseIRI }), blanks) })
        if (graph !== undefined) graphs.push(...sourcedReport(report, pathToFileURL(file).href, language))
      }
      if (graph !== undefined) io.stdout(await serializeRdf(graphs, graph))
      else if (format === 'json') printJson(io, reports.length === 1 ? reports[0] : reports)
      else for (const report of reports) io.stdout(describe(report, textLanguageOf(values, io)))
      return reports.every(r => r.conforms) ? 0 : 1
    })
  }
}

/** `--report` names: the RDF formats a report graph is written in. */
const reportFormats: Readonly<Record<string, SerializationFormat>> = {
  turtle: 'turtle', ttl: 'turtle', 'json-ld': 'json-ld', jsonld: 'json-ld', 'n-triples': 'n-triples', nt: 'n-triples'
}

function reportFormat (value: unknown): SerializationFormat | undefined {
  if (value === undefined) return undefined
  const format = typeof value === 'string' ? reportFormats[value] : undefined
  if (format === undefined) {
    throw new SymphonyError('BAD_REQUEST', {
      en: `--report ${String(value)} is not a report format; use turtle (ttl), json-ld or n-triples`,
      de: `--report ${String(value)} ist kein Berichtsformat; verwenden Sie turtle (ttl), json-ld oder n-triples`
    })
  }
  return format
}

/** The report graph of one file, its sh:ValidationReport node naming the file (dcterms:source). */
function sourcedReport (report: ShaclReport, file: string, language: string): Quad[] {
  const quads = reportQuads(report, { language })
  const node = quads.find(q => q.predicate.value === terms.type && q.object.value === `${ns.sh}ValidationReport`)!.subject
  return [...quads, DataFactory.quad(node, DataFactory.namedNode(`${ns.dcterms}source`), DataFactory.namedNode(file)) as Quad]
}

interface LocatedResult extends ShaclResult {
  /** Line of the focus node (or of the named node that links to a blank focus node; else where the blank node is first written). */
  readonly line?: number
  /** For a blank focus node: the named node and property leading to it. */
  readonly via?: { readonly node: string, readonly property: string }
}

/** `blanks`: the line where each blank node (by label) is first written, for one no named node reaches. */
function locate (report: ShaclReport, quads: readonly Quad[], lines: ReadonlyMap<string, number>, blanks: ReadonlyMap<string, number>): LocatedResult[] {
  return report.results.map(result => {
    const blank = result.focusNode.startsWith('_:') ? result.focusNode.slice(2) : undefined
    const via = blank === undefined ? undefined : parentOf(blank, quads)
    const line = via === undefined && blank !== undefined ? blanks.get(blank) : lines.get(via?.node ?? result.focusNode)
    return { ...result, ...(line === undefined ? {} : { line }), ...(via === undefined ? {} : { via }) }
  })
}

/** The nearest named node that reaches a blank node, and the first property on the way. */
function parentOf (blank: string, quads: readonly Quad[]): { node: string, property: string } | undefined {
  let current = blank
  for (let depth = 0; depth < 10; depth++) {
    const link = quads.find(q => q.object.termType === 'BlankNode' && q.object.value === current)
    if (link === undefined) return undefined
    if (link.subject.termType === 'NamedNode') return { node: link.subject.value, property: link.predicate.value }
    current = link.subject.value
  }
  return undefined
}

/** The words of the text answer, in each language of the CLI. */
const words = {
  en: {
    conforms: 'conforms',
    severity: { Violation: 'violation', Warning: 'warning', Info: 'info' },
    value: 'value',
    problems: (n: number) => `${n} problem${n === 1 ? '' : 's'}`
  },
  de: {
    conforms: 'konform',
    severity: { Violation: 'Verstoß', Warning: 'Warnung', Info: 'Hinweis' },
    value: 'Wert',
    problems: (n: number) => `${n} Problem${n === 1 ? '' : 'e'}`
  }
} as const

function describe (report: { file: string, conforms: boolean, results: readonly LocatedResult[] }, language: HelpLanguage): string {
  const w = words[language]
  if (report.conforms) return `${report.file}: ${w.conforms}\n`
  // One line per problem: a value that breaks two constraints of one property (`"zehn"` is no
  // decimal and not ≥ 0) gives two results with the property's one message, the same line twice.
  const lines = new Set(report.results.map(r => {
    const where = r.line === undefined ? report.file : `${report.file}:${r.line}`
    const node = r.via === undefined ? r.focusNode : `${r.via.node} ${r.via.property} [${r.focusNode}]`
    const path = r.path === undefined ? '' : ` ${r.path}`
    const value = r.value === undefined ? '' : ` (${w.value}: ${r.value})`
    return `${where}: ${w.severity[r.severity]}: ${node}${path}: ${r.message}${value}`
  }))
  return `${[...lines].join('\n')}\n${report.file}: ${w.problems(lines.size)}\n`
}
