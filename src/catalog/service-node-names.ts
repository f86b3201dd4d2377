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
import type { Literal, NamedNode, Quad } from '@rdfjs/types'
import type { ServiceNodeRoles } from './types.js'
import { terms as rdfTerms } from '../rdf/index.js'
import { catalogTerms as t } from './vocabulary.js'

const schemaPrice = 'https://schema.org/price'
const schemaPriceCurrency = 'https://schema.org/priceCurrency'

/** The properties from a service to its own nodes, with the role each gives the name. */
const roles: ServiceNodeRoles = new Map([[t.provides, 'provides'], [t.requires, 'requires'], [t.optionallyRequires, 'optionally-requires'], [t.offers, 'offer']])

const { subPropertyOf, equivalentProperty } = rdfTerms

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
  const nodeRoles = serviceNodeRoles(quads, known)
  // The quads a compile reads were mostly named when their file was read: then nothing points
  // from a named node through a role property to a blank node, and nothing is indexed.
  if (!pointsToBlankNode(quads, nodeRoles)) return quads
  const index = indexBlankNodes(quads, nodeRoles)
  // Filled in name order, not node order: sized and filled first so it stays a plain array.
  const names = new Array<NamedNode | undefined>(index.firstOwn.length).fill(undefined)
  const labels = new Map<string, string>()
  for (const [graph, candidates] of index.candidates) {
    mintNames(candidates, index.used.get(graph) ?? new Set<string>(), node => baseName(node, index, labels), node => canonicalContent(node, index),
      (node, name) => { names[node] = DataFactory.namedNode(name) })
  }
  // A named node's own quads are those with its label as subject; its one pointer, the only
  // quad with its label as object.
  const named = quads.slice()
  let renamed = false
  for (const [node, name] of names.entries()) {
    if (name === undefined) continue
    renamed = true
    for (let i = index.firstOwn[node]!; i !== -1; i = index.nextOwn[i]!) {
      const q = named[i]!
      named[i] = DataFactory.quad(name, q.predicate, q.object, q.graph) as Quad
    }
    const i = index.pointer[node]!
    const q = named[i]!
    named[i] = DataFactory.quad(q.subject, q.predicate, name, q.graph) as Quad
  }
  return renamed ? named : quads
}

/**
 * Names the unnamed nodes of one graph: each by its base name (`baseName`), unless a sibling
 * shares it or the graph uses it (`used`); then by the base name and a short hash of its content
 * (`content`), identical siblings told apart by a counter (`used` gets each of those names).
 * Nodes are taken in the order given (their order of appearance), base names in sorted order.
 */
export function mintNames<N> (candidates: readonly N[], used: { has: (name: string) => boolean, add: (name: string) => unknown },
  baseName: (node: N) => string, content: (node: N) => string, name: (node: N, iri: string) => void): void {
  // Sorted by base name (stable: siblings stay in order of appearance), so siblings are runs;
  // no map and no set of 250,000 names at 100,000 services.
  const entries = candidates.map(node => ({ node, base: baseName(node) }))
    .sort((a, b) => a.base < b.base ? -1 : a.base > b.base ? 1 : 0)
  for (let i = 0; i < entries.length;) {
    const base = entries[i]!.base
    let end = i + 1
    while (end < entries.length && entries[end]!.base === base) end++
    // Every name checked from here on sorts after this base (a later base, or one with a
    // suffix): a base minted as it is never needs to be marked used.
    if (end === i + 1 && !used.has(base)) {
      name(entries[i]!.node, base)
      i = end
      continue
    }
    // Siblings by their content; identical ones (interchangeable) are told apart by a counter.
    const contents = entries.slice(i, end).map(({ node }) => ({ node, content: content(node) }))
      .map(m => ({ ...m, hash: digest(m.content).slice(0, hashLength) }))
      .sort((a, b) => a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : a.content < b.content ? -1 : a.content > b.content ? 1 : 0)
    for (const { node, hash } of contents) {
      let minted = `${base}-${hash}`
      for (let n = 2; used.has(minted); n++) minted = `${base}-${hash}-${n}`
      used.add(minted)
      name(node, minted)
    }
    i = end
  }
}

/** Does a quad point from a named node through a role property to a blank node (a node to name)? */
function pointsToBlankNode (quads: readonly Quad[], nodeRoles: ServiceNodeRoles): boolean {
  for (const q of quads) {
    if (q.object.termType === 'BlankNode' && q.subject.termType === 'NamedNode' && nodeRoles.has(q.predicate.value)) return true
  }
  return false
}

/** In `BlankIndex.pointer`: no quad points to the node; more than one does. */
const none = -1
const many = -2

/**
 * The blank nodes numbered in order of appearance, and per number: the quads the node is the
 * subject of (a list threaded through `nextOwn`, in quad order) and the one quad that points to it.
 */
interface BlankIndex {
  readonly quads: readonly Quad[]
  /** Blank-node label → number. */
  readonly numbers: Map<string, number>
  /** Node → the index of its first own quad, or -1. */
  readonly firstOwn: number[]
  /** Quad index → the next quad of the same blank subject, or -1. */
  readonly nextOwn: Int32Array
  /** Node → the index of the one quad that points to it, or `none` or `many`. */
  readonly pointer: number[]
  /** Graph → the unnamed service nodes it holds. */
  readonly candidates: Map<string, number[]>
  /** Graph → the IRIs it uses (as subject or object): never minted again. */
  readonly used: Map<string, Set<string>>
  readonly roles: ServiceNodeRoles
}

