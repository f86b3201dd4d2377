/**
 * The solver thread: it loads HiGHS once and runs the integer programs the composer hands it,
 * so a call that overruns its time limit can be ended by terminating the thread
 * (`solver-thread.ts`). Every request is answered on `port` and then signalled on the shared
 * `signal` array (index 0: 1 done, 2 the thread ended), so the composer can wait for it
 * synchronously (`Atomics.wait`); index 1 says 1 once HiGHS is loaded, 2 if loading failed.
 *
 * Requests (one program at a time; `load` replaces the previous one):
 *   { op: 'load', columns, costs, small, few?, lower, upper, starts, indices, values, cutoff?, timeLimit?, more? }
 *     → { fixed }   (with a cutoff: the columns fixed at 0 by reduced costs, `fixing.ts`, ascending;
 *                    with `more`, none yet: the rest of the rows comes in `rows`)
 *   { op: 'rows', lower, upper, starts, indices, values, cutoff?, timeLimit? }  → { fixed }
 *     (the rest of a program loaded with `more`: its rows are added, then fixing and
 *      integrality as for a whole program)
 *   { op: 'run', timeLimit, presolveOff, cutoff?, holdMs?, maxNodes? }  → { status, stop?, values?, objective, bound }
 *   { op: 'addRow', lower, upper, indices, values }
 *   { op: 'start', indices, values }   (a known solution to start from: the columns' values)
 *   { op: 'dispose' }
 */
import { workerData, type MessagePort } from 'node:worker_threads'
import highsModule, { type Highs } from 'highs'
import { fixedByReducedCost, type CompressedRows } from './fixing.js'
import { warmUpProgram } from './warm-up.js'

type Loader = typeof highsModule.default
/** The package's types describe its CommonJS face; the ES module's default export is the loader itself. */
const highsLoader: Loader = typeof highsModule === 'function' ? highsModule as unknown as Loader : highsModule.default

type Solver = ReturnType<Highs['createModel']>

/** What the composer asks of the thread. */
export type SolverRequest =
  | {
    readonly op: 'load', readonly columns: number, readonly costs: Float64Array, readonly small: boolean, readonly lower: Float64Array, readonly upper: Float64Array, readonly starts: Int32Array, readonly indices: Int32Array, readonly values: Float64Array
    /**
     * The program is a small one (fewer than 400 relevant services), though it may have 400
     * columns or more with its penalty levels: its root keeps a small cut pool and does not
     * restart (`leanRoot`).
     */
    readonly few?: boolean
    /**
     * Only solutions of this objective or less are wanted by any later call: the linear
     * relaxation is solved first (within `timeLimit` seconds) and the columns its reduced costs
     * show to be 0 in every such solution are fixed at 0.
     */
    readonly cutoff?: number
    readonly timeLimit?: number
    /**
     * More rows follow in a `rows` request: these are added now, while the composer still works
     * out the rest, and the relaxation is solved, the columns fixed and made integral only once
     * the rest is in.
     */
    readonly more?: boolean
  }
  | ({ readonly op: 'rows', readonly cutoff?: number, readonly timeLimit?: number } & Omit<CompressedRows, 'costs'>)
  | ({ readonly op: 'run', readonly holdMs?: number, readonly maxNodes?: number } & RunSettings)
  | { readonly op: 'addRow', readonly lower: number, readonly upper: number, readonly indices: Int32Array, readonly values: Float64Array }
  | { readonly op: 'start', readonly indices: Int32Array, readonly values: Float64Array }
  | { readonly op: 'dispose' }

/** How one `run` goes. */
export interface RunSettings {
  /** Seconds. */
  readonly timeLimit: number
  readonly presolveOff: boolean
  /**
   * Only solutions of this objective or less are wanted: the solver prunes what costs more and,
   * when nothing is left, answers `infeasible` (or `optimal` with a solution it held from before,
   * costing more than the cutoff).
   */
  readonly cutoff?: number
}

