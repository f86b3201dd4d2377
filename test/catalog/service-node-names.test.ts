import { describe, expect, it } from 'vitest'
import type { Quad } from '@rdfjs/types'
import { DataFactory } from 'n3'
import { compileCatalog, nameServiceNodes } from '../../src/catalog/index.js'
import { parseRdf } from '../../src/rdf/index.js'

const description = `@prefix sym: <https://w3id.org/symphony/ontology#> .
@prefix schema: <https://schema.org/> .
@prefix ex: <https://example.org/blank#> .
ex:P a schema:Organization ; schema:name "P" .
ex:PBX a sym:VirtualPBX ; schema:name "PBX" ; schema:provider ex:P ;
  sym:provides [ a sym:CallEventFeed ; sym:protocol sym:HTTPS ] , [ a sym:CallEventFeed ; sym:protocol sym:SIP ] , [ a sym:CDRExport ] ;
  schema:offers [ a schema:Offer ; schema:name "Basic Plan" ] , [ a schema:Offer ; schema:priceCurrency "EUR" ; schema:price 9.90 ] , [ a schema:Offer ] .
<https://example.org/crm> a sym:CRM ; schema:name "CRM" ; schema:provider ex:P ;
  sym:requires _:shared .
ex:Other sym:requires _:shared .
_:shared a sym:CallEventFeed .
`

const ex = 'https://example.org/blank#'

/** Each quad as a line, blank nodes written `_`: equal for the same content under any labels. */
const lines = (quads: readonly Quad[]) => quads.map(q => `${q.subject.termType === 'BlankNode' ? '_' : q.subject.value} ${q.predicate.value} ${q.object.termType === 'BlankNode' ? '_' : q.object.value} ${q.graph.value}`).sort()

const namedSubjects = (quads: readonly Quad[]) => [...new Set(quads.filter(q => q.subject.termType === 'NamedNode').map(q => q.subject.value))].sort()

/** A deterministic shuffle (a small linear congruential generator), so a failure can be repeated. */
function shuffled<T> (items: readonly T[], seed: number): T[] {
  const out = items.slice()
  let state = seed
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2147483648
    const j = state % (i + 1)
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}

/** The same quads with every blank node relabelled (as another parse or a store would). */
function relabelled (quads: readonly Quad[], prefix: string): Quad[] {
  const term = <T extends Quad['subject'] | Quad['object']>(t: T): T => (t.termType === 'BlankNode' ? DataFactory.blankNode(prefix + t.value) : t) as T
  return quads.map(q => DataFactory.quad(term(q.subject), q.predicate, term(q.object), q.graph) as Quad)
}

