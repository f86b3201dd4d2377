/**
 * Literals a SPARQL endpoint would not keep as written. Virtuoso stores `xsd:duration`,
 * `xsd:dayTimeDuration` and `xsd:yearMonthDuration` as numbers and answers `"PT4H"` as
 * `"14400.0"^^xsd:dayTimeDuration` — a lexical form that is no duration at all, so a retention
 * period or a response time would come back broken. The remote store writes these literals with
 * a datatype of its own (same local name, `https://w3id.org/symphony/store/literal#`), which the
 * endpoint keeps as an opaque string, and turns them back into the XSD datatype on every read.
 */
import { DataFactory } from 'n3'
import type { Literal, Quad, Term } from '@rdfjs/types'

const xsd = 'http://www.w3.org/2001/XMLSchema#'
/** Where the remote store keeps the datatypes below. */
export const keptNamespace = 'https://w3id.org/symphony/store/literal#'
const kept = new Set(['duration', 'dayTimeDuration', 'yearMonthDuration'])

/** The quad as the endpoint should store it: a duration literal under the kept datatype. */
export function keptQuad (q: Quad): Quad {
  const o = q.object
  if (o.termType !== 'Literal' || !o.datatype.value.startsWith(xsd) || !kept.has(o.datatype.value.slice(xsd.length))) return q
  return DataFactory.quad(q.subject, q.predicate, DataFactory.literal(o.value, DataFactory.namedNode(keptNamespace + o.datatype.value.slice(xsd.length))), q.graph) as Quad
}

/** A term read from the endpoint with its XSD datatype back. */
export function restoredTerm<T extends Term> (term: T): T {
  if (term.termType !== 'Literal' || !(term as Literal).datatype.value.startsWith(keptNamespace)) return term
  return DataFactory.literal(term.value, DataFactory.namedNode(xsd + (term as Literal).datatype.value.slice(keptNamespace.length))) as unknown as T
}

/** A quad read from the endpoint with its XSD datatype back. */
export function restoredQuad (q: Quad): Quad {
  const o = restoredTerm(q.object)
  return o === q.object ? q : DataFactory.quad(q.subject, q.predicate, o, q.graph) as Quad
}

/**
 * An answer of the endpoint in any syntax with the XSD namespace back: the kept datatypes share
 * their local names with XSD's, so replacing the namespace (in full IRIs and in prefix
 * declarations alike) restores them.
 */
export function restoredText (text: string): string {
  return text.includes(keptNamespace) ? text.replaceAll(keptNamespace, xsd) : text
}
