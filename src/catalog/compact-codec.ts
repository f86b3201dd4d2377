/**
 * A compact binary encoding of plain data (the catalog's slices) for the snapshot file: every
 * distinct string (IRI, literal, label, key) is written once, in a string table, and then
 * referred to by number; every distinct set of object keys ("shape") likewise. Values are a
 * stream of tags and variable-length integers; `Int32Array`s are copied as they are.
 *
 * The encoding is generic over the data's structure: it walks whatever the value holds (plain
 * objects, arrays, Maps, Sets, `Int32Array`s, strings, numbers, booleans, `undefined`, `null`),
 * so a field added to a slice type is written and read back without a change here. A value of
 * any other kind (a function, a class instance, a bigint) is a type error where the slice type
 * is checked against `Encodable` (`transfer.ts`), and an error when met at run time.
 *
 * One `CompactEncoder` writes a sequence of frames and one `CompactDecoder` reads them in the
 * same order: each value's frame carries the strings and shapes it uses first, so a frame can be
 * written as soon as it is encoded and read as soon as it is read, and the table is shared by
 * the whole file. A value that brings many new strings is preceded by frames of strings only
 * (`stringsPerFrame` each), so no single frame takes long to read. The decoded values share one
 * string per distinct text.
 *
 * Objects the encoder is told are shared (`shared`: the same object held in many places, such as
 * a fact value stated by thousands of services) are written once, at their first occurrence in
 * the file, and as a reference to it after that; the decoder returns one object for all of them.
 * Other objects are written at every occurrence, and decoded as distinct objects: telling the
 * encoder spares it tracking the identity of millions of objects that occur once.
 */
import { littleEndian, stringsFrame, stringsPerFrame, Tag, valueFrame } from './compact-format.js'

export { CompactDecoder } from './compact-decoder.js'
export { noValue } from './compact-format.js'

/** Types the codec writes and reads back as they are: `Uncodable<T>` is `never` exactly for them. */
export type Uncodable<T> =
  T extends string | number | boolean | undefined | null | Int32Array ? never
    : T extends (...args: never[]) => unknown ? T
      : T extends ReadonlyMap<infer K, infer V> ? Uncodable<K> | Uncodable<V>
        : T extends ReadonlySet<infer V> ? Uncodable<V>
          : T extends ReadonlyArray<infer V> ? Uncodable<V>
            : T extends object ? { [K in keyof T]-?: Uncodable<T[K]> }[keyof T]
              : T

/** Integers written as variable-length integers; others as 8-byte floats. */
const largestVarint = 2 ** 31 - 1

/** A growing byte buffer with little-endian writers. */
class Bytes {
  buffer = Buffer.allocUnsafe(1 << 16)
  length = 0

  reserve (more: number): void {
    if (this.length + more <= this.buffer.length) return
    let size = this.buffer.length * 2
    while (size < this.length + more) size *= 2
    const grown = Buffer.allocUnsafe(size)
    this.buffer.copy(grown, 0, 0, this.length)
    this.buffer = grown
  }

  byte (value: number): void {
    this.reserve(1)
    this.buffer[this.length++] = value
  }

  varint (value: number): void {
    this.reserve(5)
    const buffer = this.buffer
    while (value > 0x7f) {
      buffer[this.length++] = (value & 0x7f) | 0x80
      value >>>= 7
    }
    buffer[this.length++] = value
  }

  float (value: number): void {
    this.reserve(8)
    this.buffer.writeDoubleLE(value, this.length)
    this.length += 8
  }

  text (value: string): void {
    const size = Buffer.byteLength(value, 'utf8')
    this.varint(size)
    this.reserve(size)
    this.length += this.buffer.write(value, this.length, 'utf8')
  }

  /** The bytes written, copied out; the buffer is emptied for the next frame. */
  take (): Buffer {
    const out = Buffer.from(this.buffer.subarray(0, this.length))
    this.length = 0
    return out
  }
}

/** A node of the shape tree: the shape of the keys on the path to it (`id`, -1 if none) and the nodes one key longer. */
interface ShapeNode {
  id: number
  readonly next: Map<string, ShapeNode>
}

/** What a `CompactEncoder` is told. */
export interface CompactEncoderOptions {
  /** Objects held in more than one place: each is written once, then referred to (decoded as one object). */
  readonly shared?: ReadonlySet<object>
}

/** Writes values as frames that share one string table and one shape table. */
export class CompactEncoder {
  readonly #strings = new Map<string, number>()
  readonly #shared: ReadonlySet<object> | undefined
  /** The shared objects written so far, numbered in the order written (as the decoder keeps them). */
  readonly #kept = new Map<object, number>()
  /** The shapes seen, as a tree of their keys: a shape's number is at the node of its last key. */
  readonly #shapes: ShapeNode = { id: -1, next: new Map() }
  #shapeCount = 0
  #newStrings: string[] = []
  #newShapes: number[][] = []
  readonly #body = new Bytes()
  readonly #head = new Bytes()

