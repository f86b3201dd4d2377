import { Writer } from 'n3'
import type { Quad } from '@rdfjs/types'

/** Quads as N-Quads text, synchronously (n3's writer buffers until `end`). */
export function toNQuads (quads: readonly Quad[]): string {
  if (quads.length === 0) return ''
  const writer = new Writer({ format: 'N-Quads' })
  return writer.quadsToString([...quads])
}
