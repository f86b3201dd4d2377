/**
 * A map kept in order of use, for what a catalog keeps between requests: the entry of `key`, made
 * by `make` when absent, becomes the most recently used; the least recently used goes when the
 * map already holds `most`. A `make` that answers undefined (its time ran out) keeps nothing.
 *
 * @example
 * const kept = new Map<string, number[]>()
 * recentlyUsed(kept, 'a', 8, () => [1, 2]) // [1, 2], made once and kept
 */
export function recentlyUsed<K, V> (map: Map<K, V>, key: K, most: number, make: () => V): V
export function recentlyUsed<K, V> (map: Map<K, V>, key: K, most: number, make: () => V | undefined): V | undefined
export function recentlyUsed<K, V> (map: Map<K, V>, key: K, most: number, make: () => V | undefined): V | undefined {
  let value = map.get(key)
  if (value === undefined) {
    value = make()
    if (value === undefined) return undefined
    if (map.size >= most) map.delete(map.keys().next().value!)
  } else {
    map.delete(key)
  }
  map.set(key, value)
  return value
}
