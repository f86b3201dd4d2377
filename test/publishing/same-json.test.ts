import { describe, expect, it } from 'vitest'
import { sameJson } from '../../src/publishing/same-json.js'

describe('sameJson', () => {
  const service = { types: ['a', 'b'], provider: 'p', label: { en: 'x' }, offers: [['EUR', null, [{ price: 1.5 }]]] }
  const cases: Array<[string, unknown, unknown, boolean]> = [
    ['equal values built apart', service, structuredClone(service), true],
    ['a key missing on both sides', { a: 1, b: undefined }, { a: 1, b: undefined }, true],
    ['another number deep inside', service, { ...service, offers: [['EUR', null, [{ price: 1.6 }]]] }, false],
    ['the same keys in another order', { a: 1, b: 2 }, { b: 2, a: 1 }, false],
    ['an array against an object', [1], { 0: 1 }, false],
    ['arrays of other lengths', [1, 2], [1], false],
    ['a key one side does not state', { a: 1, b: undefined }, { a: 1 }, false],
    ['maps, even equal ones', new Map([[1, 2]]), new Map([[1, 2]]), false],
    ['NaN and null, the same text', [Number.NaN], [null], false]
  ]
  it.each(cases)('%s', (_name, a, b, same) => {
    expect(sameJson(a, b)).toBe(same)
    // Never true where the texts differ.
    if (same) expect(JSON.stringify(a)).toBe(JSON.stringify(b))
  })
})
