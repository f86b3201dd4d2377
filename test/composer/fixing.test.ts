/**
 * Reduced-cost fixing: the columns a dual solution of the linear relaxation shows to be 0 in
 * every solution within the cutoff, checked against the solutions enumerated by hand, and in
 * the solver thread, where the optimum stays the same.
 */
import { beforeAll, describe, expect, test } from 'vitest'
import { loadSolver } from '../../src/composer/index.js'
import { fixedByReducedCost } from '../../src/composer/solver/fixing.js'
import { RemoteProgram } from '../../src/composer/solver/highs-runtime.js'
import { warmUpProgram } from '../../src/composer/solver/warm-up.js'

// min 1·x0 + 2·x1 + 4·x2 with x0 + x1 ≥ 1 and x1 + x2 ≥ 1, binary. Its solutions and costs:
// {x1} 2, {x0, x1} 3, {x0, x2} 5, {x1, x2} 6, {x0, x1, x2} 7. The relaxation's optimum is 2.
const rows = {
  costs: Float64Array.from([1, 2, 4]),
  lower: Float64Array.from([1, 1]),
  upper: Float64Array.from([Infinity, Infinity]),
  starts: Int32Array.from([0, 2, 4]),
  indices: Int32Array.from([0, 1, 1, 2]),
  values: Float64Array.from([1, 1, 1, 1])
}

describe('reduced-cost fixing', () => {
  test('with the duals (1, 1): reduced costs (0, 0, 3); x2 costs at least 5, so a cutoff below 5 fixes it and one of 5 does not', () => {
    expect(fixedByReducedCost(rows, [1, 1], 4.99)).toEqual([2])
    expect(fixedByReducedCost(rows, [1, 1], 5)).toEqual([])
  })

  test('with the duals (0, 2): reduced costs (1, 0, 2); below 3 both x0 and x2 are fixed, and only {x1} is left', () => {
    expect(fixedByReducedCost(rows, [0, 2], 2.5)).toEqual([0, 2])
    expect(fixedByReducedCost(rows, [0, 2], 3)).toEqual([2])
  })

  test('a dual of the wrong sign counts as 0, so the bound it gives never claims more than holds', () => {
    // (−5, 2) would give reduced costs (6, 5, 2) and a bound of −3; as (0, 2) it is the case above.
    expect(fixedByReducedCost(rows, [-5, 2], 2.5)).toEqual([0, 2])
    // No dual at all: the bound is what the negative reduced costs allow (none here), 0.
    expect(fixedByReducedCost(rows, [0, 0], 3.5)).toEqual([2])
  })

  test('a solution that ties with the cutoff keeps its columns, though the bound summed in floating point lands just above it', () => {
    // x0 ≥ 1 at 0.1, x1 free at 0.2: {x0, x1} costs 0.3, and 0.1 + 0.2 is 0.30000000000000004 in doubles.
    const tie = { costs: Float64Array.from([0.1, 0.2]), lower: Float64Array.from([1]), upper: Float64Array.from([Infinity]), starts: Int32Array.from([0, 1]), indices: Int32Array.from([0]), values: Float64Array.from([1]) }
    expect(fixedByReducedCost(tie, [0.1], 0.3)).toEqual([])
    expect(fixedByReducedCost(tie, [0.1], 0.29)).toEqual([1])
  })

  test('rows bounded above take duals of the other sign, and an equality row either', () => {
    // −x0 − x1 ≤ −1 is x0 + x1 ≥ 1; x1 + x2 = 1.
    const mixed = { ...rows, lower: Float64Array.from([-Infinity, 1]), upper: Float64Array.from([-1, 1]), values: Float64Array.from([-1, -1, 1, 1]) }
    expect(fixedByReducedCost(mixed, [-1, 1], 4.99)).toEqual([2])
    expect(fixedByReducedCost(mixed, [1, 1], 4.99)).toEqual(fixedByReducedCost(mixed, [0, 1], 4.99))
  })
})

