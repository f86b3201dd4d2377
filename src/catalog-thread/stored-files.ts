/**
 * Graph files of a data directory read in the compile thread as they are on disk, into term ids
 * (`LineGraph.readStored`), instead of the serving thread parsing them into quads and packing
 * those. A file is read only while its text still has the digest the store holds for the graph
 * (`storedText`): the graph read is then exactly the content the store holds.
 */
import type { Quad } from '@rdfjs/types'
import { LineGraph } from '../catalog/index.js'
import { storedText, type StoredFile } from './stored-text.js'

export type { StoredFile } from './stored-text.js'

/**
 * The graph in the file as term ids; undefined when the file is gone, is not the graph's, its
 * text no longer has the digest, or does not read: the caller compiles the store's quads then,
 * whose parse reports a damaged graph as the store does.
 */
export function readStoredFile (stored: StoredFile): LineGraph | undefined {
  const text = storedText(stored)
  if (text === undefined) return undefined
  try {
    return LineGraph.readStored({ text, source: stored.file, graph: stored.graph })
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
