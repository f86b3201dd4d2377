/**
 * Top-k best-first search over partial bundles. A state is a set of members, the items still
 * open (goals and members' requirements) and the links chosen so far (provider → consumer
 * edges, kept acyclic so that a wiring order exists). Expanding a state picks one open item —
 * the most expensive one, then the one with the fewest options — and branches over its
 * options: an available type, a member already in the bundle, or a new service (whose
 * requirements become open). Cost g is the ranking cost (see `CompositionPreferences`).
 *
 * It is an optimistic search (Thayer & Ruml 2008) with two orders over the same states:
 *
 * 1. Guided, until `limit` bundles are found: weighted A* on g + 2 × the h_add estimate (the
 *    sum over open items of their cheapest plan; the cheapest link when a member or an
 *    available type already provides the item). h_add is exact when plans share no service,
 *    and the weight makes the search finish a bundle before widening among near-equal
 *    alternatives (catalogs with many interchangeable adapters).
 * 2. Proof: A* on g + an admissible bound — the largest, over open items, h_max of satisfying
 *    the item with the members that can help free (`Relaxation.withMembers`). A member that
 *    depends on a requirement's consumer cannot help with it (that would be a cycle), so the
 *    bound of a requirement comes from the ancestor state that holds exactly the members that
 *    can (often none: the base relaxation, exact along adapter chains); or, when larger, a sum
 *    over the open items with static wiring (`open-items-bound.ts`: each pays its own link, and
 *    those only new services can meet, with no provider in common, a new member each). It stops when no open
 *    state can beat the `limit`-th bundle found — the ranking is then proven — or when its
 *    expansion budget runs out (`proven: false`, with the least cost any other bundle can have).
 *
 * Children are created unevaluated and evaluated when first popped; an evaluated state whose
 * value exceeds the key it was popped with is pushed back. Services that would join come as
 * chains over the item's options, sorted once per option list (by own cost plus the estimate of
 * their requirements for the guided order, by own cost for the proof order, a lower bound), and
 * pushed one at a time, so an expansion costs the members it checks, not the hundreds of
 * providers an interface may have.
 */
import type { Item } from './items.js'
import { OpenItemsBound } from './open-items-bound.js'
import { PriorityQueue } from './priority-queue.js'
import { missingPenalty, type Option, type Problem } from './problem.js'
import type { ItemBounds, Relaxation } from './relaxation.js'
import { descendantsOf, isMinimalSet } from './wiring.js'

export interface SearchOptions {
  /** Bundles wanted. */
  readonly limit: number
  /** States expanded at most, both phases together. */
  readonly maxExpansions: number
  /**
   * States the guided phase may expand at most (default `maxExpansions`): past them the proof
   * phase takes over, which finds bundles too, cheapest first.
   */
  readonly maxGuidedExpansions?: number
  /** States the proof phase may expand beyond what the guided phase took (default: max(200, 2 × guided)). */
  readonly maxProofExpansions?: number
  /**
   * When the proof phase has spent `maxProofExpansions` with its frontier past this fraction of
   * the way from where it started to the `limit`-th bundle's cost, it goes on up to
   * `maxExpansions` (default: it stops): a proof that near is likely within reach.
   */
  readonly nearProof?: number
  /**
   * States the search keeps at most (default unbounded): when it has made this many, it stops
   * with what it found (`cut`), so a large search answers instead of exhausting the heap.
   */
  readonly maxStates?: number
  /** Budget in cents: partial bundles that cannot stay within it are pruned. */
  readonly budgetCents?: number
  /** Lower bounds of price (cents), for budget pruning. */
  readonly priceRelaxation?: Relaxation
  /** Polled once per expansion: true when the time has run out, and the search stops with what it found. */
  readonly out?: () => boolean
}

/** How an item was satisfied; `option` is `null` when the relaxed search left it open. */
export interface Assignment {
  readonly item: Item
  readonly option: Option | null
}

export interface FoundBundle {
  /** Service indices, ascending (= IRI order). */
  readonly members: readonly number[]
  readonly assignments: readonly Assignment[]
  /** Provider → consumer links between members. */
  readonly edges: ReadonlyArray<readonly [number, number]>
  readonly cost: number
  readonly cents: number
}

