import { describe, expect, it } from 'vitest'
import { openEngine } from '../../src/engine.js'
import { listTurtleFiles } from '../../src/rdf/index.js'
import { builtinFolders, graphs } from '../../src/project.js'

describe('a new store seeded with the example catalog', () => {
  it('gets the example files and the reference requests in one write, so the seeded catalog is compiled once', async () => {
    const engine = await openEngine({ seedExamples: true })
    try {
      const empty = await openEngine({})
      // The built-in ontology and shapes are the first write of every store; the seed is the next.
      const builtins = Number((await empty.readiness()).version)
      await empty.close()
      const readiness = await engine.readiness()
      expect(readiness.version).toBe(String(builtins + 1))
      expect(readiness.ready).toBe(true)
      const seeded = await engine.catalogGraphs()
      expect(seeded).toContain(`${graphs.vocabulary}reference-requests`)
      expect(seeded).toHaveLength((await listTurtleFiles(builtinFolders.examples)).length + 1)
    } finally {
      await engine.close()
    }
  }, 120_000)
})
