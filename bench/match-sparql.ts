/** The match benchmark's questions as SPARQL 1.1, for comunica over an n3 Store (same answer sets as the matcher). */
const prefixes = `PREFIX sym: <https://w3id.org/symphony/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
`

/** Services providing something comparable to the wanted type, every requirement covered by an available type. */
export function discoverQuery (available: readonly string[], wanted: string): string {
  const values = available.map(a => `<${a}>`).join(' ')
  return `${prefixes}SELECT DISTINCT ?service WHERE {
  ?service sym:provides ?p . ?p a ?pt .
  { ?pt rdfs:subClassOf* <${wanted}> } UNION { <${wanted}> rdfs:subClassOf* ?pt }
  FILTER NOT EXISTS {
    ?service sym:requires ?r . ?r a ?rt .
    FILTER NOT EXISTS {
      VALUES ?a { ${values} }
      { ?a rdfs:subClassOf* ?rt } UNION { ?rt rdfs:subClassOf* ?a }
    }
  }
}`
}

/** Services linked to x in either direction, at any degree. */
export function combinableQuery (x: string): string {
  return `${prefixes}SELECT DISTINCT ?other WHERE {
  {
    <${x}> sym:provides/a ?pt . ?other sym:requires/a ?rt .
    { ?pt rdfs:subClassOf* ?rt } UNION { ?rt rdfs:subClassOf* ?pt }
    FILTER (?other != <${x}>)
  } UNION {
    <${x}> sym:requires/a ?rt . ?other sym:provides/a ?pt .
    { ?pt rdfs:subClassOf* ?rt } UNION { ?rt rdfs:subClassOf* ?pt }
    FILTER (?other != <${x}>)
  }
}`
}
