/**
 * Reads the frames of the compact encoding (`compact-codec.ts`), in the order they were written.
 * A frame is read in one piece (`decode`) or in slices of a few milliseconds (`steps`): the
 * strings one after the other, the value without recursion, from a stack of the containers it
 * is inside, so the read stops after any item and resumes where it stopped. Both give the same
 * value.
 */
import { SliceClock } from '../turns.js'
import { littleEndian, noValue, stringsFrame, Tag, valueFrame } from './compact-format.js'

/** Items read between two looks at the clock in `steps`. */
const itemsPerLook = 64

/** The kinds of container being filled. */
const inArray = 0
const inObject = 1
const inMap = 2
const inSet = 3
type Open = typeof inArray | typeof inObject | typeof inMap | typeof inSet

/** Makes an object of a shape from its values in the order of its keys, or a short array from its items. */
type Builder = (values: readonly unknown[]) => object

/**
 * The builder of objects of a shape: one object literal with every key, so the object is made in
 * one piece with its fields inside it, and V8 allocates the objects of a literal that outlive
 * their first collections straight among the long-lived ones (a catalog's objects all do),
 * which spares the collector copying each of them twice. The keys are quoted by
 * `JSON.stringify`: data, never code. A shape with a key a literal would not make a field of
 * (`__proto__`), or a process that may not compile code from strings, sets the keys one by one.
 */
function builderOf (keys: readonly string[]): Builder {
  if (!keys.includes('__proto__')) {
    try {
      return new Function('v', `return { ${keys.map((key, i) => `${JSON.stringify(key)}: v[${i}]`).join(', ')} }`) as Builder
    } catch {
      // Code generation is disallowed (`--disallow-code-generation-from-strings`): the keys one by one.
    }
  }
  return values => {
    const object: Record<string, unknown> = {}
    keys.forEach((key, i) => { object[key] = values[i] })
    return object
  }
}

/** Arrays up to this length are made by a literal of their length. */
const shortArray = 16

/** The literal of each length up to `shortArray`: `[v[0], v[1], …]`. */
const arrayBuilders: Builder[] = Array.from({ length: shortArray + 1 }, (_, length) => {
  try {
    return new Function('v', `return [${Array.from({ length }, (_, i) => `v[${i}]`).join(', ')}]`) as Builder
  } catch {
    return values => values.slice()
  }
})

/** Reads the frames of one `CompactEncoder`, in the order they were written. */
export class CompactDecoder {
  readonly #strings: string[] = []
  readonly #shapes: string[][] = []
  readonly #builders: Builder[] = []
  /** The shared values read (`Tag.Kept`), by number; a container's place is filled when it is complete. */
  readonly #kept: unknown[] = []
  /** Whether each kept value is complete (a reference to one still being read is malformed). */
  readonly #keptDone: boolean[] = []
  /** The number the next value read is kept as, or -1. */
  #keepNext = -1
  #bytes: Buffer = Buffer.alloc(0)
  #at = 0
  // The frame being read: its kind, the strings still to read, the value read so far.
  #kind = valueFrame
  #stringsLeft = 0
  #shapesRead = false
  #value: unknown = undefined
  #done = false
  // The containers the next item goes into, innermost last (parallel stacks, no object per level).
  readonly #open: Open[] = []
  readonly #targets: unknown[] = []
  readonly #left: number[] = []
  readonly #next: number[] = []
  readonly #openBuilders: Array<Builder | undefined> = []
  readonly #mapKeys: unknown[] = []
  readonly #keptAs: number[] = []
  readonly #gathering: unknown[][] = []

  /**
   * The value of the next frame, or `noValue` for a frame of strings only. Throws when the frame
   * is cut off or malformed.
   */
  decode (frame: Buffer): unknown {
    this.#begin(frame)
    this.#run(undefined)
    return this.#end()
  }

  /**
   * Reads the next frame as `decode` does, yielding whenever `clock`'s slice is over (the caller
   * gives the event loop a turn, then resumes it; the next slice starts then); returns the value.
   */
  * steps (frame: Buffer, clock = new SliceClock()): Generator<void, unknown> {
    this.#begin(frame)
    while (!this.#run(clock)) {
      yield
      clock.start()
    }
    return this.#end()
  }

