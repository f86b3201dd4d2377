/**
 * Semi-naive evaluation of compiled rules to a fixpoint over a `TripleTable`.
 *
 * Round k joins every clause once per body atom: that atom reads only the triples new in
 * round k-1 (the delta), the atoms before it only older triples, the atoms after it every
 * triple up to the delta's end, so each solution is found once and nothing older than the
 * delta is joined again. Triples a round adds get the next ids and form the next delta.
 * The join order starts at the delta atom and then takes the atom with the most bound
 * positions (predicate first), so every step is an index lookup. A delta atom with a variable
 * predicate (`?x ?p ?y` in prp-dom, prp-inv…) would scan the whole delta; when the schema atom
 * that binds `?p` matches fewer triples than the delta, the join starts there instead and reads
 * the delta by predicate (at 100,000 services this halves the evaluation).
 *
 * A lookup of the last atom whose matches differ only in a slot the head drops (`?y` of
 * `?x ?p ?y` in prp-dom: a subject with several values, or several properties of one domain,
 * matches once per triple) emits each head value once per lookup: the rest would be the same
 * triples, found again (`projectedSlot`).
 */
import { DataFactory } from 'n3'
import { ClosureStep, closureShape } from './closure-step.js'
import type { Atom, Clause, Node, Program } from './rule-compiler.js'
import { termKinds, type TermTable } from './term-table.js'
import { lowerBound, type TripleTable } from './triple-table.js'

/** How a position of an atom is matched: a constant or earlier slot to check, or a slot to bind. */
type Position =
  | { readonly check: 'const', readonly id: number }
  | { readonly check: 'slot' | 'same', readonly slot: number }
  | { readonly bind: number }

interface Step {
  readonly s: Position
  readonly p: Position
  readonly o: Position
  /** Which triples the atom reads: the delta, older ones, or all up to the delta's end. */
  readonly range: 'delta' | 'old' | 'all'
  readonly filters: Clause['filters']
}

interface Plan {
  readonly steps: readonly Step[]
  readonly head: ReadonlyArray<{ readonly s: Position, readonly p: Position, readonly o: Position }>
  readonly slots: number
  readonly rule: number
  /**
   * For a delta atom whose predicate is a variable (`?x ?p ?y`), the same join started at an
   * atom with a constant predicate that binds `?p` (`?p rdfs:domain ?c`): the delta is then read
   * by predicate instead of scanned whole. Taken in a round when that atom matches fewer triples
   * than the delta (counted with its constants: `?p rdf:type owl:SymmetricProperty` matches a
   * handful, however many `rdf:type` triples there are).
   */
  readonly viaPredicate?: { readonly s: number, readonly p: number, readonly o: number, readonly plan: Plan }
  /** The clause's closure step, when it has that shape (`closure-step.ts`): it derives the head. */
  readonly closure?: ClosureStep
  /** Whether the delta atom is the closure's Q atom: triples the step added are skipped there. */
  readonly skipClosed?: boolean
  /** Which step reads the closure's P atom: P triples older ones imply are skipped there. */
  readonly pStep?: number
}

/** How to evaluate. */
export interface EvaluateOptions {
  /**
   * Evaluate clauses of the shape `?x Q ?b ← ?a P ?b, ?x Q ?a` with a closure step
   * (`closure-step.ts`); the same triples either way. Default true.
   */
  readonly closureSteps?: boolean
  /**
   * Within one index lookup of a clause's last atom, skip a match whose head triples that lookup
   * emitted already (`projectedSlot`); the same triples either way. Default true.
   */
  readonly skipRepeats?: boolean
}

/** What the evaluation reports. */
export interface Evaluation {
  /** Rounds until the fixpoint, counting the last round that added nothing. */
  readonly rounds: number
  /** For each triple added (id − first derived id): the index of the rule that first derived it. */
  readonly origin: readonly number[]
}

/**
 * Applies the program to the table until no rule adds a triple. Returns the rounds and, per
 * derived triple, which rule derived it first.
 */
