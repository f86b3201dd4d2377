/**
 * An issued invoice as RDF with schema.org terms: a `schema:Invoice` with its number,
 * customer, seller, period, due date and totals, one `schema:OrderItem` per line (service,
 * provider, quantity, net amount), and the whole document as an `rdf:JSON` literal under
 * `rdf:value`, so the stored graph reads back into exactly the invoice that was issued.
 */
import { DataFactory } from 'n3'
import type { NamedNode, Quad, Quad_Object } from '@rdfjs/types'
import { SymphonyError } from '../errors.js'
import { iri, ns } from '../rdf/index.js'
import { formatMinor } from './decimal.js'
import type { IssuedInvoice } from './issued.js'

const { namedNode, blankNode, literal, quad } = DataFactory
const schema = (local: string): NamedNode => namedNode(iri('schema', local))
const rdfType = namedNode(`${ns.rdf}type`)
const rdfValue = namedNode(`${ns.rdf}value`)
const rdfJson = namedNode(`${ns.rdf}JSON`)
const xsd = (local: string): NamedNode => namedNode(iri('xsd', local))

/** The invoice's quads in `graph`. */
export function invoiceToQuads (issued: IssuedInvoice, graph: string): Quad[] {
  const g = namedNode(graph)
  const s = namedNode(issued.id)
  const { draft } = issued
  const amount = (minor: number): Quad_Object => literal(formatMinor(minor, draft.minorDigits), xsd('decimal'))
  const out: Quad[] = []
  const add = (subject: Quad['subject'], predicate: NamedNode, object: Quad_Object): void => { out.push(quad(subject, predicate, object, g)) }
  add(s, rdfType, schema('Invoice'))
  add(s, schema('identifier'), literal(issued.number))
  add(s, schema('category'), literal(issued.kind === 'invoice' ? 'invoice' : 'credit note'))
  add(s, schema('customer'), namedNode(issued.customer.id))
  add(s, schema('provider'), literal(issued.seller.name))
  add(s, schema('billingPeriod'), literal(`${draft.period.start}/${draft.period.end}`))
  add(s, schema('paymentDueDate'), literal(issued.dueDate, xsd('date')))
  add(s, schema('dateCreated'), literal(issued.issueDate, xsd('date')))
  if (issued.corrects !== undefined) add(s, schema('referencesOrder'), literal(issued.corrects.number))
  const total = blankNode()
  add(s, schema('totalPaymentDue'), total)
  add(total, rdfType, schema('PriceSpecification'))
  add(total, schema('price'), amount(draft.gross))
  add(total, schema('priceCurrency'), literal(draft.currency))
  add(total, schema('valueAddedTaxIncluded'), literal('true', xsd('boolean')))
  for (const line of draft.lines) {
    const item = blankNode()
    add(s, schema('referencesOrder'), item)
    add(item, rdfType, schema('OrderItem'))
    add(item, schema('orderedItem'), namedNode(line.service))
    add(item, schema('seller'), namedNode(line.provider))
    add(item, schema('identifier'), literal(line.priceComponent))
    add(item, schema('orderQuantity'), literal(line.quantity, xsd('decimal')))
    add(item, schema('price'), amount(line.net))
    add(item, schema('priceCurrency'), literal(draft.currency))
  }
  add(s, rdfValue, literal(JSON.stringify(issued), rdfJson))
  return out
}

/** The invoice stored in a graph by `invoiceToQuads`; `undefined` when the quads hold none. */
export function invoiceFromQuads (quads: readonly Quad[]): IssuedInvoice | undefined {
  const value = quads.find(q => q.predicate.value === rdfValue.value && q.object.termType === 'Literal' && q.object.datatype.value === rdfJson.value)
  if (value === undefined) return undefined
  try {
    return JSON.parse(value.object.value) as IssuedInvoice
  } catch (error) {
    const invoice = value.subject.value
    throw new SymphonyError('STORE_ERROR', { en: `stored invoice ${invoice} is not readable JSON`, de: `die gespeicherte Rechnung ${invoice} ist kein lesbares JSON` }, { node: invoice, cause: error })
  }
}