export interface SearchResult {
  /** Every bundle found (possibly more than `limit`), cheapest first; ties by member IRIs. */
  readonly bundles: readonly FoundBundle[]
  readonly expansions: number
  /** No unexplored state can beat the `limit`-th bundle (or the search space was exhausted). */
  readonly proven: boolean
  /** When not proven: no bundle not found costs less than this (the proof's frontier). */
  readonly bound: number
  /** The search stopped at its size budget (states, or the integer program's entries). */
  readonly cut?: boolean
  /** The search stopped because its time ran out. */
  readonly timedOut?: boolean
  /**
   * The integer solver stopped unproven for a reason other than time (HiGHS's model status:
   * `solveError`, `iterationLimit`, …): more time would not have proven the ranking.
   */
  readonly solverStop?: string
  /**
   * The integer solver's last call stopped at its own time limit with time left: a call on a large
   * program runs with a share of what remains of the budget (so that one call cannot overrun it),
   * this many milliseconds. A larger time budget gives it a larger share.
   */
  readonly shareMs?: number
}

interface State {
  readonly parent: State | null
  readonly item: Item | null
  readonly option: Option | null
  readonly members: readonly number[]
  /** Members in the order they joined, and the state each joined in. */
  readonly joined: readonly number[]
  joinedIn: readonly State[]
  readonly open: readonly Item[]
  readonly edges: ReadonlyArray<readonly [number, number]>
  readonly g: number
  readonly cents: number
  /** Per open item, the guiding estimate; g + their weighted sum. */
  estimates: readonly number[]
  guideF: number
  /** Per open item, the admissible bound, and g + the largest; computed when the proof needs them. */
  bounds?: readonly number[]
  proofF?: number
  /** Relaxation bounds with all members free (cost; price with a budget), computed on demand. */
  cost?: ItemBounds
  price?: ItemBounds
}

/** A child of an expanded state, evaluated (`state`) when first popped. */
interface Node {
  readonly parent: State | null
  readonly itemIndex: number
  readonly option: Option | null
  state?: State | null
  done: boolean
}

/**
 * The new-member children of an expansion, in a fixed order, pushed into a queue one at a
 * time: popping one pushes the next. Both queues' chains share the children's nodes.
 */
interface Chain {
  readonly parent: State
  readonly itemIndex: number
  readonly options: readonly Option[]
  readonly nodes: Map<Option, Node>
  /** Key of the option in this chain's queue; non-decreasing along the chain. */
  readonly key: (option: Option) => number
}

type Entry = { readonly node: Node } | { readonly chain: Chain, readonly index: number }

type Order = 'guided' | 'proof'

type Which = 'cost' | 'price'

const epsilon = 1e-9

/**
 * Weight of the estimate in the guided order (weighted A*): above 1 it prefers states closer
 * to completion among near-equal ones, so catalogs with many near-equal alternatives do not
 * make it widen before it finds a first bundle. The proof phase restores the exact ranking.
 */
const guideWeight = 2

/**
 * Finds bundles, best first: the `limit` cheapest minimal ones when `proven` (the relaxed
 * problem: minimality is not checked).
 */
