/**
 * The body an HTTP adapter sends for one item: a fixed envelope (item, action, idempotency key,
 * seats, callback URL, provider reference) and the `lines` the provider's payload query selects
 * from the item's RDF. Without a payload query each line is `{ service, offer, monthlyPrice }`.
 */
import { DataFactory } from 'n3'
import type { Quad, Term } from '@rdfjs/types'
import { SymphonyError } from '../errors.js'
import { iri, ns, terms } from '../rdf/index.js'
import { MemoryStore } from '../store/index.js'
import type { Order, OrderItem } from './types.js'

export type PayloadValue = string | number | boolean
export type PayloadLine = Readonly<Record<string, PayloadValue>>

export interface Payload {
  readonly order: string
  readonly item: string
  readonly action: OrderItem['action']
  readonly idempotencyKey: string
  readonly customer: string
  readonly customerName: string
  readonly seats: number
  readonly concurrentSeats: number
  /** Where the provider reports progress (POST, with its provider token). */
  readonly callback: string
  /** The provider's reference from an earlier answer (for modify and cancel). */
  readonly reference?: string
  readonly lines: readonly PayloadLine[]
}

const { namedNode, blankNode, literal, quad, defaultGraph } = DataFactory

/** The item as RDF: what a payload query runs over (with the configurations and the service descriptions). */
export function itemQuads (order: Order, item: OrderItem): Quad[] {
  const s = namedNode(itemIri(order, item))
  const g = defaultGraph()
  const out: Quad[] = [
    quad(s, namedNode(terms.type), namedNode(iri('sym', 'OrderItem')), g),
    quad(s, namedNode(iri('sym', 'action')), literal(item.action), g),
    quad(s, namedNode(iri('sym', 'seats')), literal(String(order.seats), namedNode(`${ns.xsd}integer`)), g),
    quad(s, namedNode(iri('sym', 'concurrentSeats')), literal(String(order.concurrentSeats), namedNode(`${ns.xsd}integer`)), g),
    quad(s, namedNode(iri('sym', 'customerName')), literal(order.customerName), g),
    quad(s, namedNode(iri('schema', 'customer')), namedNode(order.customer), g),
    quad(s, namedNode(iri('schema', 'provider')), namedNode(item.provider), g)
  ]
  for (const line of item.lines) {
    const node = blankNode()
    out.push(quad(s, namedNode(iri('sym', 'orderLine')), node, g))
    out.push(quad(node, namedNode(iri('sym', 'orderedService')), namedNode(line.service), g))
    if (line.monthlyCents !== null) {
      out.push(quad(node, namedNode(iri('sym', 'monthlyPrice')), literal((line.monthlyCents / 100).toFixed(2), namedNode(`${ns.xsd}decimal`)), g))
    }
    if (order.currency !== null) out.push(quad(node, namedNode(iri('schema', 'priceCurrency')), literal(order.currency), g))
  }
  return out
}

/** The IRI of an item: the order's, with `/items/<id>`. */
export function itemIri (order: Order, item: OrderItem): string {
  return `${order.iri}/items/${item.id}`
}

/**
 * Runs the provider's payload query over the item, its configurations and the service
 * descriptions; each row becomes a line (integers and decimals as numbers, booleans as booleans).
 */
export async function payloadLines (query: string | undefined, order: Order, item: OrderItem, context: readonly Quad[]): Promise<PayloadLine[]> {
  if (query === undefined) {
    return item.lines.map(line => ({
      service: line.service,
      ...(line.offer === null || line.offer.startsWith('_:') ? {} : { offer: line.offer }),
      ...(line.monthlyCents === null ? {} : { monthlyPrice: line.monthlyCents / 100 })
    }))
  }
  const store = new MemoryStore()
  try {
    await store.putGraphs([{ graph: 'urn:symphony:order-item', quads: [...itemQuads(order, item), ...context] }], { durable: false })
    const result = await store.query(query)
    if (result.type !== 'bindings') {
      throw new SymphonyError('INVALID_QUERY', {
        en: `the payload query of ${item.provider} must be a SELECT query`,
        de: `die Payload-Abfrage von ${item.provider} muss eine SELECT-Abfrage sein`
      })
    }
    return result.rows.map(row => Object.fromEntries(Object.entries(row).map(([name, term]) => [name, jsonValue(term)])))
  } finally {
    await store.close()
  }
}

function jsonValue (term: Term): PayloadValue {
  if (term.termType !== 'Literal') return term.value
  const datatype = term.datatype.value
  if (datatype === `${ns.xsd}boolean`) return term.value === 'true'
  if (/#(integer|decimal|double|float|int|long|short|nonNegativeInteger|positiveInteger)$/.test(datatype) && datatype.startsWith(ns.xsd)) {
    const number = Number(term.value)
    if (Number.isFinite(number)) return number
  }
  return term.value
}