  #begin (frame: Buffer): void {
    this.#bytes = frame
    this.#at = 0
    this.#open.length = this.#targets.length = this.#left.length = this.#next.length = this.#openBuilders.length = this.#mapKeys.length = this.#keptAs.length = 0
    this.#keepNext = -1
    this.#value = undefined
    this.#done = false
    this.#shapesRead = false
    const kind = this.#byte()
    if (kind !== stringsFrame && kind !== valueFrame) throw new RangeError(`a frame of unknown kind ${kind}`)
    this.#kind = kind
    this.#stringsLeft = this.#varint()
  }

  #end (): unknown {
    const frame = this.#bytes
    if (this.#kind === stringsFrame) {
      if (this.#at !== frame.length) throw new RangeError(`${frame.length - this.#at} bytes left after the strings of a frame`)
      this.#bytes = Buffer.alloc(0)
      return noValue
    }
    if (this.#at !== frame.length) throw new RangeError(`${frame.length - this.#at} bytes left after the value of a frame`)
    this.#bytes = Buffer.alloc(0)
    const value = this.#value
    this.#value = undefined
    return value
  }

  /** Reads on until the frame is read (true) or `clock`'s slice is over (false). */
  #run (clock: SliceClock | undefined): boolean {
    const frame = this.#bytes
    let items = 0
    while (this.#stringsLeft > 0) {
      if (clock !== undefined && ++items % itemsPerLook === 0 && clock.over()) return false
      const size = this.#varint()
      const end = this.#at + size
      if (end > frame.length) throw new RangeError('a string runs past the end of its frame')
      this.#strings.push(frame.toString('utf8', this.#at, end))
      this.#at = end
      this.#stringsLeft--
    }
    if (this.#kind === stringsFrame) return true
    if (!this.#shapesRead) {
      // A frame's new shapes are few (a catalog has some dozens in all): read at once.
      for (let count = this.#varint(); count > 0; count--) {
        const keys: string[] = []
        for (let size = this.#varint(); size > 0; size--) keys.push(this.#string(this.#varint()))
        this.#shapes.push(keys)
        this.#builders.push(builderOf(keys))
      }
      this.#shapesRead = true
    }
    while (!this.#done) {
      if (clock !== undefined && ++items % itemsPerLook === 0 && clock.over()) return false
      this.#item()
    }
    return true
  }

  /** Reads one item: a value, or the start of a container (whose items follow). */
  #item (): void {
    let value: unknown
    const tag = this.#byte()
    switch (tag) {
      case Tag.Undefined: value = undefined; break
      case Tag.Null: value = null; break
      case Tag.False: value = false; break
      case Tag.True: value = true; break
      case Tag.String: value = this.#string(this.#varint()); break
      case Tag.Natural: value = this.#varint(); break
      case Tag.Negative: value = -this.#varint(); break
      case Tag.Float: {
        if (this.#at + 8 > this.#bytes.length) throw new RangeError('a frame ends in the middle of a number')
        value = this.#bytes.readDoubleLE(this.#at)
        this.#at += 8
        break
      }
      case Tag.Array: {
        const length = this.#varint()
        // A short array is gathered first and made by its length's literal, as objects are by their shape's.
        const short = length <= shortArray
        if (length > 0) return this.#enter(inArray, short ? this.#gathered() : new Array<unknown>(length), length, short ? arrayBuilders[length] : undefined)
        value = []
        break
      }
      case Tag.Object: {
        const id = this.#varint()
        const keys = this.#shapes[id]
        if (keys === undefined) throw new RangeError(`a frame refers to shape ${id}, of ${this.#shapes.length}`)
        if (keys.length > 0) return this.#enter(inObject, this.#gathered(), keys.length, this.#builders[id])
        value = {}
        break
      }
      case Tag.Map: {
        const size = this.#varint()
        value = new Map<unknown, unknown>()
        if (size > 0) return this.#enter(inMap, value, size * 2, undefined)
        break
      }
      case Tag.Set: {
        const size = this.#varint()
        value = new Set<unknown>()
        if (size > 0) return this.#enter(inSet, value, size, undefined)
        break
      }
      case Tag.Int32Array: value = this.#int32Array(); break
      case Tag.Kept:
        if (this.#keepNext !== -1) throw new RangeError('a frame keeps a value twice over')
        this.#keepNext = this.#kept.length
        this.#kept.push(undefined)
        this.#keptDone.push(false)
        return
      case Tag.Reference: {
        const id = this.#varint()
        if (this.#keptDone[id] !== true) throw new RangeError(`a frame refers to kept value ${id}, of ${this.#kept.length} (complete: ${String(this.#keptDone[id] ?? false)})`)
        value = this.#kept[id]
        break
      }
      default:
        throw new RangeError(`a frame holds an unknown tag ${tag}`)
    }
    if (this.#keepNext !== -1) {
      this.#keep(this.#keepNext, value)
      this.#keepNext = -1
    }
    this.#place(value)
  }

  #keep (id: number, value: unknown): void {
    this.#kept[id] = value
    this.#keptDone[id] = true
  }

  /**
   * Where the items of a short array or an object are gathered until its literal makes it: one
   * array per depth, used again by every container at that depth (the literal copies the items
   * out), so gathering makes no garbage.
   */
  #gathered (): unknown[] {
    const depth = this.#open.length
    return (this.#gathering[depth] ??= [])
  }

  #enter (open: Open, target: unknown, items: number, builder: Builder | undefined): void {
    this.#open.push(open)
    this.#targets.push(target)
    this.#left.push(items)
    this.#next.push(0)
    this.#openBuilders.push(builder)
    this.#mapKeys.push(undefined)
    this.#keptAs.push(this.#keepNext)
    this.#keepNext = -1
  }

  /** Puts a value read into the innermost open container; a container filled by it goes into its own, and so on. */
  #place (value: unknown): void {
    for (;;) {
      const depth = this.#open.length - 1
      if (depth < 0) {
        this.#value = value
        this.#done = true
        return
      }
      const target = this.#targets[depth]
      const at = this.#next[depth]!
      this.#next[depth] = at + 1
      switch (this.#open[depth]!) {
        case inArray: (target as unknown[])[at] = value; break
        case inObject: (target as unknown[])[at] = value; break
        case inMap:
          // Keys and values alternate: the key is kept until its value is read.
          if (at % 2 === 0) this.#mapKeys[depth] = value
          else (target as Map<unknown, unknown>).set(this.#mapKeys[depth], value)
          break
        case inSet: (target as Set<unknown>).add(value); break
      }
      const left = this.#left[depth]! - 1
      if (left > 0) {
        this.#left[depth] = left
        return
      }
      this.#open.pop()
      this.#targets.pop()
      this.#left.pop()
      this.#next.pop()
      const builder = this.#openBuilders.pop()
      this.#mapKeys.pop()
      value = builder === undefined ? target : builder(target as unknown[])
      const keptAs = this.#keptAs.pop()!
      if (keptAs !== -1) this.#keep(keptAs, value)
    }
  }

  #int32Array (): Int32Array {
    const length = this.#varint()
    if (this.#at + length * 4 > this.#bytes.length) throw new RangeError('a frame ends in the middle of an Int32Array')
    const start = this.#bytes.byteOffset + this.#at
    this.#at += length * 4
    // A copy of the bytes (the file's buffer is not aligned for an Int32Array), in one piece where the order matches.
    if (littleEndian) return new Int32Array(this.#bytes.buffer.slice(start, start + length * 4))
    const items = new Int32Array(length)
    for (let i = 0; i < length; i++) items[i] = this.#bytes.readInt32LE(this.#at - length * 4 + i * 4)
    return items
  }

  #byte (): number {
    if (this.#at >= this.#bytes.length) throw new RangeError('a frame ends in the middle of a value')
    return this.#bytes[this.#at++]!
  }

  #varint (): number {
    let value = 0
    let shift = 0
    for (;;) {
      const byte = this.#byte()
      value += (byte & 0x7f) * 2 ** shift
      if (byte < 0x80) return value
      shift += 7
      if (shift > 35) throw new RangeError('a number in a frame is malformed')
    }
  }

  #string (id: number): string {
    const text = this.#strings[id]
    if (text === undefined) throw new RangeError(`a frame refers to string ${id}, of ${this.#strings.length}`)
    return text
  }
}
