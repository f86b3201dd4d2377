/**
 * Parsing RDF text in every format Symphony accepts into RDF/JS quads (n3's data factory).
 * Errors are `SymphonyError`s naming the file, line and, where the parser knows it, column.
 */
import { extname } from 'node:path'
import { DataFactory, Parser, termFromId } from 'n3'
import type { Quad, Term } from '@rdfjs/types'
import type { JsonLdDocument } from 'jsonld'
import { SymphonyError } from '../errors.js'
import { freshBlankPrefix, readNTriples, type LineReaderOptions } from './ntriples-reader.js'
import { jsonErrorOffset } from './json-position.js'

export type RdfFormat = 'turtle' | 'trig' | 'n-triples' | 'n-quads' | 'json-ld' | 'rdf-xml'

const formatsByExtension: Record<string, RdfFormat> = {
  '.ttl': 'turtle',
  '.turtle': 'turtle',
  '.trig': 'trig',
  '.nt': 'n-triples',
  '.nq': 'n-quads',
  '.jsonld': 'json-ld',
  '.json': 'json-ld',
  '.rdf': 'rdf-xml',
  '.owl': 'rdf-xml',
  '.xml': 'rdf-xml'
}

const formatsByMediaType: Record<string, RdfFormat> = {
  'text/turtle': 'turtle',
  'application/x-turtle': 'turtle',
  'application/trig': 'trig',
  'application/n-triples': 'n-triples',
  'text/plain': 'n-triples',
  'application/n-quads': 'n-quads',
  'application/ld+json': 'json-ld',
  'application/json': 'json-ld',
  'application/rdf+xml': 'rdf-xml'
}

/** The RDF format a file name's extension stands for; throws `UNSUPPORTED_FORMAT` otherwise. */
export function formatOfFile (file: string): RdfFormat {
  const format = formatsByExtension[extname(file).toLowerCase()]
  if (format === undefined) {
    const extensions = Object.keys(formatsByExtension).join(', ')
    throw new SymphonyError('UNSUPPORTED_FORMAT', {
      en: `${file}: cannot tell the RDF format from the extension "${extname(file)}"; use one of ${extensions}`,
      de: `${file}: aus der Endung "${extname(file)}" ist kein RDF-Format zu erkennen; verwenden Sie eine von ${extensions}`
    }, { file })
  }
  return format
}

/** The RDF format of a media type (parameters ignored), or `undefined`. */
export function formatOfMediaType (mediaType: string): RdfFormat | undefined {
  return formatsByMediaType[mediaType.split(';')[0]!.trim().toLowerCase()]
}

export interface ParseOptions {
  format: RdfFormat
  /** Base IRI for relative IRIs. */
  baseIRI?: string
  /** Name used in error messages (a file path or "request body"). */
  source?: string
  /** Graph to put triples in (formats without graphs); default graph when omitted. */
  graph?: string
}

/**
 * Parses RDF text into quads. Throws `PARSE_ERROR` / `UNKNOWN_PREFIX` with file and line. The
 * text may be given as its UTF-8 bytes: N-Triples and N-Quads are then read without decoding it
 * as a whole (the line reader decodes only each new term), the other formats decode it first.
 */
export async function parseRdf (text: string | Uint8Array, options: ParseOptions): Promise<Quad[]> {
  const quads = await parseInFormat(text, options)
  if (options.graph === undefined) return quads
  const graph = DataFactory.namedNode(options.graph)
  return quads.map(q => q.graph.termType === 'DefaultGraph'
    ? DataFactory.quad(q.subject, q.predicate, q.object, graph) as Quad
    : q)
}

async function parseInFormat (text: string | Uint8Array, options: ParseOptions): Promise<Quad[]> {
  const source = options.source ?? 'input'
  switch (options.format) {
    case 'json-ld': return parseJsonLd(decoded(text), source, options.baseIRI)
    case 'rdf-xml': return parseRdfXml(decoded(text), source, options.baseIRI)
    case 'n-triples': case 'n-quads': return quadsOfLines(text, { format: options.format, source, blankPrefix: freshBlankPrefix() })
    default: return parseN3Family(decoded(text), options.format, source, options.baseIRI)
  }
}

/** `text` as a string (UTF-8 bytes decoded). */
function decoded (text: string | Uint8Array): string {
  return typeof text === 'string' ? text : Buffer.from(text.buffer, text.byteOffset, text.byteLength).toString('utf8')
}

/**
 * Parses N-Triples or N-Quads with the line reader (`readNTriples`): one term object per distinct
 * term, shared by every quad that holds it (N3.js builds one per occurrence), and no tokenizer in
 * between. Throws `PARSE_ERROR` naming source, line and column.
 */
export function quadsOfLines (text: string | Uint8Array, options: LineReaderOptions): Quad[] {
  const terms: Term[] = []
  const index = new Map<string, number>()
  const quads: Quad[] = []
  readNTriples(text, key => {
    let id = index.get(key)
    if (id === undefined) {
      index.set(key, id = terms.length)
      terms.push(termFromId(key, DataFactory) as Term)
    }
    return id
  }, (s, p, o, g) => {
    quads.push(DataFactory.quad(terms[s] as Quad['subject'], terms[p] as Quad['predicate'], terms[o] as Quad['object'], terms[g] as Quad['graph']) as Quad)
  }, options)
  return quads
}

const n3Formats = { turtle: 'Turtle', trig: 'TriG', 'n-triples': 'N-Triples', 'n-quads': 'N-Quads' } as const

