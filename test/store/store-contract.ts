/** The behaviour every `Store` implementation must have, run against each of them. */
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { graphs } from '../../src/project.js'
import { parseRdf } from '../../src/rdf/index.js'
import type { Literal, Quad } from '@rdfjs/types'
import type { Store } from '../../src/store/index.js'

export interface StoreUnderTest {
  readonly store: Store
  /** Prefix for graph IRIs this test may use. */
  readonly base: string
}

const turtle = (text: string) => parseRdf(`@prefix ex: <https://example.org/> .\n${text}`, { format: 'turtle' })

const rows = (quads: Awaited<ReturnType<Store['quads']>>) =>
  quads.map(q => [q.subject.termType === 'BlankNode' ? '_' : q.subject.value, q.predicate.value, q.object.termType === 'BlankNode' ? '_' : q.object.value, q.graph.value]).sort()

export function describeStoreContract (name: string, open: () => Promise<StoreUnderTest>, options: { skip?: string } = {}): void {
  // A skipped contract still declares every test, so the run reports each one as skipped.
  describe.skipIf(options.skip !== undefined)(`${name} (store contract)${options.skip === undefined ? '' : ` — ${options.skip}`}`, () => {
    it('lists, replaces and deletes graphs', async () => {
      const { store, base } = await open()
      await store.putGraphs([
        { graph: `${base}g1`, quads: await turtle('ex:a ex:p ex:b .') },
        { graph: `${base}g2`, quads: await turtle('ex:a ex:p ex:c , ex:d .') }
      ])
      expect(await store.graphs()).toEqual([{ graph: `${base}g1`, triples: 1 }, { graph: `${base}g2`, triples: 2 }])
      await store.putGraphs([{ graph: `${base}g1`, quads: await turtle('ex:a ex:q ex:e .') }])
      await store.deleteGraphs([`${base}g2`])
      expect(rows(await store.quads())).toEqual([['https://example.org/a', 'https://example.org/q', 'https://example.org/e', `${base}g1`]])
      await store.close()
    })

    it('keeps blank nodes of one graph connected and apart from other graphs', async () => {
      const { store, base } = await open()
      const quads = await turtle('ex:s ex:provides [ a ex:T ; ex:v "1" ] , [ a ex:U ] .')
      await store.putGraphs([{ graph: `${base}g1`, quads }, { graph: `${base}g2`, quads }])
      const result = await store.query(`SELECT (COUNT(DISTINCT ?i) AS ?n) WHERE { GRAPH ?g { ?s <https://example.org/provides> ?i . ?i a ?t } FILTER(STRSTARTS(STR(?g), "${base}")) }`)
      expect(result.type === 'bindings' && result.rows[0]!.n!.value).toBe('4')
      const g1 = await store.graph(`${base}g1`)
      const typed = g1.filter(q => q.predicate.value.endsWith('#type')).map(q => q.subject.value)
      const valued = g1.filter(q => q.predicate.value === 'https://example.org/v').map(q => q.subject.value)
      expect(g1).toHaveLength(5)
      expect(typed).toContain(valued[0])
      await store.close()
    })

    it('answers SELECT, ASK and CONSTRUCT, and rejects bad SPARQL', async () => {
      const { store, base } = await open()
      const a = `${base}a`
      await store.putGraphs([{ graph: `${base}g1`, quads: await turtle(`<${a}> ex:p "x"@de ; ex:q ex:b .`) }])
      const select = await store.query(`SELECT ?o WHERE { <${a}> <https://example.org/p> ?o }`)
      expect(select.type === 'bindings' && { variables: select.variables, values: select.rows.map(r => [r.o!.value, (r.o as { language?: string }).language]) })
        .toEqual({ variables: ['o'], values: [['x', 'de']] })
      expect(await store.query(`ASK { <${a}> ?p ?o }`)).toEqual({ type: 'boolean', value: true })
      const construct = await store.query(`CONSTRUCT { ?o ?p ?s } WHERE { ?s ?p ?o . FILTER(?s = <${a}> && isIRI(?o)) }`)
      expect(construct.type === 'quads' && construct.quads.map(q => q.object.value)).toEqual([a])
      await expect(store.query('SELECT WHERE {')).rejects.toMatchObject({ code: 'INVALID_QUERY' })
      await store.close()
    })

    it('changes its version with every write', async () => {
      const { store, base } = await open()
      const first = await store.version()
      await store.putGraphs([{ graph: `${base}v`, quads: await turtle('ex:a ex:p ex:b .') }])
      const second = await store.version()
      await store.deleteGraphs([`${base}v`])
      const third = await store.version()
      expect(new Set([first, second, third]).size).toBe(3)
      expect(await store.version()).toBe(third)
      await store.close()
    })

    it('keeps a public version that writes to private graphs (orders, configurations) leave alone', async () => {
      const { store, base } = await open()
      const privateGraph = `${graphs.operations}store-contract/${randomUUID()}`
      const versions = async () => ({ all: await store.version(), public: await store.version({ publicOnly: true }) })
      const first = await versions()
      await store.putGraphs([{ graph: privateGraph, quads: await turtle('ex:order ex:state "completed" .') }])
      const afterPrivate = await versions()
      expect([afterPrivate.all === first.all, afterPrivate.public]).toEqual([false, first.public])
      await store.putGraphs([{ graph: `${base}public`, quads: await turtle('ex:a ex:p ex:b .') }, { graph: privateGraph, quads: await turtle('ex:order ex:state "failed" .') }])
      const afterPublic = await versions()
      expect([afterPublic.all === afterPrivate.all, afterPublic.public === afterPrivate.public]).toEqual([false, false])
      expect(rows(await store.quads({ publicOnly: true }))).toEqual([['https://example.org/a', 'https://example.org/p', 'https://example.org/b', `${base}public`]])
      expect((await store.graph(privateGraph)).map(q => q.object.value)).toEqual(['failed'])
      await store.deleteGraphs([privateGraph, `${base}public`])
      expect((await versions()).public === afterPublic.public).toBe(false)
      await store.close()
    })

    it('reads a graph larger than one result page completely', async () => {
      const { store, base } = await open()
      const many = Array.from({ length: 25 }, (_, i) => `ex:a ex:p ex:o${i} .`).join('\n')
      await store.putGraphs([{ graph: `${base}big`, quads: await turtle(many + '\nex:b ex:p [ ex:q [ ex:r "deep" ] ] .') }])
      const quads = await store.graph(`${base}big`)
      expect(quads).toHaveLength(28)
      expect(new Set(quads.map(q => q.object.termType === 'BlankNode' ? '_' : q.object.value)).size).toBe(27)
      const [middle] = quads.filter(q => q.predicate.value === 'https://example.org/q')
      expect(quads.filter(q => q.subject.equals(middle!.object)).map(q => q.object.value)).toEqual(['deep'])
      await store.close()
    })

    it('reads every kind of literal back as written, across pages', async () => {
      const { store, base } = await open()
      const literals = [
        '"Berg"@de', '"Berg"', '"Berg"@en-gb', '"42"^^xsd:integer', '"true"^^xsd:boolean', '"2026-12-05T09:00:00Z"^^xsd:dateTime',
        '"P1Y2M"^^xsd:duration', '"PT4H"^^xsd:dayTimeDuration', '"P10Y"^^xsd:yearMonthDuration', '"09:00:00"^^xsd:time', '"a \\"quoted\\" back\\\\slash"', '"line one\\nline two\\ttab"',
        '"Grüße aus Köln 😀"@de', '"x"^^<https://example.org/custom>'
      ]
      const text = `@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n${literals.map((literal, i) => `ex:s ex:p${i} ${literal} .`).join('\n')}\nex:s ex:p <https://example.org/Straße> .`
      const written = await parseRdf(`@prefix ex: <https://example.org/> .\n${text}`, { format: 'turtle' })
      await store.putGraphs([{ graph: `${base}literals`, quads: written }])
      const key = (q: Quad): string => `${q.predicate.value} ${q.object.termType} ${q.object.value} ${q.object.termType === 'Literal' ? `${q.object.language}|${q.object.datatype.value}` : ''}`
      expect(new Set((await store.graph(`${base}literals`)).map(key))).toEqual(new Set(written.map(key)))
      // Query answers too: a duration keeps its lexical form and datatype
      const selected = await store.query(`SELECT ?o WHERE { GRAPH <${base}literals> { ?s <https://example.org/p6> ?o } }`)
      expect(selected.type === 'bindings' && selected.rows.map(row => [row.o!.value, (row.o as Literal).datatype.value])).toEqual([['P1Y2M', 'http://www.w3.org/2001/XMLSchema#duration']])
      const constructed = await store.query(`CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <${base}literals> { ?s ?p ?o FILTER(?p = <https://example.org/p7>) } }`)
      expect(constructed.type === 'quads' && constructed.quads.map(q => [q.object.value, (q.object as Literal).datatype.value])).toEqual([['PT4H', 'http://www.w3.org/2001/XMLSchema#dayTimeDuration']])
      await store.deleteGraphs([`${base}literals`])
      await store.close()
    })
  })
}
