/**
 * One pass over the quads and the triples the reasoner derived: the values of the predicates
 * the catalog reads, by subject. Derived statements (types from subclasses, domains and ranges;
 * `sym:provides` from its sub-properties and inverses, …) follow the asserted ones of a
 * subject, so a reader can tell them apart.
 *
 * The statements are kept by the subject's term id in typed arrays (which quad, or which
 * derived triple) and given out only when a subject is read: at 100,000 services 750,000
 * subjects each held two arrays and a map entry, most of the collector's work in a compile.
 * They are given out as the reasoner's term ids, written out as strings only by the reader
 * (once per distinct term: a type IRI read for 300,000 interfaces is one string of the table).
 */
import type { Quad, Term } from '@rdfjs/types'
import { termToId } from 'n3'
import { termId, type Reasoned, type TermTable } from '../reasoner/index.js'
import { catalogTerms, interfaceProperties, readPredicates } from './vocabulary.js'

/**
 * The statements about one subject: parallel arrays of the term ids (in `SubjectIndex.terms`) of
 * predicates and objects, asserted ones first.
 */
export interface SubjectValues {
  readonly predicates: readonly number[]
  readonly objects: readonly number[]
  /** How many of the statements (a prefix) are asserted; the rest are derived. */
  readonly asserted: number
}

export interface SubjectIndex {
  /** The terms of the ids `values` gives (the reasoner's). */
  readonly terms: TermTable
  /** A subject's (IRI or `_:label`) statements with predicates the catalog reads; undefined when it has none. */
  values (subject: string): SubjectValues | undefined
  /** Subjects with an interface property or `sym:includesCountry`, by predicate; subjects typed by `serviceClasses`. */
  readonly subjectsWith: ReadonlyMap<string, ReadonlySet<string>>
  /** The first named graph a subject was described in. */
  graph (subject: string): string | undefined
}

const listed = [catalogTerms.type, catalogTerms.includesCountry, ...interfaceProperties]

/**
 * Indexes the quads, then the derived triples, by subject, for the predicates the catalog
 * reads. `subjectsWith(rdf:type)` lists only the subjects typed by one of `serviceClasses`.
 * `quads` are those `reasoned` was reasoned over: their subjects have term ids there.
 */
export function indexSubjects (quads: Iterable<Quad>, reasoned: Reasoned, serviceClasses: ReadonlySet<string>): SubjectIndex {
  const input = Array.isArray(quads) ? quads as readonly Quad[] : [...quads]
  const { terms, triples } = reasoned
  const subjectsWith = new Map<string, Set<string>>(listed.map(p => [p, new Set()]))
  const typed = subjectsWith.get(catalogTerms.type)!
  const list = (s: string, predicate: string, object: string): void => {
    if (predicate === catalogTerms.type) {
      if (serviceClasses.has(object)) typed.add(s)
    } else {
      subjectsWith.get(predicate)?.add(s)
    }
  }
  // Per statement read, its subject's id; counted per subject, then laid out subject by subject.
  const counts = new Int32Array(terms.size + 1)
  const subjectOfQuad = new Int32Array(input.length).fill(-1)
  const firstGraphQuad = new Int32Array(terms.size).fill(-1)
  let lastSubject: Term | undefined
  let lastId = -1
  for (let i = 0; i < input.length; i++) {
    const quad = input[i]!
    const predicate = quad.predicate.value
    if (!readPredicates.has(predicate)) continue
    const subject = quad.subject
    // The quads of one subject mostly follow each other and share its term object.
    if (subject !== lastSubject) {
      lastSubject = subject
      lastId = subjectId(subject, reasoned)
    }
    subjectOfQuad[i] = lastId
    counts[lastId] = counts[lastId]! + 1
    if (quad.graph.termType === 'NamedNode' && firstGraphQuad[lastId] === -1) firstGraphQuad[lastId] = i
    if (subjectsWith.has(predicate)) {
      const o = quad.object
      list(subject.termType === 'NamedNode' ? subject.value : termId(subject), predicate, o.termType === 'NamedNode' ? o.value : termId(o))
    }
  }
  const read = new Set<number>()
  for (const predicate of readPredicates) {
    const id = terms.iri(predicate)
    if (id !== undefined) read.add(id)
  }
  const listedIds = new Set<number>()
  for (const predicate of listed) {
    const id = terms.iri(predicate)
    if (id !== undefined) listedIds.add(id)
  }
  for (let t = reasoned.inputSize; t < triples.size; t++) {
    const p = triples.p[t]!
    if (!read.has(p)) continue
    const s = triples.s[t]!
    counts[s] = counts[s]! + 1
    if (listedIds.has(p)) list(terms.key(s), terms.key(p), terms.key(triples.o[t]!))
  }
  // `start[id]` … `start[id + 1]`: the subject's statements in `entries`, a quad's index (≥ 0)
  // or a derived triple's id t as -(t + 1); asserted ones first, each part in input order.
  const start = runningSums(counts)
  const entries = new Int32Array(start[terms.size]!)
  const next = start.slice()
  for (let i = 0; i < input.length; i++) {
    const s = subjectOfQuad[i]!
    if (s !== -1) entries[next[s]!++] = i
  }
  for (let t = reasoned.inputSize; t < triples.size; t++) {
    if (read.has(triples.p[t]!)) entries[next[triples.s[t]!]!++] = -(t + 1)
  }
  const idOf = (subject: string): number => terms.get(subject) ?? -1
  // The reasoner interned every term of the quads by its N3.js id; a few predicates recur.
  const predicateIds = new Map<string, number>()
  const predicateId = (predicate: string): number => {
    let id = predicateIds.get(predicate)
    if (id === undefined) predicateIds.set(predicate, id = termIdOf(terms, predicate))
    return id
  }
  return {
    terms,
    values (subject) {
      const id = idOf(subject)
      if (id === -1 || start[id] === start[id + 1]) return undefined
      const predicates: number[] = []
      const objects: number[] = []
      let asserted = 0
      for (let k = start[id]!; k < start[id + 1]!; k++) {
        const entry = entries[k]!
        if (entry >= 0) {
          const quad = input[entry]!
          predicates.push(predicateId(quad.predicate.value))
          objects.push(termIdOf(terms, termToId(quad.object as Parameters<typeof termToId>[0])))
          asserted++
        } else {
          const t = -entry - 1
          predicates.push(triples.p[t]!)
          objects.push(triples.o[t]!)
        }
      }
      return { predicates, objects, asserted }
    },
    subjectsWith,
    graph (subject) {
      const id = idOf(subject)
      const i = id === -1 ? -1 : firstGraphQuad[id]!
      return i === -1 ? undefined : input[i]!.graph.value
    }
  }
}

