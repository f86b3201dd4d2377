/**
 * Each term's number, for hundreds of thousands of terms, filled a slice at a time. One `Map` of
 * that size rehashes every entry in one piece whenever it doubles (about 0.1 s at 500,000 terms,
 * with the event loop waiting); the terms here are spread over many small maps by a hash of
 * their last characters, so no single insertion moves more than a few thousand entries.
 */

/** Maps the terms are spread over (a power of two). */
const shards = 256

/** Characters of a term's end that choose its map: enough to tell numbered IRIs apart (`…#S123-provides-I45`). */
const hashed = 16

/** A term's map: an FNV-1a hash of its last characters. */
function shardOf (key: string): number {
  let hash = 0x811c9dc5
  for (let i = Math.max(0, key.length - hashed); i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 16777619)
  return (hash ^ (hash >>> 16)) & (shards - 1)
}

/** Terms and their numbers; `get` as a `Map`'s. */
export class TermIds {
  readonly #maps: Array<Map<string, number>> = Array.from({ length: shards }, () => new Map<string, number>())

  get (key: string): number | undefined {
    return this.#maps[shardOf(key)]!.get(key)
  }

  set (key: string, id: number): void {
    this.#maps[shardOf(key)]!.set(key, id)
  }
}
