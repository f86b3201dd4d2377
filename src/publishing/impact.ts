/**
 * What a new version changes, found by comparing the catalog with and without it: matches
 * (pairs whose degree changes, that appear or disappear) and bundles (reference composition
 * requests whose answers change).
 */

export type MatchDegree = 'exact' | 'plugin' | 'subsumes'

/** `from` provides what `to` requires, with a degree. */
export interface PairMatch {
  readonly from: string
  readonly to: string
  readonly degree: MatchDegree
}

export interface MatchChange {
  readonly from: string
  readonly to: string
  readonly before: MatchDegree | null
  readonly after: MatchDegree | null
  readonly change: 'appears' | 'disappears' | 'degree'
}

/** A bundle as found for one reference request. */
export interface BundleSnapshot {
  /** Which reference request found it (file name or id). */
  readonly request: string
  readonly services: readonly string[]
  readonly score: number
}

export interface BundleChange {
  readonly request: string
  readonly services: readonly string[]
  readonly before: { readonly rank: number, readonly score: number } | null
  readonly after: { readonly rank: number, readonly score: number } | null
  readonly change: 'appears' | 'disappears' | 'rank' | 'score'
}

export interface Impact {
  readonly matches: readonly MatchChange[]
  readonly bundles: readonly BundleChange[]
}

const rank: Record<MatchDegree, number> = { exact: 3, plugin: 2, subsumes: 1 }

function bestByPair (pairs: readonly PairMatch[]): Map<string, PairMatch> {
  const best = new Map<string, PairMatch>()
  for (const pair of pairs) {
    const key = `${pair.from}\n${pair.to}`
    const known = best.get(key)
    if (known === undefined || rank[pair.degree] > rank[known.degree]) best.set(key, pair)
  }
  return best
}

/** Pairs (best degree per pair) that appear, disappear or change degree; sorted. */
export function diffMatches (before: readonly PairMatch[], after: readonly PairMatch[]): MatchChange[] {
  const old = bestByPair(before)
  const now = bestByPair(after)
  const changes: MatchChange[] = []
  for (const key of new Set([...old.keys(), ...now.keys()])) {
    const a = old.get(key)
    const b = now.get(key)
    const { from, to } = (a ?? b)!
    if (a === undefined) changes.push({ from, to, before: null, after: b!.degree, change: 'appears' })
    else if (b === undefined) changes.push({ from, to, before: a.degree, after: null, change: 'disappears' })
    else if (a.degree !== b.degree) changes.push({ from, to, before: a.degree, after: b.degree, change: 'degree' })
  }
  return changes.sort((x, y) => x.from.localeCompare(y.from) || x.to.localeCompare(y.to))
}

/** Bundles per reference request that appear, disappear, move in the ranking or change score. */
export function diffBundles (before: readonly BundleSnapshot[], after: readonly BundleSnapshot[]): BundleChange[] {
  const ranked = (snapshots: readonly BundleSnapshot[]): Map<string, { request: string, services: readonly string[], rank: number, score: number }> => {
    const byKey = new Map<string, { request: string, services: readonly string[], rank: number, score: number }>()
    const counters = new Map<string, number>()
    for (const s of snapshots) {
      const position = (counters.get(s.request) ?? 0) + 1
      counters.set(s.request, position)
      byKey.set(`${s.request}\n${[...s.services].sort().join(' ')}`, { request: s.request, services: [...s.services].sort(), rank: position, score: s.score })
    }
    return byKey
  }
  const old = ranked(before)
  const now = ranked(after)
  const changes: BundleChange[] = []
  for (const key of new Set([...old.keys(), ...now.keys()])) {
    const a = old.get(key)
    const b = now.get(key)
    const { request, services } = (a ?? b)!
    const state = (x: typeof a): { rank: number, score: number } | null => x === undefined ? null : { rank: x.rank, score: x.score }
    if (a === undefined) changes.push({ request, services, before: null, after: state(b), change: 'appears' })
    else if (b === undefined) changes.push({ request, services, before: state(a), after: null, change: 'disappears' })
    else if (a.rank !== b.rank) changes.push({ request, services, before: state(a), after: state(b), change: 'rank' })
    else if (a.score !== b.score) changes.push({ request, services, before: state(a), after: state(b), change: 'score' })
  }
  return changes.sort((x, y) => x.request.localeCompare(y.request) || x.services.join(' ').localeCompare(y.services.join(' ')))
}
