/**
 * Exact top-k composition with an integer program (HiGHS) over the relevant services that
 * fewer than k others dominate (`relevant.ts`, `dominance.ts`), started from a known bundle when
 * there is one (the greedy one). A cost that k known bundles reach (`bound`: the greedy
 * bundle's, then the quicker search's) leaves out every service whose bundles all cost more.
 * The program (`model.ts`) states static wiring; the loop around it adds what it cannot state
 * up front:
 *
 * - **Dataflow rows** (`landmarks.ts`): dataflow composition is delete-free planning, and a
 *   set of items `R` that holds what the available types meet but misses a goal gives the
 *   landmark `Σ x_p ≥ 1` over the services whose requirements lie in `R` and that meet an item
 *   outside it. Before the first solve, the landmark of the available types alone (some member
 *   fires first; on the 8,000-service challenge set the static optimum has none that can, and
 *   with this row one solver call proves the optimum where two did) and LM-cut landmarks; then,
 *   lazily, when the solver's
 *   members cannot all fire in order from the available types (and those that fired do not
 *   already cover the goals), the landmark of the items the available types and the fired
 *   members meet, which removes that solution and no valid bundle.
 * - **Top-k**: each bundle found gets a no-good cut `Σ_{s∈S} x_s ≤ |S| − 1`, which removes it
 *   and every superset (none of which is minimal), so the next optimum is the next-best
 *   distinct bundle. A solution that is not minimal (members of cost 0, or an incumbent cut
 *   short) is reduced to what its goals use (`neededCore`), then to a minimal subset. Bundles
 *   tied with the k-th are collected, so ties rank by IRI, up to `maxTies` beyond `limit`: the
 *   ranking by cost is then proven, and which of further ties would be listed is left open.
 *   Once k bundles are found, each call has the k-th's cost as its cutoff: the solver prunes
 *   every dearer branch, and answers that nothing is left rather than finding the next-best.
 *   The quicker search's bundles (`first`) are found before the first call and cut off the same
 *   way: with k of them that call already has its cutoff, and fixes most columns at its root by
 *   their reduced costs instead of searching for a bundle as good as theirs (on the
 *   8,000-service challenge set, two calls instead of three, in about half the time).
 *
 * Every optimum is proven by the solver unless the time budget runs out, or a call stops for
 * another reason (`solverStop`: an error, a limit other than time); then the answer holds what
 * was found and the solver's best bound.
 *
 * The deadline is kept step by step: finding the relevant services and building the program
 * poll the clock and stop when it has passed; loading the program into the solver is one
 * synchronous call per kind of data and cannot be interrupted, so it is not started unless
 * twice as much time remains as building the program took (`loadFactor`: both grow with the
 * program's coefficients, which `maxEntries` bounds; loading took up to twice as long as
 * building on the 8,000-service challenge set);
 * each solver call gets the time that remains as its own time limit, and runs in the solver's
 * thread (`highs-runtime.ts`), which is terminated when a call has not returned by the deadline
 * plus `terminateMarginMs`: the search then ends with what it found (`timedOut`).
 */
import type { Problem } from '../problem.js'
import type { Deadline } from '../deadline.js'
import type { Relaxation } from '../relaxation.js'
import { compareMembers, type FoundBundle, type SearchResult } from '../search.js'
import { isMinimalSet, neededCore } from '../wiring.js'
import { assign, fire, linkCost } from './assign.js'
import { RemoteProgram, terminateMarginMs, type RunReply } from './highs-runtime.js'
import { reduce } from './greedy.js'
import { buildModel, type Model, type ModelRows } from './model.js'
import { relevantServices } from './relevant.js'
import { undominated } from './dominance.js'
import { costUnits, deleteFreeTask, landmarkOf, maxRootLandmarks, rootLandmarks, startLandmark, type DeleteFreeTask } from './landmarks.js'