  constructor (options: CompactEncoderOptions = {}) {
    this.#shared = options.shared !== undefined && options.shared.size > 0 ? options.shared : undefined
  }

  /**
   * The frames holding `value`: the strings it is the first to use (in frames of strings only
   * when they are many), then its frame with its new shapes and the value.
   */
  encode (value: unknown): Buffer[] {
    this.#value(value)
    const frames: Buffer[] = []
    const head = this.#head
    const strings = this.#newStrings
    let first = 0
    for (; strings.length - first > stringsPerFrame; first += stringsPerFrame) {
      head.byte(stringsFrame)
      head.varint(stringsPerFrame)
      for (let i = first; i < first + stringsPerFrame; i++) head.text(strings[i]!)
      frames.push(head.take())
    }
    head.byte(valueFrame)
    head.varint(strings.length - first)
    for (let i = first; i < strings.length; i++) head.text(strings[i]!)
    head.varint(this.#newShapes.length)
    for (const keys of this.#newShapes) {
      head.varint(keys.length)
      for (const key of keys) head.varint(key)
    }
    this.#newStrings = []
    this.#newShapes = []
    const start = head.take()
    const body = this.#body.take()
    frames.push(Buffer.concat([start, body]))
    return frames
  }

  #string (text: string): number {
    let id = this.#strings.get(text)
    if (id === undefined) {
      id = this.#strings.size
      this.#strings.set(text, id)
      this.#newStrings.push(text)
    }
    return id
  }

  #shape (keys: readonly string[]): number {
    // Found key by key in a tree of the shapes seen (no text made per object); `{}` and
    // `{ '': … }` are different nodes.
    let node = this.#shapes
    for (const key of keys) {
      let next = node.next.get(key)
      if (next === undefined) node.next.set(key, next = { id: -1, next: new Map() })
      node = next
    }
    if (node.id === -1) {
      node.id = this.#shapeCount++
      this.#newShapes.push(keys.map(key => this.#string(key)))
    }
    return node.id
  }

  #value (value: unknown): void {
    const out = this.#body
    switch (typeof value) {
      case 'string':
        out.byte(Tag.String)
        out.varint(this.#string(value))
        return
      case 'number':
        if (Number.isInteger(value) && !Object.is(value, -0) && Math.abs(value) <= largestVarint) {
          out.byte(value >= 0 ? Tag.Natural : Tag.Negative)
          out.varint(Math.abs(value))
        } else {
          out.byte(Tag.Float)
          out.float(value)
        }
        return
      case 'boolean':
        out.byte(value ? Tag.True : Tag.False)
        return
      case 'undefined':
        out.byte(Tag.Undefined)
        return
      case 'object':
        if (value === null) {
          out.byte(Tag.Null)
          return
        }
        if (this.#shared?.has(value) === true) {
          const kept = this.#kept.get(value)
          if (kept !== undefined) {
            out.byte(Tag.Reference)
            out.varint(kept)
            return
          }
          this.#kept.set(value, this.#kept.size)
          out.byte(Tag.Kept)
        }
        if (Array.isArray(value)) {
          out.byte(Tag.Array)
          out.varint(value.length)
          for (const item of value) this.#value(item)
          return
        }
        if (value instanceof Map) {
          out.byte(Tag.Map)
          out.varint(value.size)
          for (const [key, item] of value) {
            this.#value(key)
            this.#value(item)
          }
          return
        }
        if (value instanceof Set) {
          out.byte(Tag.Set)
          out.varint(value.size)
          for (const item of value) this.#value(item)
          return
        }
        if (value instanceof Int32Array) {
          out.byte(Tag.Int32Array)
          out.varint(value.length)
          out.reserve(value.length * 4)
          if (littleEndian) {
            out.buffer.set(new Uint8Array(value.buffer, value.byteOffset, value.byteLength), out.length)
            out.length += value.byteLength
          } else {
            for (const item of value) {
              out.buffer.writeInt32LE(item, out.length)
              out.length += 4
            }
          }
          return
        }
        {
          const prototype = Object.getPrototypeOf(value) as unknown
          if (prototype === Object.prototype || prototype === null) {
            const keys = Object.keys(value)
            out.byte(Tag.Object)
            out.varint(this.#shape(keys))
            for (const key of keys) this.#value((value as Record<string, unknown>)[key])
            return
          }
        }
    }
    throw new TypeError(`the catalog snapshot cannot hold a ${describe(value)}: only plain objects, arrays, Maps, Sets, Int32Arrays, strings, numbers, booleans, null and undefined`)
  }
}

function describe (value: unknown): string {
  if (typeof value !== 'object' || value === null) return typeof value
  return (value.constructor as { name?: string } | undefined)?.name ?? 'object'
}
