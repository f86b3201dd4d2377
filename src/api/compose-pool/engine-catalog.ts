/** The engine's catalog packed for composition workers, once per store version. */
import type { Engine } from '../../engine.js'
import { packCatalog, type CatalogTransfer } from './catalog-transfer.js'

/** A function giving the packed catalog of the store's current version (packed again only when it moved). */
export function packedCatalogOf (engine: Engine): () => Promise<CatalogTransfer> {
  let cached: { version: string, packed: Promise<CatalogTransfer> } | undefined
  return async () => {
    const version = await engine.store.version({ publicOnly: true })
    if (cached === undefined || cached.version !== version) {
      const packed = engine.catalogSource().then(source => packCatalog(source.version, source.quads, source.rules))
      const entry = { version, packed }
      cached = entry
      // A failed read is not kept: the next job tries again.
      packed.catch(() => { if (cached === entry) cached = undefined })
    }
    return cached.packed
  }
}
