/**
 * JSON property names for fields: the local name of the `sh:path` IRI. Paths with the same
 * local name (`ex:name`, `foaf:name`) are told apart deterministically: sorted by IRI, the
 * first keeps the name, the next get `_2`, `_3`, … The UI schema keeps the full IRI.
 */
import { localName } from './shapes-graph.js'

/** Path key (`iri` or `^iri` for an inverse path) → JSON property name. */
export function assignNames (pathKeys: readonly string[], taken: ReadonlySet<string> = new Set()): Map<string, string> {
  const byBase = new Map<string, string[]>()
  for (const key of [...new Set(pathKeys)].sort()) {
    const base = baseName(key)
    byBase.set(base, [...byBase.get(base) ?? [], key])
  }
  const used = new Set(taken)
  const names = new Map<string, string>()
  for (const [base, keys] of [...byBase].sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0)) {
    keys.forEach(key => {
      let name = base
      for (let n = 2; used.has(name); n++) name = `${base}_${n}`
      used.add(name)
      names.set(key, name)
    })
  }
  return names
}

function baseName (key: string): string {
  const inverse = key.startsWith('^')
  const local = localName(inverse ? key.slice(1) : key) || 'value'
  return inverse ? `${local}Inverse` : local
}

/** A unique name from a wish, for `$defs` and section keys. */
export function uniqueName (wish: string, used: Set<string>): string {
  const base = wish.replace(/[^A-Za-z0-9_-]/g, '_') || 'Shape'
  let name = base
  for (let n = 2; used.has(name); n++) name = `${base}_${n}`
  used.add(name)
  return name
}
