import { describe, expect, it } from 'vitest'
import { diffBundles, diffMatches } from '../../src/publishing/index.js'

describe('diffMatches', () => {
  it('reports pairs that appear, disappear or change degree, by best degree per pair', () => {
    expect(diffMatches(
      [
        { from: 'ex:A', to: 'ex:B', degree: 'plugin' },
        { from: 'ex:A', to: 'ex:B', degree: 'exact' },
        { from: 'ex:A', to: 'ex:C', degree: 'exact' },
        { from: 'ex:D', to: 'ex:A', degree: 'subsumes' }
      ],
      [
        { from: 'ex:A', to: 'ex:B', degree: 'exact' },
        { from: 'ex:D', to: 'ex:A', degree: 'plugin' },
        { from: 'ex:E', to: 'ex:A', degree: 'exact' }
      ])).toEqual([
      { from: 'ex:A', to: 'ex:C', before: 'exact', after: null, change: 'disappears' },
      { from: 'ex:D', to: 'ex:A', before: 'subsumes', after: 'plugin', change: 'degree' },
      { from: 'ex:E', to: 'ex:A', before: null, after: 'exact', change: 'appears' }
    ])
  })
})

describe('diffBundles', () => {
  it('reports bundles per request that appear, disappear, move or change score', () => {
    expect(diffBundles(
      [
        { request: 'r1.json', services: ['ex:B', 'ex:A'], score: 0.5 },
        { request: 'r1.json', services: ['ex:C'], score: 0.4 },
        { request: 'r2.json', services: ['ex:A'], score: 0.9 }
      ],
      [
        { request: 'r1.json', services: ['ex:C'], score: 0.4 },
        { request: 'r1.json', services: ['ex:A', 'ex:B'], score: 0.3 },
        { request: 'r2.json', services: ['ex:A'], score: 0.8 },
        { request: 'r2.json', services: ['ex:N'], score: 0.7 }
      ])).toEqual([
      { request: 'r1.json', services: ['ex:A', 'ex:B'], before: { rank: 1, score: 0.5 }, after: { rank: 2, score: 0.3 }, change: 'rank' },
      { request: 'r1.json', services: ['ex:C'], before: { rank: 2, score: 0.4 }, after: { rank: 1, score: 0.4 }, change: 'rank' },
      { request: 'r2.json', services: ['ex:A'], before: { rank: 1, score: 0.9 }, after: { rank: 1, score: 0.8 }, change: 'score' },
      { request: 'r2.json', services: ['ex:N'], before: null, after: { rank: 2, score: 0.7 }, change: 'appears' }
    ])
  })
})
