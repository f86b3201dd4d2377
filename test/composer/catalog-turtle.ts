/** Turtle the composer tests' hand-built catalogs share: their prefixes and a monthly price. */

const sym = 'https://w3id.org/symphony/ontology#'

/** The prefix lines of a catalog whose own terms are under `ex`. */
export function prefixLines (ex: string): string[] {
  return [`@prefix sym: <${sym}> .`, `@prefix ex: <${ex}> .`, '@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .', '@prefix schema: <https://schema.org/> .']
}

/** A service's offer of `price` euros a month. */
export function offer (price: number | string): string {
  return `schema:offers [ schema:priceCurrency "EUR" ; schema:priceSpecification [ sym:priceComponent sym:BaseMonthly ; schema:price ${price} ] ]`
}
