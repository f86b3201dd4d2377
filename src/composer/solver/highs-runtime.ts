/**
 * The integer-programming solver the composer proves its bundles optimal with: HiGHS,
 * compiled to WebAssembly (`highs`), run in a thread of its own (`solver-worker.ts`).
 *
 * HiGHS checks its time limit only now and then (and not at all during presolve), so one
 * synchronous call could run far past the request's deadline. The composer therefore waits for
 * each call synchronously (`Atomics.wait`, the composer itself stays synchronous) but at most
 * until the deadline plus `terminateMarginMs`; a call still running then is ended by terminating
 * the thread, and a fresh thread starts loading HiGHS at once for the next request. The thread
 * is kept warm between requests: loading the WebAssembly takes 60–150 ms (more on a loaded
 * machine), which a request should not pay, and once loaded the thread solves a
 * composition-shaped program (`warm-up.ts`) so that V8 has optimized HiGHS's hot functions
 * before the first large request.
 */
import { MessageChannel, receiveMessageOnPort, type MessagePort, type Worker } from 'node:worker_threads'
import { SymphonyError } from '../../errors.js'
import { moduleBeside, startWorker } from '../../worker-thread.js'
import type { LoadReply, RunReply, RunSettings, SolverRequest } from './solver-worker.js'

export type { RunReply } from './solver-worker.js'

/**
 * Milliseconds a solver call may run past the deadline before its thread is terminated: its own
 * time limit (set to what remains) usually ends it within this, and a call that ends itself keeps
 * its incumbent, which a terminated one loses.
 */
export const terminateMarginMs = 100

/** One solver thread and its synchronous channel. */
class SolverThread {
  readonly signal = new Int32Array(new SharedArrayBuffer(8))
  readonly port: MessagePort
  readonly worker: Worker
  /** The next `run` holds the thread this long first (tests: a call that does not return in time). */
  holdMs: number | undefined
  /** The next `run` gets this node limit (tests: a call that stops for another reason than time). */
  maxNodes: number | undefined
  /** The next `run` gets no time at all (tests: a call that stops at its time limit). */
  noTime = false

  constructor () {
    const { port1, port2 } = new MessageChannel()
    this.port = port1
    this.worker = startWorker(moduleBeside(import.meta.url, 'solver-worker'), { workerData: { port: port2, signal: this.signal.buffer }, transferList: [port2] })
    this.worker.unref()
    this.worker.on('error', () => {})
  }

  /** Waits for HiGHS to load, at most `ms` (synchronously). True when it has. */
  ready (ms: number): boolean {
    if (Atomics.load(this.signal, 1) === 0) Atomics.wait(this.signal, 1, 0, ms)
    const state = Atomics.load(this.signal, 1)
    if (state === 2) throw crashed(String((receiveMessageOnPort(this.port)?.message as { error?: string } | undefined)?.error ?? 'unknown'))
    return state === 1
  }

  /** Sends a request and waits for its answer at most `ms`; undefined when it did not come in time. */
  call<T> (request: SolverRequest, ms: number): T | undefined {
    this.send(request)
    return this.receive<T>(ms)
  }

  /** Sends a request without waiting: its answer is read by `receive`, before the next request is sent. */
  send (request: SolverRequest): void {
    Atomics.store(this.signal, 0, 0)
    this.port.postMessage(request)
  }

  /** Waits for the answer to the request sent last, at most `ms`; undefined when it did not come in time. */
  receive<T> (ms: number): T | undefined {
    Atomics.wait(this.signal, 0, 0, Math.max(0, ms))
    const state = Atomics.load(this.signal, 0)
    if (state === 0) return undefined
    const reply = receiveMessageOnPort(this.port)?.message as (T & { error?: string }) | undefined
    if (state === 2 || reply === undefined) throw crashed('the solver thread ended')
    if (reply.error !== undefined) throw crashed(reply.error)
    return reply
  }
}

function crashed (reason: string): SymphonyError {
  current = undefined
  return new SymphonyError('INTERNAL', {
    en: `the composition solver failed: ${reason}. The request was not answered; a fresh solver is started for the next one, so retry the request (if this repeats, report it with the request)`,
    de: `der Löser für Zusammenstellungen ist fehlgeschlagen: ${reason}. Die Anfrage wurde nicht beantwortet; für die nächste wird ein neuer Löser gestartet, wiederholen Sie also die Anfrage (tritt dies erneut auf, melden Sie es mit der Anfrage)`
  })
}

let current: SolverThread | undefined

/** The warm solver thread, started when there is none. */
function thread (): SolverThread {
  current ??= new SolverThread()
  return current
}

/** Loads the solver (starts its thread and waits until HiGHS is loaded); later calls return at once. */
export async function loadSolver (): Promise<void> {
  while (!thread().ready(0)) await new Promise(resolve => setTimeout(resolve, 5))
}

