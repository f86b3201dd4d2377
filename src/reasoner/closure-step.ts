/**
 * A faster evaluation of one shape of rule: a clause whose body is `?a P ?b . ?x Q ?a` and whose
 * head is `?x Q ?b` (P and Q two different constant predicates; or `?b P ?a` for the reverse
 * direction) — `cax-sco` (P `rdfs:subClassOf`, Q `rdf:type`), `cax-eqc1`, `cax-eqc2`, or any
 * rule file of that shape. Applied to a fixpoint, such a clause gives `?x Q ?e` for every `?e`
 * reached from `?a` by P steps. Joined generically, each new `?x Q ?b` is joined again with
 * every P step from `?b` one round later, and over a closed class hierarchy almost all of those
 * re-derive triples already there (at 10,000 services `cax-sco` re-derived 430,000 of them).
 *
 * The step: when the clause derives a new `?x Q ?b`, it also adds `?x Q ?e` for every `?e`
 * reached from `?b` by P steps in the table (the same rule applied again, only sooner), and marks
 * the triples it added as closed for this clause. The plan whose delta is the Q atom skips closed
 * triples: their P successors at the time were all added, and a P triple added later is joined
 * with them by the plan whose delta is the P atom, as in the generic evaluation. The result is
 * exactly the rule's: the step only exists while the clause is in the rule files, and follows
 * the predicates the clause names.
 */
import type { Clause, Node } from './rule-compiler.js'
import type { TermTable } from './term-table.js'
import type { TripleTable } from './triple-table.js'

/** The clause's shape as slots, when it has the one above. */
export interface ClosureShape {
  /** Index of the body atom `?x Q ?a`. */
  readonly qAtom: number
  /** P and Q, as terms of the clause. */
  readonly p: Node
  readonly q: Node
  /** Whether P is followed from subject to object (`?a P ?b`) or back (`?b P ?a`). */
  readonly forward: boolean
  /** The slots of `?x` and `?b` in the head. */
  readonly x: number
  readonly b: number
}

/** The shape of the clause, or undefined when it is not `?x Q ?b ← ?a P ?b, ?x Q ?a`. */
export function closureShape (clause: Clause): ClosureShape | undefined {
  if (clause.body.length !== 2 || clause.head.length !== 1 || clause.filters.length > 0) return undefined
  const head = clause.head[0]!
  if (!('v' in head.s) || !('c' in head.p) || !('v' in head.o) || head.s.v === head.o.v) return undefined
  const x = head.s.v
  const b = head.o.v
  const q = head.p
  for (let qAtom = 0; qAtom < 2; qAtom++) {
    const qa = clause.body[qAtom]!
    const pa = clause.body[1 - qAtom]!
    if (!('c' in qa.p) || !sameConstant(qa.p, q) || !('v' in qa.s) || qa.s.v !== x || !('v' in qa.o)) continue
    const a = qa.o.v
    if (a === x || a === b || !('c' in pa.p) || sameConstant(pa.p, q) || !('v' in pa.s) || !('v' in pa.o)) continue
    if (pa.s.v === a && pa.o.v === b) return { qAtom, p: pa.p, q, forward: true, x, b }
    if (pa.s.v === b && pa.o.v === a) return { qAtom, p: pa.p, q, forward: false, x, b }
  }
  return undefined
}

function sameConstant (a: Node, b: Node): boolean {
  if (!('c' in a) || !('c' in b)) return false
  return a.c.termType === b.c.termType && a.c.value === b.c.value
}

/** The step of one clause over one table: its marks and the P successors it has computed. */
export class ClosureStep {
  readonly qAtom: number
  private readonly p: number
  private readonly q: number
  private readonly forward: boolean
  /** Per P triple id: 0 not yet known, 1 when older P triples lead from its subject to its object, 2 when not. */
  private implied = new Uint8Array(1024)
  /** Per triple id: 1 when this step added it (and with it everything P leads to). */
  private closed = new Uint8Array(1024)
  /** Node → the nodes one P step leads to, valid while P has `version` triples. */
  private readonly direct = new Map<number, Int32Array>()
  /** The walk's stack of nodes (a node is pushed once per triple added, so the table's size bounds it). */
  private readonly stack: number[] = []
  private version = -1

