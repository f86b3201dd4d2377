import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/api/index.js'
import { openEngine, type Engine } from '../../src/engine.js'
import { generateCatalog } from '../../bench/catalog-generator.js'
import { discoveryIndex } from '../../src/matcher/discovery-index.js'

const newService = 'https://example.org/late#Service'

/** Lets the event loop turn until `done()` holds. */
async function until (done: () => Promise<boolean>): Promise<void> {
  while (!await done()) await new Promise(resolve => setImmediate(resolve))
}

describe('compiling the catalog in a worker thread', () => {
  let folder: string
  let engine: Engine

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'symphony-background-'))
    // Large enough that a compile spans many turns of the event loop.
    await writeFile(join(folder, 'generated.nt'), generateCatalog(5_000).ntriples)
    await writeFile(join(folder, 'late.ttl'), `@prefix sym: <https://w3id.org/symphony/ontology#> .
<${newService}> a sym:VirtualPBX ; <https://schema.org/name> "Late PBX"@en .`)
    engine = await openEngine({ dataFiles: [join(folder, 'generated.nt')], compileInBackground: true })
    await engine.catalog()
  }, 300_000)

  afterAll(async () => {
    await engine?.close()
    await rm(folder, { recursive: true, force: true })
  })

  it('hands out a catalog whose discovery index is prepared: the first discovery does not build it in one piece', async () => {
    expect(discoveryIndex(await engine.catalog()).prepared).toBe(true)
  })

  it('answers /health while a write recompiles, serves the previous catalog meanwhile, and the write returns with the new one', async () => {
    const app = buildApp(engine, {})
    await app.ready()
    try {
      const before = await engine.catalog()
      expect(before.services.size).toBe(5_000)
      const settled: string[] = []
      const write = engine.importFiles([join(folder, 'late.ttl')]).then(imported => { settled.push('write'); return imported })
      // The store has the new graph and the compile is in flight.
      await until(async () => !(await engine.readiness()).ready || settled.includes('write'))
      expect(settled).toEqual([])
      const health = app.inject({ method: 'GET', url: '/health' }).then(response => { settled.push('health'); return response })
      const during = await engine.catalog()
      expect(during).toBe(before)
      expect(during.services.has(newService)).toBe(false)

      const [response] = await Promise.all([health, write])
      expect(response.statusCode).toBe(200)
      expect(settled).toEqual(['health', 'write'])
      const after = await engine.catalog()
      expect(after).not.toBe(before)
      expect(after.services.get(newService)?.label).toEqual({ en: 'Late PBX' })
      expect(after.services.size).toBe(5_001)
      // Prepared before the write returned, as the first one was.
      expect(discoveryIndex(after).prepared).toBe(true)
      expect((await engine.readiness()).ready).toBe(true)
    } finally {
      await app.close()
    }
  }, 300_000)

  it('matches as the catalog compiled in place does', async () => {
    const inPlace = await openEngine({ dataFiles: [join(folder, 'generated.nt'), join(folder, 'late.ttl')] })
    try {
      const service = [...(await inPlace.catalog()).services.keys()][17]!
      expect(await engine.combinable(service)).toEqual(await inPlace.combinable(service))
      const request = { available: [], wanted: ['https://example.org/bench#I5', 'https://example.org/bench#I12'], limit: 20 }
      const discovered = await engine.discover(request)
      expect(discovered.results.length).toBe(20)
      expect(discovered).toEqual(await inPlace.discover(request))
    } finally {
      await inPlace.close()
    }
  }, 300_000)
})