/**
 * `indexSubjects` over the reasoner's triples alone, for input read into term ids
 * (`reason` with `tables`, which keeps each input triple's graph): the input triples, then the
 * derived ones. The reasoner keeps one of equal input triples, the first; the catalog reads a
 * subject's values as sets, its first value and its first graph, which that leaves as they were.
 */
export function indexSubjectTriples (reasoned: Reasoned, serviceClasses: ReadonlySet<string>): SubjectIndex {
  const { terms, triples, inputSize } = reasoned
  const inputGraphs = reasoned.inputGraphs
  if (inputGraphs === undefined) throw new Error('the reasoner did not keep the graphs of its input')
  const subjectsWith = new Map<string, Set<string>>(listed.map(p => [p, new Set()]))
  const typed = subjectsWith.get(catalogTerms.type)!
  const read = new Uint8Array(terms.size)
  for (const predicate of readPredicates) {
    const id = terms.iri(predicate)
    if (id !== undefined) read[id] = 1
  }
  const listedIds = new Set<number>()
  for (const predicate of listed) {
    const id = terms.iri(predicate)
    if (id !== undefined) listedIds.add(id)
  }
  const typeId = terms.iri(catalogTerms.type) ?? -1
  const counts = new Int32Array(terms.size + 1)
  const firstGraph = new Int32Array(terms.size).fill(-1)
  for (let t = 0; t < triples.size; t++) {
    const p = triples.p[t]!
    if (read[p] !== 1) continue
    const s = triples.s[t]!
    counts[s] = counts[s]! + 1
    if (t < inputSize && firstGraph[s] === -1 && inputGraphs.names[inputGraphs.of[t]!] !== '') firstGraph[s] = inputGraphs.of[t]!
    if (!listedIds.has(p)) continue
    if (p === typeId) {
      const object = terms.key(triples.o[t]!)
      if (serviceClasses.has(object)) typed.add(terms.key(s))
    } else {
      subjectsWith.get(terms.key(p))!.add(terms.key(s))
    }
  }
  const start = runningSums(counts)
  const entries = new Int32Array(start[terms.size]!)
  const next = start.slice()
  for (let t = 0; t < triples.size; t++) {
    if (read[triples.p[t]!] === 1) entries[next[triples.s[t]!]!++] = t
  }
  const idOf = (subject: string): number => terms.get(subject) ?? -1
  return {
    terms,
    values (subject) {
      const id = idOf(subject)
      if (id === -1 || start[id] === start[id + 1]) return undefined
      // Made at their length: 750,000 subjects are read at 100,000 services, and a list grown
      // from empty takes 17 places at its first push.
      const from = start[id]!
      const predicates = new Array<number>(start[id + 1]! - from)
      const objects = new Array<number>(predicates.length)
      let asserted = 0
      for (let k = 0; k < predicates.length; k++) {
        const t = entries[from + k]!
        predicates[k] = triples.p[t]!
        objects[k] = triples.o[t]!
        if (t < inputSize) asserted++
      }
      return { predicates, objects, asserted }
    },
    subjectsWith,
    graph (subject) {
      const id = idOf(subject)
      const graph = id === -1 ? -1 : firstGraph[id]!
      return graph === -1 ? undefined : inputGraphs.names[graph]
    }
  }
}

/** Where each id's run starts in one array of every run, the runs being `counts` long (one more place than ids: the end). */
function runningSums (counts: Int32Array): Int32Array {
  const start = new Int32Array(counts.length)
  for (let id = 0, sum = 0; id < counts.length; id++) {
    start[id] = sum
    sum += counts[id]!
  }
  return start
}

/** The id of a term of the quads the reasoner was given, by its N3.js id. */
function termIdOf (terms: TermTable, key: string): number {
  const id = terms.get(key)
  if (id === undefined) throw new Error(`the reasoner was not given the term ${key}`)
  return id
}

/** The reasoner's id of a quad's subject (it interned every term of the quads by this key). */
function subjectId (subject: Term, reasoned: Reasoned): number {
  const id = reasoned.terms.get(subject.termType === 'NamedNode' ? subject.value : termToId(subject as Parameters<typeof termToId>[0]))
  if (id === undefined) throw new Error(`the reasoner was not given the quads of ${termId(subject)}`)
  return id
}