export interface ExactOptions {
  readonly limit: number
  /** When the search stops with what it has. */
  readonly deadline: Deadline
  readonly budgetCents?: number
  /** Coefficients the integer program may have at most; a larger one is not built (`cut`). */
  readonly maxEntries?: number
  /**
   * A valid bundle found before (the greedy one): the solver starts from it, so an answer cut
   * short by the deadline is never worse than it.
   */
  readonly start?: readonly number[]
  /**
   * Rows added before the first solve at most (dataflow wiring; default `maxRootLandmarks`): the
   * start landmark, then LM-cut's. With 0, every dataflow row comes from a solver solution.
   */
  readonly rootLandmarks?: number
  /**
   * A quicker search (best-first, within its own size budget) run before the program is built,
   * and before dominance is weighed: its cheapest bundle is the solver's start instead of `start`,
   * and what it found stays in the answer however far the solver gets (`first`). A large program
   * (`smallModel` relevant services or more) can take the solver the whole time budget without a
   * better bundle than the greedy one; on a small one it expands `quickExpansions` states at
   * most, as a small program's proof can take the solver seconds where this search takes
   * milliseconds.
   */
  readonly first?: (maxExpansions?: number) => SearchResult | undefined
  /**
   * States the quicker search expands at most before a small program (default
   * `defaultQuickExpansions`); with 0 it does not run there.
   */
  readonly quickExpansions?: number
  /**
   * A cost that `limit` known bundles reach (the start's cost when `limit` is 1): a service every
   * bundle of which costs more is left out of the program (`relevant.ts`). The quicker search's
   * bundles lower it before the program is built.
   */
  readonly bound?: number
}

/** What the exact search found, and what the quicker search found before it (when it ran). */
export type ExactResult = SearchResult & { readonly solves: number, readonly first?: SearchResult }

const epsilon = 1e-6
/** Columns below which a program counts as small (see `load`). */
const smallModel = 400
/**
 * Milliseconds of presolve to allow per coefficient of the program: presolve ran 8–23 s on
 * 592,405 coefficients (the 8,000-service challenge set) whatever the time limit, about 0.04 ms each.
 */
const presolveMsPerEntry = 0.04
/**
 * How far past its time limit one solver call on a large program (not `smallModel`) ran at most
 * in measurements; such a call's limit is what remains divided by it.
 */
const largeOverrun = 2.5
/** How much longer than building the program loading it into the solver may take (measured: up to 2×). */
const loadFactor = 2
/** Bundles tied with the k-th collected at most beyond `limit`. */
const maxTies = 50
/**
 * The quicker search's budget (states expanded) before a small program (fewer than `smallModel` relevant services).
 * On generated catalogs its proof, when it found one, took at most a few hundred expansions (up to
 * 1,333 without the guided phase's share, `quickGuidedShare`) and tens of milliseconds; the solver's proof of the same programs took seconds (its linear
 * relaxation is weak on them). Bounded, it costs little when it proves nothing, and its bundles
 * then give the solver its cutoff as on a large program.
 */
export const defaultQuickExpansions = 1000
/**
 * How far (a fraction of the way from where the proof started to the k-th bundle's cost) the
 * quicker search's proof frontier must have come when its usual share (twice the expansions that
 * found the bundles, 200 at least) is spent, for it to go on up to `defaultQuickExpansions`
 * before a small program. On generated catalogs of 200 and 300 services the frontier had come
 * 0.68–0.98 of the way there (proofs that ended within 1,000 expansions, where the solver's took
 * seconds, and some that did not); on the web-service-challenge sets of 2,000 and 4,000
 * services, whose proof the search does not reach and the solver makes in tens of
 * milliseconds, 0.29 and 0.38. (Measured with the relaxation's bound alone; with the sum over the
 * open items, `open-items-bound.ts`, those 300-service proofs end within the budget anyway.)
 */