/** Terminates the solver thread and starts a fresh one, which loads HiGHS while the composer answers. */
function replace (): void {
  const ended = current
  current = new SolverThread()
  if (ended !== undefined) void ended.worker.terminate()
}

/** Makes the next solver call hold its thread for `ms` before solving: tests of a call that does not return in time. */
export function holdNextSolve (ms: number): void {
  thread().holdMs = ms
}

/**
 * Makes the next solver call stop after its root (a node limit of 0, without presolve): HiGHS
 * answers `solutionLimit`, as it does even when the root's relaxation is integral. Tests of a
 * call that stops neither proven nor out of time (`stopped`).
 */
export function stopNextSolve (): void {
  thread().maxNodes = 0
}

/**
 * Makes the next solver call stop at its time limit, given none (a time limit of 0): tests of a
 * call that stops at its own limit short of the deadline (a large program's share of the time).
 */
export function limitNextSolve (): void {
  thread().noTime = true
}

/**
 * A program in the solver, driven synchronously; every call waits at most `ms` (what is left
 * of the deadline plus `terminateMarginMs`). A call that does not answer in time ends the
 * thread and returns undefined; a failing one throws `INTERNAL`.
 */
export class RemoteProgram {
  /** The columns fixed at 0 when the program was loaded with a cutoff (ascending). */
  fixed: Int32Array = new Int32Array(0)
  /** `begin` sent the program's first part, whose answer `complete` reads. */
  private loading = false

  private constructor (private readonly solver: SolverThread) {}

  /** Loads the program; undefined when the solver was not ready or loading did not end in `ms`. */
  static load (program: Extract<SolverRequest, { op: 'load' }>, ms: number): RemoteProgram | undefined {
    const solver = thread()
    if (!solver.ready(ms)) return undefined
    const loaded = new RemoteProgram(solver)
    const reply = loaded.ask<LoadReply>(program, ms)
    if (reply === undefined) return undefined
    loaded.fixed = reply.fixed
    return loaded
  }

  /**
   * Starts loading a program whose last rows are still being worked out (`more`), and returns
   * at once: the solver thread adds the rows it has while the composer works out the rest, which
   * `complete` hands it. Undefined when the solver was not ready in `ms`.
   */
  static begin (program: Extract<SolverRequest, { op: 'load' }>, ms: number): RemoteProgram | undefined {
    const solver = thread()
    if (!solver.ready(ms)) return undefined
    const loading = new RemoteProgram(solver)
    solver.send({ ...program, more: true })
    loading.loading = true
    return loading
  }

  /**
   * The rest of a program `begin` started: waits for the first part, then adds `rows` and (with
   * a cutoff) solves the relaxation of the whole program and fixes columns as `load` does. False
   * when the thread had to be ended.
   */
  complete (rows: Extract<SolverRequest, { op: 'rows' }>, ms: number): boolean {
    if (!this.loading) return false
    const reply = this.ask<LoadReply>(rows, ms)
    if (reply === undefined) return false
    this.fixed = reply.fixed
    return true
  }

  /** One solve; undefined when the thread had to be ended. */
  run (settings: RunSettings, ms: number): RunReply | undefined {
    const { holdMs, maxNodes, noTime } = this.solver
    this.solver.holdMs = undefined
    this.solver.maxNodes = undefined
    this.solver.noTime = false
    return this.ask<RunReply>({ op: 'run', ...settings, ...(noTime ? { timeLimit: 0 } : {}), ...(holdMs === undefined ? {} : { holdMs }), ...(maxNodes === undefined ? {} : { maxNodes }) }, ms)
  }

  /** Adds a row; false when the thread had to be ended. */
  addRow (lower: number, upper: number, indices: readonly number[], values: readonly number[], ms: number): boolean {
    return this.ask({ op: 'addRow', lower, upper, indices: Int32Array.from(indices), values: Float64Array.from(values) }, ms) !== undefined
  }

  /** Gives the solver a known solution to start from (values of some columns); false when the thread had to be ended. */
  start (indices: readonly number[], values: readonly number[], ms: number): boolean {
    return this.ask({ op: 'start', indices: Int32Array.from(indices), values: Float64Array.from(values) }, ms) !== undefined
  }

  /** Frees the program (unless its thread was ended). */
  dispose (): void {
    if (current === this.solver) this.ask({ op: 'dispose' }, 1000)
  }

  private ask<T = object> (request: SolverRequest, ms: number): T | undefined {
    if (current !== this.solver) return undefined
    // The first part of a program `begin` sent is answered first.
    if (this.loading) {
      this.loading = false
      if (this.solver.receive(ms) === undefined) { replace(); return undefined }
    }
    const reply = this.solver.call<T>(request, ms)
    if (reply === undefined) replace()
    return reply
  }
}