describe('stable names of unnamed interfaces and offers', () => {
  it('names them from their service, role and type, offer name or price; same-named siblings by a hash of their content; shared nodes stay blank', async () => {
    const named = nameServiceNodes(await parseRdf(description, { format: 'turtle' }))
    expect(namedSubjects(named)).toEqual([
      `${ex}Other`,
      `${ex}P`,
      `${ex}PBX`,
      `${ex}PBX-offer`,
      `${ex}PBX-offer-9-90-eur`,
      `${ex}PBX-offer-basic-plan`,
      `${ex}PBX-provides-CDRExport`,
      `${ex}PBX-provides-CallEventFeed-3aa591`,
      `${ex}PBX-provides-CallEventFeed-ff832e`,
      'https://example.org/crm'
    ])
    // The hash follows the content: the SIP feed is always the same one.
    expect(named.filter(q => q.object.value === 'https://w3id.org/symphony/ontology#SIP').map(q => q.subject.value)).toEqual([`${ex}PBX-provides-CallEventFeed-3aa591`])
    // The node two services point to is nobody's own.
    expect(named.filter(q => q.subject.termType === 'BlankNode').map(q => q.object.value)).toEqual(['https://w3id.org/symphony/ontology#CallEventFeed'])
  })

  it('uses `#` after a service IRI without a fragment', async () => {
    const named = nameServiceNodes(await parseRdf(`@prefix sym: <https://w3id.org/symphony/ontology#> .
      <https://example.org/crm> sym:requires [ a sym:CallEventFeed ] ; sym:optionallyRequires [ a sym:CDRExport ] .`, { format: 'turtle' }))
    expect(named.map(q => q.object.value).filter(o => o.startsWith('https://example.org/crm')).sort())
      .toEqual(['https://example.org/crm#optionally-requires-CDRExport', 'https://example.org/crm#requires-CallEventFeed'])
  })

  it('gives the same names whatever the order of the triples and the blank-node labels', async () => {
    const quads = await parseRdf(description, { format: 'turtle' })
    const expected = lines(nameServiceNodes(quads))
    for (const seed of [1, 2, 3, 4, 5]) {
      expect(lines(nameServiceNodes(relabelled(shuffled(quads, seed), `s${seed}x`)))).toEqual(expected)
    }
  })

  it('tells apart offers that differ only in their nested price specifications, in either order', async () => {
    const offers = (first: string, second: string) => `@prefix sym: <https://w3id.org/symphony/ontology#> . @prefix schema: <https://schema.org/> .
      <https://example.org/s> sym:provides [ a sym:CDRExport ] ; schema:offers
        [ a schema:Offer ; schema:priceCurrency "EUR" ; schema:priceSpecification [ schema:price ${first} ] ] ,
        [ a schema:Offer ; schema:priceCurrency "EUR" ; schema:priceSpecification [ schema:price ${second} ] ] .`
    const priceByOffer = (quads: readonly Quad[]) => Object.fromEntries(quads.filter(q => q.predicate.value === 'https://schema.org/priceSpecification').map(q =>
      [q.subject.value, quads.find(p => p.subject.equals(q.object) && p.predicate.value === 'https://schema.org/price')!.object.value]))
    const forward = priceByOffer(nameServiceNodes(await parseRdf(offers('1', '2'), { format: 'turtle' })))
    const backward = priceByOffer(nameServiceNodes(await parseRdf(offers('2', '1'), { format: 'turtle' })))
    expect(forward).toEqual(backward)
    expect(Object.keys(forward).sort()).toEqual(['https://example.org/s#offer-eur-329fcd', 'https://example.org/s#offer-eur-93c7ee'])
  })

  it('keeps the names of siblings when another one is added', async () => {
    const feeds = (protocols: string[]) => `@prefix sym: <https://w3id.org/symphony/ontology#> .
      <https://example.org/s> sym:provides ${protocols.map(p => `[ a sym:CallEventFeed ; sym:protocol sym:${p} ]`).join(' , ')} .`
    // Each feed's name, by its protocol.
    const names = async (protocols: string[]) => Object.fromEntries(nameServiceNodes(await parseRdf(feeds(protocols), { format: 'turtle' }))
      .filter(q => q.predicate.value.endsWith('#protocol')).map(q => [q.object.value.replace(/^.*#/, ''), q.subject.value]))
    const two = await names(['HTTPS', 'SIP'])
    for (const added of ['WebSocket', 'FTP', 'SMTP', 'AMQP', 'MQTT']) {
      const three = await names(['HTTPS', 'SIP', added])
      expect(new Set(Object.values(three)).size).toBe(3)
      expect(three).toMatchObject(two)
    }
  })

  it('numbers siblings that are identical, and never takes an IRI the graph already uses', async () => {
    const quads = await parseRdf(`@prefix sym: <https://w3id.org/symphony/ontology#> .
      <https://example.org/s> sym:provides [ a sym:CDRExport ] ; sym:requires [ a sym:Feed ] , [ a sym:Feed ] .
      <https://example.org/s#provides-CDRExport> a sym:Something .
      <https://example.org/t> sym:uses <https://example.org/s#requires-Feed> .`, { format: 'turtle' })
    const objects = (predicate: string) => nameServiceNodes(quads).filter(q => q.predicate.value.endsWith(predicate)).map(q => q.object.value).sort()
    expect(objects('#provides')).toEqual(['https://example.org/s#provides-CDRExport-916c31'])
    expect(objects('#requires')).toEqual(['https://example.org/s#requires-Feed-3b1de5', 'https://example.org/s#requires-Feed-3b1de5-2'])
  })

  it('takes the alphabetically first of several offer names, whatever their order', async () => {
    const offer = (names: string) => `@prefix schema: <https://schema.org/> . <https://example.org/s> schema:offers [ schema:name ${names} ] .`
    for (const names of ['"Grundpaket"@de , "Basic package"@en', '"Basic package"@en , "Grundpaket"@de']) {
      expect(namedSubjects(nameServiceNodes(await parseRdf(offer(names), { format: 'turtle' })))).toEqual(['https://example.org/s', 'https://example.org/s#offer-basic-package'])
    }
  })

  it('names each graph on its own: a dataset gets the names its graphs get alone', async () => {
    const graph = (name: string, quads: readonly Quad[]) => quads.map(q => DataFactory.quad(q.subject, q.predicate, q.object, DataFactory.namedNode(name)) as Quad)
    const a = graph('urn:a', await parseRdf(description, { format: 'turtle' }))
    // The same service described again in another graph names its nodes there as well.
    const b = graph('urn:b', await parseRdf(`@prefix sym: <https://w3id.org/symphony/ontology#> . <${ex}PBX> sym:provides [ a sym:CDRExport ] .`, { format: 'turtle' }))
    expect(lines(nameServiceNodes([...a, ...b]))).toEqual(lines([...nameServiceNodes(a), ...nameServiceNodes(b)]))
  })

  it('leaves the quads as they are when nothing is unnamed', async () => {
    const quads = await parseRdf(`@prefix sym: <https://w3id.org/symphony/ontology#> . <https://example.org/s> sym:provides <https://example.org/s#feed> .`, { format: 'turtle' })
    expect(nameServiceNodes(quads)).toBe(quads)
  })

  it('leaves named quads as they are when named again (the compile names what a file read has named already)', async () => {
    const named = nameServiceNodes(await parseRdf(description, { format: 'turtle' }))
    // The node two services point to stays blank, so the second pass looks and finds nothing to name.
    expect(named.some(q => q.object.termType === 'BlankNode' && q.predicate.value === 'https://w3id.org/symphony/ontology#requires')).toBe(true)
    expect(nameServiceNodes(named)).toBe(named)
    const withoutShared = named.filter(q => q.subject.termType !== 'BlankNode' && q.object.termType !== 'BlankNode')
    expect(nameServiceNodes(withoutShared)).toBe(withoutShared)
  })

  it('is applied when the catalog is compiled, however the quads were loaded', async () => {
    const catalog = compileCatalog(await parseRdf(description, { format: 'turtle' }))
    const pbx = catalog.services.get(`${ex}PBX`)!
    expect(pbx.provides.map(i => i.id).sort()).toEqual([`${ex}PBX-provides-CDRExport`, `${ex}PBX-provides-CallEventFeed-3aa591`, `${ex}PBX-provides-CallEventFeed-ff832e`])
    expect(pbx.offers.map(o => o.id).sort()).toEqual([`${ex}PBX-offer`, `${ex}PBX-offer-9-90-eur`, `${ex}PBX-offer-basic-plan`])
  })

  it('names the nodes a sub-property of sym:provides points to, with the sub-property stated in the same or another graph', async () => {
    const vocabulary = `@prefix sym: <https://w3id.org/symphony/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix ex: <https://example.org/sub#> .
ex:feeds rdfs:subPropertyOf ex:providesCallFeed . ex:providesCallFeed rdfs:subPropertyOf sym:provides .
ex:sells rdfs:subPropertyOf <https://schema.org/offers> .`
    const service = `@prefix sym: <https://w3id.org/symphony/ontology#> .
@prefix schema: <https://schema.org/> .
@prefix ex: <https://example.org/sub#> .
ex:PBX a sym:VirtualPBX ; schema:name "PBX" ; ex:feeds [ a sym:CallEventFeed ] ; ex:sells [ a schema:Offer ; schema:name "Basic" ] .`
    const together = nameServiceNodes([...await parseRdf(vocabulary, { format: 'turtle' }), ...await parseRdf(service, { format: 'turtle' })])
    expect(namedSubjects(together)).toEqual(expect.arrayContaining(['https://example.org/sub#PBX-provides-CallEventFeed', 'https://example.org/sub#PBX-offer-basic']))
    // Alone, the description's own graph names nothing: it does not say what ex:feeds is …
    const alone = await parseRdf(service, { format: 'turtle', graph: 'urn:g:service' })
    expect(nameServiceNodes(alone)).toBe(alone)
    // … but the catalog, which knows, names the interface the same way and keeps the roles for naming one graph later.
    const catalog = compileCatalog([...await parseRdf(vocabulary, { format: 'turtle', graph: 'urn:g:vocabulary' }), ...alone])
    expect(catalog.services.get('https://example.org/sub#PBX')!.provides.map(i => i.id)).toEqual(['https://example.org/sub#PBX-provides-CallEventFeed'])
    const ofPbx = (quads: readonly Quad[]) => namedSubjects(quads).filter(s => s.startsWith('https://example.org/sub#PBX'))
    expect(ofPbx(nameServiceNodes(alone, catalog.serviceNodeRoles))).toEqual(ofPbx(together))
  })
})
