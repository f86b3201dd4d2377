/**
 * Dataflow landmarks: every set the LM-cut procedure returns must hold a member of every valid
 * bundle. A small program stated by hand: a goal only service C meets, C needs an item that A
 * or B meets, and a rival D meets the goal too but needs an item only C meets (so any bundle
 * with D also holds C).
 */
import { describe, expect, test } from 'vitest'
import type { Item } from '../../src/composer/items.js'
import type { Option } from '../../src/composer/problem.js'
import { dataflowLandmarks } from '../../src/composer/solver/landmarks.js'
import type { Model } from '../../src/composer/solver/model.js'

const option = (provider: number): Option => ({ provider, degree: 'exact', penalty: 0, carriesData: [] })
const goal = { kind: 'wanted', key: 'wanted G', type: 'G' } as const
const requires = (consumer: number, key: string): Item => ({ kind: 'requires', key, consumer, node: {} as never })

function model (): Model {
  const services = [10, 11, 12, 13] // A, B, C, D
  return {
    services,
    column: new Map(services.map((s, i) => [s, i])),
    columns: 4,
    costs: [1, 2, 1, 0.5],
    rows: [],
    constant: 0,
    infeasible: false,
    items: [
      { item: goal, options: [option(12), option(13)] },
      { item: requires(12, 'c needs'), options: [option(10), option(11)] },
      { item: requires(13, 'd needs'), options: [option(12)] }
    ]
  }
}

describe('dataflow landmarks', () => {
  test('every landmark meets every valid bundle, and the landmarks are the goal providers and the providers of the item C needs', () => {
    const landmarks = dataflowLandmarks(model())
    const asSets = landmarks.map(l => [...l].sort((a, b) => a - b).join(','))
    expect(new Set(asSets)).toEqual(new Set(['2,3', '2', '0,1']))
    const valid = [[0, 2], [1, 2], [0, 2, 3], [1, 2, 3], [0, 1, 2]]
    for (const bundle of valid) for (const landmark of landmarks) expect(landmark.some(c => bundle.includes(c))).toBe(true)
  })

  test('an item an available type meets is no landmark', () => {
    const m = model()
    const withAvailable: Model = { ...m, items: m.items.map((entry, i) => i === 1 ? { ...entry, options: [option(-1), ...entry.options] } : entry) }
    expect(dataflowLandmarks(withAvailable).map(l => l.join(','))).toEqual(['2,3', '2'])
  })
})
