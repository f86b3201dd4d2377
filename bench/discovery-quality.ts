/**
 * Ranking quality of discovery on graded test catalogs built here: a generated class forest
 * (foreign IRIs, no sym: interface classes), a few hundred services with random provided and
 * required types, and requests of one wanted and a few available types — in two shapes
 * generated differently (`recursiveShape`, `levelsShape`), so that a ranking rule that only
 * suits one of them shows. Each service
 * is judged per request from the semantics alone (the generated tree, not the engine's
 * ranking), by these rules:
 *
 * - 3: provides the wanted class or a subclass, every requirement is met (same class or a
 *   subclass available), and it uses something offered;
 * - 2: provides the wanted class or a subclass and lacks exactly one input: an extra one
 *   beside a requirement that is met, or one related to an available class (a common ancestor
 *   below the roots);
 * - 1: provides the wanted class or a subclass and needs nothing; or provides a sibling of the
 *   wanted class (same parent) with every requirement met;
 * - 0: anything else.
 *
 * Reported per shape: mean average precision (relevant = grade ≥ 2), nDCG@10 (graded),
 * precision of the returned list and over the first ten places (relevant = grade ≥ 1; an empty
 * list counts 0), for the ranking with near misses, full matches only, and the former order
 * (degree, class distance, then IRI); and the default ranking's results by kind (`why.code`
 * and the number of missing items) and grade. Many seeds, no tuning to one.
 */
import { Parser } from 'n3'
import type { Quad } from '@rdfjs/types'
import { compileCatalog, type Catalog } from '../src/catalog/index.js'
import { discover, degreeRank } from '../src/matcher/index.js'
import { random } from './catalog-generator.js'
import { table } from './measure.js'

const sym = 'https://w3id.org/symphony/ontology#'
const ex = 'https://example.org/quality#'
const subClassOf = 'http://www.w3.org/2000/01/rdf-schema#subClassOf'
const rdfType = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type'

interface TestService { readonly id: string, readonly provides: string, readonly requires: readonly string[] }
export interface TestCatalog { readonly catalog: Catalog, readonly classes: string[], readonly parent: Map<string, string>, readonly services: TestService[] }

/**
 * How a graded catalog and its requests are generated. Two shapes differ in every parameter
 * (seeds, class tree, inputs per service and per request), so a rule that helps only one of
 * them shows.
 */
export interface CatalogShape {
  readonly name: string
  /** The catalog seeds; the requests of a catalog use seed + 1000. */
  readonly seeds: readonly number[]
  readonly classes: number
  readonly roots: number
  /**
   * `recursive`: each class under any earlier class (a random recursive tree, depths up to
   * about five); `levels`: the classes fill `depth` levels below the roots, each under a
   * class of the level above (a deeper, narrower tree).
   */
  readonly tree: { readonly kind: 'recursive' } | { readonly kind: 'levels', readonly depth: number }
  readonly services: number
  /** Mandatory requirements per service: uniform from 0 to this number. */
  readonly maxRequires: number
  /** Available types per request: uniform from `minAvailable` to `maxAvailable`. */
  readonly minAvailable: number
  readonly maxAvailable: number
  readonly queries: number
}

/** The catalog the figures in docs/discovery-ranking.md were first measured on. */
export const recursiveShape: CatalogShape = {
  name: 'recursive tree', seeds: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], classes: 80, roots: 4, tree: { kind: 'recursive' },
  services: 300, maxRequires: 3, minAvailable: 1, maxAvailable: 3, queries: 20
}

/** A second catalog generated differently: other seeds, a deeper level-by-level tree, more inputs offered, fewer required. */
export const levelsShape: CatalogShape = {
  name: 'levels tree', seeds: [101, 102, 103, 104, 105, 106, 107, 108, 109, 110], classes: 120, roots: 3, tree: { kind: 'levels', depth: 6 },
  services: 400, maxRequires: 2, minAvailable: 2, maxAvailable: 4, queries: 20
}