export function evaluate (program: Program, table: TripleTable, terms: TermTable, options: EvaluateOptions = {}): Evaluation {
  const plans = program.rules.flatMap((rule, index) => rule.clauses.flatMap(clause => {
    const plans = plansOf(clause, index, terms)
    const shape = options.closureSteps === false ? undefined : closureShape(clause)
    if (shape === undefined) return plans
    const closure = new ClosureStep(shape, terms, table)
    return plans.map((plan, delta) => ({ ...plan, closure, skipClosed: delta === shape.qAtom, pStep: delta === shape.qAtom ? 1 : 0 }))
  }))
  // A variable predicate never matches the internal relations of property paths: they are
  // not in the data the rule text speaks of (`?s ?p ?o` next to `?a ex:p+ ?b` in one program).
  const hidden = new Uint8Array(terms.size)
  for (const iri of program.internalPredicates) hidden[terms.intern(DataFactory.namedNode(iri))] = 1
  const origin: number[] = []
  const seen: Seen | undefined = options.skipRepeats === false ? undefined : { marks: new Int32Array(terms.size), stamp: 0 }
  let lo = 0
  let hi = table.size
  let rounds = 0
  while (true) {
    rounds++
    for (const plan of plans) {
      const via = plan.viaPredicate
      run(via !== undefined && table.count(via.s, via.p, via.o) < hi - lo ? via.plan : plan, table, terms, hidden, lo, hi, origin, seen)
    }
    if (table.size === hi) break
    lo = hi
    hi = table.size
  }
  return { rounds, origin }
}

/** One plan per body atom (that atom reads the delta). */
function plansOf (clause: Clause, rule: number, terms: TermTable): Plan[] {
  return clause.body.map((_, delta) => plan(clause, delta, rule, terms))
}

function plan (clause: Clause, delta: number, rule: number, terms: TermTable): Plan {
  const main = planFrom(clause, delta, delta, rule, terms)
  const atom = clause.body[delta]!
  if (!('v' in atom.p) || 'c' in atom.s || 'c' in atom.o) return main
  const predicate = atom.p.v
  const start = clause.body.findIndex(other => other !== atom && 'c' in other.p && (('v' in other.s && other.s.v === predicate) || ('v' in other.o && other.o.v === predicate)))
  if (start < 0) return main
  const first = clause.body[start]!
  const constant = (node: Node): number => 'c' in node ? terms.intern(node.c) : -1
  return { ...main, viaPredicate: { s: constant(first.s), p: constant(first.p), o: constant(first.o), plan: planFrom(clause, delta, start, rule, terms) } }
}

/** The join of the clause with atom `delta` reading the delta, starting at atom `start`. */
function planFrom (clause: Clause, delta: number, start: number, rule: number, terms: TermTable): Plan {
  const remaining = clause.body.map((atom, index) => ({ atom, index }))
  const order: Array<{ atom: Atom, index: number }> = [remaining.splice(start, 1)[0]!]
  const bound = new Set<number>(atomSlots(order[0]!.atom))
  while (remaining.length > 0) {
    let best = 0
    let bestScore = -1
    remaining.forEach(({ atom, index }, i) => {
      // Ties go to the delta atom: the fewer triples it reads, the sooner a join ends.
      const score = known(atom.p, bound) * 8 + known(atom.s, bound) * 4 + known(atom.o, bound) * 4 + (index === delta ? 1 : 0)
      if (score > bestScore) { best = i; bestScore = score }
    })
    const [next] = remaining.splice(best, 1)
    order.push(next!)
    for (const slot of atomSlots(next!.atom)) bound.add(slot)
  }
  bound.clear()
  const pending = [...clause.filters]
  const steps = order.map(({ atom, index }) => {
    const before = new Set(bound)
    const step = {
      s: position(atom.s, before, bound, terms),
      p: position(atom.p, before, bound, terms),
      o: position(atom.o, before, bound, terms),
      range: index === delta ? 'delta' as const : index < delta ? 'old' as const : 'all' as const,
      filters: [] as Array<Clause['filters'][number]>
    }
    for (let i = pending.length - 1; i >= 0; i--) {
      if (pending[i]!.slots.every(slot => bound.has(slot))) step.filters.unshift(pending.splice(i, 1)[0]!)
    }
    return step
  })
  const headPosition = (node: Node): Position => 'c' in node ? { check: 'const', id: terms.intern(node.c) } : { check: 'slot', slot: node.v }
  return {
    steps,
    head: clause.head.map(atom => ({ s: headPosition(atom.s), p: headPosition(atom.p), o: headPosition(atom.o) })),
    slots: clause.slots,
    rule
  }
}

