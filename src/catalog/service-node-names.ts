/**
 * Stable names for the unnamed nodes of a service: an interface or offer stated as a blank node
 * (`sym:provides [ a sym:CallEventFeed ]`) gets an IRI minted from its service, its role and its
 * type or offer name — `<service>#provides-CallEventFeed`, or `…#PBX-offer-basic-plan` for a
 * service IRI that has a fragment already. Siblings that would share a name, or a name the graph
 * already uses, each get a short hash of their own content (`…-CallEventFeed-3fa2c1`), so a
 * sibling added later renames none of the others. Names depend only on the graph's content,
 * never on parse order or blank-node labels: answers, orders and invoices name the same node the
 * same way in every run, in every store (stores relabel blank nodes) and for any triple order.
 * Nodes with an IRI keep it; blank nodes that more than one triple points to stay blank.
 *
 * Every graph is named on its own, so naming a whole dataset, one stored graph or the file it
 * was imported from gives the same names. A sub-property of `sym:provides` (or of the other
 * three) stated in the quads, or among the `known` roles, points to a service's node just as
 * they do (`ex:providesCallFeed rdfs:subPropertyOf sym:provides`).
 */
import { createHash } from 'node:crypto'
import { DataFactory } from 'n3'
import type { NamedNode, Quad, Term } from '@rdfjs/types'
import type { ServiceNodeRoles } from './types.js'
import { catalogTerms as t } from './vocabulary.js'

const schemaPrice = 'https://schema.org/price'
const schemaPriceCurrency = 'https://schema.org/priceCurrency'

/** The properties from a service to its own nodes, with the role each gives the name. */
const roles: ServiceNodeRoles = new Map([[t.provides, 'provides'], [t.requires, 'requires'], [t.optionallyRequires, 'optionally-requires'], [t.offers, 'offer']])

const subPropertyOf = 'http://www.w3.org/2000/01/rdf-schema#subPropertyOf'
const equivalentProperty = 'http://www.w3.org/2002/07/owl#equivalentProperty'

/** Is `predicate` one that points from a service to a node of its own (interface, offer)? */
export function isServiceNodePredicate (predicate: string): boolean {
  return roles.has(predicate)
}

/**
 * The role properties with every sub-property (and equivalent property) the quads state of
 * one, transitively, each with the role of the property it specializes.
 */
export function serviceNodeRoles (quads: readonly Quad[], known: ServiceNodeRoles = roles): ServiceNodeRoles {
  const below = new Map<string, string[]>()
  const link = (sub: string, sup: string): void => {
    const list = below.get(sup)
    if (list === undefined) below.set(sup, [sub])
    else list.push(sub)
  }
  for (const q of quads) {
    if (q.subject.termType !== 'NamedNode' || q.object.termType !== 'NamedNode') continue
    if (q.predicate.value === subPropertyOf) link(q.subject.value, q.object.value)
    else if (q.predicate.value === equivalentProperty) {
      link(q.subject.value, q.object.value)
      link(q.object.value, q.subject.value)
    }
  }
  if (below.size === 0) return known
  const found = new Map(known)
  const queue = [...found.keys()]
  for (let property = queue.pop(); property !== undefined; property = queue.pop()) {
    for (const sub of below.get(property) ?? []) {
      if (found.has(sub)) continue
      found.set(sub, found.get(property)!)
      queue.push(sub)
    }
  }
  return found
}

/** Hex digits of the content hash a colliding name gets. */
const hashLength = 6

/**
 * The quads with the service nodes described above named; the input itself is not changed (the
 * same array comes back when there is nothing to name).
 */
export function nameServiceNodes (quads: readonly Quad[], known: ServiceNodeRoles = roles): readonly Quad[] {
  const index = indexBlankNodes(quads, serviceNodeRoles(quads, known))
  const names = new Map<string, NamedNode>()
  for (const [graph, candidates] of index.candidates) {
    const used = index.used.get(graph) ?? new Set<string>()
    const groups = new Map<string, string[]>()
    for (const node of candidates) {
      const base = baseName(node, index)
      const group = groups.get(base)
      if (group === undefined) groups.set(base, [node])
      else group.push(node)
    }
    for (const [base, members] of [...groups].sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0)) {
      if (members.length === 1 && !used.has(base)) {
        used.add(base)
        names.set(members[0]!, DataFactory.namedNode(base))
        continue
      }
      // Siblings by their content; identical ones (interchangeable) are told apart by a counter.
      const contents = members.map(node => ({ node, content: canonicalContent(node, index) }))
        .map(m => ({ ...m, hash: digest(m.content).slice(0, hashLength) }))
        .sort((a, b) => a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : a.content < b.content ? -1 : a.content > b.content ? 1 : 0)
      for (const { node, hash } of contents) {
        let name = `${base}-${hash}`
        for (let n = 2; used.has(name); n++) name = `${base}-${hash}-${n}`
        used.add(name)
        names.set(node, DataFactory.namedNode(name))
      }
    }
  }
  if (names.size === 0) return quads
  const rename = <T extends Term>(term: T): T => (term.termType === 'BlankNode' ? names.get(term.value) ?? term : term) as T
  return quads.map(q => (q.subject.termType === 'BlankNode' && names.has(q.subject.value)) || (q.object.termType === 'BlankNode' && names.has(q.object.value))
    ? DataFactory.quad(rename(q.subject), q.predicate, rename(q.object), q.graph) as Quad
    : q)
}