/** The outcome of `load`: the columns fixed at 0 (ascending; none without a cutoff). */
export interface LoadReply {
  readonly fixed: Int32Array
}

/**
 * The outcome of one `run`: `limited` when its time limit stopped it before proving an
 * optimum, `stopped` when anything else did (another limit, an error: `stop` names HiGHS's
 * model status), which more time would not change.
 */
export interface RunReply {
  readonly status: 'optimal' | 'infeasible' | 'empty' | 'limited' | 'stopped'
  /** HiGHS's model status when `stopped` (`solveError`, `iterationLimit`, `solutionLimit`, …). */
  readonly stop?: string
  /** The incumbent's column values, when there is one. */
  readonly values?: Float64Array
  readonly objective: number
  /** The solver's dual bound (NaN when it has none). */
  readonly bound: number
}

const { port, signal: shared } = workerData as { port: MessagePort, signal: SharedArrayBuffer }
const signal = new Int32Array(shared)

function raise (index: number, value: number): void {
  Atomics.store(signal, index, value)
  Atomics.notify(signal, index)
}

process.on('exit', () => raise(0, 2))

/** The objective bound of a run without a cutoff: HiGHS takes only finite option values, and this is beyond any objective. */
const noCutoff = 1e30
/** HiGHS's default node limit (none): a run without a test's `maxNodes` gets it back. */
const maxNodes = 2147483647
/**
 * The root of a small program (`few`): a cut pool of at most 100 cuts (HiGHS's default 10,000)
 * and no restart. On three generated 300-service programs (about 555 columns, 800 rows, every
 * proof ending at the root) the root with the defaults spent seconds separating cuts (over 9,000
 * in the pool for 32 in the linear program) and restarted up to three times after fixing
 * columns; with these, the same optima with a third to three quarters of the simplex iterations and
 * in a quarter to a seventh of the time (docs/scale.md, "The root of a program of few services").
 */
const leanRoot = { mip_pool_soft_limit: 100, mip_allow_restart: false } as const

let highs: Highs
let solver: Solver | undefined
/** The loaded program is small: presolve stays off for all its calls. */
let small = false
/**
 * The cutoff columns were fixed for when the program was loaded (Infinity when none were): the
 * solver's dual bound holds only up to it, as the solutions left out all cost more.
 */
let fixedAt = Infinity
/** The loaded program's costs and rows so far (`load`, then `rows`): reduced-cost fixing reads them. */
let loaded: Extract<SolverRequest, { op: 'load' }> | undefined

const infinite = (value: number): number => value === -Infinity ? -highs.infinity : value === Infinity ? highs.infinity : value

function load (request: Extract<SolverRequest, { op: 'load' }>): LoadReply {
  solver?.dispose()
  const model = solver = highs.createModel()
  small = request.small
  fixedAt = Infinity
  loaded = request
  model.options.set({ output_flag: false, mip_rel_gap: 0, mip_abs_gap: 1e-7 })
  // Small programs (most ICT requests) are solved faster without presolve, symmetry detection and
  // primal heuristics, whose set-up costs more than the branch and bound they would save.
  if (request.small) model.options.set({ mip_heuristic_effort: 0, mip_detect_symmetry: false, mip_heuristic_run_feasibility_jump: false })
  if (request.few === true) model.options.set(leanRoot)
  // One call per kind of data: HiGHS copies its vectors on every change, so per-column calls
  // would make loading quadratic in the number of relevant services.
  const n = request.columns
  model.addVars(new Float64Array(n), new Float64Array(n).fill(1))
  if (n === 0) return { fixed: new Int32Array(0) }
  model.changeColsCost({ kind: 'range', from: 0, to: n - 1 }, request.costs)
  addRows(model, request)
  if (request.more === true) return { fixed: new Int32Array(0) }
  return finish(model, request, request.cutoff === undefined ? undefined : { cutoff: request.cutoff, timeLimit: request.timeLimit })
}

