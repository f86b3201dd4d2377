/**
 * A data directory's graph file as the store wrote it: a header line naming the graph, then the
 * graph's N-Quads text, whose SHA-256 the store holds. A later write may have replaced the file
 * (or it was damaged) since the store read it, so the text is taken only while its bytes still
 * have that digest: it is then exactly the content the store holds. Read here by the compile
 * thread and by the SPARQL worker alike, which is why this file needs nothing but Node and the
 * header's import-free module.
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { splitGraphFile } from '../store/graph-file-header.js'

/** A stored graph's file and the SHA-256 of its N-Quads text (after the header line) as the store holds it. */
export interface StoredFile {
  readonly graph: string
  readonly file: string
  readonly digest: string
}

/**
 * The N-Quads text of the graph in `file` (after the header line); undefined when the file is
 * gone, is not the graph's, or its text no longer has the digest.
 */
export function storedText ({ graph, file, digest }: StoredFile): Buffer | undefined {
  let bytes: Buffer
  try {
    bytes = readFileSync(file)
  } catch {
    return undefined
  }
  const parts = splitGraphFile(bytes)
  if (parts?.graph !== graph) return undefined
  return createHash('sha256').update(parts.text).digest('hex') === digest ? parts.text : undefined
}