export function build (shape: CatalogShape, seed: number): TestCatalog {
  const next = random(seed)
  const lines: string[] = []
  const classes: string[] = []
  const parent = new Map<string, string>()
  // `levels`: the non-root classes split evenly into levels; the first class of each level
  // goes under the level above's first, so every level is reached.
  const perLevel = shape.tree.kind === 'levels' ? Math.ceil((shape.classes - shape.roots) / shape.tree.depth) : 0
  for (let i = 0; i < shape.classes; i++) {
    const c = `${ex}K${i}`
    if (i >= shape.roots) {
      let p: string
      if (shape.tree.kind === 'recursive') p = classes[Math.floor(next() * i)]!
      else {
        const level = Math.floor((i - shape.roots) / perLevel)
        const from = level === 0 ? 0 : shape.roots + (level - 1) * perLevel
        const to = level === 0 ? shape.roots : shape.roots + level * perLevel
        p = classes[(i - shape.roots) % perLevel === 0 ? from : from + Math.floor(next() * (to - from))]!
      }
      parent.set(c, p)
      lines.push(`<${c}> <${subClassOf}> <${p}> .`)
    }
    classes.push(c)
  }
  const services: TestService[] = []
  for (let i = 0; i < shape.services; i++) {
    const id = `${ex}S${i}`
    const provides = classes[shape.roots + Math.floor(next() * (classes.length - shape.roots))]!
    const requires = Array.from({ length: Math.floor(next() * (shape.maxRequires + 1)) }, () => classes[Math.floor(next() * classes.length)]!)
    services.push({ id, provides, requires })
    lines.push(`<${id}> <${rdfType}> <${sym}Service> .`, `<${id}> <${sym}provides> _:p${i} .`, `_:p${i} <${rdfType}> <${provides}> .`)
    requires.forEach((r, k) => lines.push(`<${id}> <${sym}requires> _:r${i}_${k} .`, `_:r${i}_${k} <${rdfType}> <${r}> .`))
  }
  return { catalog: compileCatalog(new Parser({ format: 'N-Triples' }).parse(lines.join('\n')) as Quad[]), classes, parent, services }
}

/** The requests of one catalog: a wanted class below the roots and some available classes. */
export function requests (shape: CatalogShape, t: TestCatalog, seed: number): Array<{ wanted: string, available: string[] }> {
  const next = random(1000 + seed)
  return Array.from({ length: shape.queries }, () => {
    const wanted = t.classes[shape.roots + Math.floor(next() * (t.classes.length - shape.roots))]!
    const available = Array.from({ length: shape.minAvailable + Math.floor(next() * (shape.maxAvailable - shape.minAvailable + 1)) }, () => t.classes[Math.floor(next() * t.classes.length)]!)
    return { wanted, available }
  })
}

export function grade (t: TestCatalog, s: TestService, wanted: string, available: readonly string[]): number {
  const h = t.catalog.hierarchy
  const output = h.isSubClassOf(s.provides, wanted)
  const unmet = s.requires.filter(r => !available.some(a => h.isSubClassOf(a, r)))
  if (output && s.requires.length > 0 && unmet.length === 0) return 3
  if (output && unmet.length === 1 && (unmet.length < s.requires.length || available.some(a => related(t, a, unmet[0]!)))) return 2
  if (output && s.requires.length === 0) return 1
  const sibling = t.parent.get(s.provides) !== undefined && t.parent.get(s.provides) === t.parent.get(wanted) && s.provides !== wanted
  return sibling && unmet.length === 0 ? 1 : 0
}

/** Whether two classes share an ancestor below the roots, from the generated tree itself. */
function related (t: TestCatalog, a: string, b: string): boolean {
  const above = (c: string): string[] => { const up = [c]; for (let p = t.parent.get(c); p !== undefined; p = t.parent.get(p)) up.push(p); return up }
  const ofA = new Set(above(a).filter(c => t.parent.has(c)))
  return above(b).some(c => ofA.has(c))
}

function averagePrecision (ranked: readonly number[], relevantTotal: number): number {
  if (relevantTotal === 0) return 1
  let hits = 0
  let sum = 0
  ranked.forEach((g, i) => { if (g >= 2) { hits++; sum += hits / (i + 1) } })
  return sum / relevantTotal
}

function ndcg (ranked: readonly number[], all: readonly number[], k = 10): number {
  const dcg = (gains: readonly number[]) => gains.slice(0, k).reduce((s, g, i) => s + (2 ** g - 1) / Math.log2(i + 2), 0)
  const ideal = dcg([...all].sort((a, b) => b - a))
  return ideal === 0 ? 1 : dcg(ranked) / ideal
}

