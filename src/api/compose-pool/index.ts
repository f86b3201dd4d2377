/** Composition in worker threads: the pool, and where its workers load the engine's catalog from. */
export { ComposePool, type ComposePoolOptions, type ComposePoolStatus } from './compose-pool.js'
export { workerCatalogOf } from './engine-catalog.js'
export { packCatalog, unpackQuads, type CatalogTransfer, type WorkerCatalog } from './catalog-transfer.js'