interface BlankIndex {
  /** Blank node → the quads it is the subject of. */
  readonly own: Map<string, Quad[]>
  /** Blank node → the quads that point to it. */
  readonly pointers: Map<string, Quad[]>
  /** Graph → the unnamed service nodes it holds. */
  readonly candidates: Map<string, string[]>
  /** Graph → the IRIs it uses (as subject or object): never minted again. */
  readonly used: Map<string, Set<string>>
  readonly roles: ServiceNodeRoles
}

function indexBlankNodes (quads: readonly Quad[], roles: ServiceNodeRoles): BlankIndex {
  const own = new Map<string, Quad[]>()
  const pointers = new Map<string, Quad[]>()
  const used = new Map<string, Set<string>>()
  const graphsOf = new Map<string, Set<string>>()
  const add = <V>(map: Map<string, V[]>, key: string, value: V): void => {
    const list = map.get(key)
    if (list === undefined) map.set(key, [value])
    else list.push(value)
  }
  for (const q of quads) {
    const graph = q.graph.value
    let iris = used.get(graph)
    if (iris === undefined) used.set(graph, iris = new Set())
    for (const term of [q.subject, q.object]) {
      if (term.termType === 'NamedNode') iris.add(term.value)
      if (term.termType === 'BlankNode') {
        const graphs = graphsOf.get(term.value)
        if (graphs === undefined) graphsOf.set(term.value, new Set([graph]))
        else graphs.add(graph)
      }
    }
    if (q.subject.termType === 'BlankNode') add(own, q.subject.value, q)
    if (q.object.termType === 'BlankNode') add(pointers, q.object.value, q)
  }
  const candidates = new Map<string, string[]>()
  for (const [node, from] of pointers) {
    // Only a node its service alone points to, within one graph, is the service's own.
    if (from.length !== 1 || graphsOf.get(node)!.size !== 1) continue
    const pointer = from[0]!
    if (pointer.subject.termType !== 'NamedNode' || !roles.has(pointer.predicate.value)) continue
    add(candidates, pointer.graph.value, node)
  }
  return { own, pointers, candidates, used, roles }
}

/** `<service>#<role>-<label>` (`-` instead of `#` after a service IRI with a fragment). */
function baseName (node: string, index: BlankIndex): string {
  const pointer = index.pointers.get(node)![0]!
  const role = index.roles.get(pointer.predicate.value)!
  const own = index.own.get(node) ?? []
  const label = role === 'offer' ? offerLabel(own) : interfaceLabel(own)
  const service = pointer.subject.value
  return `${service}${service.includes('#') ? '-' : '#'}${role}${label === '' ? '' : `-${label}`}`
}

/** The alphabetically first local name of the node's types. */
function interfaceLabel (own: readonly Quad[]): string {
  const names = own.filter(q => q.predicate.value === t.type && q.object.termType === 'NamedNode')
    .map(q => q.object.value.replace(/^.*[#/:]/, '').replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, ''))
    .filter(name => name !== '')
    .sort()
  return names[0] ?? ''
}

/** The offer's name (alphabetically first of its names) or else its price and currency, as a slug. */
function offerLabel (own: readonly Quad[]): string {
  const literals = (predicate: string): string[] => own.filter(q => q.predicate.value === predicate && q.object.termType === 'Literal').map(q => q.object.value)
  const named = literals(t.name).map(slug).filter(s => s !== '').sort()
  if (named.length > 0) return named[0]!
  const price = literals(schemaPrice).sort()[0]
  const currency = literals(schemaPriceCurrency).sort()[0]
  return slug([price, currency].filter(part => part !== undefined).join(' '))
}

/** Letters, digits and dashes: a readable part of an IRI fragment. */
function slug (text: string): string {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60)
}

/**
 * The node's own triples, sorted, with the blank nodes only it points to written out in place:
 * the same text for the same content whatever the labels and the order of the triples.
 */
function canonicalContent (node: string, index: BlankIndex, path: ReadonlySet<string> = new Set()): string {
  const inner = new Set([...path, node])
  return (index.own.get(node) ?? []).map(q => {
    const o = q.object
    const object = o.termType === 'NamedNode'
      ? `<${o.value}>`
      : o.termType === 'Literal'
        ? `${JSON.stringify(o.value)}${o.language !== '' ? `@${o.language}` : `^^<${o.datatype.value}>`}`
        : o.termType === 'BlankNode' && index.pointers.get(o.value)?.length === 1 && !inner.has(o.value)
          ? `[${canonicalContent(o.value, index, inner)}]`
          : '_'
    return `<${q.predicate.value}> ${object}`
  }).sort().join(' ; ')
}

function digest (text: string): string {
  return createHash('sha256').update(text).digest('hex')
}
