/** Composition in worker threads: the pool, and the engine's catalog packed for it. */
export { ComposePool, type ComposePoolOptions, type ComposePoolStatus } from './compose-pool.js'
export { packedCatalogOf } from './engine-catalog.js'
export { packCatalog, unpackQuads, type CatalogTransfer } from './catalog-transfer.js'
