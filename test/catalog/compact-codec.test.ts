import { describe, expect, it } from 'vitest'
import { serialize } from 'node:v8'
import type { Quad } from '@rdfjs/types'
import { CompactDecoder, CompactEncoder, noValue } from '../../src/catalog/compact-codec.js'
import { catalogSlices, compileParts } from '../../src/catalog/index.js'
import { listTurtleFiles, readRdfFile } from '../../src/rdf/index.js'
import { builtinFolders } from '../../src/project.js'
import { SliceClock } from '../../src/turns.js'

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

/** Reads one frame in slices that are over at once (a turn after every few hundred items); counts the pauses. */
function decodeInSlices (decoder: CompactDecoder, frame: Buffer): { value: unknown, pauses: number } {
  const steps = decoder.steps(frame, new SliceClock(0))
  let pauses = 0
  for (;;) {
    const step = steps.next()
    if (step.done === true) return { value: step.value, pauses }
    pauses++
  }
}

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

  it('numbers shapes in the order they are first met, keys in order, each written once: the bytes of the format', () => {
    // Shapes that are prefixes of others, the same keys in another order, the empty shape, nested shapes.
    const first = [{ a: 1 }, { a: 1, b: 'x' }, { b: 'x', a: 1 }, {}, { '': 0 }, { a: { a: 2, b: { a: 3 } } }]
    const second = [{ b: 'y', a: 0 }, { a: 1, b: 'x', c: true }, { c: null }, {}]
    const encoder = new CompactEncoder()
    const frames = [...encoder.encode(first), ...encoder.encode(second)]
    // Frame 1: strings a, b, x, ''; shapes [a], [a b], [b a], [], [''] ; frame 2: strings y, c; shapes [a b c], [c] only.
    expect(frames.map(frame => frame.toString('hex'))).toEqual([
      '01040161016201780005010002000102010000010308060900050109010501040209020402050109030904050009000901050209000503',
      '010201790163020300010501050804090204040500090505010402030906010903'
    ])
    expect(roundTrip([first, second])).toEqual([first, second])
  })

  it('reads back many shapes: every subset of twelve keys, in two orders', () => {
    const keys = Array.from({ length: 12 }, (_, i) => `k${i}`)
    const objects = Array.from({ length: 1 << keys.length }, (_, mask) => {
      const own = keys.filter((_, i) => (mask & (1 << i)) !== 0)
      return [Object.fromEntries(own.map(key => [key, mask])), Object.fromEntries(own.reverse().map(key => [key, -mask]))]
    })
    const read = roundTrip([objects, objects]) as typeof objects[]
    expect(read).toEqual([objects, objects])
    expect(Object.keys(read[1]![4095]![1]!)).toEqual([...keys].reverse())
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

  it('writes an object it is told is shared once, and reads every occurrence back as that one object, across frames', () => {
    const price = { id: 'https://example.org/PerUserMonthly', label: { en: 'per user and month', de: 'pro Nutzer und Monat' }, months: 1 }
    const empty: string[] = []
    const apart = { value: 'https://example.org/not-shared' }
    const first = { a: [price, price, empty], b: { price, apart }, c: apart }
    const second = [price, { empty }, empty, { ...price }] as const
    const shared = new CompactEncoder({ shared: new Set<object>([price, empty]) })
    const decoder = new CompactDecoder()
    const sharedFrames = [shared.encode(first), shared.encode(second)]
    const [one, two] = sharedFrames.map(frames => decodeAll(decoder, frames)) as [typeof first, typeof second]
    expect([one, two]).toEqual([first, second])
    const read = one.a[0]!
    for (const again of [one.a[1], one.b.price, two[0]]) expect(again).toBe(read)
    for (const again of [two[1].empty, two[2]]) expect(again).toBe(one.a[2])
    // Objects not named shared are read apart, as is a copy of a shared one.
    expect(one.b.apart).not.toBe(one.c)
    expect(two[3]).not.toBe(read)
    expect(two[3]).toEqual(read)
    // Written once: the same values without the set take more bytes.
    const plain = new CompactEncoder()
    expect(bytes(sharedFrames.flat())).toBeLessThan(bytes([...plain.encode(first), ...plain.encode(second)]))
    // Read in slices, the same objects.
    const inSlices = new CompactDecoder()
    const again = new CompactEncoder({ shared: new Set<object>([price]) })
    const value = decodeInSlices(inSlices, again.encode(Array.from({ length: 400 }, (_, i) => i % 2 === 0 ? price : { i }))[0]!).value as unknown[]
    expect(new Set(value.filter((_, i) => i % 2 === 0)).size).toBe(1)
    expect(value[0]).toEqual(price)
  })

  it('refuses a reference to a shared object before that object is read whole', () => {
    const self: { self?: unknown } = {}
    self.self = self
    const [frame] = new CompactEncoder({ shared: new Set<object>([self]) }).encode(self) as [Buffer]
    expect(() => new CompactDecoder().decode(frame)).toThrow(/refers to kept value 0/)
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

  it('reads a frame in slices exactly as in one piece: the catalog, and values nested deep and wide', async () => {
    const quads: Quad[] = []
    for (const folder of [builtinFolders.ontology, builtinFolders.examples]) {
      for (const file of await listTurtleFiles(folder)) quads.push(...await readRdfFile(file))
    }
    const deep: unknown[] = []
    let inner: unknown[] = deep
    for (let i = 0; i < 300; i++) inner.push(i % 3 === 0 ? new Map([[i, inner = []]]) : i % 3 === 1 ? { i, next: inner = [] } : new Set([inner = []]))
    const wide = new Map(Array.from({ length: 5000 }, (_, i) => [`https://example.org/bench#S${i}`, { id: i, tags: new Set([i % 7, 'x']), ids: Int32Array.from([i, -i]), none: {}, empty: [] }]))
    const values: unknown[] = [...catalogSlices(compileParts(quads)), deep, wide, { terms: Array.from({ length: 120_000 }, (_, i) => `https://example.org/t${i}`) }]
    const encoder = new CompactEncoder()
    const whole = new CompactDecoder()
    const sliced = new CompactDecoder()
    let frames = 0
    let pauses = 0
    for (const value of values) {
      for (const frame of encoder.encode(value)) {
        const once = whole.decode(frame)
        const inSlices = decodeInSlices(sliced, frame)
        pauses += inSlices.pauses
        frames++
        if (once === noValue) {
          expect(inSlices.value).toBe(noValue)
          continue
        }
        // The same structure, order of keys and entries included (V8's serialization writes them in order).
        expect(serialize(inSlices.value).equals(serialize(once))).toBe(true)
        expect(once).toEqual(value)
      }
    }
    expect(pauses).toBeGreaterThan(frames)
  }, 120_000)
})

