/**
 * A data directory's graphs as the compile thread takes them (`BackgroundCompiler.compileStored`):
 * a graph read from the data directory as its file and digest, which the thread reads into term
 * ids, so its quads are neither parsed (when not yet) nor packed on the serving thread; any
 * other graph as its quads.
 */
import type { Quad } from '@rdfjs/types'
import { StoredGraph, type HeldGraph } from '../store/index.js'
import type { StoredFile } from './stored-files.js'

/** A graph for `compileStored`: its quads, or its stored file. */
export type StoreGraph = readonly Quad[] | StoredFile

/** Each graph held now (`heldNow`, in its order): a stored graph as its file, any other as its quads. */
export async function storedOrQuads (held: ReadonlyArray<readonly [string, HeldGraph]>): Promise<StoreGraph[]> {
  const graphs: StoreGraph[] = []
  for (const [graph, content] of held) graphs.push(fileOf(graph, content) ?? await content.quads())
  return graphs
}

/**
 * `quads` (each graph's quads in one run, as a store lists them and `contentAfter` plans them)
 * with every run that is exactly a stored graph's content given as its file instead. A run is
 * that content only when it is the very quad objects the store parsed from that file, in the same
 * order and number (a graph the write replaces, or replaced since, is another object or other
 * quads): the file, whose text the thread checks against the digest the parse was of, then
 * holds the same statements. Undefined when no run is.
 */
export function storedRuns (quads: readonly Quad[], held: ReadonlyArray<readonly [string, HeldGraph]>): StoreGraph[] | undefined {
  const contents = new Map(held)
  const graphs: StoreGraph[] = []
  let files = 0
  for (let start = 0; start < quads.length;) {
    const graph = quads[start]!.graph.value
    let end = start + 1
    while (end < quads.length && quads[end]!.graph.value === graph) end++
    const content = contents.get(graph)
    const file = content instanceof StoredGraph && content.parsed && sameObjects(quads, start, end, content) ? fileOf(graph, content) : undefined
    if (file !== undefined) {
      files++
      graphs.push(file)
    } else {
      graphs.push(quads.slice(start, end))
    }
    start = end
  }
  return files === 0 ? undefined : graphs
}

function fileOf (graph: string, content: HeldGraph): StoredFile | undefined {
  return content instanceof StoredGraph && content.file !== undefined ? { graph, file: content.file, digest: content.digest } : undefined
}

/** Whether `quads[start, end)` are the stored graph's parsed quads themselves. */
function sameObjects (quads: readonly Quad[], start: number, end: number, stored: StoredGraph): boolean {
  let parsed: readonly Quad[]
  try {
    parsed = stored.quadsNow()
  } catch {
    // Found corrupt: its quads are none of these.
    return false
  }
  if (parsed.length !== end - start) return false
  for (let i = start; i < end; i++) if (quads[i] !== parsed[i - start]) return false
  return true
}
