import { describe, expect, it } from 'vitest'
import { CompactDecoder, CompactEncoder, noValue } from '../../src/catalog/compact-codec.js'

/** The value of `frames` (the last one holds it; the others only strings). */
function decodeAll (decoder: CompactDecoder, frames: readonly Buffer[]): unknown {
  const read = frames.map(frame => decoder.decode(frame))
  expect(read.slice(0, -1).every(value => value === noValue)).toBe(true)
  return read.at(-1)
}

/** Every value through one encoder and one decoder, in order, as the snapshot file does. */
function roundTrip (values: readonly unknown[]): unknown[] {
  const encoder = new CompactEncoder()
  const decoder = new CompactDecoder()
  return values.map(value => decodeAll(decoder, encoder.encode(value)))
}

const bytes = (frames: readonly Buffer[]): number => frames.reduce((sum, frame) => sum + frame.length, 0)

describe('the compact encoding of the catalog snapshot', () => {
  it('reads back every kind of value it holds, across frames that share one string table', () => {
    const values = [
      { kind: 'head', text: { '': 'untagged' }, none: {}, nested: [{ a: 1 }, { a: -2, b: 'x' }] },
      new Map<unknown, unknown>([['k', new Set(['a', 'b'])], [3, [true, false, null, undefined]]]),
      { numbers: [0, 127, 128, 2 ** 31 - 1, 2 ** 31, -(2 ** 31), 2 ** 53, 3.9, -0.5, Number.NaN, Infinity, -0], ids: Int32Array.from([0, -1, 2 ** 31 - 1, -(2 ** 31)]) },
      { text: { '': 'untagged' }, none: {}, unicode: 'Grundgebühr 🙂 \u0000' }
    ]
    const read = roundTrip(values)
    expect(read).toEqual(values)
    expect(Object.is((read[2] as { numbers: number[] }).numbers.at(-1), -0)).toBe(true)
    expect(Object.keys((read[0] as { nested: object[] }).nested[1]!)).toEqual(['a', 'b'])
  })

  it('keeps an object with no keys apart from one whose only key is empty', () => {
    expect(roundTrip([{ a: { '': 'x' } }, { a: {} }, { a: { '': 'y' } }])).toEqual([{ a: { '': 'x' } }, { a: {} }, { a: { '': 'y' } }])
  })

  it('writes each distinct string once, however often it is referred to', () => {
    const iri = 'https://example.org/a-long-service-iri-that-repeats#Service'
    const encoder = new CompactEncoder()
    const once = bytes(encoder.encode([iri]))
    const many = bytes(encoder.encode(Array.from({ length: 1000 }, () => iri)))
    expect(many).toBeLessThan(1000 * 4)
    expect(once).toBeGreaterThan(iri.length)
  })

  it('sends the strings of a value that brings many in frames of their own before it', () => {
    const value = { terms: Array.from({ length: 120_000 }, (_, i) => `https://example.org/bench#S${i}-provides-I${i % 200}`), more: ['a'] }
    const encoder = new CompactEncoder()
    const frames = encoder.encode(value)
    expect(frames.length).toBe(3)
    const decoder = new CompactDecoder()
    expect(decoder.decode(frames[0]!)).toBe(noValue)
    expect(decoder.decode(frames[1]!)).toBe(noValue)
    expect(decoder.decode(frames[2]!)).toEqual(value)
    // Strings already sent are referred to, not sent again.
    expect(encoder.encode(value.terms.slice(0, 60_000))).toHaveLength(1)
  })

  it('refuses what it cannot read back as it was', () => {
    const encoder = new CompactEncoder()
    expect(() => encoder.encode({ when: new Date(0) })).toThrow(/cannot hold a Date/)
    expect(() => encoder.encode({ f: () => 1 })).toThrow(/cannot hold a function/)
    expect(() => encoder.encode([new Uint8Array(2)])).toThrow(/cannot hold a Uint8Array/)
  })

  it('reports a cut-off or malformed frame instead of returning part of a value', () => {
    const encoder = new CompactEncoder()
    const [frame] = encoder.encode({ services: ['https://example.org/a', 'https://example.org/b'], n: 3 }) as [Buffer]
    expect(() => new CompactDecoder().decode(frame.subarray(0, frame.length - 1))).toThrow(RangeError)
    expect(() => new CompactDecoder().decode(Buffer.concat([frame, Buffer.from([0])]))).toThrow(/bytes left/)
    // A later frame refers to strings of the earlier one: without it they are unknown.
    const [later] = encoder.encode(['https://example.org/a']) as [Buffer]
    expect(() => new CompactDecoder().decode(later)).toThrow(/refers to string/)
  })
})
