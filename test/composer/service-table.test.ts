/**
 * The per-request service table: only the services a goal can reach are candidates, and
 * prices are kept per catalog for the request parts they depend on.
 */
import { describe, expect, test } from 'vitest'
import { compileCatalog, type Catalog } from '../../src/catalog/index.js'
import { resolveRequest } from '../../src/composer/resolve-request.js'
import { buildServiceTable } from '../../src/composer/service-table.js'
import type { CompositionRequest } from '../../src/composer/index.js'
import { parseRdf } from '../../src/rdf/index.js'

const sym = 'https://w3id.org/symphony/ontology#'
const ex = 'https://example.org/table#'

const text = `@prefix sym: <${sym}> .
@prefix ex: <${ex}> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix schema: <https://schema.org/> .
ex:C0 rdfs:subClassOf sym:Interface . ex:C1 rdfs:subClassOf sym:Interface . ex:C2 rdfs:subClassOf sym:Interface .
ex:C1Fast rdfs:subClassOf ex:C1 . ex:N rdfs:subClassOf sym:Interface . ex:M rdfs:subClassOf sym:Interface . ex:Z rdfs:subClassOf sym:Interface .
ex:A1 a sym:Service ; sym:requires [ a ex:C0 ] ; sym:provides [ a ex:C1 ] ; schema:offers [ schema:priceCurrency "EUR" ; schema:priceSpecification [ sym:priceComponent sym:PerUserMonthly ; schema:price 2.00 ] ] .
ex:A2 a sym:Service ; sym:requires [ a ex:C1 ] , [ a ex:N ] ; sym:provides [ a ex:C2 ] ; schema:offers [ schema:priceCurrency "EUR" ; schema:priceSpecification [ sym:priceComponent sym:PerUserMonthly ; schema:price 3.00 ] ] .
ex:Fast a sym:Service ; sym:provides [ a ex:C1Fast ] ; schema:offers [ schema:priceCurrency "EUR" ; schema:priceSpecification [ sym:priceComponent sym:BaseMonthly ; schema:price 9.00 ] ] .
ex:Source a sym:Service ; sym:provides [ a ex:C0 ] .
ex:NProvider a sym:Service ; sym:requires [ a ex:M ] ; sym:provides [ a ex:N ] .
ex:MProvider a sym:Service ; sym:provides [ a ex:M ] .
ex:Consumer a sym:Service ; sym:requires [ a ex:C2 ] ; sym:provides [ a ex:Z ] .
ex:Unrelated1 a sym:Service ; sym:requires [ a ex:M ] ; sym:provides [ a ex:Z ] .
ex:Unrelated2 a sym:Service ; sym:provides [ a sym:Interface ] .
`

async function catalogOf (): Promise<Catalog> {
  return compileCatalog(await parseRdf(text, { format: 'turtle' }))
}

function table (catalog: Catalog, request: CompositionRequest): ReturnType<typeof buildServiceTable> {
  return buildServiceTable(catalog, resolveRequest(catalog, request))
}

describe('service table', () => {
  test('the candidates are the goal\'s providers and, recursively, the providers of every type their requirements name', async () => {
    const catalog = await catalogOf()
    const t = table(catalog, { available: [`${ex}C0`], wanted: [`${ex}C2`] })
    const names = t.candidates.map(s => t.services[s]!.id.slice(ex.length))
    // Fast provides a subclass of C1; Source provides the available C0; MProvider is needed by NProvider.
    // Consumer needs C2 but provides nothing a candidate needs; Unrelated* are never reached.
    expect(names).toEqual(['A1', 'A2', 'Fast', 'MProvider', 'NProvider', 'Source'])
    expect(t.services.map(s => s.id.slice(ex.length))).toEqual(['A1', 'A2', 'Consumer', 'Fast', 'MProvider', 'NProvider', 'Source', 'Unrelated1', 'Unrelated2'])
    expect(t.services.map((_, s) => t.isCandidate(s))).toEqual([true, true, false, true, true, true, true, false, false])
  })

  test('a service type goal starts from its instances', async () => {
    const catalog = await catalogOf()
    const t = table(catalog, { serviceTypes: [`${sym}Service`], limit: 1 })
    expect(t.candidates).toHaveLength(t.services.length)
  })

  test('prices are shared by requests that price alike and kept apart otherwise', async () => {
    const catalog = await catalogOf()
    const a2 = (request: CompositionRequest): ReturnType<ReturnType<typeof buildServiceTable>['entry']> => {
      const t = table(catalog, request)
      return t.entry(t.indexOf.get(`${ex}A2`)!)
    }
    const twelve = a2({ wanted: [`${ex}C2`], seats: 12 })
    const again = a2({ wanted: [`${ex}C2`], seats: 12, constraints: { requireDPA: true } })
    const three = a2({ wanted: [`${ex}C2`], seats: 3 })
    expect(twelve.priced.cents).toBe(3600)
    expect(again.priced).toBe(twelve.priced)
    expect(three.priced.cents).toBe(900)
    // The constraint verdict is the request's own.
    expect(twelve.assessment.violations).toBe(0)
    expect(again.assessment.violations).toBe(1)
  })
})
