import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { parseRdf } from '../../src/rdf/index.js'
import { EmbeddedStore } from '../../src/store/index.js'

const turtle = (text: string) => parseRdf(`@prefix ex: <https://example.org/> .\n${text}`, { format: 'turtle' })

describe('EmbeddedStore', () => {
  let dataDir: string
  beforeEach(async () => { dataDir = await mkdtemp(join(tmpdir(), 'symphony-store-')) })
  afterEach(async () => { await rm(dataDir, { recursive: true, force: true }) })

  it('keeps durable graphs across restarts and forgets transient ones', async () => {
    const store = await EmbeddedStore.open(dataDir)
    await store.putGraphs([{ graph: 'https://example.org/g1', quads: await turtle('ex:a ex:p ex:b , ex:c .') }])
    await store.putGraphs([{ graph: 'https://example.org/builtin', quads: await turtle('ex:x ex:p ex:y .') }], { durable: false })
    expect(await store.graphs()).toEqual([
      { graph: 'https://example.org/builtin', triples: 1 },
      { graph: 'https://example.org/g1', triples: 2 }
    ])
    await store.close()

    const reopened = await EmbeddedStore.open(dataDir)
    expect(await reopened.graphs()).toEqual([{ graph: 'https://example.org/g1', triples: 2 }])
    await reopened.close()
  })

  it('keeps replacements and deletions across restarts', async () => {
    const store = await EmbeddedStore.open(dataDir)
    await store.putGraphs([
      { graph: 'https://example.org/g1', quads: await turtle('ex:a ex:p ex:b .') },
      { graph: 'https://example.org/g2', quads: await turtle('ex:a ex:p ex:c .') }
    ])
    await store.putGraphs([{ graph: 'https://example.org/g1', quads: await turtle('ex:a ex:q ex:d .') }])
    await store.deleteGraphs(['https://example.org/g2'])
    await store.close()

    const reopened = await EmbeddedStore.open(dataDir)
    expect((await reopened.quads()).map(q => [q.predicate.value, q.object.value, q.graph.value]))
      .toEqual([['https://example.org/q', 'https://example.org/d', 'https://example.org/g1']])
    await reopened.close()
  })

  it('finishes a write interrupted after its journal was written', async () => {
    const store = await EmbeddedStore.open(dataDir)
    await store.putGraphs([{ graph: 'https://example.org/g1', quads: await turtle('ex:a ex:p ex:b .') }])
    await store.close()
    const [file] = await readdir(join(dataDir, 'graphs'))
    const target = join(dataDir, 'graphs', file!)
    await writeFile(`${target}.tmp`, '# graph <https://example.org/g1>\n<https://example.org/a> <https://example.org/p> <https://example.org/z> <https://example.org/g1> .\n')
    await writeFile(join(dataDir, 'journal.json'), JSON.stringify({ renames: [[`${target}.tmp`, target]], deletes: [] }))

    const reopened = await EmbeddedStore.open(dataDir)
    expect((await reopened.quads()).map(q => q.object.value)).toEqual(['https://example.org/z'])
    // The journal is gone once applied; the lock stays while the store is open.
    expect((await readdir(dataDir)).sort()).toEqual(['graphs', 'lock'])
    await reopened.close()
  })

  it('drops a write interrupted before its journal was written', async () => {
    const store = await EmbeddedStore.open(dataDir)
    await store.putGraphs([{ graph: 'https://example.org/g1', quads: await turtle('ex:a ex:p ex:b .') }])
    await store.close()
    await writeFile(join(dataDir, 'graphs', 'half-written.nq.tmp'), 'garbage')

    const reopened = await EmbeddedStore.open(dataDir)
    expect((await reopened.quads()).map(q => q.object.value)).toEqual(['https://example.org/b'])
    expect(await readdir(join(dataDir, 'graphs'))).toHaveLength(1)
    await reopened.close()
  })

})
