/** On a remote store the API's SPARQL endpoint forwards queries to it (tested against Virtuoso). */
import { describe, expect, inject, it } from 'vitest'
import { buildApp } from '../../src/api/index.js'
import { openEngine } from '../../src/engine.js'

const virtuoso = inject('virtuoso')

describe.runIf(!('missing' in virtuoso))('SPARQL endpoint on a remote store', () => {
  it('answers SELECT and CONSTRUCT from the endpoint, with the cap applied', async () => {
    if ('missing' in virtuoso) return
    const engine = await openEngine({ endpoint: virtuoso })
    const app = buildApp(engine, { console: false, sparql: { resultCap: 3 } })
    try {
      const select = await app.inject({
        method: 'GET',
        url: `/sparql?query=${encodeURIComponent('SELECT ?label WHERE { GRAPH <https://w3id.org/symphony/graph/ontology> { <https://w3id.org/symphony/ontology#VirtualPBX> <http://www.w3.org/2000/01/rdf-schema#label> ?label } }')}`,
        headers: { accept: 'application/sparql-results+json' }
      })
      expect(select.statusCode).toBe(200)
      // SPARQL leaves the order of literals with different language tags undefined (§15.1): compare as a set.
      expect(select.json().results.bindings.map((b: { label: { value: string, 'xml:lang': string } }) => [b.label.value, b.label['xml:lang']]).sort())
        .toEqual([['Virtual PBX', 'en'], ['Virtuelle Telefonanlage', 'de']])

      const construct = await app.inject({
        method: 'GET',
        url: `/sparql?query=${encodeURIComponent('CONSTRUCT { ?c a <http://www.w3.org/2002/07/owl#Class> } WHERE { GRAPH <https://w3id.org/symphony/graph/ontology> { ?c <http://www.w3.org/2000/01/rdf-schema#subClassOf> <https://w3id.org/symphony/ontology#TelephonyService> } } LIMIT 2')}`,
        headers: { accept: 'application/n-triples' }
      })
      expect(construct.statusCode).toBe(200)
      expect(construct.body.trim().split('\n')).toHaveLength(2)

      // A duration stored by the remote store comes back as the XSD duration it was
      const duration = await app.inject({
        method: 'GET',
        url: `/sparql?query=${encodeURIComponent('SELECT ?v WHERE { GRAPH <https://w3id.org/symphony/graph/shapes> { ?s <http://www.w3.org/ns/shacl#defaultValue> ?v FILTER(STR(?v) = "P6Y") } } LIMIT 1')}`,
        headers: { accept: 'application/sparql-results+json' }
      })
      expect(duration.json().results.bindings[0].v).toEqual({ type: 'typed-literal', datatype: 'http://www.w3.org/2001/XMLSchema#duration', value: 'P6Y' })

      // A query the endpoint refuses is a 400 with its words, but not where the store lives.
      const refused = await app.inject({ method: 'GET', url: `/sparql?query=${encodeURIComponent('SELECT ?x WHERE { BIND(1 AS ?x) BIND(2 AS ?x) }')}&lang=de` })
      const problem = refused.json()
      expect([refused.statusCode, problem.code]).toEqual([400, 'INVALID_QUERY'])
      expect(problem.messages.en).toMatch(/^SPARQL query at the store's endpoint answered 400: \S/)
      expect(problem.messages.de).toMatch(/^die SPARQL-Abfrage am Endpunkt des Speichers wurde mit 400 beantwortet: \S/)
      expect(refused.body).not.toContain(new URL(virtuoso.queryUrl).host)

      const tooMany = await app.inject({ method: 'GET', url: `/sparql?query=${encodeURIComponent('SELECT * WHERE { GRAPH <https://w3id.org/symphony/graph/ontology> { ?s ?p ?o } }')}` })
      expect([tooMany.statusCode, tooMany.json().code]).toEqual([413, 'RESULT_TOO_LARGE'])
    } finally {
      await app.close()
      await engine.close()
    }
  })
})
