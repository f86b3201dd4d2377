/**
 * Long work on the serving thread, cut into slices with a turn of the event loop between them:
 * a server that is starting (or recompiling) keeps answering `/health` and every other request
 * while it hashes, gathers or indexes a large catalog. Each helper gives exactly the result of
 * doing the same work in one piece.
 */
import { createHash } from 'node:crypto'

/** Characters hashed per turn: a few milliseconds of SHA-256. */
const hashSlice = 1 << 22

/** Items handled per turn by `forEachInSlices` unless told otherwise. */
const itemSlice = 50_000

/** Resolves on the next turn of the event loop, after pending I/O (requests) and timers have run. */
export function nextTurn (): Promise<void> {
  return new Promise(resolve => setImmediate(resolve))
}

/**
 * A SHA-256 hash fed in turns: `update` takes text of any length and hashes it a slice at a time,
 * giving the event loop a turn between slices; the digest is that of the whole text hashed at once.
 */
export class SlicedHash {
  readonly #hash = createHash('sha256')
  readonly #slice: number

  /** `slice`: characters hashed per turn. */
  constructor (slice = hashSlice) {
    this.#slice = Math.max(2, slice)
  }

  /** Hashes `text` (as UTF-8, as `Hash.update` does), a slice per turn. */
  async update (text: string): Promise<this> {
    let start = 0
    while (start < text.length) {
      if (start > 0) await nextTurn()
      let end = Math.min(text.length, start + this.#slice)
      // Never between the two halves of a surrogate pair: each half alone would hash as U+FFFD.
      if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end--
      this.#hash.update(text.slice(start, end))
      start = end
    }
    return this
  }

  /** Hashes `text` in one piece (for slices the caller already cut, at whole characters). */
  updateNow (text: string): this {
    this.#hash.update(text)
    return this
  }

  /** The hex digest of everything hashed. */
  digest (): string {
    return this.#hash.digest('hex')
  }
}

/** The SHA-256 hex digest of `text`, hashed a slice per turn (the same digest as in one piece). */
export async function sha256InSlices (text: string, slice = hashSlice): Promise<string> {
  return (await new SlicedHash(slice).update(text)).digest()
}

/** Bytes decoded per turn by `decodeUtf8InSlices`. */
const decodeSlice = 1 << 22

/**
 * `bytes` as UTF-8 text (as `buffer.toString('utf8')` gives it, a byte order mark kept), decoded a
 * slice per turn of the event loop; a character cut by a slice's end is completed by the next.
 */
export async function decodeUtf8InSlices (bytes: Uint8Array, slice = decodeSlice): Promise<string> {
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true })
  let text = ''
  for (let start = 0; start < bytes.length; start += slice) {
    if (start > 0) await nextTurn()
    text += decoder.decode(bytes.subarray(start, start + slice), { stream: true })
  }
  return text + decoder.decode()
}

/** Calls `each` on every item in order, `slice` items per turn of the event loop. */
export async function forEachInSlices<T> (items: readonly T[], each: (item: T, index: number) => void, slice = itemSlice): Promise<void> {
  for (let start = 0; start < items.length; start += slice) {
    if (start > 0) await nextTurn()
    const end = Math.min(items.length, start + slice)
    for (let i = start; i < end; i++) each(items[i]!, i)
  }
}

/** The items `keep` accepts, in order, `slice` items tested per turn of the event loop. */
export async function filterInSlices<T> (items: readonly T[], keep: (item: T) => boolean, slice = itemSlice): Promise<T[]> {
  const kept: T[] = []
  await forEachInSlices(items, item => { if (keep(item)) kept.push(item) }, slice)
  return kept
}

function isHighSurrogate (code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff
}
