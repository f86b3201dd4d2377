/** Two searches' findings of one problem, merged: each bundle once, cheapest first, the stronger bound. */
import { describe, expect, test } from 'vitest'
import { merged } from '../../src/composer/run-search.js'
import type { FoundBundle, SearchResult } from '../../src/composer/search.js'

function bundle (members: number[], cost: number): FoundBundle {
  return { members, assignments: [], edges: [], cost, cents: 0 }
}

function result (bundles: FoundBundle[], extra: Partial<SearchResult> = {}): SearchResult {
  return { bundles, expansions: 1, proven: false, bound: 0, ...extra }
}

describe('merged search results', () => {
  test('each bundle once, cheapest first, ties by member IRIs; the larger bound; neither proven', () => {
    const solver = result([bundle([1, 4, 7], 5), bundle([2, 3], 4)], { bound: 3.5 })
    const bestFirst = result([bundle([2, 3], 4), bundle([1, 5], 3), bundle([1, 2], 5)], { bound: 2 })
    const both = merged(solver, bestFirst)
    expect(both.bundles.map(b => b.members)).toEqual([[1, 5], [2, 3], [1, 2], [1, 4, 7]])
    expect(both.bound).toBe(3.5)
    expect(both.proven).toBe(false)
    expect(both.expansions).toBe(2)
    expect(both.timedOut).toBeUndefined()
  })

  test('a search cut short by the deadline leaves the merged one cut short', () => {
    expect(merged(result([]), result([bundle([1], 1)], { timedOut: true })).timedOut).toBe(true)
    expect(merged(result([], { timedOut: true }), result([])).timedOut).toBe(true)
  })

  test('the second search cut at its size budget leaves the merged one cut, unless either ran out of time; the first one\'s cut does not', () => {
    expect(merged(result([bundle([1], 1)]), result([], { cut: true })).cut).toBe(true)
    const late = merged(result([], { timedOut: true }), result([], { cut: true }))
    expect([late.timedOut, late.cut]).toEqual([true, undefined])
    expect(merged(result([], { cut: true }), result([bundle([1], 1)])).cut).toBeUndefined()
  })

  test('when the second search proved its ranking, its answer stands', () => {
    const proof = result([bundle([3], 1), bundle([4], 2)], { proven: true, bound: Infinity })
    expect(merged(result([bundle([9], 7)], { bound: 1 }), proof)).toBe(proof)
  })
})
