import { afterAll, describe, expect, it, vi } from 'vitest'
import { generateCatalog } from '../../bench/catalog-generator.js'
import { CatalogAssembler, compileCatalog } from '../../src/catalog/index.js'
import { BackgroundCompiler } from '../../src/catalog-thread/compiler.js'
import { parseRdf } from '../../src/rdf/index.js'

describe('the compiled catalog handed over by the compile thread', () => {
  const compiler = new BackgroundCompiler()
  afterAll(async () => { await compiler.close() })

  it('is taken a slice at a time, each in steps with turns of the event loop between them, and answers as a catalog compiled in place', async () => {
    const quads = await parseRdf(generateCatalog(3_000).ntriples, { format: 'n-triples' })
    // Turns of the event loop, counted by a callback that queues itself again on every turn.
    let turn = 0
    let counting = true
    const count = (): void => { if (counting) { turn++; setImmediate(count) } }
    setImmediate(count)
    // The turn each slice's assembly starts and ends in: a slice is taken in steps of a few
    // milliseconds (a turn between steps), and the next one only asked for after a turn.
    const turnsOfSlices: Array<[number, number]> = []
    const steps = CatalogAssembler.prototype.steps
    const spy = vi.spyOn(CatalogAssembler.prototype, 'steps').mockImplementation(function * (this: CatalogAssembler, slice, clock) {
      const turns: [number, number] = [turn, turn]
      turnsOfSlices.push(turns)
      expect(clock).toBeDefined()
      for (const step of steps.call(this, slice, clock)) {
        yield step
        turns[1] = turn
      }
      turns[1] = turn
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
    for (let i = 1; i < turnsOfSlices.length; i++) expect(turnsOfSlices[i]![0]).toBeGreaterThan(turnsOfSlices[i - 1]![1])
    const inPlace = compileCatalog(quads)
    expect([...catalog.services.keys()].sort()).toEqual([...inPlace.services.keys()].sort())
    const some = [...inPlace.services.keys()][17]!
    expect(catalog.services.get(some)).toEqual(inPlace.services.get(some))
  }, 300_000)
})