describe('fixing in the solver thread', () => {
  beforeAll(async () => { await loadSolver() }, 60_000)

  test('a program loaded with a cutoff has the columns fixed that no solution within it uses, and the same optimum', () => {
    const program = { op: 'load', columns: 3, small: false, ...rows } as const
    for (const [cutoff, optimum] of [[2.5, 2], [undefined, 2]] as const) {
      const solver = RemoteProgram.load({ ...program, ...(cutoff === undefined ? {} : { cutoff, timeLimit: 10 }) }, 30_000)!
      try {
        // x2 (at least 5) is fixed whichever optimal duals the relaxation gives; x0 too with (0, 2).
        if (cutoff === undefined) expect([...solver.fixed]).toEqual([])
        else expect([[2], [0, 2]]).toContainEqual([...solver.fixed])
        expect(solver.run({ timeLimit: 10, presolveOff: true }, 30_000)).toMatchObject({ status: 'optimal', objective: optimum })
        // With {x1} cut off, the next-best is {x0, x1} (3), above the cutoff: none is left when fixed.
        expect(solver.addRow(-Infinity, 0, [1], [1], 30_000)).toBe(true)
        expect(solver.run({ timeLimit: 10, presolveOff: true }, 30_000)).toMatchObject(cutoff === undefined ? { status: 'optimal', objective: 5 } : { status: 'infeasible' })
      } finally {
        solver.dispose()
      }
    }
  })
})

describe('a program loaded in two parts', () => {
  beforeAll(async () => { await loadSolver() }, 60_000)

  /** The rows of `program` from `from` to `to`, in compressed arrays of their own. */
  const slice = (program: ReturnType<typeof warmUpProgram>, from: number, to: number): { lower: Float64Array, upper: Float64Array, starts: Int32Array, indices: Int32Array, values: Float64Array } => {
    const at = program.starts[from]!
    const end = program.starts[to]!
    return {
      lower: program.lower.slice(from, to),
      upper: program.upper.slice(from, to),
      starts: program.starts.slice(from, to + 1).map(s => s - at),
      indices: program.indices.slice(at, end),
      values: program.values.slice(at, end)
    }
  }

  test('fixes the same columns and solves to the same optimum as the program loaded whole, wherever it is split', () => {
    const whole = warmUpProgram(3, 40)
    const free = RemoteProgram.load({ ...whole, cutoff: undefined, timeLimit: undefined }, 30_000)!
    const optimum = free.run({ timeLimit: 30, presolveOff: false }, 30_000)!
    free.dispose()
    expect(optimum.status).toBe('optimal')
    // Just above the optimum: the relaxation rules out many columns, none of an optimal solution.
    const cutoff = optimum.objective + 0.01
    const loaded = RemoteProgram.load({ ...whole, cutoff, timeLimit: 30 }, 30_000)!
    const expected = { fixed: [...loaded.fixed], run: loaded.run({ timeLimit: 30, presolveOff: false }, 30_000) }
    loaded.dispose()
    expect(expected.fixed.length).toBe(54)
    expect(expected.run).toMatchObject({ status: 'optimal', objective: optimum.objective })
    const rows = whole.lower.length
    for (const split of [0, 1, Math.floor(rows / 2), rows - 1, rows]) {
      const solver = RemoteProgram.begin({ ...whole, ...slice(whole, 0, split), cutoff, timeLimit: 30 }, 30_000)!
      try {
        expect(solver.complete({ op: 'rows', ...slice(whole, split, rows), cutoff, timeLimit: 30 }, 30_000)).toBe(true)
        expect([...solver.fixed]).toEqual(expected.fixed)
        expect(solver.run({ timeLimit: 30, presolveOff: false }, 30_000)).toEqual(expected.run)
      } finally {
        solver.dispose()
      }
    }
  })

  test('a program begun and let go of before its rest leaves the thread answering the next program, not the first part\'s reply', () => {
    const begun = RemoteProgram.begin({ ...warmUpProgram(2, 20), cutoff: undefined, timeLimit: undefined }, 30_000)!
    begun.dispose()
    const solver = RemoteProgram.load({ op: 'load', ...rows, columns: 3, small: false }, 30_000)!
    try {
      expect(solver.run({ timeLimit: 10, presolveOff: true }, 30_000)).toMatchObject({ status: 'optimal', objective: 2 })
      expect(solver.addRow(-Infinity, 0, [1], [1], 30_000)).toBe(true)
      expect(solver.run({ timeLimit: 10, presolveOff: true }, 30_000)).toMatchObject({ status: 'optimal', objective: 5 })
    } finally {
      solver.dispose()
    }
  })
})
