/**
 * The engine's catalog for composition workers: the snapshot its catalog was read from or saved
 * to, when there is one, and the quads (with the graphs held as term ids) packed once per store
 * version for the fallback.
 */
import type { Engine } from '../../engine.js'
import { packCatalog, type CatalogTransfer, type WorkerCatalog } from './catalog-transfer.js'

/** A function giving where workers load the store's current catalog from; quads are packed only when a worker needs them. */
export function workerCatalogOf (engine: Engine): () => Promise<WorkerCatalog> {
  let cached: { version: string, packed: Promise<CatalogTransfer> } | undefined
  const packed = async (): Promise<CatalogTransfer> => {
    const version = await engine.store.version({ publicOnly: true })
    if (cached === undefined || cached.version !== version) {
      const packing = engine.catalogSource().then(source => packCatalog(source.version, source.quads, source.lines, source.rules))
      const entry = { version, packed: packing }
      cached = entry
      // A failed read is not kept: the next job tries again.
      packing.catch(() => { if (cached === entry) cached = undefined })
    }
    return cached.packed
  }
  return async () => {
    const { version, snapshot } = await engine.catalogSnapshot()
    return snapshot === undefined ? { version, packed } : { version, snapshot, packed }
  }
}
