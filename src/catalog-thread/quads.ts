/**
 * Quads on their way to the compile thread: every distinct term once (its N3.js id string), the
 * quads as four term indices each in a typed array whose buffer is transferred, not copied.
 * Packed in slices with the event loop free between them.
 */
import { DataFactory, termFromId, termToId } from 'n3'
import type { Quad } from '@rdfjs/types'

/** One slice: the terms first seen in it and its quads as indices into every term sent so far. */
export interface QuadSlice {
  readonly terms: readonly string[]
  readonly quads: Uint32Array
}

/** Quads per slice. */
const sliceSize = 5_000

/**
 * Packs `quads[start, end)` as one slice; `index` maps every term sent before to its number and
 * gains the terms first seen here.
 */
export function packSlice (quads: readonly Quad[], start: number, end: number, index: Map<string, number>): QuadSlice {
  const terms: string[] = []
  const idOf = (term: Quad['subject'] | Quad['predicate'] | Quad['object'] | Quad['graph']): number => {
    // n3's typing wants its own term classes; any RDF/JS term has what termToId reads.
    const id = termToId(term as unknown as Parameters<typeof termToId>[0])
    let i = index.get(id)
    if (i === undefined) {
      i = index.size
      terms.push(id)
      index.set(id, i)
    }
    return i
  }
  const packed = new Uint32Array((end - start) * 4)
  for (let i = start, j = 0; i < end; i++, j += 4) {
    const quad = quads[i]!
    packed[j] = idOf(quad.subject)
    packed[j + 1] = idOf(quad.predicate)
    packed[j + 2] = idOf(quad.object)
    packed[j + 3] = idOf(quad.graph)
  }
  return { terms, quads: packed }
}

/** Packs the quads slice by slice, handing each to `send`; yields to the event loop between slices. */
export async function sendQuads (quads: readonly Quad[], send: (slice: QuadSlice) => void): Promise<void> {
  const index = new Map<string, number>()
  for (let start = 0; start < quads.length; start += sliceSize) {
    if (start > 0) await new Promise(resolve => setImmediate(resolve))
    send(packSlice(quads, start, Math.min(quads.length, start + sliceSize), index))
  }
}

/** Receives slices and rebuilds the quads, in their original order, one term object per distinct term. */
export class QuadReceiver {
  readonly #terms: Array<ReturnType<typeof termFromId>> = []
  readonly #quads: Quad[] = []

  add (slice: QuadSlice): void {
    for (const id of slice.terms) this.#terms.push(termFromId(id, DataFactory))
    const terms = this.#terms
    const p = slice.quads
    for (let j = 0; j < p.length; j += 4) {
      this.#quads.push(DataFactory.quad(terms[p[j]!] as Quad['subject'], terms[p[j + 1]!] as Quad['predicate'], terms[p[j + 2]!] as Quad['object'], terms[p[j + 3]!] as Quad['graph']) as Quad)
    }
  }

  get quads (): readonly Quad[] {
    return this.#quads
  }
}
