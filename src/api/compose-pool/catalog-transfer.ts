/**
 * The catalog's quads in a form a worker thread receives cheaply: every distinct term once in a
 * string table, the quads as four indices each in one typed array. Structured cloning copies
 * that in one pass instead of millions of small objects; the worker rebuilds the quads and
 * compiles the same catalog from them.
 */
import type { Quad } from '@rdfjs/types'
import type { HeldLines, LineGraph } from '../../catalog/index.js'
import type { Rule } from '../../reasoner/index.js'
import { QuadReceiver, packSlice } from '../../catalog-thread/quads.js'

/** What a composition worker compiles its catalog from, for one version of the store. */
export interface CatalogTransfer {
  readonly version: string
  readonly terms: readonly string[]
  /** Subject, predicate, object and graph of each quad, as indices into `terms`. */
  readonly quads: Uint32Array
  /** The graphs held as term ids that follow the quads (`--data` N-Triples / N-Quads), as plain data. */
  readonly lines: readonly HeldLines[]
  readonly rules: readonly Rule[]
}

/** Where a composition worker gets its catalog from, for one version of the store. */
export interface WorkerCatalog {
  readonly version: string
  /** The data directory's snapshot of this version's catalog, when there is one: the worker reads it. */
  readonly snapshot?: { readonly file: string, readonly key: string }
  /** The packed quads, for a worker to compile when there is no snapshot or it cannot be read; packed on first call. */
  readonly packed: () => Promise<CatalogTransfer>
}

/** Packs quads, the graphs held as term ids that follow them, and the extra inference rules for a worker. */
export function packCatalog (version: string, quads: readonly Quad[], lines: readonly LineGraph[], rules: readonly Rule[]): CatalogTransfer {
  const { terms, quads: packed } = packSlice(quads, 0, quads.length, new Map())
  return { version, terms, quads: packed, lines: lines.map(graph => graph.held()), rules }
}

/** The quads of a packed catalog, in their original order. */
export function unpackQuads (transfer: Pick<CatalogTransfer, 'terms' | 'quads'>): readonly Quad[] {
  const receiver = new QuadReceiver()
  receiver.add(transfer)
  return receiver.quads
}
