import { describe, expect, it } from 'vitest'
import { jsonErrorOffset } from '../../src/rdf/index.js'

describe('jsonErrorOffset', () => {
  it('is -1 for valid JSON', () => {
    for (const text of ['{}', ' [1, -2.5e3, "a\\n\\u00e9", true, false, null, {"x": []}] ', '"s"', '0']) expect(jsonErrorOffset(text)).toBe(-1)
  })

  it('points at the first character that cannot continue the text', () => {
    expect(jsonErrorOffset('{\n  "query": }')).toBe(13)
    expect(jsonErrorOffset('{"a": 1,}')).toBe(8)
    expect(jsonErrorOffset('[1 2]')).toBe(3)
    expect(jsonErrorOffset('{"a": tru}')).toBe(9)
    expect(jsonErrorOffset('{"a": 01}')).toBe(7)
    expect(jsonErrorOffset('{"a": "x')).toBe(8)
    expect(jsonErrorOffset('{} x')).toBe(3)
    expect(jsonErrorOffset('')).toBe(0)
  })
})
