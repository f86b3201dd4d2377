/**
 * The class and property hierarchies of a reasoned catalog as plain data that a worker thread
 * can hand back by structured cloning (typed arrays and strings, no closures), and the
 * `ClassHierarchy` and `PropertyHierarchy` rebuilt from it, answering exactly as the ones read
 * from the reasoned triples (`hierarchyOf`, `propertyHierarchyOf`): same sets in the same
 * order, same proof paths, same labels.
 */
import type { ClassHierarchy, LangText } from '../catalog/types.js'
import type { SliceClock } from '../turns.js'
import { terms as rdfTerms } from '../rdf/index.js'
import { classMarks, labelOf, proofGraph } from './hierarchy.js'
import type { PropertyHierarchy } from './property-hierarchy.js'
import type { Reasoned } from './reason.js'
import { shortestChain } from './reachability.js'
import { TermIds } from './term-ids.js'

/** Terms numbered between two looks at the clock in `hierarchySteps`. */
const termsPerLook = 256

/** What `hierarchySteps` needs; every id is an index into `terms`. */
export interface HierarchyData {
  /** The `termId` strings of the terms the hierarchies mention, in the reasoner's id order. */
  readonly terms: readonly string[]
  /** Ids of the classes, in first-seen order. */
  readonly classes: Int32Array
  /** `rdfs:subClassOf` pairs (sub, sup, sub, sup, …) in derivation order. */
  readonly subClassOf: Int32Array
  /** The subclass steps proof paths may take (stated or derived by a rule that is not a closure rule). */
  readonly proofSteps: Int32Array
  /** `rdfs:subPropertyOf` pairs in derivation order. */
  readonly subPropertyOf: Int32Array
}

/** The hierarchies' data of a reasoned catalog. Labels go separately (`labelsOf`): they are many. */
export function hierarchyData (reasoned: Reasoned): HierarchyData {
  const { terms, triples } = reasoned
  const pairs = (predicate: string): number[] => {
    const p = terms.iri(predicate)
    const out: number[] = []
    if (p !== undefined) for (const t of triples.withPredicate(p)) out.push(triples.s[t]!, triples.o[t]!)
    return out
  }
  const subClassOf = pairs(rdfTerms.subClassOf)
  const subPropertyOf = pairs(rdfTerms.subPropertyOf)
  // The ids `hierarchyOf(reasoned).classes()` gives the terms of, in that order, without a string
  // and a lookup per class (650,000 at 100,000 services).
  const isClass = classMarks(reasoned)
  const classes: number[] = []
  for (let id = 0; id < isClass.length; id++) if (isClass[id] === 1) classes.push(id)
  const proof = proofGraph(reasoned, terms.iri(rdfTerms.subClassOf) ?? -1)
  const proofSteps: number[] = []
  proof.out.forEach((targets, from) => { for (const to of targets) proofSteps.push(from, to) })
  // Local ids in the reasoner's order, so `classes` keeps its order and every set its own: the
  // ids used are marked, then numbered in one pass over the reasoner's ids (no sort, no Map).
  const local = new Int32Array(terms.size)
  for (const ids of [classes, subClassOf, subPropertyOf, proofSteps]) for (const id of ids) local[id] = 1
  const usedTerms: string[] = []
  for (let id = 0; id < local.length; id++) if (local[id] === 1) local[id] = usedTerms.push(terms.key(id))
  // A loop, not `Int32Array.from(ids, map)`: that calls the function through the iterator
  // protocol per item, about ten times slower over the millions of ids of 100,000 services.
  const localIds = (ids: readonly number[]): Int32Array => {
    const out = new Int32Array(ids.length)
    for (let i = 0; i < ids.length; i++) out[i] = local[ids[i]!]! - 1
    return out
  }
  return {
    terms: usedTerms,
    classes: localIds(classes),
    subClassOf: localIds(subClassOf),
    proofSteps: localIds(proofSteps),
    subPropertyOf: localIds(subPropertyOf)
  }
}

/** `rdfs:label` (then `skos:prefLabel`) texts of every subject that has one, as `hierarchy.label` gives them. */
export function labelsOf (reasoned: Reasoned): Array<[string, LangText]> {
  const { terms, triples } = reasoned
  const subjects = new Set<number>()
  for (const predicate of [rdfTerms.label, rdfTerms.prefLabel]) {
    const p = terms.iri(predicate)
    if (p !== undefined) for (const t of triples.withPredicate(p)) subjects.add(triples.s[t]!)
  }
  const labels: Array<[string, LangText]> = []
  for (const n of subjects) {
    const key = terms.key(n)
    const label = labelOf(reasoned, key)
    if (Object.keys(label).length > 0) labels.push([key, label])
  }
  return labels
}

/**
 * Builds the class hierarchy of the data, with the labels of `labels`: at once without a clock,
 * otherwise a slice at a time, yielding whenever `clock`'s slice is over (the caller resumes it
 * after a turn of the event loop: a large catalog's hierarchy numbers hundreds of thousands of
 * terms).
 */
