/**
 * Unnamed interfaces and offers answer the same everywhere: the same JSON, byte for byte, from
 * two loads, from the triples in another order with other blank-node labels, from data put into
 * a data directory without an import and read back from its N-Quads files, and from two processes.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Quad } from '@rdfjs/types'
import { DataFactory } from 'n3'
import { openEngine, type Engine } from '../../src/engine.js'
import { parseRdf } from '../../src/rdf/index.js'
import { runInGroup, stopAllGroups } from '../support/process-group.js'

const projectRoot = join(import.meta.dirname, '..', '..')

const ex = 'https://example.org/blank#'
const description = `@prefix sym: <https://w3id.org/symphony/ontology#> .
@prefix schema: <https://schema.org/> .
@prefix ex: <https://example.org/blank#> .
ex:P a schema:Organization ; schema:name "P" .
ex:PBX a sym:VirtualPBX ; schema:name "PBX" ; schema:provider ex:P ;
  sym:provides [ a sym:CallEventFeed ; sym:protocol sym:HTTPS_REST ] , [ a sym:CallEventFeed ; sym:protocol sym:WebSocket ] ;
  schema:offers [ a schema:Offer ; schema:priceCurrency "EUR" ;
      schema:priceSpecification [ a schema:UnitPriceSpecification ; sym:priceComponent sym:BaseMonthly ; schema:price 19.00 ] ] ,
    [ a schema:Offer ; schema:priceCurrency "EUR" ;
      schema:priceSpecification [ a schema:UnitPriceSpecification ; sym:priceComponent sym:BaseMonthly ; schema:price 29.00 ] ] .
ex:CRM a sym:CRM ; schema:name "CRM" ; schema:provider ex:P ;
  sym:requires [ a sym:CallEventFeed ; sym:protocol sym:WebSocket ] ;
  schema:offers [ a schema:Offer ; schema:name "Standard" ; schema:priceCurrency "EUR" ;
    schema:priceSpecification [ a schema:UnitPriceSpecification ; sym:priceComponent sym:PerUserMonthly ; schema:price 5.00 ] ] .
`

/** The quads as N-Triples, in reverse order and with other blank-node labels. */
function reordered (quads: readonly Quad[]): string {
  const term = (t: Quad['subject'] | Quad['object']): string => t.termType === 'BlankNode'
    ? `_:other${t.value.replace(/[^A-Za-z0-9]/g, '')}`
    : t.termType === 'Literal' ? `${JSON.stringify(t.value)}${t.language !== '' ? `@${t.language}` : `^^<${t.datatype.value}>`}` : `<${t.value}>`
  return quads.slice().reverse().map(q => `${term(q.subject)} <${q.predicate.value}> ${term(q.object)} .`).join('\n') + '\n'
}

/** Every answer that names interfaces or offers, as one JSON text. */
async function answers (engine: Engine): Promise<string> {
  return JSON.stringify({
    match: await engine.match(`${ex}PBX`, `${ex}CRM`),
    combinable: await engine.combinable(`${ex}CRM`),
    discover: await engine.discover({ available: [], wanted: ['https://w3id.org/symphony/ontology#CallEventFeed'] }),
    compose: await engine.compose({ serviceTypes: ['https://w3id.org/symphony/ontology#VirtualPBX', 'https://w3id.org/symphony/ontology#CRM'], seats: 2 }),
    priceModel: await engine.priceModel()
  })
}

async function answersOf (options: Parameters<typeof openEngine>[0], before?: (engine: Engine) => Promise<void>): Promise<string> {
  const engine = await openEngine(options)
  try {
    await before?.(engine)
    return await answers(engine)
  } finally {
    await engine.close()
  }
}

describe('answers name unnamed interfaces and offers the same way everywhere', () => {
  let folder: string
  let quads: Quad[]
  let expected: string
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'symphony-stable-ids-'))
    quads = await parseRdf(description, { format: 'turtle' })
    await writeFile(join(folder, 'a.ttl'), description)
    await writeFile(join(folder, 'b.nt'), reordered(quads))
    expected = await answersOf({ dataFiles: [join(folder, 'a.ttl')] })
  })
  afterAll(async () => {
    await stopAllGroups()
    await rm(folder, { recursive: true, force: true })
  })

  it('names them in every answer, the siblings apart', () => {
    expect(expected).not.toMatch(/"_:/)
    for (const id of [`${ex}PBX-provides-CallEventFeed-`, `${ex}CRM-requires-CallEventFeed"`, `${ex}CRM-offer-standard"`, `${ex}PBX-offer-eur-`]) expect(expected).toContain(id)
    // The two EUR offers of the PBX (the price model lists both) by their content.
    expect(new Set(expected.match(/https:\/\/example\.org\/blank#PBX-offer-eur-[0-9a-f]{6}/g)).size).toBe(2)
  })

  it('answers byte for byte the same from a second load and from the triples in another order', async () => {
    expect(await answersOf({ dataFiles: [join(folder, 'a.ttl')] })).toBe(expected)
    expect(await answersOf({ dataFiles: [join(folder, 'b.nt')] })).toBe(expected)
  })

  it('answers the same from blank nodes stored without an import, and after reading the data directory back from its N-Quads files', async () => {
    const dataDir = join(folder, 'data')
    const graph = DataFactory.namedNode('https://example.org/graph/loaded-elsewhere')
    const stored = await answersOf({ dataDir }, async engine => {
      // As data loaded into the store by other means: the blank nodes go in as they are.
      await engine.store.putGraphs([{ graph: graph.value, quads: quads.map(q => DataFactory.quad(q.subject, q.predicate, q.object, graph) as Quad) }])
      expect((await engine.store.graph(graph.value)).some(q => q.object.termType === 'BlankNode' && q.predicate.value.endsWith('#provides'))).toBe(true)
    })
    expect(stored).toBe(expected)
    expect(await answersOf({ dataDir })).toBe(expected)
  })

  it('answers the same in two processes, from either file', async () => {
    const match = (file: string) => runInGroup(process.execPath, ['--import', 'tsx', join(projectRoot, 'src/cli/bin.ts'), 'match', `${ex}PBX`, `${ex}CRM`, '--data', join(folder, file)], { cwd: projectRoot, timeout: 120_000 })
    const [first, second] = [await match('a.ttl'), await match('b.nt')]
    expect(first.stdout).toBe(second.stdout)
    expect(first.stdout).toContain(`${ex}CRM-requires-CallEventFeed`)
    expect(first.stdout).not.toMatch(/_:/)
  }, 240_000)
})