function indexBlankNodes (quads: readonly Quad[], roles: ServiceNodeRoles): BlankIndex {
  const numbers = new Map<string, number>()
  const firstOwn: number[] = []
  const lastOwn: number[] = []
  const nextOwn = new Int32Array(quads.length).fill(-1)
  const pointer: number[] = []
  // Node → the one graph it appears in, or null for more than one.
  const graphOf: Array<string | null> = []
  const used = new Map<string, Set<string>>()
  const numberOf = (label: string, graph: string): number => {
    let node = numbers.get(label)
    if (node === undefined) {
      numbers.set(label, node = firstOwn.length)
      firstOwn.push(-1)
      lastOwn.push(-1)
      pointer.push(none)
      graphOf.push(graph)
    } else if (graphOf[node] !== graph) {
      graphOf[node] = null
    }
    return node
  }
  let graph = ''
  let iris: Set<string> | undefined
  for (let i = 0; i < quads.length; i++) {
    const q = quads[i]!
    if (iris === undefined || q.graph.value !== graph) {
      graph = q.graph.value
      iris = used.get(graph)
      if (iris === undefined) used.set(graph, iris = new Set())
    }
    const { subject, object } = q
    if (subject.termType === 'NamedNode') iris.add(subject.value)
    else if (subject.termType === 'BlankNode') {
      const node = numberOf(subject.value, graph)
      if (firstOwn[node] === -1) firstOwn[node] = i
      else nextOwn[lastOwn[node]!] = i
      lastOwn[node] = i
    }
    if (object.termType === 'NamedNode') iris.add(object.value)
    else if (object.termType === 'BlankNode') {
      const node = numberOf(object.value, graph)
      pointer[node] = pointer[node] === none ? i : many
    }
  }
  const candidates = new Map<string, number[]>()
  for (const [node, from] of pointer.entries()) {
    // Only a node its service alone points to, within one graph, is the service's own.
    if (from < 0 || graphOf[node] === null) continue
    const q = quads[from]!
    if (q.subject.termType !== 'NamedNode' || !roles.has(q.predicate.value)) continue
    const list = candidates.get(q.graph.value)
    if (list === undefined) candidates.set(q.graph.value, [node])
    else list.push(node)
  }
  return { quads, numbers, firstOwn, nextOwn, pointer, candidates, used, roles }
}

/** The quads `node` is the subject of, in input order. */
function ownQuads (node: number, index: BlankIndex): Quad[] {
  const own: Quad[] = []
  for (let i = index.firstOwn[node]!; i !== -1; i = index.nextOwn[i]!) own.push(index.quads[i]!)
  return own
}

/** `<service>#<role>-<label>` (`-` instead of `#` after a service IRI with a fragment). */
function baseName (node: number, index: BlankIndex, labels: Map<string, string>): string {
  const pointer = index.quads[index.pointer[node]!]!
  const role = index.roles.get(pointer.predicate.value)!
  const own = ownQuads(node, index)
  const label = role === 'offer' ? offerLabel(own) : interfaceLabel(own, labels)
  return nodeName(pointer.subject.value, role, label)
}

/** `<service>#<role>-<label>` (`-` instead of `#` after a service IRI with a fragment). */
export function nodeName (service: string, role: string, label: string): string {
  // Joined, not concatenated: a concatenation stays a rope of its parts until read, and `mintNames`
  // sorts 650,000 of these names at 100,000 services (about three times as long over ropes).
  return [service, service.includes('#') ? '-' : '#', role, label === '' ? '' : '-', label].join('')
}

/** The alphabetically first local name of the node's types (`labels`: each type's, once worked out). */
function interfaceLabel (own: readonly Quad[], labels: Map<string, string>): string {
  let first: string | undefined
  for (const q of own) {
    if (q.predicate.value !== t.type || q.object.termType !== 'NamedNode') continue
    const name = typeLabel(q.object.value, labels)
    if (name !== '' && (first === undefined || name < first)) first = name
  }
  return first ?? ''
}

/** The local name of a type, as a name part (`labels`: each type's, once worked out). */
export function typeLabel (type: string, labels: Map<string, string>): string {
  let name = labels.get(type)
  if (name === undefined) labels.set(type, name = type.replace(/^.*[#/:]/, '').replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, ''))
  return name
}

/** The offer's name (alphabetically first of its names) or else its price and currency, as a slug. */
function offerLabel (own: readonly Quad[]): string {
  return offerLabelOf(predicate => own.filter(q => q.predicate.value === predicate && q.object.termType === 'Literal').map(q => q.object.value))
}

/** `offerLabel` given the literal values of an offer's predicates. */
export function offerLabelOf (literals: (predicate: string) => string[]): string {
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
function canonicalContent (node: number, index: BlankIndex, path: ReadonlySet<number> = new Set()): string {
  const inner = new Set([...path, node])
  return ownQuads(node, index).map(q => {
    const o = q.object
    const nested = o.termType === 'BlankNode' ? index.numbers.get(o.value)! : undefined
    const object = o.termType === 'NamedNode'
      ? `<${o.value}>`
      : o.termType === 'Literal'
        ? literalContent(o)
        : nested !== undefined && index.pointer[nested]! >= 0 && !inner.has(nested)
          ? `[${canonicalContent(nested, index, inner)}]`
          : '_'
    return `<${q.predicate.value}> ${object}`
  }).sort().join(' ; ')
}

/** A literal as `canonicalContent` writes it. */
export function literalContent (literal: Literal): string {
  return `${JSON.stringify(literal.value)}${literal.language !== '' ? `@${literal.language}` : `^^<${literal.datatype.value}>`}`
}

function digest (text: string): string {
  return createHash('sha256').update(text).digest('hex')
}