export function * hierarchySteps (data: HierarchyData, labels: ReadonlyMap<string, LangText>, clock?: SliceClock): Generator<void, ClassHierarchy> {
  const ids = new TermIds()
  const terms = data.terms
  for (let id = 0; id < terms.length; id++) {
    if (clock !== undefined && id % termsPerLook === 0 && clock.over()) {
      yield
      clock.start()
    }
    ids.set(terms[id]!, id)
  }
  if (clock?.over() === true) {
    yield
    clock.start()
  }
  const up = adjacency(data.subClassOf, data.terms.length, false)
  if (clock?.over() === true) {
    yield
    clock.start()
  }
  const down = adjacency(data.subClassOf, data.terms.length, true)
  if (clock?.over() === true) {
    yield
    clock.start()
  }
  // Proof paths search these lists: two typed arrays made here, a slice apart from the others,
  // not a graph grown to every term's id on the first path asked (hundreds of thousands of
  // terms at 100,000 services: the first discovery of a catalog would build it in one piece).
  const proofs = adjacency(data.proofSteps, data.terms.length, false)
  const pairs = new Set<number>()
  const n = data.terms.length
  for (let i = 0; i < data.subClassOf.length; i += 2) pairs.add(data.subClassOf[i]! * n + data.subClassOf[i + 1]!)
  const isClass = new Uint8Array(n)
  for (const c of data.classes) isClass[c] = 1
  if (clock?.over() === true) {
    yield
    clock.start()
  }
  const related = (memo: Map<string, ReadonlySet<string>>, lists: Adjacency, c: string): ReadonlySet<string> => {
    let set = memo.get(c)
    if (set === undefined) {
      const found = new Set([c])
      const id = ids.get(c)
      if (id !== undefined) for (let k = lists.start[id]!; k < lists.start[id + 1]!; k++) found.add(data.terms[lists.to[k]!]!)
      memo.set(c, set = found)
    }
    return set
  }
  const isSubClassOf = (sub: string, sup: string): boolean => {
    if (sub === sup) return true
    const a = ids.get(sub)
    const b = ids.get(sup)
    return a !== undefined && b !== undefined && pairs.has(a * n + b)
  }
  const supers = new Map<string, ReadonlySet<string>>()
  const subs = new Map<string, ReadonlySet<string>>()
  return {
    isSubClassOf,
    areEquivalent: (a, b) => isSubClassOf(a, b) && isSubClassOf(b, a),
    superClasses: c => related(supers, up, c),
    subClasses: c => related(subs, down, c),
    path: (sub, sup) => {
      if (sub === sup) return [sub]
      if (!isSubClassOf(sub, sup)) return undefined
      // Breadth-first in pair order: the chain `Reachability.path` finds over the same pairs.
      return shortestChain(ids.get(sub)!, ids.get(sup)!, node => proofs.to.subarray(proofs.start[node]!, proofs.start[node + 1]!))?.map(id => data.terms[id]!)
    },
    has: c => {
      const id = ids.get(c)
      return id !== undefined && isClass[id] === 1
    },
    label: c => labels.get(c) ?? {},
    classes: function * () {
      for (const c of data.classes) yield data.terms[c]!
    }
  }
}

/** The property hierarchy of the data. */
export function propertyHierarchyFromData (data: HierarchyData): PropertyHierarchy {
  // Only the terms of `rdfs:subPropertyOf` pairs have sub- or super-properties: a handful, not
  // every class. They are numbered among themselves, so the lists are as long as they are few.
  const ids = new Map<string, number>()
  const terms: string[] = []
  const pairs = Int32Array.from(data.subPropertyOf, id => {
    const term = data.terms[id]!
    let local = ids.get(term)
    if (local === undefined) {
      ids.set(term, local = terms.length)
      terms.push(term)
    }
    return local
  })
  const up = adjacency(pairs, terms.length, false)
  const down = adjacency(pairs, terms.length, true)
  const related = (lists: Adjacency, p: string): ReadonlySet<string> => {
    const set = new Set([p])
    const id = ids.get(p)
    if (id !== undefined) for (let k = lists.start[id]!; k < lists.start[id + 1]!; k++) set.add(terms[lists.to[k]!]!)
    return set
  }
  return { subProperties: p => related(down, p), superProperties: p => related(up, p) }
}

/** The other ends of each node's pairs: those of node `n` are `to[start[n]]` up to `to[start[n + 1]]`, in pair order. */
interface Adjacency {
  readonly start: Int32Array
  readonly to: Int32Array
}

/** For each node, the other ends of its pairs (as sub, or with `reverse` as sup), in pair order: two typed arrays, not an array per node. */
function adjacency (pairs: Int32Array, size: number, reverse: boolean): Adjacency {
  const from = reverse ? 1 : 0
  const start = new Int32Array(size + 1)
  for (let i = from; i < pairs.length; i += 2) start[pairs[i]! + 1]!++
  for (let n = 0; n < size; n++) start[n + 1]! += start[n]!
  const next = start.slice(0, size)
  const to = new Int32Array(pairs.length / 2)
  for (let i = 0; i < pairs.length; i += 2) to[next[pairs[i + from]!]!++] = pairs[i + 1 - from]!
  return { start, to }
}
