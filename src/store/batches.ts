import type { Quad } from '@rdfjs/types'

/**
 * Splits quads into batches of about `size` quads for uploads in several requests. A blank node
 * is local to one request, so every quad that mentions a blank node lands in the same batch as
 * every other quad connected to it through blank nodes (a batch may exceed `size` by one such
 * group). Quads without blank nodes fill the batches in their order.
 */
export function batchesOf (quads: readonly Quad[], size: number): Quad[][] {
  if (quads.length <= size) return quads.length === 0 ? [] : [quads.slice()]
  const parent = new Map<string, string>()
  const find = (label: string): string => {
    let root = label
    while (parent.get(root) !== root) root = parent.get(root) ?? root
    // Path compression keeps later look-ups short.
    for (let node = label; node !== root;) {
      const next = parent.get(node)!
      parent.set(node, root)
      node = next
    }
    return root
  }
  const add = (label: string): void => { if (!parent.has(label)) parent.set(label, label) }
  for (const q of quads) {
    const s = q.subject.termType === 'BlankNode' ? q.subject.value : undefined
    const o = q.object.termType === 'BlankNode' ? q.object.value : undefined
    if (s !== undefined) add(s)
    if (o !== undefined) add(o)
    if (s !== undefined && o !== undefined) {
      const [a, b] = [find(s), find(o)]
      if (a !== b) parent.set(a, b)
    }
  }
  const groups = new Map<string, Quad[]>()
  const batches: Quad[][] = []
  let current: Quad[] = []
  const flush = (): void => {
    if (current.length >= size) {
      batches.push(current)
      current = []
    }
  }
  for (const q of quads) {
    const label = q.subject.termType === 'BlankNode' ? q.subject.value : q.object.termType === 'BlankNode' ? q.object.value : undefined
    if (label === undefined) {
      current.push(q)
      flush()
      continue
    }
    const root = find(label)
    let group = groups.get(root)
    if (group === undefined) groups.set(root, group = [])
    group.push(q)
  }
  for (const group of groups.values()) {
    for (const q of group) current.push(q)
    flush()
  }
  if (current.length > 0) batches.push(current)
  return batches
}
