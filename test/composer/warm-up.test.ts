/**
 * The program a solver thread solves when it starts: shaped like a composition's (costs above
 * 1, one row per requirement and goal), deterministic, and solved at its root by the solver.
 */
import { beforeAll, describe, expect, test } from 'vitest'
import { loadSolver } from '../../src/composer/index.js'
import { RemoteProgram } from '../../src/composer/solver/highs-runtime.js'
import { warmUpProgram } from '../../src/composer/solver/warm-up.js'

describe('the solver thread\'s warm-up program', () => {
  beforeAll(async () => { await loadSolver() }, 60_000)

  test('three layers of 150 services: 450 columns, four goal rows and a row per requirement, the same every time', () => {
    const program = warmUpProgram()
    expect(program.columns).toBe(450)
    expect(program.lower.length).toBe(program.starts.length - 1)
    expect(program.lower.filter(lower => lower === 1)).toHaveLength(4)
    // Every requirement row holds its consumer (−1) and its providers in the layer before.
    for (let r = 4; r < program.lower.length; r++) {
      const row = Array.from(program.indices.subarray(program.starts[r], program.starts[r + 1]))
      const consumer = row[row.length - 1]!
      expect(program.values[program.starts[r + 1]! - 1]).toBe(-1)
      for (const p of row.slice(0, -1)) expect(Math.floor(p / 150)).toBe(Math.floor(consumer / 150) - 1)
    }
    expect(warmUpProgram()).toEqual(program)
  })

  test('the solver proves its optimum, and a cutoff above every bundle fixes no column', () => {
    const solver = RemoteProgram.load(warmUpProgram(), 60_000)!
    try {
      expect([...solver.fixed]).toEqual([])
      expect(solver.run({ timeLimit: 30, presolveOff: false }, 60_000)).toMatchObject({ status: 'optimal' })
    } finally {
      solver.dispose()
    }
  })
})
