/**
 * The constants of the compact encoding (`compact-codec.ts` writes it, `compact-decoder.ts`
 * reads it): what a value's tag and a frame's first byte mean.
 */
import { endianness } from 'node:os'

/** What the next value is; the numbers are the format's. */
export const Tag = {
  Undefined: 0,
  Null: 1,
  False: 2,
  True: 3,
  String: 4,
  Natural: 5,
  Negative: 6,
  Float: 7,
  Array: 8,
  Object: 9,
  Map: 10,
  Set: 11,
  Int32Array: 12,
  /** The value after it is one the encoder was told is shared: the decoder keeps it, numbered in the order kept. */
  Kept: 13,
  /** A value kept before (its number follows): the same object again. */
  Reference: 14
} as const

/** A frame's first byte: strings only, or strings and shapes and a value. */
export const stringsFrame = 0
export const valueFrame = 1

/** New strings per frame at most: a frame of them is read in a few tens of milliseconds. */
export const stringsPerFrame = 50_000

/** What `CompactDecoder.decode` returns for a frame of strings only: the value comes in a later frame. */
export const noValue: unique symbol = Symbol('no value')

/** `Int32Array`s are written little-endian: as they are in memory on such a machine. */
export const littleEndian = endianness() === 'LE'
