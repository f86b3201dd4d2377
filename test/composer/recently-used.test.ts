import { describe, expect, test } from 'vitest'
import { recentlyUsed } from '../../src/composer/recently-used.js'

describe('recentlyUsed', () => {
  test('makes an entry once, and lets the least recently used go when the map is full', () => {
    const kept = new Map<string, string>()
    const made: string[] = []
    const get = (key: string): string => recentlyUsed(kept, key, 2, () => { made.push(key); return key.toUpperCase() })
    expect([get('a'), get('b'), get('a'), get('c')]).toEqual(['A', 'B', 'A', 'C'])
    // 'b' was used least recently when 'c' came, so it went; 'a' stayed.
    expect([...kept.keys()]).toEqual(['a', 'c'])
    expect(get('b')).toBe('B')
    expect(made).toEqual(['a', 'b', 'c', 'b'])
  })

  test('keeps nothing when making answers undefined, and lets nothing else go for it', () => {
    const kept = new Map([['a', 1], ['b', 2]])
    expect(recentlyUsed(kept, 'c', 2, () => undefined)).toBeUndefined()
    expect([...kept]).toEqual([['a', 1], ['b', 2]])
  })
})
