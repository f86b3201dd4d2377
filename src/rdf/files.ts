/** Reading RDF files from disk: the format comes from the extension. */
import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Quad } from '@rdfjs/types'
import { SymphonyError } from '../errors.js'
import { formatOfFile, parseRdf } from './parse.js'

/**
 * Parses one RDF file (Turtle, TriG, N-Triples, N-Quads, JSON-LD, RDF/XML by extension).
 * N-Triples and N-Quads are read as bytes: the line reader scans them undecoded, where reading
 * them as a string would decode the whole file and encode it to bytes again.
 */
export async function readRdfFile (file: string, options: { graph?: string } = {}): Promise<Quad[]> {
  const format = formatOfFile(file)
  const text = format === 'n-triples' || format === 'n-quads' ? await readRdfBytes(file) : await readRdfText(file)
  return parseRdf(text, { format, source: file, baseIRI: pathToFileURL(file).href, ...options })
}

/** The text of an RDF file (`NOT_FOUND` naming the file when it cannot be read). */
export async function readRdfText (file: string): Promise<string> {
  return await readOrExplain(file, async () => await readFile(file, 'utf8'))
}

/**
 * The bytes of an RDF file, undecoded (`NOT_FOUND` naming the file when it cannot be read): the
 * N-Triples line reader scans them as they are and decodes only each new term.
 */
export async function readRdfBytes (file: string): Promise<Buffer> {
  return await readOrExplain(file, async () => await readFile(file))
}

async function readOrExplain<T> (file: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read()
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message
    throw new SymphonyError('NOT_FOUND', { en: `${file}: cannot read the file (${reason})`, de: `${file}: die Datei kann nicht gelesen werden (${reason})` },
      { file, cause: error })
  }
}

/** The RDF files (`.ttl`) directly or recursively below a folder, sorted for stable order. */
export async function listTurtleFiles (folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true })
  return entries
    .filter(entry => entry.isFile() && entry.name.endsWith('.ttl'))
    .map(entry => join(entry.parentPath, entry.name))
    .sort()
}