/** 1 when the node is a constant or a slot bound before. */
function known (node: Node, bound: ReadonlySet<number>): number {
  return 'c' in node || bound.has(node.v) ? 1 : 0
}

function atomSlots (atom: Atom): number[] {
  const slots: number[] = []
  for (const node of [atom.s, atom.p, atom.o]) if ('v' in node) slots.push(node.v)
  return slots
}

/**
 * The position's matching mode: a constant, a slot bound by an earlier step (both fixed before
 * the lookup), a slot bound earlier in this very atom (checked after), or a slot to bind.
 */
function position (node: Node, before: ReadonlySet<number>, bound: Set<number>, terms: TermTable): Position {
  if ('c' in node) return { check: 'const', id: terms.intern(node.c) }
  if (before.has(node.v)) return { check: 'slot', slot: node.v }
  if (bound.has(node.v)) return { check: 'same', slot: node.v }
  bound.add(node.v)
  return { bind: node.v }
}

const modeConst = 0
const modeSlot = 1
const modeSame = 2
const modeBind = 3

/** A step flattened to numbers for the inner loop: mode and value (id or slot) per position. */
interface Flat {
  readonly sm: number, readonly sv: number
  readonly pm: number, readonly pv: number
  readonly om: number, readonly ov: number
  readonly range: Step['range']
  readonly filters: Clause['filters']
}

function flat (step: Step): Flat {
  const [sm, sv] = modeOf(step.s)
  const [pm, pv] = modeOf(step.p)
  const [om, ov] = modeOf(step.o)
  return { sm, sv, pm, pv, om, ov, range: step.range, filters: step.filters }
}

function modeOf (position: Position): [number, number] {
  if ('bind' in position) return [modeBind, position.bind]
  if (position.check === 'const') return [modeConst, position.id]
  return [position.check === 'slot' ? modeSlot : modeSame, position.slot]
}

/**
 * Which values the last step of a join has emitted since its lookup began: `marks[term]` equals
 * `stamp` for those. One array for the whole evaluation (rules add no terms), a new stamp per lookup.
 */
interface Seen {
  marks: Int32Array
  stamp: number
}

/**
 * The slot whose value alone tells the head triples of the last step's matches apart, when that
 * step binds it and also binds slots the head never reads (`?x` of `?x ?p ?y` in prp-dom, where
 * `?y` only has to exist; `?y` in prp-rng): those matches differ only in what the head drops, so
 * within one lookup a value already emitted is skipped. -1 when there is no such slot.
 */
function projectedSlot (last: Flat, head: readonly Flat[]): number {
  const read = new Set<number>()
  for (const atom of head) {
    if (atom.sm !== modeConst) read.add(atom.sv)
    if (atom.pm !== modeConst) read.add(atom.pv)
    if (atom.om !== modeConst) read.add(atom.ov)
  }
  const bound = [[last.sm, last.sv], [last.pm, last.pv], [last.om, last.ov]].filter(([mode]) => mode === modeBind).map(([, slot]) => slot!)
  const kept = bound.filter(slot => read.has(slot))
  return kept.length === 1 && kept.length < bound.length ? kept[0]! : -1
}

