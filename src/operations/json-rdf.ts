/**
 * Operations records (orders, subscriptions, events) as RDF in their own named graph, and
 * back: each key of a record is a property in the `ops:` namespace, nested records are blank
 * nodes, arrays are RDF lists (order kept), numbers are xsd:integer or xsd:decimal, and the
 * keys listed in `iriKeys` hold IRIs. The mapping is total for JSON-able records, so a record
 * read back equals the one written.
 */
import { DataFactory } from 'n3'
import type { BlankNode, NamedNode, Quad, Quad_Object, Term } from '@rdfjs/types'
import { ns, terms } from '../rdf/index.js'
import { SymphonyError } from '../errors.js'

/** Namespace of the operations records' properties and classes. */
export const opsNamespace = 'https://w3id.org/symphony/ops#'

/** Keys whose string values are IRIs (so SPARQL over the operations graphs can join on them). */
const iriKeys = new Set(['iri', 'customer', 'provider', 'service', 'subscription', 'subject'])

const { namedNode, blankNode, literal, quad } = DataFactory
const xsd = (local: string): NamedNode => namedNode(ns.xsd + local)
const rdfJson = namedNode(`${ns.rdf}JSON`)

type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue }

/** Keys whose value is stored whole as an `rdf:JSON` literal (free-form data such as a composition request). */
export interface RecordOptions {
  readonly jsonKeys?: readonly string[]
}

/**
 * The quads of a record, in `graph`, about `subject`, typed `ops:<type>`.
 *
 * @example
 * const quads = recordToQuads(order.iri, graph, 'Order', order, { jsonKeys: ['request'] })
 */
export function recordToQuads (subject: string, graph: string, type: string, record: object, options: RecordOptions = {}): Quad[] {
  const g = namedNode(graph)
  const out: Quad[] = []
  const jsonKeys = new Set(options.jsonKeys ?? [])
  const s = namedNode(subject)
  out.push(quad(s, namedNode(terms.type), namedNode(opsNamespace + type), g))
  const writeObject = (node: NamedNode | BlankNode, value: Record<string, unknown>): void => {
    for (const [key, v] of Object.entries(value)) {
      if (v === undefined) continue
      const predicate = namedNode(opsNamespace + key)
      if (jsonKeys.has(key)) {
        out.push(quad(node, predicate, literal(JSON.stringify(v), rdfJson), g))
        continue
      }
      out.push(quad(node, predicate, term(key, v as JsonValue), g))
    }
  }
  const term = (key: string, value: JsonValue): Quad_Object => {
    if (value === null) return literal('null', rdfJson)
    if (typeof value === 'string') return iriKeys.has(key) && /^[a-z][a-z0-9+.-]*:[^\s<>"{}|\\^`]*$/i.test(value) ? namedNode(value) : literal(value)
    if (typeof value === 'number') return Number.isInteger(value) ? literal(String(value), xsd('integer')) : literal(String(value), xsd('decimal'))
    if (typeof value === 'boolean') return literal(String(value), xsd('boolean'))
    if (Array.isArray(value)) {
      let rest: NamedNode | BlankNode = namedNode(terms.nil)
      for (let i = value.length - 1; i >= 0; i--) {
        const cell = blankNode()
        out.push(quad(cell, namedNode(terms.first), term(key, value[i]!), g))
        out.push(quad(cell, namedNode(terms.rest), rest, g))
        rest = cell
      }
      return rest
    }
    const node = blankNode()
    writeObject(node, value)
    return node
  }
  writeObject(s, record as Record<string, unknown>)
  return out
}

/** Reads back the record `recordToQuads` wrote about `subject`. */
export function quadsToRecord<T> (quads: readonly Quad[], subject: string): T {
  const bySubject = new Map<string, Quad[]>()
  for (const q of quads) {
    const key = keyOf(q.subject)
    let list = bySubject.get(key)
    if (list === undefined) bySubject.set(key, list = [])
    list.push(q)
  }
  const readObject = (node: string): Record<string, JsonValue> => {
    const out: Record<string, JsonValue> = {}
    for (const q of bySubject.get(node) ?? []) {
      if (!q.predicate.value.startsWith(opsNamespace)) continue
      out[q.predicate.value.slice(opsNamespace.length)] = value(q.object)
    }
    return out
  }
  const value = (object: Term): JsonValue => {
    if (object.termType === 'Literal') {
      const datatype = object.datatype.value
      if (datatype === rdfJson.value) return JSON.parse(object.value) as JsonValue
      if (datatype === `${ns.xsd}integer` || datatype === `${ns.xsd}decimal`) return Number(object.value)
      if (datatype === `${ns.xsd}boolean`) return object.value === 'true'
      return object.value
    }
    if (object.termType === 'NamedNode') return object.value === terms.nil ? [] : object.value
    const outgoing = bySubject.get(keyOf(object)) ?? []
    if (outgoing.some(q => q.predicate.value === terms.first)) {
      const items: JsonValue[] = []
      let cell: Term | undefined = object
      while (cell !== undefined && cell.value !== terms.nil) {
        const cellQuads: Quad[] = bySubject.get(keyOf(cell)) ?? []
        const first = cellQuads.find(q => q.predicate.value === terms.first)
        if (first === undefined) break
        items.push(value(first.object))
        cell = cellQuads.find(q => q.predicate.value === terms.rest)?.object
      }
      return items
    }
    return readObject(keyOf(object))
  }
  if (!bySubject.has(subject)) throw new SymphonyError('NOT_FOUND', { en: `no operations record ${subject}`, de: `kein Betriebsdatensatz ${subject}` })
  return readObject(subject) as T
}

function keyOf (term: Term): string {
  return term.termType === 'BlankNode' ? `_:${term.value}` : term.value
}
