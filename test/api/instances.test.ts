/** Several API instances over one SPARQL store see each other's writes (tested against Virtuoso). */
import { randomUUID } from 'node:crypto'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, inject, it } from 'vitest'
import { buildApp } from '../../src/api/index.js'
import { graphOfFile, openEngine } from '../../src/engine.js'

const virtuoso = inject('virtuoso')

describe.runIf(!('missing' in virtuoso))('two API instances over one Virtuoso', () => {
  it('each answers from the catalog the other one wrote', async () => {
    if ('missing' in virtuoso) return
    const endpoint = { ...virtuoso, versionCacheMs: 0 }
    const [first, second] = [await openEngine({ endpoint }), await openEngine({ endpoint })]
    const apps = [buildApp(first, { console: false }), buildApp(second, { console: false })]
    const folder = await mkdtemp(join(tmpdir(), 'symphony-instances-'))
    const name = `instances-${randomUUID()}`
    const service = `https://example.org/instances/${name}#Fax`
    const listed = async (index: number): Promise<string[]> => {
      const response = await apps[index]!.inject({ method: 'GET', url: `/catalog/services?q=${encodeURIComponent(name)}` })
      expect(response.statusCode).toBe(200)
      return (response.json() as { services: Array<{ iri: string }> }).services.map(s => s.iri)
    }
    try {
      // Both compile the catalog before the write, so neither can answer from a fresh read by luck.
      expect([await listed(0), await listed(1)]).toEqual([[], []])
      await writeFile(join(folder, `${name}.ttl`), `<${service}> a <https://w3id.org/symphony/ontology#Service> ;
        <http://www.w3.org/2000/01/rdf-schema#label> "Fax ${name}"@en .\n`)
      await first.importFiles([join(folder, `${name}.ttl`)])
      expect(await listed(1)).toEqual([service])
      await second.store.deleteGraphs([graphOfFile(join(folder, `${name}.ttl`))])
      expect(await listed(0)).toEqual([])
    } finally {
      await Promise.all(apps.map(app => app.close()))
      await first.close()
      await second.close()
      await rm(folder, { recursive: true, force: true })
    }
  }, 120_000)
})
