/**
 * Graph files of a data directory read in the compile thread as they are on disk, into term ids
 * (`LineGraph.readStored`), instead of the serving thread parsing them into quads and packing
 * those. The store knows each file and the digest of the text it holds for the graph; a write
 * may have replaced the file since (or it was damaged), so the text is read only when its bytes
 * still have that digest: the graph read is then exactly the content the store holds.
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import type { Quad } from '@rdfjs/types'
import { LineGraph } from '../catalog/index.js'

/** A stored graph's file and the SHA-256 of its N-Quads text (after the header line) as the store holds it. */
export interface StoredFile {
  readonly graph: string
  readonly file: string
  readonly digest: string
}

/**
 * The graph in the file as term ids; undefined when the file is gone, is not the graph's, its
 * text no longer has the digest, or does not read: the caller compiles the store's quads then,
 * whose parse reports a damaged graph as the store does.
 */
export function readStoredFile ({ graph, file, digest }: StoredFile): LineGraph | undefined {
  let bytes: Buffer
  try {
    bytes = readFileSync(file)
  } catch {
    return undefined
  }
  const end = bytes.indexOf(0x0a)
  if (end === -1 || bytes.toString('utf8', 0, end) !== `# graph <${graph}>`) return undefined
  const text = bytes.subarray(end + 1)
  if (createHash('sha256').update(text).digest('hex') !== digest) return undefined
  try {
    return LineGraph.readStored({ text, source: file, graph })
  } catch {
    return undefined
  }
}

/**
 * The graphs in store order as the compile takes them (`compileWithLines`): the quads before the
 * first stored file as they are, then every graph as term ids (the files read, the graphs given
 * as quads held as ids), so the order of the graphs, which numbers the reasoner's terms and
 * decides which of equal statements is kept, is the store's. Undefined when a file is not read.
 */
export function storedParts (quads: readonly Quad[], files: ReadonlyArray<{ readonly after: number, readonly stored: StoredFile }>): { quads: readonly Quad[], lines: LineGraph[] } | undefined {
  if (files.length === 0) return { quads, lines: [] }
  const lines: LineGraph[] = []
  let at = files[0]!.after
  for (const [index, { stored }] of files.entries()) {
    const read = readStoredFile(stored)
    if (read === undefined) return undefined
    lines.push(read)
    const until = files[index + 1]?.after ?? quads.length
    // The graphs given as quads between this file and the next (each graph's quads in one run).
    for (let start = at; start < until;) {
      const graph = quads[start]!.graph.value
      let end = start + 1
      while (end < until && quads[end]!.graph.value === graph) end++
      lines.push(LineGraph.ofQuads(graph, quads.slice(start, end)))
      start = end
    }
    at = until
  }
  return { quads: quads.slice(0, files[0]!.after), lines }
}