export const quickNearProof = 0.5
/**
 * The part of `defaultQuickExpansions` the quicker search's guided phase may spend before a small
 * program: past it the proof phase (A* on an admissible bound, which finds bundles too, cheapest
 * first) takes over. On a generated catalog of 300 services (seed 6, `I55`+`I58`, limit 3) the
 * guided phase took 1,189 expansions to find three bundles and the proof 144 more; with the
 * guided phase stopped at 500 the proof phase found and proved the top three by 656.
 */
export const quickGuidedShare = 0.5

/** The `limit` cheapest minimal bundles, proven unless the deadline passes first. */
export function exactSearch (problem: Problem, relaxation: Relaxation, options: ExactOptions): ExactResult {
  const { deadline } = options
  const timedOut = { bundles: [], expansions: 0, solves: 0, proven: false, bound: 0, timedOut: true } as const
  if (deadline.passed()) return timedOut
  deadline.step('relevant')
  const relevant = relevantServices(problem, relaxation, deadline.poller(16), options.bound === undefined ? {} : { bound: options.bound })
  if (relevant === undefined || deadline.passed()) return timedOut
  const quick = options.quickExpansions ?? defaultQuickExpansions
  const searched = relevant.length >= smallModel ? options.first?.() : quick > 0 ? options.first?.(quick) : undefined
  // On a small program its bundles get their links as the solver's do, so that the answer is the
  // one the solver alone gave (the search may link a member to another provider at the same cost).
  const first = searched === undefined || relevant.length >= smallModel ? searched : { ...searched, bundles: searched.bundles.map(b => linked(problem, b.members)).sort((a, b) => a.cost - b.cost || compareMembers(a.members, b.members)) }
  // The time ran out in the quicker search: no later step starts.
  if (deadline.passed()) return first === undefined ? timedOut : { ...first, solves: 0, first }
  if (first === undefined) {
    const kept = withoutDominated(problem, relevant, options)
    return kept === undefined ? timedOut : solve(problem, relaxation, kept, options, [], relevant.length < smallModel)
  }
  if (first.proven) return { ...first, solves: 0, first }
  // Its bundles may lower the bound: the services left for them are found again among the
  // relevant ones, and dominance is weighed among those only (on the 8,000-service challenge
  // set, about half of them).
  const bound = Math.min(options.bound ?? Infinity, kthCost(first.bundles, options.limit) ?? Infinity)
  let narrowed: readonly number[] | undefined = relevant
  if (bound < (options.bound ?? Infinity)) {
    deadline.step('relevant')
    narrowed = relevantServices(problem, relaxation, deadline.poller(16), { bound, within: new Set(relevant) })
    if (narrowed === undefined || deadline.passed()) return { ...first, solves: 0, first }
  }
  const kept = withoutDominated(problem, narrowed, options)
  if (kept === undefined) return { ...first, solves: 0, first }
  const few = relevant.length < smallModel
  if (first.bundles.length === 0) return { ...solve(problem, relaxation, kept, options, [], few), first }
  const known = first.bundles.map(b => b.members)
  return { ...solve(problem, relaxation, kept, { ...withoutStart(options), ...(Number.isFinite(bound) ? { bound } : {}) }, known, few), first }
}

/**
 * The services of `relevant` that fewer than `limit` others among them dominate
 * (`dominance.ts`); `undefined` when the deadline passes first.
 */
function withoutDominated (problem: Problem, relevant: readonly number[], options: ExactOptions): number[] | undefined {
  const { deadline } = options
  deadline.step('dominance')
  const kept = undominated(problem, relevant, options.limit, options.budgetCents !== undefined, deadline.poller(16))
  return kept === undefined || deadline.passed() ? undefined : kept
}

/** The options without a start: the known bundles take its place. */
function withoutStart (options: ExactOptions): ExactOptions {
  const rest = { ...options }
  delete rest.start
  return rest
}

/**
 * Builds the integer program over `kept` (and the members of the start and of the `known`
 * bundles) and solves it. The known bundles are valid and minimal (the quicker search's): they
 * are found before the first call and cut off, so that call already has the cost to beat as its
 * cutoff. `few`: a small program (fewer than `smallModel` relevant services), whose root the
 * solver keeps lean (`leanRoot` in `solver-worker.ts`), however many columns its penalty levels add.
 */