export function search (problem: Problem, relaxation: Relaxation, guide: Relaxation, options: SearchOptions): SearchResult {
  const relaxed = problem.mode.relaxed
  /** Static wiring: links may form cycles, so no member is ever excluded from helping another. */
  const cyclesAllowed = problem.mode.wiring === 'static'
  const none: ReadonlySet<number> = new Set()
  const dependents = (edges: ReadonlyArray<readonly [number, number]>): (m: number) => ReadonlySet<number> =>
    cyclesAllowed ? () => none : descendantsOf(edges)
  const own = problem.own
  const budget = options.budgetCents
  const relaxations: Record<Which, Relaxation | undefined> = { cost: relaxation, price: options.priceRelaxation }
  const orders = new WeakMap<readonly Option[], { guided: Option[], proof: Option[] }>()

  const cap = (item: Item, h: number): number => relaxed ? Math.min(h, missingPenalty(item)) : h
  /**
   * The open items' sum bound, with static wiring only: there the relaxation bounds an item by one
   * provider's own cost (requirements may be met around cycles), so a state with several open
   * items is bounded by one member's cost. With dataflow wiring the relaxation's bound follows the
   * requirements' chains; on the web-service-challenge sets of 2,000 to 8,000 services the sum
   * made the search evaluate three times the states for the same expansions, and proved nothing more.
   */
  const openBound = cyclesAllowed ? new OpenItemsBound(problem) : undefined

  /** What a new member's own requirements add to the estimate (kept per service). */
  const newEstimates = new Map<number, number>()
  const newEstimate = (p: number): number => {
    let sum = newEstimates.get(p)
    if (sum === undefined) {
      sum = 0
      for (const req of problem.requirementsOf(p)) sum += cap(req, guide.baseCost(req))
      newEstimates.set(p, sum)
    }
    return sum
  }

  /**
   * The options of an item that add a service, in guided and in proof order, cached per shared
   * option list: the provider an item leaves out of it is its consumer, a member already, which
   * `expand` never adds again.
   */
  const chainOrders = (item: Item): { guided: Option[], proof: Option[] } => {
    const list = problem.optionGroup(item).shared
    let sorted = orders.get(list)
    if (sorted === undefined) {
      const services = list.filter(o => o.provider >= 0)
      const guideKey = new Map(services.map(o => [o, o.penalty + own[o.provider]! + guideWeight * newEstimate(o.provider)]))
      sorted = {
        guided: [...services].sort((a, b) => guideKey.get(a)! - guideKey.get(b)! || a.provider - b.provider),
        proof: [...services].sort((a, b) => a.penalty + own[a.provider]! - b.penalty - own[b.provider]! || a.provider - b.provider)
      }
      orders.set(list, sorted)
    }
    return sorted
  }

  /** The bounds of a state's members, layered on the nearest ancestor's that are known. */
  const boundsOf = (state: State | null, which: Which): ItemBounds => {
    const relax = relaxations[which]!
    if (state === null || state.members.length === 0) return relax
    const known = state[which]
    if (known !== undefined) return known
    let from: State | null = state.parent
    while (from !== null && from[which] === undefined && from.members.length > 0) from = from.parent
    const fromBounds = from === null ? undefined : from[which]
    const bounds = relax.withMembers(state.members, fromBounds === undefined ? undefined : { bounds: fromBounds, members: from!.members })
    state[which] = bounds
    return bounds
  }

  /** The state whose members are those that can help with the item: where the latest of them joined. */
  const helpersState = (state: State, item: Item, below: (m: number) => ReadonlySet<number>): State | null => {
    if (item.kind !== 'requires') return state.members.length === 0 ? null : state
    const excluded = below(item.consumer)
    for (let i = state.joined.length - 1; i >= 0; i--) {
      const m = state.joined[i]!
      if (m !== item.consumer && !excluded.has(m)) return state.joinedIn[i]!
    }
    return null
  }

  /** The guiding estimate of an item: the cheapest link when a member (or available type) provides it, else its h_add. */
  const estimate = (state: State, item: Item, below: (m: number) => ReadonlySet<number>): number => {
    let least = problem.optionOf(item, -1)?.penalty ?? Infinity
    const excluded = item.kind === 'requires' ? below(item.consumer) : undefined
    for (const m of state.members) {
      if (item.kind === 'requires' && (m === item.consumer || excluded!.has(m))) continue
      least = Math.min(least, problem.optionOf(item, m)?.penalty ?? Infinity)
    }
    return least < Infinity ? least : cap(item, guide.baseCost(item))
  }

  /** A child state with its guiding estimate; `null` when an item is unreachable or the budget is exceeded. */
  const makeState = (parent: State | null, item: Item | null, option: Option | null): State | null => {
    states++
    let members = parent?.members ?? []
    let joined = parent?.joined ?? []
    let open: Item[] = parent === null ? [...problem.goals] : parent.open.filter(i => i !== item)
    let edges = parent?.edges ?? []
    let g = parent?.g ?? 0
    let cents = parent?.cents ?? 0
    let added = false
    if (item !== null && option === null) g += missingPenalty(item)
    if (option !== null && item !== null) {
      g += option.penalty
      const p = option.provider
      if (p >= 0 && !members.includes(p)) {
        added = true
        members = insertSorted(members, p)
        joined = [...joined, p]
        open = [...open, ...problem.requirementsOf(p)]
        g += own[p]!
        cents += problem.cents[p]!
      }
      if (p >= 0 && item.kind === 'requires') edges = [...edges, [p, item.consumer] as const]
    }
    if (budget !== undefined && cents > budget) return null
    const state: State = { parent, item, option, members, joined, joinedIn: parent?.joinedIn ?? [], open, edges, g, cents, estimates: [], guideF: 0 }
    if (added) state.joinedIn = [...state.joinedIn, state]
    else if (parent !== null) {
      if (parent.cost !== undefined) state.cost = parent.cost
      if (parent.price !== undefined) state.price = parent.price
    }
    const below = dependents(edges)
    state.estimates = open.map(j => estimate(state, j, below))
    state.guideF = g + guideWeight * state.estimates.reduce((sum, h) => sum + h, 0)
    return state.guideF === Infinity ? null : state
  }

  /** The admissible f of a state (and the per-item bounds); `Infinity` when it cannot complete within the budget. */
  const proofF = (state: State): number => {
    if (state.proofF !== undefined) return state.proofF
    const below = dependents(state.edges)
    state.bounds = state.open.map(j => cap(j, boundsOf(helpersState(state, j, below), 'cost').baseCost(j)))
    state.proofF = state.g + Math.max(0, ...state.bounds, openBound?.value(state.open, state.members) ?? 0)
    if (budget !== undefined && relaxations.price !== undefined && state.proofF < Infinity) {
      let h = 0
      for (const j of state.open) h = Math.max(h, boundsOf(helpersState(state, j, below), 'price').baseCost(j))
      if (state.cents + h > budget) state.proofF = Infinity
    }
    return state.proofF
  }

  const queues: Record<Order, PriorityQueue<Entry>> = { guided: new PriorityQueue(), proof: new PriorityQueue() }
  const found: FoundBundle[] = []
  const costs: number[] = [] // of the found bundles, ascending
  const seen = new Set<string>()
  let expansions = 0
  let states = 0
  const maxStates = options.maxStates ?? Infinity
  const out = options.out ?? (() => false)
  let late = false
  const within = (): boolean => states < maxStates && !(late ||= out())

  const root = makeState(null, null, null)
  if (root !== null) {
    const node: Node = { parent: null, itemIndex: -1, option: null, state: root, done: false }
    queues.guided.push(root.guideF, { node })
    queues.proof.push(root.g, { node })
  }

  // Phase 1: guided, until `limit` bundles are found.
  const maxGuided = Math.min(options.maxExpansions, options.maxGuidedExpansions ?? Infinity)
  while (found.length < options.limit && expansions < maxGuided && within() && queues.guided.size > 0) {
    const { priority, value } = queues.guided.pop()!
    take(value, priority, 'guided')
  }
  const guidedExpansions = expansions
  // Phase 2: proof, until nothing left can beat the limit-th bundle.
  let proven = false
  let proofLimit = Math.min(options.maxExpansions, guidedExpansions + (options.maxProofExpansions ?? Math.max(200, 2 * guidedExpansions)))
  const startF = queues.proof.peekPriority()
  let extended = options.nearProof === undefined
  while (within()) {
    if (expansions >= proofLimit) {
      // The share is spent: go on only when the frontier has closed most of the gap to the k-th cost.
      const kth = costs[options.limit - 1]
      if (extended || kth === undefined || queues.proof.peekPriority() - startF < options.nearProof! * (kth - startF)) break
      extended = true
      proofLimit = options.maxExpansions
      continue
    }
    const top = queues.proof.pop()
    if (top === undefined) { proven = true; break }
    if ('node' in top.value && top.value.node.done) continue
    const kth = costs[options.limit - 1]
    if (kth !== undefined && top.priority > kth + epsilon) { proven = true; break }
    take(top.value, top.priority, 'proof')
  }
  found.sort((a, b) => a.cost - b.cost || compareMembers(a.members, b.members))
  const timedOut = !proven && late
  const cut = !proven && !timedOut && states >= maxStates
  return { bundles: found, expansions, proven, bound: proven ? Infinity : frontier(), ...(timedOut ? { timedOut } : cut ? { cut } : {}) }

  /** The least proof priority of a node not yet expanded. */
  function frontier (): number {
    for (;;) {
      const top = queues.proof.pop()
      if (top === undefined) return Infinity
      if (!('node' in top.value) || !top.value.node.done) return top.priority
    }
  }

  /** Handles a popped entry: a node, or the next child of a chain (and pushes the one after). */
  function take (entry: Entry, priority: number, order: Order): void {
    if ('node' in entry) {
      visit(entry.node, priority, order)
      return
    }
    const { chain } = entry
    const option = chain.options[entry.index]!
    const next = chain.options[entry.index + 1]
    if (next !== undefined) queues[order].push(chain.key(next), { chain, index: entry.index + 1 })
    let node = chain.nodes.get(option)
    if (node === undefined) {
      node = { parent: chain.parent, itemIndex: chain.itemIndex, option, done: false }
      chain.nodes.set(option, node)
    }
    visit(node, priority, order)
  }

  function visit (node: Node, priority: number, order: Order): void {
    if (node.done) return
    if (node.state === undefined) node.state = makeState(node.parent, node.parent!.open[node.itemIndex]!, node.option)
    const state = node.state
    if (state === null) { node.done = true; return }
    const exact = order === 'guided' ? state.guideF : proofF(state)
    if (exact === Infinity) { node.done = true; return }
    if (exact > priority + epsilon) {
      queues[order].push(exact, { node })
      return
    }
    node.done = true
    expansions++
    if (state.open.length === 0) complete(state)
    else expand(state)
  }

  function complete (state: State): void {
    const key = state.members.join(',')
    if (seen.has(key)) return
    seen.add(key)
    if (!relaxed && !isMinimalSet(problem, state.members)) return
    const assignments: Assignment[] = []
    for (let s: State | null = state; s !== null; s = s.parent) {
      if (s.item !== null) assignments.push({ item: s.item, option: s.option })
    }
    found.push({ members: state.members, assignments: assignments.reverse(), edges: state.edges, cost: state.g, cents: state.cents })
    costs.splice(sortedIndex(costs, state.g), 0, state.g)
  }

  /**
   * Branches on one open item. Available types and members already in the bundle are pushed
   * as nodes (the other items' bounds stay valid: a new link only removes helpers); services
   * that would join come as chains, keyed in the guided order by g + own + the weighted
   * estimates, in the proof order by g + own (a lower bound, made exact when popped).
   */
  function expand (state: State): void {
    const i = chooseItem(state)
    if (i < 0) return
    const item = state.open[i]!
    const excluded = item.kind === 'requires' ? dependents(state.edges)(item.consumer) : none
    let estimateOthers = 0
    let boundOthers = 0
    for (let j = 0; j < state.open.length; j++) {
      if (j === i) continue
      estimateOthers += state.estimates[j]!
      boundOthers = Math.max(boundOthers, state.bounds?.[j] ?? 0)
    }
    const pushNode = (option: Option | null, g: number): void => {
      const node: Node = { parent: state, itemIndex: i, option, done: false }
      queues.guided.push(g + guideWeight * estimateOthers, { node })
      queues.proof.push(g + boundOthers, { node })
    }
    const available = problem.optionOf(item, -1)
    if (available !== undefined) pushNode(available, state.g + available.penalty)
    for (const m of state.members) {
      const option = problem.optionOf(item, m)
      if (option === undefined || excluded.has(m)) continue // excluded: m depends on the consumer, a cycle
      pushNode(option, state.g + option.penalty)
    }
    if (relaxed) pushNode(null, state.g + missingPenalty(item))

    const sorted = chainOrders(item)
    const nodes = new Map<Option, Node>()
    const joinable = (o: Option): boolean => !state.members.includes(o.provider) &&
      (budget === undefined || state.cents + problem.cents[o.provider]! <= budget)
    const chains: Record<Order, Chain> = {
      guided: { parent: state, itemIndex: i, options: sorted.guided.filter(joinable), nodes, key: o => state.g + o.penalty + own[o.provider]! + guideWeight * (estimateOthers + newEstimate(o.provider)) },
      proof: { parent: state, itemIndex: i, options: sorted.proof.filter(joinable), nodes, key: o => state.g + o.penalty + own[o.provider]! }
    }
    for (const order of ['guided', 'proof'] as const) {
      const first = chains[order].options[0]
      if (first !== undefined) queues[order].push(chains[order].key(first), { chain: chains[order], index: 0 })
    }
  }

  /**
   * The open item to branch on: the one with the largest estimate (it decides the most), then
   * the fewest options, then the first. -1 when an item has no option at all (a dead end).
   */
  function chooseItem (state: State): number {
    let best = -1
    let bestCount = Infinity
    let bestH = -1
    for (let j = 0; j < state.open.length; j++) {
      const count = problem.options(state.open[j]!).length
      if (count === 0 && !relaxed) return -1
      const h = state.estimates[j]!
      if (h > bestH + epsilon || (Math.abs(h - bestH) <= epsilon && count < bestCount)) {
        best = j
        bestCount = count
        bestH = h
      }
    }
    return best
  }
}

/** Member lists in IRI order, element by element, the shorter first at a common prefix. */
export function compareMembers (a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!
  return a.length - b.length
}

function sortedIndex (sorted: readonly number[], value: number): number {
  let i = sorted.length
  while (i > 0 && sorted[i - 1]! > value) i--
  return i
}

function insertSorted (members: readonly number[], m: number): number[] {
  const result = [...members]
  result.splice(sortedIndex(result, m), 0, m)
  return result
}
