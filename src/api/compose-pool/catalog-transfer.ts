/**
 * The catalog's quads in a form a worker thread receives cheaply: every distinct term once in a
 * string table, the quads as four indices each in one typed array. Structured cloning copies
 * that in one pass instead of millions of small objects; the worker rebuilds the quads and
 * compiles the same catalog from them.
 */
import { DataFactory, termFromId, termToId } from 'n3'
import type { Quad } from '@rdfjs/types'
import type { Rule } from '../../reasoner/index.js'

/** What a composition worker compiles its catalog from, for one version of the store. */
export interface CatalogTransfer {
  readonly version: string
  readonly terms: readonly string[]
  /** Subject, predicate, object and graph of each quad, as indices into `terms`. */
  readonly quads: Uint32Array
  readonly rules: readonly Rule[]
}

/** Packs quads (and the extra inference rules) for a worker. */
export function packCatalog (version: string, quads: readonly Quad[], rules: readonly Rule[]): CatalogTransfer {
  const index = new Map<string, number>()
  const terms: string[] = []
  const packed = new Uint32Array(quads.length * 4)
  const idOf = (term: Quad['subject'] | Quad['predicate'] | Quad['object'] | Quad['graph']): number => {
    // n3's typing wants its own term classes; any RDF/JS term has what termToId reads.
    const id = termToId(term as unknown as Parameters<typeof termToId>[0])
    let i = index.get(id)
    if (i === undefined) {
      i = terms.length
      terms.push(id)
      index.set(id, i)
    }
    return i
  }
  quads.forEach((quad, i) => {
    packed[i * 4] = idOf(quad.subject)
    packed[i * 4 + 1] = idOf(quad.predicate)
    packed[i * 4 + 2] = idOf(quad.object)
    packed[i * 4 + 3] = idOf(quad.graph)
  })
  return { version, terms, quads: packed, rules }
}

/** The quads of a packed catalog, in their original order. */
export function unpackQuads (transfer: Pick<CatalogTransfer, 'terms' | 'quads'>): Quad[] {
  const terms = transfer.terms.map(id => termFromId(id, DataFactory))
  const quads: Quad[] = new Array(transfer.quads.length / 4)
  for (let i = 0; i < quads.length; i++) {
    const p = transfer.quads
    quads[i] = DataFactory.quad(terms[p[i * 4]!] as Quad['subject'], terms[p[i * 4 + 1]!] as Quad['predicate'], terms[p[i * 4 + 2]!] as Quad['object'], terms[p[i * 4 + 3]!] as Quad['graph']) as Quad
  }
  return quads
}
