import { afterAll, describe, expect, it, vi } from 'vitest'
import { generateCatalog } from '../../bench/catalog-generator.js'
import { CatalogAssembler, compileCatalog } from '../../src/catalog/index.js'
import { BackgroundCompiler } from '../../src/catalog-thread/compiler.js'
import { parseRdf } from '../../src/rdf/index.js'

describe('the compiled catalog handed over by the compile thread', () => {
  const compiler = new BackgroundCompiler()
  afterAll(async () => { await compiler.close() })

  it('is taken one slice per turn of the event loop, and answers as a catalog compiled in place', async () => {
    const quads = await parseRdf(generateCatalog(3_000).ntriples, { format: 'n-triples' })
    // Turns of the event loop, counted by a callback that queues itself again on every turn.
    let turn = 0
    let counting = true
    const count = (): void => { if (counting) { turn++; setImmediate(count) } }
    setImmediate(count)
    const turnsOfSlices: number[] = []
    const add = CatalogAssembler.prototype.add
    const spy = vi.spyOn(CatalogAssembler.prototype, 'add').mockImplementation(function (this: CatalogAssembler, slice) {
      turnsOfSlices.push(turn)
      add.call(this, slice)
    })
    let catalog
    try {
      catalog = await compiler.compile(quads, [])
    } finally {
      spy.mockRestore()
      counting = false
    }
    // Head, labels, services (500 a slice) and end: never two of them in one turn.
    expect(turnsOfSlices.length).toBeGreaterThanOrEqual(3_000 / 500 + 2)
    expect(new Set(turnsOfSlices).size).toBe(turnsOfSlices.length)
    const inPlace = compileCatalog(quads)
    expect([...catalog.services.keys()].sort()).toEqual([...inPlace.services.keys()].sort())
    const some = [...inPlace.services.keys()][17]!
    expect(catalog.services.get(some)).toEqual(inPlace.services.get(some))
  }, 300_000)
})
