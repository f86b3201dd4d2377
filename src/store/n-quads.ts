import { Writer } from 'n3'
import type { Quad } from '@rdfjs/types'

/** Quads as N-Quads text, synchronously (n3's writer buffers until `end`). */
export function toNQuads (quads: readonly Quad[]): string {
  if (quads.length === 0) return ''
  const writer = new Writer({ format: 'N-Quads' })
  return writer.quadsToString([...quads])
}

/** Quads serialized per chunk: a few hundred kilobytes of text each. */
const chunkQuads = 2000

/**
 * Quads as the UTF-8 bytes of their N-Quads text, in chunks of `chunkQuads` quads: the chunks
 * one after the other are the bytes of `toNQuads(quads)` (every quad is a line of its own), and
 * no string of the whole text is made.
 */
export function toNQuadsBytes (quads: readonly Quad[]): Buffer[] {
  const chunks: Buffer[] = []
  for (let start = 0; start < quads.length; start += chunkQuads) chunks.push(Buffer.from(toNQuads(quads.slice(start, start + chunkQuads)), 'utf8'))
  return chunks
}