function solve (problem: Problem, relaxation: Relaxation, kept: readonly number[], options: ExactOptions, known: ReadonlyArray<readonly number[]>, few: boolean): SearchResult & { readonly solves: number } {
  const { deadline } = options
  const timedOut = { bundles: [], expansions: 0, solves: 0, proven: false, bound: 0, timedOut: true } as const
  // The start's and the known bundles' members stay in the program even when others dominate them.
  const extra = [...(options.start ?? []), ...known.flat()]
  const services = extra.length === 0 ? kept : [...new Set([...kept, ...extra])].sort((a, b) => a - b)
  deadline.step('model')
  const building = deadline.clock()
  const model = buildModel(problem, services, options.budgetCents, options.maxEntries, deadline.poller())
  if ('oversized' in model) return { bundles: [], expansions: 0, solves: 0, proven: false, bound: 0, cut: true }
  if ('timedOut' in model) return timedOut
  if (model.infeasible) return { bundles: [], expansions: 0, solves: 0, proven: true, bound: Infinity }
  if (deadline.remaining() < loadFactor * (deadline.clock() - building)) return timedOut
  const wait = (): number => deadline.remaining() + terminateMarginMs
  // With a known cost to beat, a large program's columns that no bundle as cheap can use are fixed
  // before its first call (`fixing.ts`); its relaxation gets a share of the time, as a call does.
  const fixing = (): { cutoff?: number, timeLimit?: number } => options.bound !== undefined && Number.isFinite(options.bound) && model.columns >= smallModel
    ? { cutoff: options.bound - model.constant + epsilon, timeLimit: deadline.remaining() / 1000 / largeOverrun }
    : {}
  // The solver thread loads the program's rows while its landmark rows are worked out here;
  // they follow, and then the relaxation is solved and the columns fixed (with a cutoff).
  const solver = RemoteProgram.begin({ op: 'load', columns: model.columns, costs: Float64Array.from(model.costs), small: model.columns < smallModel, few, ...model.rows, ...fixing() }, wait())
  if (solver === undefined) return timedOut
  try {
    // Dataflow: landmark rows before the first solve lift the linear relaxation over cycles.
    const task = problem.mode.wiring === 'dataflow' ? deleteFreeTask(model) : undefined
    const units = task === undefined ? undefined : costUnits(model.costs, task.services)
    const maxRows = options.rootLandmarks ?? maxRootLandmarks
    // Some member fires first: a static optimum whose members all wait on each other is cut off before any call.
    const startRow = task === undefined || maxRows === 0 ? undefined : startLandmark(task)
    const root = task === undefined || units === undefined ? undefined : rootLandmarks(task, units.units, maxRows - (startRow === undefined ? 0 : 1), deadline.poller(1))
    const landmarks = startRow === undefined ? root?.landmarks ?? [] : [startRow, ...root?.landmarks ?? []]
    // What every bundle costs at least, whatever the solver gets to prove in its time.
    const floor = model.constant + (root === undefined || units === undefined ? 0 : root.estimate * units.unit)
    deadline.step('load')
    if (!solver.complete({ op: 'rows', ...landmarkRows(landmarks), ...fixing() }, wait())) return timedOut
    if (options.start !== undefined) {
      const start = startValues(model, options.start)
      if (!solver.start(start.indices, start.values, wait())) return timedOut
    }
    return loop(problem, model, solver, options, task, floor, known)
  } finally {
    solver.dispose()
  }
}

/** The landmark rows in compressed form, each `Σ x_p ≥ 1` over its columns. */
function landmarkRows (landmarks: readonly number[][]): ModelRows {
  const count = landmarks.length
  let size = 0
  for (const columns of landmarks) size += columns.length
  const starts = new Int32Array(count + 1)
  const indices = new Int32Array(size)
  let at = 0
  landmarks.forEach((columns, r) => {
    indices.set(columns, at)
    at += columns.length
    starts[r + 1] = at
  })
  return { lower: new Float64Array(count).fill(1), upper: new Float64Array(count).fill(Infinity), starts, indices, values: new Float64Array(size).fill(1) }
}

