/**
 * The plain indexed TypeScript baseline for the match benchmark: class closures as sets and
 * provider / consumer lists per class, with the degrees only (no paths, no explanations, no
 * protocol checks). The lower bound the matcher is measured against.
 */
import type { Quad } from '@rdfjs/types'

const subClassOf = 'http://www.w3.org/2000/01/rdf-schema#subClassOf'
const rdfType = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type'
const sym = 'https://w3id.org/symphony/ontology#'

type Rank = 0 | 1 | 2 // exact, plugin, subsumes

interface Node { readonly service: string, readonly type: string }

export interface Baseline {
  discover (available: readonly string[], wanted: readonly string[], limit: number): Array<{ service: string, rank: Rank }>
  combinableWith (x: string): Array<{ service: string, rank: Rank }>
}

/** Builds the baseline index from the generated catalog's quads (single-typed interface nodes). */
export function buildBaseline (quads: readonly Quad[]): Baseline {
  const parents = new Map<string, string[]>()
  const children = new Map<string, string[]>()
  const typeOf = new Map<string, string>()
  const provides: Array<[string, string]> = []
  const requires: Array<[string, string]> = []
  for (const q of quads) {
    const p = q.predicate.value
    if (p === subClassOf) {
      push(parents, q.subject.value, q.object.value)
      push(children, q.object.value, q.subject.value)
    } else if (p === rdfType) typeOf.set(q.subject.value, q.object.value)
    else if (p === sym + 'provides') provides.push([q.subject.value, q.object.value])
    else if (p === sym + 'requires') requires.push([q.subject.value, q.object.value])
  }
  const closure = (edges: Map<string, string[]>) => {
    const memo = new Map<string, Set<string>>()
    return (c: string): Set<string> => {
      let set = memo.get(c)
      if (set === undefined) {
        set = new Set([c])
        const stack = [c]
        while (stack.length > 0) for (const next of edges.get(stack.pop()!) ?? []) if (!set.has(next)) { set.add(next); stack.push(next) }
        memo.set(c, set)
      }
      return set
    }
  }
  const supers = closure(parents)
  const subs = closure(children)
  const providedBy = new Map<string, Node[]>() // stated type → provided nodes
  const requiredBy = new Map<string, Node[]>()
  const servicesProvides = new Map<string, Node[]>()
  const servicesRequires = new Map<string, Node[]>()
  for (const [service, node] of provides) {
    const n = { service, type: typeOf.get(node)! }
    push(providedBy, n.type, n)
    push(servicesProvides, service, n)
  }
  for (const [service, node] of requires) {
    const n = { service, type: typeOf.get(node)! }
    push(requiredBy, n.type, n)
    push(servicesRequires, service, n)
  }
  const rank = (required: string, provided: string): Rank | undefined =>
    required === provided ? 0 : supers(provided).has(required) ? 1 : subs(provided).has(required) ? 2 : undefined

  return {
    discover (available, wanted, limit) {
      const candidates = new Set<string>()
      for (const w of wanted.slice(0, 1)) {
        for (const c of subs(w)) for (const n of providedBy.get(c) ?? []) candidates.add(n.service)
        for (const c of supers(w)) for (const n of providedBy.get(c) ?? []) candidates.add(n.service)
      }
      const results: Array<{ service: string, rank: Rank }> = []
      for (const service of candidates) {
        let worst: Rank = 0
        let ok = true
        for (const w of wanted) {
          let best: Rank | undefined
          for (const n of servicesProvides.get(service) ?? []) {
            const r = rank(w, n.type)
            if (r !== undefined && (best === undefined || r < best)) best = r
          }
          if (best === undefined) { ok = false; break }
          if (best > worst) worst = best
        }
        for (const n of ok ? servicesRequires.get(service) ?? [] : []) {
          let best: Rank | undefined
          for (const a of available) {
            const r = rank(n.type, a)
            if (r !== undefined && (best === undefined || r < best)) best = r
          }
          if (best === undefined) { ok = false; break }
          if (best > worst) worst = best
        }
        if (ok) results.push({ service, rank: worst })
      }
      return results.sort((a, b) => a.rank - b.rank || (a.service < b.service ? -1 : 1)).slice(0, limit)
    },
    combinableWith (x) {
      const best = new Map<string, Rank>()
      const note = (service: string, r: Rank | undefined) => {
        if (service === x || r === undefined) return
        const old = best.get(service)
        if (old === undefined || r < old) best.set(service, r)
      }
      for (const p of servicesProvides.get(x) ?? []) {
        for (const c of supers(p.type)) for (const n of requiredBy.get(c) ?? []) note(n.service, rank(n.type, p.type))
        for (const c of subs(p.type)) for (const n of requiredBy.get(c) ?? []) note(n.service, rank(n.type, p.type))
      }
      for (const r of servicesRequires.get(x) ?? []) {
        for (const c of subs(r.type)) for (const n of providedBy.get(c) ?? []) note(n.service, rank(r.type, n.type))
        for (const c of supers(r.type)) for (const n of providedBy.get(c) ?? []) note(n.service, rank(r.type, n.type))
      }
      return [...best].map(([service, rank]) => ({ service, rank })).sort((a, b) => a.rank - b.rank || (a.service < b.service ? -1 : 1))
    }
  }
}

function push<T> (map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key)
  if (list === undefined) map.set(key, [value])
  else list.push(value)
}