/** The rest of a program loaded with `more`: its rows, then fixing and integrality as `load` does them. */
function rest (model: Solver, request: Extract<SolverRequest, { op: 'rows' }>): LoadReply {
  const first = loaded!
  addRows(model, request)
  const rows = joined(first, request)
  loaded = rows
  return finish(model, rows, request.cutoff === undefined ? undefined : { cutoff: request.cutoff, timeLimit: request.timeLimit })
}

function addRows (model: Solver, rows: Omit<CompressedRows, 'costs'>): void {
  const count = rows.lower.length
  if (count === 0) return
  model.addRows({
    lower: rows.lower.map(infinite),
    upper: rows.upper.map(infinite),
    matrix: { format: 'csr', numRows: count, numCols: loaded!.columns, starts: rows.starts, indices: rows.indices, values: rows.values }
  })
}

/** The rows of `first` followed by those of `then`, in one set of compressed arrays. */
function joined (first: Extract<SolverRequest, { op: 'load' }>, then: Omit<CompressedRows, 'costs'>): Extract<SolverRequest, { op: 'load' }> {
  const rows = first.lower.length
  const size = first.indices.length
  const join = <T extends Float64Array | Int32Array>(a: T, b: T, into: T): T => { into.set(a); into.set(b, a.length); return into }
  const starts = new Int32Array(rows + then.lower.length + 1)
  starts.set(first.starts)
  for (let r = 1; r < then.starts.length; r++) starts[rows + r] = size + then.starts[r]!
  return {
    ...first,
    lower: join(first.lower, then.lower, new Float64Array(rows + then.lower.length)),
    upper: join(first.upper, then.upper, new Float64Array(rows + then.lower.length)),
    starts,
    indices: join(first.indices, then.indices, new Int32Array(size + then.indices.length)),
    values: join(first.values, then.values, new Float64Array(size + then.values.length))
  }
}

/** Fixes what the relaxation rules out under a cutoff (when one is given), then makes the columns integral. */
function finish (model: Solver, rows: Extract<SolverRequest, { op: 'load' }>, fixing: { cutoff: number, timeLimit: number | undefined } | undefined): LoadReply {
  const n = rows.columns
  if (n === 0) return { fixed: new Int32Array(0) }
  const fixed = fixing === undefined || rows.lower.length === 0 ? [] : fixByRelaxation(model, rows, fixing.cutoff, fixing.timeLimit)
  model.changeColsIntegrality({ kind: 'range', from: 0, to: n - 1 }, new Int32Array(n).fill(highs.constants.variableType.integer))
  return { fixed: Int32Array.from(fixed) }
}

/** Solves the linear relaxation (columns still continuous) and fixes what its reduced costs rule out (`fixing.ts`). */
function fixByRelaxation (model: Solver, rows: CompressedRows, cutoff: number, timeLimit: number | undefined): number[] {
  // The relaxation's simplex without presolve: the program's rows are few per column, and presolve cost more than it saved.
  model.options.set({ time_limit: timeLimit ?? noCutoff, presolve: 'off', objective_bound: noCutoff })
  if (model.run().modelStatus !== highs.constants.modelStatus.optimal) return []
  const fixed = fixedByReducedCost(rows, model.getSolution().rowDual, cutoff)
  if (fixed.length === 0) return fixed
  model.changeColsBounds({ kind: 'set', indices: Int32Array.from(fixed) }, new Float64Array(fixed.length), new Float64Array(fixed.length))
  fixedAt = cutoff
  return fixed
}

function info (model: Solver, name: string): number {
  try {
    return Number(model.info.get(name as never))
  } catch {
    return NaN
  }
}