/** `floor`: a bound every bundle's cost reaches (the program's constant, plus what the landmarks prove). */
function loop (problem: Problem, model: Model, solver: RemoteProgram, options: ExactOptions, task: DeleteFreeTask | undefined, floor: number, known: ReadonlyArray<readonly number[]>): SearchResult & { readonly solves: number } {
  const found: FoundBundle[] = []
  const seen = new Set<string>()
  const { deadline } = options
  const wait = (): number => deadline.remaining() + terminateMarginMs
  let solves = 0
  let proven = false
  let bound = Infinity
  /** A solver call did not return by the deadline (plus the margin): its thread was ended. */
  let ended = false
  /** Why a solver call stopped unproven, when its time limit did not (HiGHS's model status). */
  let stop: string | undefined
  /** The time limit of a call that stopped at it short of the deadline (a large program's share), in milliseconds. */
  let share: number | undefined
  /** The cost of the last bundle a solver call found: every bundle not found costs at least this. */
  let reached = 0
  /**
   * Reduces a valid set to a minimal bundle, cuts it (and every superset) off the program, and
   * records it once; false when the cut did not return in time (the thread was ended).
   */
  const record = (members: readonly number[]): boolean => {
    const needed = neededCore(problem, members)
    const minimal = isMinimalSet(problem, needed) ? needed : reduce(problem, needed)
    const key = minimal.join(',')
    const cut = solver.addRow(-Infinity, minimal.length - 1, minimal.map(s => model.columnOf[s]!), minimal.map(() => 1), wait())
    if (!seen.has(key)) {
      seen.add(key)
      found.push(linked(problem, minimal))
    }
    return cut
  }
  // The known bundles count as found: with `limit` of them the first call already has a cutoff,
  // which spares it the search for what they cost and lets it fix most columns at its root.
  for (const members of known) if (!record(members)) { ended = true; bound = reached; break }
  // Presolve's work: the coefficients of the columns left free (it drops the fixed ones first).
  const fixed = new Uint8Array(model.columns)
  for (const c of solver.fixed) fixed[c] = 1
  let entries = 0
  for (const c of model.rows.indices) if (fixed[c] === 0) entries++
  while (!ended) {
    const remaining = deadline.remaining() / 1000
    if (remaining <= 0) { bound = reached; break }
    // HiGHS's presolve does not look at its time limit (on the 8,000-service challenge set, a
    // 1 s limit ran 8 s with it, 1.4 s without): it runs only when the time left covers it.
    // Without it a large program's root still checks the time coarsely (limits of 2 s and 4 s
    // ran 3.7 s and 8.4–10 s there), so a large program's call gets a share of what remains.
    // A call that still runs at the deadline (plus `terminateMarginMs`) is ended with its thread.
    const limit = model.columns < smallModel ? remaining : remaining / largeOverrun
    const presolveOff = remaining * 1000 < presolveMsPerEntry * entries
    const ms = wait()
    deadline.step('solve')
    // Once `limit` bundles are found, only one tied with the k-th or cheaper can still rank: the
    // solver prunes everything dearer (proving that nothing is left costs far less than finding
    // the next-best bundle).
    const kthSoFar = kthCost(found, options.limit)
    const cutoff = kthSoFar === undefined ? undefined : kthSoFar - model.constant + epsilon
    const result = solver.run({ timeLimit: limit, presolveOff, ...(cutoff === undefined ? {} : { cutoff }) }, ms)
    solves++
    if (result === undefined) { ended = true; bound = reached; break }
    if (result.status === 'infeasible' || result.status === 'empty' && model.columns === 0) { proven = true; break }
    const limited = result.status !== 'optimal'
    stop = result.stop
    share = result.status === 'limited' && limit < remaining ? Math.round(limit * 1000) : undefined
    const values = result.values
    if (values === undefined) { bound = dualBound(result, model); break }
    const objective = model.constant + result.objective
    const kth = kthCost(found, options.limit)
    if (kth !== undefined && objective > kth + epsilon) { proven = !limited; if (limited) bound = dualBound(result, model); break }
    const members = model.services.filter((_, i) => values[i]! > 0.5)
    if (task !== undefined) {
      const { order, stuck } = fire(problem, members)
      // Members that fired and cover the goals are a valid bundle (the rest is left out below).
      if (stuck.length > 0 && !coversGoals(problem, order)) {
        const cut = landmarkOf(task, order.map(m => model.columnOf[m]!))
        // No service can extend what fired: no valid bundle is left in the program.
        if (cut.length === 0) { proven = true; break }
        if (!solver.addRow(1, Infinity, cut, cut.map(() => 1), wait())) { ended = true; bound = dualBound(result, model); break }
        if (limited) { bound = dualBound(result, model); break }
        continue
      }
    }
    const before = found.length
    const cut = record(members)
    if (found.length > before) reached = found[found.length - 1]!.cost
    if (!cut) { ended = true; bound = reached; break }
    if (limited) { bound = dualBound(result, model); break }
    // Enough ties collected: this call's optimum is what every bundle not found costs at least,
    // so once it reaches the k-th's cost none can rank before the listed ones (only a tie with
    // the k-th is left out, and it does not beat it) — the ranking is proven. Below the k-th's
    // cost (known bundles dearer than it), the next call finds the next-cheapest.
    if (found.length >= options.limit + maxTies && objective + epsilon >= kthCost(found, options.limit)!) { proven = true; break }
  }
  found.sort((a, b) => a.cost - b.cost || compareMembers(a.members, b.members))
  const why = ended ? { timedOut: true } : proven ? {} : stop !== undefined ? { solverStop: stop } : share !== undefined ? { shareMs: share } : {}
  return { bundles: found, expansions: solves, solves, proven, bound: proven ? Infinity : Math.max(bound, floor), ...why }
}

