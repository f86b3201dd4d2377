/**
 * Providers as billing parties, from their descriptions in the catalog: name (`schema:name`
 * or `rdfs:label`), country (`schema:address/schema:addressCountry`) and VAT id
 * (`schema:vatID`). Providers are businesses.
 */
import { iri } from '../rdf/index.js'
import type { Store } from '../store/index.js'
import type { PartyInput } from './types.js'

/** The parties of the given providers that the store describes with a country. */
export async function providerParties (store: Store, providers: readonly string[]): Promise<Map<string, PartyInput>> {
  const parties = new Map<string, PartyInput>()
  if (providers.length === 0) return parties
  const values = providers.map(p => `<${p}>`).join(' ')
  const result = await store.query(`SELECT ?p (SAMPLE(?n) AS ?name) (SAMPLE(?c) AS ?country) (SAMPLE(?v) AS ?vat) WHERE {
    VALUES ?p { ${values} }
    GRAPH ?g { ?p <${iri('schema', 'address')}> ?a . ?a <${iri('schema', 'addressCountry')}> ?c }
    OPTIONAL { GRAPH ?g2 { ?p <${iri('schema', 'name')}>|<${iri('rdfs', 'label')}> ?n } }
    OPTIONAL { GRAPH ?g3 { ?p <${iri('schema', 'vatID')}> ?v } }
  } GROUP BY ?p`)
  if (result.type !== 'bindings') return parties
  for (const row of result.rows) {
    const id = row.p?.value
    const country = row.country?.value
    if (id === undefined || country === undefined) continue
    parties.set(id, {
      id,
      name: row.name?.value ?? id,
      country: country.toUpperCase(),
      ...(row.vat === undefined ? {} : { vatId: row.vat.value }),
      business: true
    })
  }
  return parties
}
