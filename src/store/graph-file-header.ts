/**
 * The first line of a data directory's graph file, `# graph <IRI>`, which names the graph whose
 * N-Quads text follows. Written and read by the store, and read again by the compile thread and
 * the SPARQL worker, which is why this file imports nothing.
 */

/** The header line (with its newline) that starts the file of `graph`. */
export function graphFileHeader (graph: string): string {
  return `# graph <${graph}>\n`
}

/**
 * The graph a file's bytes name in their header line and the text after it; undefined when the
 * first line is not such a header.
 */
export function splitGraphFile (bytes: Buffer): { graph: string, text: Buffer } | undefined {
  const end = bytes.indexOf(0x0a)
  if (end === -1) return undefined
  const header = /^# graph <([^>]*)>$/.exec(bytes.toString('utf8', 0, end))
  return header === null ? undefined : { graph: header[1]!, text: bytes.subarray(end + 1) }
}
