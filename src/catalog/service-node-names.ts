/**
 * Stable names for the unnamed nodes of a service: an interface or offer stated as a blank node
 * (`sym:provides [ a sym:CallEventFeed ]`) gets an IRI minted from its service, its role and its
 * type or name — `<service>#provides-CallEventFeed`, or `…#PBX-offer-basic` for a service IRI
 * that has a fragment already — with `-2`, `-3` … for siblings that would share one, numbered in
 * the order of their content, never of the file. So answers, orders and invoices name the same
 * node the same way in every run, in every store (a SPARQL endpoint relabels blank nodes), and
 * whatever order the triples came in. Nodes with an IRI keep it; blank nodes that more than one
 * service points to stay blank.
 */
import { createHash } from 'node:crypto'
import { DataFactory } from 'n3'
import type { NamedNode, Quad, Term } from '@rdfjs/types'
import { catalogTerms as t } from './vocabulary.js'

/** The properties from a service to its own nodes, with the role each gives the name. */
const roles = new Map<string, string>([[t.provides, 'provides'], [t.requires, 'requires'], [t.optionallyRequires, 'optionally-requires'], [t.offers, 'offer']])

/** Is `predicate` one that points from a service to a node of its own (interface, offer)? */
export function isServiceNodePredicate (predicate: string): boolean {
  return roles.has(predicate)
}

function localName (iri: string): string {
  return iri.replace(/^.*[#/:]/, '')
}

/** Letters, digits and dashes: a readable part of an IRI fragment. */
function slug (text: string): string {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60)
}

/** The quads with the service nodes described above renamed; the input itself is not changed. */
export function nameServiceNodes (quads: readonly Quad[]): Quad[] {
  const bySubject = new Map<string, Quad[]>()
  const pointers = new Map<string, Quad[]>()
  const used = new Set<string>()
  for (const q of quads) {
    if (q.subject.termType === 'NamedNode') used.add(q.subject.value)
    if (q.subject.termType === 'BlankNode') {
      const list = bySubject.get(q.subject.value)
      if (list === undefined) bySubject.set(q.subject.value, [q])
      else list.push(q)
    }
    if (q.object.termType === 'BlankNode') {
      const list = pointers.get(q.object.value)
      if (list === undefined) pointers.set(q.object.value, [q])
      else list.push(q)
    }
  }
  // Candidates grouped by the name they would get.
  const groups = new Map<string, Array<{ node: string, content: string }>>()
  for (const [node, from] of pointers) {
    const [only] = from
    if (from.length !== 1 || only!.subject.termType !== 'NamedNode') continue
    const role = roles.get(only!.predicate.value)
    if (role === undefined) continue
    const own = bySubject.get(node) ?? []
    const label = role === 'offer'
      ? slug(own.find(q => q.predicate.value === t.name && q.object.termType === 'Literal')?.object.value ?? '') || 'offer'
      : own.map(q => q.predicate.value === t.type && q.object.termType === 'NamedNode' ? localName(q.object.value) : '').filter(Boolean).sort()[0] ?? 'interface'
    const service = only!.subject.value
    const base = `${service}${service.includes('#') ? '-' : '#'}${role}-${label}`
    const content = own.map(q => `${q.predicate.value} ${q.object.termType === 'BlankNode' ? '_' : `${q.object.termType}:${q.object.value}`}`).sort().join('\n')
    const group = groups.get(base)
    if (group === undefined) groups.set(base, [{ node, content }])
    else group.push({ node, content })
  }
  const names = new Map<string, NamedNode>()
  for (const [base, members] of groups) {
    members.sort((a, b) => digest(a.content).localeCompare(digest(b.content)))
    let n = members.length === 1 ? 0 : 1
    for (const { node } of members) {
      let name = n === 0 ? base : `${base}-${n}`
      while (used.has(name)) name = `${base}-${++n}`
      used.add(name)
      names.set(node, DataFactory.namedNode(name))
      n++
    }
  }
  if (names.size === 0) return quads.slice()
  const rename = <T extends Term>(term: T): T => (term.termType === 'BlankNode' ? names.get(term.value) ?? term : term) as T
  return quads.map(q => names.has(q.subject.value) || names.has(q.object.value)
    ? DataFactory.quad(rename(q.subject), q.predicate, rename(q.object), q.graph) as Quad
    : q)
}

function digest (text: string): string {
  return createHash('sha256').update(text).digest('hex')
}