/** A minimal bundle with its links as the solver's bundles get them (`assign`), and its cost. */
function linked (problem: Problem, members: readonly number[]): FoundBundle {
  const { assignments, edges } = assign(problem, members)
  const cents = members.reduce((sum, s) => sum + problem.cents[s]!, 0)
  const cost = members.reduce((sum, s) => sum + problem.own[s]!, 0) + linkCost(assignments)
  return { members, assignments, edges, cost, cents }
}

function coversGoals (problem: Problem, members: readonly number[]): boolean {
  return problem.goals.every(goal => members.some(m => problem.optionOf(goal, m) !== undefined))
}

function dualBound (result: RunReply, model: Model): number {
  return Number.isFinite(result.bound) ? model.constant + result.bound : model.constant
}

function kthCost (found: readonly FoundBundle[], limit: number): number | undefined {
  if (found.length < limit) return undefined
  return found.map(f => f.cost).sort((a, b) => a - b)[limit - 1]
}

/**
 * The column values of a known bundle: its members, and for each item whose consumer is a
 * member (or a goal) the dearer penalty levels its cheapest option among the members and the
 * available types does not get below.
 */
function startValues (model: Model, members: readonly number[]): { indices: number[], values: number[] } {
  const set = new Set(members)
  const indices = model.services.map((_, i) => i)
  const values = model.services.map(s => set.has(s) ? 1 : 0)
  for (const { item, options, levels } of model.items) {
    let cheapest = Infinity
    if (item.kind !== 'requires' || set.has(item.consumer)) {
      for (const option of options) if (option.provider < 0 || set.has(option.provider)) cheapest = Math.min(cheapest, option.penalty)
    } else {
      cheapest = -Infinity
    }
    for (const level of levels) { indices.push(level.column); values.push(level.penalty <= cheapest ? 1 : 0) }
  }
  return { indices, values }
}
