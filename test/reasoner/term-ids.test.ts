import { describe, expect, it } from 'vitest'
import { TermIds } from '../../src/reasoner/term-ids.js'

describe('the numbers of many terms', () => {
  it('gives each term the number it was set to, and none to a term never set, as a Map would', () => {
    const terms = ['', 'a', 'ab', '_:b0', ...Array.from({ length: 60_000 }, (_, i) => `https://example.org/bench#S${i}-provides-I${i % 200}`)]
    const ids = new TermIds()
    const map = new Map<string, number>()
    terms.forEach((term, id) => { ids.set(term, id); map.set(term, id) })
    // Set again: the later number wins, as in a Map.
    ids.set('a', 7)
    map.set('a', 7)
    for (const term of terms) expect(ids.get(term), term).toBe(map.get(term))
    for (const term of ['b', 'https://example.org/bench#S60000-provides-I0', 'https://example.org/bench#S1-provides-I2']) expect(ids.get(term), term).toBeUndefined()
  })
})
