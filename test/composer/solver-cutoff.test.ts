/**
 * A solver call with a cutoff: once the composer has as many bundles as it wants, it asks only
 * for solutions costing no more than the last of them (ties still rank), and a program with none
 * answers `infeasible` — the proof that the ranking is complete.
 */
import { beforeAll, describe, expect, test } from 'vitest'
import { loadSolver } from '../../src/composer/index.js'
import { RemoteProgram } from '../../src/composer/solver/highs-runtime.js'

// min 1·x0 + 2·x1 + 4·x2 with x0 + x1 ≥ 1 and x1 + x2 ≥ 1, binary: the optimum is x1 alone (2);
// without x1, x0 with x2 (5).
const program = {
  op: 'load',
  columns: 3,
  costs: Float64Array.from([1, 2, 4]),
  small: true,
  lower: Float64Array.from([1, 1]),
  upper: Float64Array.from([Infinity, Infinity]),
  starts: Int32Array.from([0, 2, 4]),
  indices: Int32Array.from([0, 1, 1, 2]),
  values: Float64Array.from([1, 1, 1, 1])
} as const

describe('a solver call with a cutoff', () => {
  beforeAll(async () => { await loadSolver() }, 60_000)

  test('finds the optimum at or below the cutoff, answers infeasible below it, and a later call without one is not held to it', () => {
    const solver = RemoteProgram.load(program, 30_000)!
    try {
      const settings = { timeLimit: 10, presolveOff: true }
      expect(solver.run({ ...settings, cutoff: 1.5 }, 30_000)).toMatchObject({ status: 'infeasible' })
      expect(solver.run({ ...settings, cutoff: 2 + 1e-6 }, 30_000)).toMatchObject({ status: 'optimal', objective: 2 })
      expect(solver.run(settings, 30_000)).toMatchObject({ status: 'optimal', objective: 2 })
      // With the optimum cut off by a row, the next-best (x0 and x2, 5) lies above a cutoff of 2.
      expect(solver.addRow(-Infinity, 0, [1], [1], 30_000)).toBe(true)
      expect(solver.run({ ...settings, cutoff: 2 + 1e-6 }, 30_000)).toMatchObject({ status: 'infeasible' })
      expect(solver.run(settings, 30_000)).toMatchObject({ status: 'optimal', objective: 5 })
    } finally {
      solver.dispose()
    }
  })
})
