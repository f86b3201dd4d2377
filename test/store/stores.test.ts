import { randomUUID } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, inject } from 'vitest'
import { EmbeddedStore, MemoryStore, SparqlEndpointStore } from '../../src/store/index.js'
import { describeStoreContract } from './store-contract.js'

describeStoreContract('MemoryStore', async () => ({ store: new MemoryStore(), base: 'https://example.org/graph/' }))

// Each case opens a store in a data directory of its own; all are removed at the end.
const dataDirs: string[] = []
afterAll(async () => { await Promise.all(dataDirs.map(async (dir) => await rm(dir, { recursive: true, force: true }))) })
describeStoreContract('EmbeddedStore', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'symphony-store-'))
  dataDirs.push(dataDir)
  return { store: await EmbeddedStore.open(dataDir), base: 'https://example.org/graph/' }
})

const virtuoso = inject('virtuoso')
describeStoreContract('SparqlEndpointStore on Virtuoso', async () => {
  if ('missing' in virtuoso) throw new Error(virtuoso.missing)
  const base = `https://example.org/store-contract/${randomUUID()}/`
  // A small page size makes every multi-triple read exercise paging.
  return { store: new SparqlEndpointStore({ ...virtuoso, graphPrefix: base, pageSize: 4, versionCacheMs: 0 }), base }
}, { skip: 'missing' in virtuoso ? virtuoso.missing : undefined })