function run (plan: Plan, table: TripleTable, terms: TermTable, hidden: Uint8Array, lo: number, hi: number, origin: number[], seen: Seen | undefined): void {
  const solution = new Array<number>(plan.slots).fill(-1)
  const steps = plan.steps.map(flat)
  const head = plan.head.map(atom => flat({ ...atom, range: 'all', filters: [] }))
  const projected = seen !== undefined && steps.length > 0 ? projectedSlot(steps[steps.length - 1]!, head) : -1
  const marks = seen?.marks ?? new Int32Array(0)
  const lookups: Seen = seen ?? { marks, stamp: 0 }
  const S = table.s
  const P = table.p
  const O = table.o
  const lists = table.lists
  const kinds = terms.kinds
  const literal = termKinds.literal
  const iri = termKinds.iri
  const last = steps.length
  const closure = plan.closure
  const skipClosed = plan.skipClosed === true ? closure : undefined
  const pStep = closure !== undefined ? plan.pStep ?? -1 : -1
  const derived = (): void => { origin.push(plan.rule) }

  const emit = (): void => {
    if (closure !== undefined) {
      const atom = head[0]!
      const s = solution[atom.sv]!
      if ((kinds[s] !== literal || hidden[atom.pv] === 1) && kinds[atom.pv] === iri) closure.derive(s, solution[atom.ov]!, derived)
      return
    }
    for (const atom of head) {
      const s = atom.sm === modeConst ? atom.sv : solution[atom.sv]!
      const p = atom.pm === modeConst ? atom.pv : solution[atom.pv]!
      const o = atom.om === modeConst ? atom.ov : solution[atom.ov]!
      // A path's relation may start at a literal (`^p` from a literal object); output triples may not.
      if ((kinds[s] === literal && hidden[p] !== 1) || kinds[p] !== iri) continue
      if (table.add(s, p, o)) origin.push(plan.rule)
    }
  }

  /** Matches triple `id` against the step (binding its new slots), then joins the next step. */
  const visit = (step: Flat, id: number, depth: number): void => {
    if (depth === 0 && skipClosed !== undefined && skipClosed.isClosed(id)) return
    if (depth === pStep && closure!.isImplied(id)) return
    const s = S[id]!
    const p = P[id]!
    const o = O[id]!
    if (step.sm === modeBind) solution[step.sv] = s
    else if ((step.sm === modeConst ? step.sv : solution[step.sv]) !== s) return
    if (step.pm !== modeConst && hidden[p] === 1) return
    if (step.pm === modeBind) solution[step.pv] = p
    else if ((step.pm === modeConst ? step.pv : solution[step.pv]) !== p) return
    if (step.om === modeBind) solution[step.ov] = o
    else if ((step.om === modeConst ? step.ov : solution[step.ov]) !== o) return
    for (const filter of step.filters) if (!filter.test(solution, terms)) return
    if (depth + 1 !== last) join(depth + 1)
    else if (projected < 0) emit()
    else {
      const value = solution[projected]!
      if (marks[value] === lookups.stamp) return
      marks[value] = lookups.stamp
      emit()
    }
  }

  const join = (depth: number): void => {
    const step = steps[depth]!
    if (projected >= 0 && depth + 1 === last) {
      if (lookups.stamp === 0x7fffffff) { marks.fill(0); lookups.stamp = 0 }
      lookups.stamp++
    }
    const from = step.range === 'delta' ? lo : 0
    const to = step.range === 'old' ? lo : hi
    if (from >= to) return
    const s = step.sm === modeConst ? step.sv : step.sm === modeSlot ? solution[step.sv]! : -1
    const p = step.pm === modeConst ? step.pv : step.pm === modeSlot ? solution[step.pv]! : -1
    const o = step.om === modeConst ? step.ov : step.om === modeSlot ? solution[step.ov]! : -1
    let list: number
    if (p >= 0) {
      if (s >= 0 && o >= 0) {
        const id = table.find(s, p, o)
        if (id >= from && id < to) visit(step, id, depth)
        return
      }
      list = table.list(s, p, o)
    } else if (s >= 0 || o >= 0) {
      list = table.list(s, -1, o)
    } else {
      for (let id = from; id < to; id++) visit(step, id, depth)
      return
    }
    if (list === -1) return
    // A snapshot of the list: the rule's own additions may move it, never overwrite it.
    const data = lists.data
    const start = lists.start[list]!
    const end = start + lists.length[list]!
    for (let i = from === 0 ? start : lowerBound(data, start, end, from); i < end; i++) {
      const id = data[i]!
      if (id >= to) break
      visit(step, id, depth)
    }
  }
  if (last > 0) join(0)
}
