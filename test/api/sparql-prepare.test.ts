import { afterAll, describe, expect, it } from 'vitest'
import { prepareIn } from '../../src/api/sparql/runner.js'
import { WorkerHandle } from '../../src/api/sparql/worker-handle.js'
import type { PreparedQuery } from '../../src/api/sparql/prepare.js'
import type { SymphonyError } from '../../src/errors.js'
import { toCsv, toTsv } from '../../src/api/sparql/results.js'

const handle = new WorkerHandle()
afterAll(async () => { await handle.close() })

function prepareQuery (query: string, options: { cap: number }): Promise<PreparedQuery> {
  return prepareIn(handle, query, options.cap, 30_000)
}

async function failure (query: string): Promise<SymphonyError> {
  try {
    await prepareQuery(query, { cap: 10 })
  } catch (error) {
    return error as SymphonyError
  }
  throw new Error('expected a failure')
}

describe('preparing a query in the worker', () => {
  it('keeps a query with a small enough LIMIT as it is', async () => {
    const text = 'SELECT * WHERE { ?s ?p ?o } LIMIT 5'
    expect(await prepareQuery(text, { cap: 10 })).toEqual({ text, form: 'SELECT', cap: 10, from: { default: [], named: [] } })
  })

  it('adds LIMIT cap + 1 to queries without one or with a larger one', async () => {
    expect((await prepareQuery('SELECT * WHERE { ?s ?p ?o }', { cap: 10 })).text).toBe('SELECT * WHERE { ?s ?p ?o. }\nLIMIT 11')
    expect((await prepareQuery('CONSTRUCT WHERE { ?s ?p ?o } LIMIT 500', { cap: 10 })).text).toBe('CONSTRUCT { ?s ?p ?o. }\nWHERE { ?s ?p ?o. }\nLIMIT 11')
    expect(await prepareQuery('ASK { ?s ?p ?o }', { cap: 10 })).toEqual({ text: 'ASK { ?s ?p ?o }', form: 'ASK', cap: 10, from: { default: [], named: [] } })
  })

  it('moves FROM and FROM NAMED out of the text into the dataset', async () => {
    expect(await prepareQuery('ASK FROM <https://example.org/a> FROM NAMED <https://example.org/b> { ?s ?p ?o }', { cap: 10 })).toEqual({
      text: 'ASK WHERE { ?s ?p ?o. }', form: 'ASK', cap: 10, from: { default: ['https://example.org/a'], named: ['https://example.org/b'] }
    })
  })

  it('reports syntax errors with line and column', async () => {
    const error = await failure('SELECT * WHERE {\n  ?s ?p ?o .\n  ?s ?p }')
    expect(error.code).toBe('INVALID_QUERY')
    expect(error.location).toEqual({ line: 3, column: 9 })
    expect(error.message.startsWith('query:3:9: Expecting ')).toBe(true)
  })

  it('reports an undefined prefix where it is used', async () => {
    const error = await failure('SELECT * WHERE {\n  ?s ex:p ?o }')
    expect(error.code).toBe('INVALID_QUERY')
    expect(error.location).toEqual({ line: 2, column: 6 })
    expect(error.message).toBe('query:2:6: undefined prefix "ex" — declare it with PREFIX ex: <…>')
  })

  it('refuses updates', async () => {
    const error = await failure('INSERT DATA { <urn:a> <urn:b> <urn:c> }')
    expect(error.code).toBe('UPDATE_NOT_ALLOWED')
    expect(error.status).toBe(403)
  })

  it('refuses SERVICE wherever it stands, naming the endpoint in English and German', async () => {
    const internal = 'http://127.0.0.1:8890/sparql?default-graph-uri=https%3A%2F%2Fw3id.org%2Fsymphony%2Fgraph%2Fops%2Forders'
    for (const query of [
      `SELECT * WHERE { SERVICE <${internal}> { ?s ?p ?o } }`,
      `SELECT * WHERE { ?s ?p ?o OPTIONAL { SERVICE SILENT <${internal}> { ?s ?q ?v } } }`,
      `ASK { FILTER EXISTS { SERVICE <${internal}> { ?s ?p ?o } } }`,
      `CONSTRUCT { ?s ?p ?o } WHERE { { SELECT ?s WHERE { SERVICE <${internal}> { ?s ?p ?o } } } ?s ?p ?o }`,
      `DESCRIBE ?s WHERE { { ?s ?p ?o } UNION { GRAPH ?g { SERVICE <${internal}> { ?s ?p ?o } } } }`
    ]) {
      const error = await failure(query)
      expect([query, error.code, error.status]).toEqual([query, 'SERVICE_NOT_ALLOWED', 403])
      expect(error.messages).toEqual({
        en: `this endpoint answers over its own public graphs only: SERVICE <${internal}> (a federated query) is refused; send the part inside SERVICE to that endpoint yourself`,
        de: `dieser Endpunkt antwortet nur über seine eigenen öffentlichen Graphen: SERVICE <${internal}> (eine föderierte Abfrage) wird abgelehnt; senden Sie den Teil in SERVICE selbst an jenen Endpunkt`
      })
    }
    const byVariable = await failure('SELECT * WHERE { VALUES ?e { <http://127.0.0.1:8890/sparql> } SERVICE ?e { ?s ?p ?o } }')
    expect([byVariable.code, byVariable.message]).toEqual(['SERVICE_NOT_ALLOWED', 'this endpoint answers over its own public graphs only: SERVICE (a federated query) is refused; send the part inside SERVICE to that endpoint yourself'])
  })

  it('refuses IRIs under a private graph\'s prefix wherever they stand, and keeps every other graph', async () => {
    for (const query of [
      'ASK { GRAPH <https://w3id.org/symphony/graph/ops/orders/1> { ?s ?p ?o } }',
      'SELECT * WHERE { VALUES ?g { <https://w3id.org/symphony/graph/configuration/2> } GRAPH ?g { ?s ?p ?o } }',
      'SELECT * WHERE { ?s ?p ?o FILTER(?s = <https://w3id.org/symphony/graph/ops/tickets/3>) }'
    ]) {
      const error = await failure(query)
      expect([query, error.code, error.status]).toEqual([query, 'FORBIDDEN', 403])
    }
    const catalog = 'ASK { GRAPH <https://w3id.org/symphony/graph/import/acme> { ?s ?p ?o } }'
    expect((await prepareQuery(catalog, { cap: 10 })).text).toBe(catalog)
  })

  it('refuses functions named by IRI other than the XSD casts, which it keeps', async () => {
    for (const [query, iri] of [
      ['SELECT (<bif:sys_stat>("st_dbms_name") AS ?x) WHERE {}', 'bif:sys_stat'],
      ['SELECT * WHERE { ?s ?p ?o FILTER(<http://www.openlinksw.com/schemas/bif#contains>(?o, "x")) }', 'http://www.openlinksw.com/schemas/bif#contains'],
      ['PREFIX sql: <sql:> SELECT * WHERE { BIND(sql:anything(1) AS ?x) }', 'sql:anything']
    ] as const) {
      const error = await failure(query)
      expect([query, error.code, error.status, error.message]).toEqual([query, 'FUNCTION_NOT_ALLOWED', 403,
        `the function <${iri}> is refused: besides the built-in functions of SPARQL 1.1 only the XSD casts (xsd:integer(…), xsd:dateTime(…), …) may be called`])
      expect(error.messages.de).toBe(`die Funktion <${iri}> wird abgelehnt: außer den eingebauten Funktionen von SPARQL 1.1 dürfen nur die XSD-Umwandlungen (xsd:integer(…), xsd:dateTime(…), …) aufgerufen werden`)
    }
    const cast = 'PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> ASK { FILTER(xsd:integer("7") = 7 && STRLEN("ab") = 2) }'
    expect(await prepareQuery(cast, { cap: 10 })).toEqual({ text: cast, form: 'ASK', cap: 10, from: { default: [], named: [] } })
  })
})

describe('SPARQL results CSV and TSV', () => {
  const json = JSON.stringify({
    head: { vars: ['s', 'label', 'n'] },
    results: {
      bindings: [
        { s: { type: 'uri', value: 'https://example.org/a' }, label: { type: 'literal', value: 'say "hi", ok', 'xml:lang': 'en' }, n: { type: 'literal', value: '3', datatype: 'http://www.w3.org/2001/XMLSchema#integer' } },
        { s: { type: 'bnode', value: 'b0' }, label: { type: 'literal', value: 'two\nlines' } }
      ]
    }
  })

  it('writes CSV with quoting and CRLF', () => {
    expect(toCsv(json)).toBe('s,label,n\r\nhttps://example.org/a,"say ""hi"", ok",3\r\n_:b0,"two\nlines",\r\n')
  })

  it('writes TSV with terms in Turtle syntax', () => {
    expect(toTsv(json)).toBe('?s\t?label\t?n\n<https://example.org/a>\t"say \\"hi\\", ok"@en\t"3"^^<http://www.w3.org/2001/XMLSchema#integer>\n_:b0\t"two\\nlines"\t\n')
  })
})