function parseN3Family (text: string, format: keyof typeof n3Formats, source: string, baseIRI?: string): Quad[] {
  const parser = new Parser({ format: n3Formats[format], ...(baseIRI === undefined ? {} : { baseIRI }) })
  try {
    return parser.parse(text) as Quad[]
  } catch (error) {
    const line = (error as { context?: { line?: number } }).context?.line
    const message = (error as Error).message.replace(/\s*on line \d+\.?$/, '')
    const prefix = /^Undefined prefix "([^":]*):?"/.exec(message)
    const where = line === undefined ? source : `${source}:${line}`
    if (prefix !== null) {
      throw new SymphonyError('UNKNOWN_PREFIX', {
        en: `${where}: undefined prefix "${prefix[1]}" — declare it with @prefix before its first use`,
        de: `${where}: nicht definiertes Präfix "${prefix[1]}" — deklarieren Sie es mit @prefix vor seiner ersten Verwendung`
      }, { file: source, line, cause: error })
    }
    throw new SymphonyError('PARSE_ERROR', {
      en: `${where}: ${message} (${n3Formats[format]})`,
      de: `${where}: Syntaxfehler in ${n3Formats[format]} — ${message}`
    }, { file: source, line, cause: error })
  }
}

async function parseJsonLd (text: string, source: string, baseIRI?: string): Promise<Quad[]> {
  let document: unknown
  try {
    document = JSON.parse(text)
  } catch (error) {
    // V8 gives a position only for some errors; the scanner finds it for the others.
    const position = /position (\d+)/.exec((error as Error).message)
    const offset = position === null ? jsonErrorOffset(text) : Number(position[1])
    const { line, column } = offset < 0 ? { line: undefined, column: undefined } : lineAndColumn(text, offset)
    const where = line === undefined ? source : `${source}:${line}:${column}`
    const reason = (error as Error).message
    throw new SymphonyError('PARSE_ERROR', { en: `${where}: invalid JSON — ${reason}`, de: `${where}: ungültiges JSON — ${reason}` },
      { file: source, line, column, cause: error })
  }
  // Loaded on first use: JSON-LD and RDF/XML support cost more start-up time than the rest of parsing.
  const { default: jsonld } = await import('jsonld')
  try {
    const dataset = await jsonld.toRDF(document as JsonLdDocument, {
      ...(baseIRI === undefined ? {} : { base: baseIRI }),
      documentLoader: async (url: string) => {
        throw new SymphonyError('PARSE_ERROR', {
          en: `remote context ${url} cannot be loaded (no network access); inline the @context instead`,
          de: `der entfernte Kontext ${url} kann nicht geladen werden (kein Netzzugriff); betten Sie den @context stattdessen ein`
        })
      }
    }) as unknown as JsonLdQuad[]
    return dataset.map(toN3Quad)
  } catch (error) {
    const cause = (error as { details?: { cause?: Error } }).details?.cause
    // Our own loader's refusal speaks both languages; jsonld's messages are quoted as they are.
    const reason = cause instanceof SymphonyError ? cause.messages : { en: cause?.message ?? (error as Error).message, de: cause?.message ?? (error as Error).message }
    throw new SymphonyError('PARSE_ERROR', {
      en: `${source}: invalid JSON-LD — ${reason.en}`,
      de: `${source}: ungültiges JSON-LD — ${reason.de}`
    }, { file: source, cause: error })
  }
}

interface JsonLdTerm { termType: string, value: string, datatype?: { value: string }, language?: string }
interface JsonLdQuad { subject: JsonLdTerm, predicate: JsonLdTerm, object: JsonLdTerm, graph: JsonLdTerm }

function toN3Term (term: JsonLdTerm): Term {
  switch (term.termType) {
    case 'NamedNode': return DataFactory.namedNode(term.value)
    case 'BlankNode': return DataFactory.blankNode(term.value.replace(/^_:/, ''))
    case 'Literal': return term.language !== undefined && term.language !== ''
      ? DataFactory.literal(term.value, term.language)
      : DataFactory.literal(term.value, DataFactory.namedNode(term.datatype?.value ?? 'http://www.w3.org/2001/XMLSchema#string'))
    default: return DataFactory.defaultGraph()
  }
}

function toN3Quad (q: JsonLdQuad): Quad {
  return DataFactory.quad(
    toN3Term(q.subject) as Quad['subject'],
    toN3Term(q.predicate) as Quad['predicate'],
    toN3Term(q.object) as Quad['object'],
    toN3Term(q.graph) as Quad['graph']) as Quad
}

async function parseRdfXml (text: string, source: string, baseIRI?: string): Promise<Quad[]> {
  const { RdfXmlParser } = await import('rdfxml-streaming-parser')
  return new Promise((resolve, reject) => {
    const quads: Quad[] = []
    const parser = new RdfXmlParser({ dataFactory: DataFactory, trackPosition: true, ...(baseIRI === undefined ? {} : { baseIRI }) })
    parser.on('data', (quad: Quad) => quads.push(quad))
    parser.on('error', (error: Error) => {
      // The parser prefixes messages with the position: "3:27: unexpected close tag."
      const position = /^(?:Line )?(\d+)(?::| column )(\d+): (.*)$/s.exec(error.message)
      const line = position === null ? undefined : Number(position[1])
      const column = position === null ? undefined : Number(position[2])
      const where = line === undefined ? source : `${source}:${line}:${column}`
      const reason = position?.[3] ?? error.message
      reject(new SymphonyError('PARSE_ERROR', { en: `${where}: invalid RDF/XML — ${reason}`, de: `${where}: ungültiges RDF/XML — ${reason}` },
        { file: source, line, column, cause: error }))
    })
    parser.on('end', () => resolve(quads))
    parser.write(text)
    parser.end()
  })
}

function lineAndColumn (text: string, offset: number): { line: number, column: number } {
  const before = text.slice(0, offset)
  const line = before.split('\n').length
  return { line, column: offset - before.lastIndexOf('\n') }
}
