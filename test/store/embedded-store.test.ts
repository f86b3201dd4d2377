import { createHash } from 'node:crypto'
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { parseRdf } from '../../src/rdf/index.js'
import { EmbeddedStore } from '../../src/store/index.js'
import { toNQuads } from '../../src/store/n-quads.js'

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

  it('takes writes started together one after another: each is kept, in the order they were made', async () => {
    const store = await EmbeddedStore.open(dataDir)
    const graph = (n: number) => `https://example.org/g${n % 5}`
    // Twenty writes at once over five graphs (several writing the same graph), and deletions between them.
    const quads = await Promise.all(Array.from({ length: 20 }, async (_, n) => turtle(`ex:w${n} ex:p ex:o .`)))
    await Promise.all(quads.map(async (q, n) => n % 7 === 6 ? store.deleteGraphs([graph(n)]) : store.putGraphs([{ graph: graph(n), quads: q }])))
    // The last write of each graph wins: g0 ← 15, g1 ← 16, g2 ← 17, g3 ← 18, g4 ← 19.
    const expected = [['https://example.org/w15', 'https://example.org/g0'], ['https://example.org/w16', 'https://example.org/g1'], ['https://example.org/w17', 'https://example.org/g2'], ['https://example.org/w18', 'https://example.org/g3'], ['https://example.org/w19', 'https://example.org/g4']]
    const contents = async (s: EmbeddedStore) => (await s.quads()).map(q => [q.subject.value, q.graph.value]).sort((a, b) => a[1]!.localeCompare(b[1]!))
    expect(await contents(store)).toEqual(expected)
    await store.close()

    const reopened = await EmbeddedStore.open(dataDir)
    expect(await contents(reopened)).toEqual(expected)
    expect((await readdir(dataDir)).sort()).toEqual(['graphs', 'lock'])
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

  it('reads a graph larger than one parse slice back quad for quad, and names the corrupt line of a later slice when first read', async () => {
    const lines = Array.from({ length: 12_000 }, (_, i) => `ex:s${i} ex:label "line ${i}\\nwith a break and \\"quotes\\" ${'x'.repeat(60)}"@en ; ex:part [ ex:n ${i} ] .`)
    const quads = await turtle(lines.join('\n'))
    const store = await EmbeddedStore.open(dataDir)
    await store.putGraphs([{ graph: 'https://example.org/big', quads }])
    const written = await store.graph('https://example.org/big')
    await store.close()
    const file = join(dataDir, 'graphs', (await readdir(join(dataDir, 'graphs'))).find(name => name.endsWith('.nq'))!)
    const text = await readFile(file, 'utf8')
    expect(text.length).toBeGreaterThan(2 * (1 << 20))

    const reopened = await EmbeddedStore.open(dataDir)
    expect((await reopened.graph('https://example.org/big')).map(q => q.toString() + q.graph.value).sort())
      .toEqual(written.map(q => q.toString() + q.graph.value).sort())
    await reopened.close()

    const broken = text.split('\n')
    broken[broken.length - 10] = 'this is not N-Quads'
    await writeFile(file, broken.join('\n'))
    // Counted in the graph's N-Quads, after the file's header line.
    expect(broken[0]).toBe('# graph <https://example.org/big>')
    // Opening reads the bytes only: the corrupt graph fails its first read, and every read after it.
    const corrupt = await EmbeddedStore.open(dataDir)
    try {
      await expect(corrupt.graph('https://example.org/big')).rejects.toThrow(`(<https://example.org/big>:${broken.length - 10}:`)
      await expect(corrupt.graph('https://example.org/big')).rejects.toMatchObject({ code: 'STORE_ERROR', location: { file: dataDir } })
      expect(await corrupt.graphs()).toEqual([{ graph: 'https://example.org/big', triples: written.length }])
    } finally {
      await corrupt.close()
    }
  })

  it('stores a graph with non-ASCII literals, in several chunks, as the UTF-8 of its N-Quads text, with the digest of those bytes across restarts', async () => {
    // Two-, three- and four-byte characters, in literals, a language tag's literal and an IRI.
    // Over two thousand quads: written in more than one chunk.
    const many = Array.from({ length: 4500 }, (_, i) => `ex:s${i} ex:label "Grüße ${i} 🎵" ; ex:part [ ex:n "東京 ${i}" ] .`).join('\n')
    const quads = await turtle(`ex:a ex:label "Grüße aus Köln"@de , "東京" , "🎵 ♪" ; ex:p <https://example.org/caf\u00e9> .\n${many}`)
    const store = await EmbeddedStore.open(dataDir)
    await store.putGraphs([{ graph: 'https://example.org/g1', quads }])
    const written = store.publicContent().digest
    // The quads as held: in the graph, blank nodes scoped to it.
    const text = toNQuads(await store.graph('https://example.org/g1'))
    await store.close()

    const [file] = await readdir(join(dataDir, 'graphs'))
    const bytes = await readFile(join(dataDir, 'graphs', file!))
    expect(bytes.equals(Buffer.from(`# graph <https://example.org/g1>\n${text}`, 'utf8'))).toBe(true)
    const reopened = await EmbeddedStore.open(dataDir)
    // Opening hashes the stored bytes: the same digest as the write took, so a snapshot stays current.
    expect(reopened.publicContent().digest).toBe(written)
    expect(createHash('sha256').update(bytes.subarray(bytes.indexOf(0x0a) + 1)).digest('hex')).toBe(createHash('sha256').update(text).digest('hex'))
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