function run (model: Solver, request: Extract<SolverRequest, { op: 'run' }>): RunReply {
  // A test's stand-in for a call that does not return in time: the thread is busy, as in a long solve.
  if (request.holdMs !== undefined) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, request.holdMs)
  // Presolve is chosen per call: a call short of time goes without it, a later one with more time left gets it back.
  // A test's node limit (`stopNextSolve`) holds for its call only, which goes without presolve:
  // presolve alone can solve a program whole.
  const presolve = small || request.presolveOff || request.maxNodes !== undefined ? 'off' : 'choose'
  model.options.set({ time_limit: request.timeLimit, objective_bound: request.cutoff ?? noCutoff, presolve, mip_max_nodes: request.maxNodes ?? maxNodes })
  const result = model.run()
  const codes = highs.constants.modelStatus
  const status = result.modelStatus === codes.optimal ? 'optimal' : result.modelStatus === codes.infeasible ? 'infeasible' : result.modelStatus === codes.empty ? 'empty' : result.modelStatus === codes.timeLimit ? 'limited' : 'stopped'
  const stop = status === 'stopped' ? { stop: statusName(result.modelStatus) } : {}
  const bound = Math.min(info(model, 'mip_dual_bound'), fixedAt)
  const solved = status === 'optimal' || status !== 'infeasible' && status !== 'empty' && info(model, 'primal_solution_status') === 2
  if (!solved) return { status, ...stop, objective: NaN, bound }
  return { status, ...stop, values: Float64Array.from(model.getSolution().colValue), objective: model.getObjectiveValue(), bound }
}

/** HiGHS's name of a model status (`solveError`, …), as its constants spell it. */
function statusName (code: number): string {
  const codes: Readonly<Record<string, number>> = highs.constants.modelStatus
  return Object.keys(codes).find(name => codes[name] === code) ?? String(code)
}

function answer (request: SolverRequest): unknown {
  if (request.op === 'load') return load(request)
  if (request.op === 'dispose') { solver?.dispose(); solver = undefined; loaded = undefined; return {} }
  if (solver === undefined) throw new Error(`no program is loaded for '${request.op}'`)
  if (request.op === 'run') return run(solver, request)
  if (request.op === 'rows') return rest(solver, request)
  if (request.op === 'start') { solver.setSolution({ indices: request.indices, values: request.values }); return {} }
  solver.addRow(infinite(request.lower), infinite(request.upper), { indices: request.indices, values: request.values })
  return {}
}

/**
 * Solves a two-column program once: the first solve compiles most of HiGHS's WebAssembly
 * functions (about 80 ms), with and without presolve, which a request's first call, waited for only until its deadline,
 * should not pay.
 */
function warmUp (small: boolean): void {
  load({ op: 'load', columns: 2, costs: Float64Array.of(1, 2), small, lower: Float64Array.of(1), upper: Float64Array.of(Infinity), starts: Int32Array.of(0, 2), indices: Int32Array.of(0, 1), values: Float64Array.of(1, 1) })
  run(solver!, { op: 'run', timeLimit: 10, presolveOff: false })
  solver!.dispose()
  solver = undefined
}

try {
  highs = await highsLoader()
  warmUp(true)
  warmUp(false)
  raise(1, 1)
} catch (error) {
  port.postMessage({ error: error instanceof Error ? error.message : String(error) })
  raise(1, 2)
}

// Loaded: then a composition-sized program once (`warm-up.ts`), so that V8 has compiled the
// solver's hot functions to optimized code before the first large request. A request sent
// meanwhile waits in the port until it is done.
try {
  load(warmUpProgram())
  run(solver!, { op: 'run', timeLimit: 30, presolveOff: false })
} catch {
  // A warm-up that fails leaves the solver as loaded; the requests report their own failures.
} finally {
  solver?.dispose()
  solver = undefined
}

port.on('message', (request: SolverRequest) => {
  let reply: unknown
  try {
    reply = answer(request)
  } catch (error) {
    reply = { error: error instanceof Error ? error.message : String(error) }
  }
  port.postMessage(reply)
  raise(0, 1)
})
