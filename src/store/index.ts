export type { Store, GraphContent, GraphSummary, QueryResult, WriteOptions } from './types.js'
export { MemoryStore } from './memory-store.js'
export { EmbeddedStore } from './embedded-store.js'
