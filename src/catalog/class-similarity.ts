/**
 * Structure of the derived class hierarchy beyond subsumption: the depth of a class, the most
 * specific common ancestor of two classes, and the Wu–Palmer similarity built on them. Computed
 * from any `ClassHierarchy` (its closure already holds every stated and inferred axiom) and
 * memoized per hierarchy.
 *
 * Only named classes count: anonymous class expressions (`_:` labels) and the universal classes
 * `owl:Thing` and `rdfs:Resource` are left out, so the answers do not change when an ontology
 * states `rdfs:subClassOf owl:Thing` or describes a class by a restriction.
 */
import { ns } from '../rdf/index.js'
import type { ClassHierarchy } from './types.js'

const universal = new Set([`${ns.owl}Thing`, `${ns.rdfs}Resource`])

interface Memo {
  readonly depth: Map<string, number>
  /** By the smaller IRI, then the larger (no key string is built per call). */
  readonly similarity: Map<string, Map<string, number>>
  /** Pairs in `similarity`. */
  pairs: number
}

const memos = new WeakMap<ClassHierarchy, Memo>()
const similarityMemoLimit = 1_000_000

function memoOf (hierarchy: ClassHierarchy): Memo {
  let memo = memos.get(hierarchy)
  if (memo === undefined) memos.set(hierarchy, memo = { depth: new Map(), similarity: new Map(), pairs: 0 })
  return memo
}

function counts (c: string): boolean {
  return !c.startsWith('_:') && !universal.has(c)
}

/**
 * The named strict superclasses of `c`: its superclasses that are not equivalent to it.
 */
function strictSuperClasses (hierarchy: ClassHierarchy, c: string): string[] {
  const result: string[] = []
  for (const s of hierarchy.superClasses(c)) {
    if (s !== c && counts(s) && !hierarchy.isSubClassOf(s, c)) result.push(s)
  }
  return result
}

/**
 * The depth of a class: 0 for a class with no named strict superclass (a root), otherwise one
 * more than the deepest of its strict superclasses — the length of the longest chain of strict
 * subclass steps from a root. Equivalent classes have the same depth; a strict subclass is
 * always deeper than its superclass.
 *
 * @example classDepth(hierarchy, sym + 'CallEventFeed') // 2 (Interface 0, CTIInterface 1)
 */
export function classDepth (hierarchy: ClassHierarchy, c: string): number {
  const memo = memoOf(hierarchy).depth
  const known = memo.get(c)
  if (known !== undefined) return known
  // Every strict superclass is in the closure: the deepest of them plus one is the longest chain.
  // Iterative over the closure sorted by size of its own closure, so deep hierarchies do not recurse.
  const supers = strictSuperClasses(hierarchy, c)
  supers.sort((a, b) => hierarchy.superClasses(a).size - hierarchy.superClasses(b).size)
  let depth = 0
  for (const s of supers) {
    let d = memo.get(s)
    if (d === undefined) {
      d = 0
      for (const t of strictSuperClasses(hierarchy, s)) d = Math.max(d, (memo.get(t) ?? classDepth(hierarchy, t)) + 1)
      memo.set(s, d)
    }
    depth = Math.max(depth, d + 1)
  }
  memo.set(c, depth)
  return depth
}

/**
 * The most specific common named ancestor of two classes (each class is its own ancestor): the
 * deepest class both are subclasses of; among equally deep ones the one with the fewest
 * subclasses (the narrower), then the smallest IRI. `undefined` when they share none.
 */
export function commonAncestor (hierarchy: ClassHierarchy, a: string, b: string): string | undefined {
  if (hierarchy.isSubClassOf(a, b) && counts(b)) return b
  if (hierarchy.isSubClassOf(b, a) && counts(a)) return a
  const supA = hierarchy.superClasses(a)
  const supB = hierarchy.superClasses(b)
  const [small, large] = supA.size <= supB.size ? [supA, supB] : [supB, supA]
  let best: string | undefined
  let bestDepth = -1
  for (const c of small) {
    if (!large.has(c) || !counts(c)) continue
    const depth = classDepth(hierarchy, c)
    if (depth > bestDepth || (depth === bestDepth && best !== undefined && narrower(hierarchy, c, best))) {
      best = c
      bestDepth = depth
    }
  }
  return best
}

function narrower (hierarchy: ClassHierarchy, c: string, than: string): boolean {
  const sc = hierarchy.subClasses(c).size
  const st = hierarchy.subClasses(than).size
  return sc < st || (sc === st && c < than)
}

/**
 * Wu–Palmer similarity of two classes in [0, 1]: `2·depth(lca) / (depth(a) + depth(b))`, where
 * `lca` is their most specific common ancestor. 1 for the same or equivalent classes; 0 when
 * they share no ancestor below a root, or both are roots. Symmetric.
 *
 * @example wuPalmer(hierarchy, ex + 'Sedan', ex + 'Coupe') // siblings at depth 2 under Car (1): 0.5
 */
export function wuPalmer (hierarchy: ClassHierarchy, a: string, b: string): number {
  if (a === b) return 1
  const first = a < b ? a : b
  const second = a < b ? b : a
  const memo = memoOf(hierarchy)
  let bySecond = memo.similarity.get(first)
  const known = bySecond?.get(second)
  if (known !== undefined) return known
  let value = 1
  if (!hierarchy.areEquivalent(a, b)) {
    const lca = commonAncestor(hierarchy, a, b)
    const total = classDepth(hierarchy, a) + classDepth(hierarchy, b)
    value = lca === undefined || total === 0 ? 0 : Math.round(2 * classDepth(hierarchy, lca) / total * 1e6) / 1e6
  }
  if (memo.pairs > similarityMemoLimit) {
    memo.similarity.clear()
    memo.pairs = 0
    bySecond = undefined
  }
  if (bySecond === undefined) memo.similarity.set(first, bySecond = new Map())
  bySecond.set(second, value)
  memo.pairs++
  return value
}