interface Totals { ap: number, ndcg: number, precision: number, atTen: number, returned: number, n: number }

/** The figures of one shape: per ranking, and the default ranking's results by kind and grade. */
export function measure (shape: CatalogShape, options: { limit?: number } = {}): { rankings: Record<string, Totals>, kinds: Map<string, number[]> } {
  const limit = options.limit ?? 20
  const variants = ['near misses (default)', 'full matches only', 'former order'] as const
  const rankings = Object.fromEntries(variants.map(v => [v, { ap: 0, ndcg: 0, precision: 0, atTen: 0, returned: 0, n: 0 }]))
  const kinds = new Map<string, number[]>()
  for (const seed of shape.seeds) {
    const t = build(shape, seed)
    for (const { wanted, available } of requests(shape, t, seed)) {
      const grades = new Map(t.services.map(s => [s.id, grade(t, s, wanted, available)]))
      const all = [...grades.values()]
      const relevantTotal = all.filter(g => g >= 2).length
      if (relevantTotal === 0) continue
      const request = { wanted: [wanted], available, limit }
      const answer = discover(t.catalog, request).results
      for (const r of answer) {
        const kind = r.missing.length === 0 ? r.why.code : `${r.why.code} (${r.missing.length})`
        const row = kinds.get(kind) ?? [0, 0, 0, 0]
        row[grades.get(r.service)!]!++
        kinds.set(kind, row)
      }
      const near = answer.map(r => r.service)
      const full = discover(t.catalog, { ...request, includePartial: false }).results.map(r => r.service)
      const former = discover(t.catalog, { ...request, limit: shape.services }).results.filter(r => r.missing.length === 0)
        .map(r => ({ r, distance: r.explanation.wanted.reduce((s, w) => s + w.distance, 0) + r.explanation.requires.filter(x => !x.optional).reduce((s, x) => s + x.distance, 0) }))
        .sort((a, b) => degreeRank[a.r.degree] - degreeRank[b.r.degree] || a.distance - b.distance || (a.r.service < b.r.service ? -1 : 1))
        .slice(0, limit).map(x => x.r.service)
      for (const [variant, list] of [[variants[0], near], [variants[1], full], [variants[2], former]] as const) {
        const ranked = list.map(s => grades.get(s)!)
        const total = rankings[variant]!
        total.ap += averagePrecision(ranked, relevantTotal)
        total.ndcg += ndcg(ranked, all)
        total.precision += ranked.length === 0 ? 0 : ranked.filter(g => g >= 1).length / ranked.length
        total.atTen += ranked.slice(0, 10).filter(g => g >= 1).length / 10
        total.returned += ranked.length
        total.n++
      }
    }
  }
  return { rankings, kinds }
}

function report (shape: CatalogShape): string {
  const { rankings, kinds } = measure(shape)
  const rows = Object.entries(rankings).map(([ranking, t]) => ({
    ranking,
    queries: t.n,
    MAP: (t.ap / t.n).toFixed(3),
    'nDCG@10': (t.ndcg / t.n).toFixed(3),
    precision: (t.precision / t.n).toFixed(3),
    'P@10': (t.atTen / t.n).toFixed(3),
    returned: (t.returned / t.n).toFixed(1)
  }))
  const byKind = [...kinds].sort(([a], [b]) => a < b ? -1 : 1).map(([kind, g]) => ({
    'default ranking: results of kind': kind, 'grade 0': g[0]!, 'grade 1': g[1]!, 'grade 2': g[2]!, 'grade 3': g[3]!
  }))
  const { tree } = shape
  return `${shape.name}: ${shape.seeds.length} seeds × ${shape.services} services, ${shape.classes} classes under ${shape.roots} roots` +
    `${tree.kind === 'levels' ? ` in ${tree.depth} levels` : ''}, 0–${shape.maxRequires} requirements, ${shape.minAvailable}–${shape.maxAvailable} available, top 20\n` +
    `${table(rows)}\n\n${table(byKind)}`
}

/** Both shapes, each with its rankings and the default ranking's results by kind and grade. */
export async function run (shapes: readonly CatalogShape[] = [recursiveShape, levelsShape]): Promise<string> {
  return `Discovery ranking quality on generated graded catalogs\n\n${shapes.map(report).join('\n\n')}`
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await run())