  constructor (shape: ClosureShape, terms: TermTable, private readonly table: TripleTable) {
    this.qAtom = shape.qAtom
    this.p = 'c' in shape.p ? terms.intern(shape.p.c) : -1
    this.q = 'c' in shape.q ? terms.intern(shape.q.c) : -1
    this.forward = shape.forward
  }

  /** Whether triple `id` was added by this step (its P successors are added already). */
  isClosed (id: number): boolean {
    return id < this.closed.length && this.closed[id] === 1
  }

  /**
   * Whether P triple `id` (`a P b`) is implied by older P triples: they lead from `a` to `b`
   * (scm-sco's transitive `rdfs:subClassOf` triples, found a round after the steps they span).
   * Joining it with `x Q a` cannot add anything the fixpoint lacks without it: those older
   * triples lead `x Q a` to `x Q b` step by step, each joined or itself implied by still older
   * ones. Both joins of the clause skip such triples.
   */
  isImplied (id: number): boolean {
    if (id >= this.implied.length) this.implied = grownToHold(this.implied, id)
    let known = this.implied[id]!
    if (known === 0) {
      const table = this.table
      const from = this.forward ? table.s[id]! : table.o[id]!
      const to = this.forward ? table.o[id]! : table.s[id]!
      known = from !== to && this.leads(from, to, id) ? 1 : 2
      this.implied[id] = known
    }
    return known === 1
  }

  /** Whether P triples with ids below `below` lead from `from` to `to`. */
  private leads (from: number, to: number, below: number): boolean {
    const table = this.table
    const seen = new Set<number>([from])
    const stack = [from]
    while (stack.length > 0) {
      const node = stack.pop()!
      const ids = this.forward ? table.withSubject(this.p, node) : table.withObject(this.p, node)
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i]!
        if (id >= below) break
        const next = this.forward ? table.o[id]! : table.s[id]!
        if (next === to) return true
        if (!seen.has(next)) {
          seen.add(next)
          stack.push(next)
        }
      }
    }
    return false
  }

  /**
   * Adds `x Q b` and, when it is new, `x Q e` for every `e` that P leads to from `b`; calls
   * `added` once per triple added. The walk stops at an `e` whose `x Q e` is there already:
   * what P leads to from it was added when it was (a triple this step added), or is derived
   * when the generic join reads it as part of a delta (any other), exactly as without the step.
   * Over a class hierarchy, an instance typed by two classes with common superclasses walks the
   * common part once, not once per class.
   */
  derive (x: number, b: number, added: () => void): void {
    const table = this.table
    const q = this.q
    if (!table.add(x, q, b)) return
    this.mark(table.size - 1)
    added()
    const stack = this.stack
    let top = 0
    stack[top++] = b
    while (top > 0) {
      const next = this.successors(stack[--top]!)
      for (let i = 0; i < next.length; i++) {
        const e = next[i]!
        if (!table.add(x, q, e)) continue
        this.mark(table.size - 1)
        added()
        stack[top++] = e
      }
    }
  }

  private mark (id: number): void {
    if (id >= this.closed.length) this.closed = grownToHold(this.closed, id)
    this.closed[id] = 1
  }

  /** The nodes one P step leads to from `from` (over the table as it is now). */
  private successors (from: number): Int32Array {
    const table = this.table
    const version = table.count(-1, this.p, -1)
    if (version !== this.version) {
      this.direct.clear()
      this.version = version
    }
    let found = this.direct.get(from)
    if (found !== undefined) return found
    const ids = this.forward ? table.withSubject(this.p, from) : table.withObject(this.p, from)
    found = new Int32Array(ids.length)
    const ends = this.forward ? table.o : table.s
    for (let i = 0; i < ids.length; i++) found[i] = ends[ids[i]!]!
    this.direct.set(from, found)
    return found
  }
}

/** `bytes` copied into an array doubled until it has a place `id`. */
function grownToHold (bytes: Uint8Array, id: number): Uint8Array<ArrayBuffer> {
  let size = Math.max(1, bytes.length) * 2
  while (size <= id) size *= 2
  const grown = new Uint8Array(size)
  grown.set(bytes)
  return grown
}
