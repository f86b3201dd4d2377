/**
 * A program shaped like a composition's, solved once by a solver thread when it starts: V8
 * runs HiGHS's WebAssembly in its baseline tier first and compiles a function to optimized code
 * only once it has run a while, so the first large program a thread solves took several times
 * as long as the next (on the 8,000-service challenge set, 1.5–2 s against 0.3 s). Solving this
 * one (the linear relaxation, reduced-cost fixing, presolve, cuts) moves that cost to the
 * thread's start, before any request waits for it.
 *
 * Services in layers: each of the first layer needs nothing, each later one needs one or two
 * interfaces, each provided by a few services of the layer before (`x_p − x_s ≥ 0` rows), and a
 * few goals are met by services of the last layer. Deterministic, no I/O.
 */
import type { SolverRequest } from './solver-worker.js'

/** The warm-up program: `layers` layers of `width` services. */
export function warmUpProgram (layers = 3, width = 150): Extract<SolverRequest, { op: 'load' }> {
  let seed = 1
  const random = (): number => { seed = (seed * 48271) % 2147483647; return seed / 2147483647 }
  const columns = layers * width
  const costs = Float64Array.from({ length: columns }, () => 1 + Math.floor(random() * 100) / 100)
  const lower: number[] = []
  const starts = [0]
  const indices: number[] = []
  const values: number[] = []
  const row = (providers: readonly number[], consumer: number | undefined): void => {
    for (const p of new Set(providers)) { indices.push(p); values.push(1) }
    if (consumer !== undefined) { indices.push(consumer); values.push(-1) }
    lower.push(consumer === undefined ? 1 : 0)
    starts.push(indices.length)
  }
  const pick = (layer: number, count: number): number[] => Array.from({ length: count }, () => layer * width + Math.floor(random() * width))
  for (let goal = 0; goal < 4; goal++) row(pick(layers - 1, 5), undefined)
  for (let layer = 1; layer < layers; layer++) {
    for (let s = layer * width; s < (layer + 1) * width; s++) {
      const needs = random() < 0.5 ? 1 : 2
      for (let k = 0; k < needs; k++) row(pick(layer - 1, 3), s)
    }
  }
  // Any bundle costs less than one that holds every service: the cutoff fixes nothing, but the relaxation runs.
  const cutoff = costs.reduce((sum, cost) => sum + cost, 0)
  return {
    op: 'load',
    columns,
    costs,
    small: false,
    lower: Float64Array.from(lower),
    upper: new Float64Array(lower.length).fill(Infinity),
    starts: Int32Array.from(starts),
    indices: Int32Array.from(indices),
    values: Float64Array.from(values),
    cutoff,
    timeLimit: 30
  }
}
