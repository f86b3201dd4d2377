/**
 * Ranking quality of discovery on a graded test catalog built here: a generated class forest
 * (foreign IRIs, no sym: interface classes), a few hundred services with random provided and
 * required types, and requests of one wanted and one to three available types. Each service
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
 * Reported: mean average precision (relevant = grade ≥ 2), nDCG@10 (graded), and precision of
 * the returned list (relevant = grade ≥ 1), for the ranking with near misses, full matches
 * only, and the former order (degree, class distance, then IRI). Many seeds, no tuning to one.
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
interface TestCatalog { readonly catalog: Catalog, readonly classes: string[], readonly parent: Map<string, string>, readonly services: TestService[] }

function build (seed: number, size: number): TestCatalog {
  const next = random(seed)
  const lines: string[] = []
  const classes: string[] = []
  const parent = new Map<string, string>()
  // Four roots, each class under an earlier one of its tree: depths up to about five.
  for (let i = 0; i < 80; i++) {
    const c = `${ex}K${i}`
    if (i >= 4) {
      const p = classes[Math.floor(next() * i)]!
      parent.set(c, p)
      lines.push(`<${c}> <${subClassOf}> <${p}> .`)
    }
    classes.push(c)
  }
  const services: TestService[] = []
  for (let i = 0; i < size; i++) {
    const id = `${ex}S${i}`
    const provides = classes[4 + Math.floor(next() * (classes.length - 4))]!
    const requires = Array.from({ length: Math.floor(next() * 4) }, () => classes[Math.floor(next() * classes.length)]!)
    services.push({ id, provides, requires })
    lines.push(`<${id}> <${rdfType}> <${sym}Service> .`, `<${id}> <${sym}provides> _:p${i} .`, `_:p${i} <${rdfType}> <${provides}> .`)
    requires.forEach((r, k) => lines.push(`<${id}> <${sym}requires> _:r${i}_${k} .`, `_:r${i}_${k} <${rdfType}> <${r}> .`))
  }
  return { catalog: compileCatalog(new Parser({ format: 'N-Triples' }).parse(lines.join('\n')) as Quad[]), classes, parent, services }
}

function grade (t: TestCatalog, s: TestService, wanted: string, available: readonly string[]): number {
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

export async function run (seeds = 10, size = 300, queries = 20): Promise<string> {
  const variants = ['near misses (default)', 'full matches only', 'former order'] as const
  const totals = Object.fromEntries(variants.map(v => [v, { ap: 0, ndcg: 0, precision: 0, n: 0 }]))
  for (let seed = 1; seed <= seeds; seed++) {
    const t = build(seed, size)
    const next = random(1000 + seed)
    for (let q = 0; q < queries; q++) {
      const wanted = t.classes[4 + Math.floor(next() * (t.classes.length - 4))]!
      const available = Array.from({ length: 1 + Math.floor(next() * 3) }, () => t.classes[Math.floor(next() * t.classes.length)]!)
      const grades = new Map(t.services.map(s => [s.id, grade(t, s, wanted, available)]))
      const all = [...grades.values()]
      const relevantTotal = all.filter(g => g >= 2).length
      if (relevantTotal === 0) continue
      const request = { wanted: [wanted], available, limit: 20 }
      const near = discover(t.catalog, request).results.map(r => r.service)
      const full = discover(t.catalog, { ...request, includePartial: false }).results.map(r => r.service)
      const former = discover(t.catalog, { ...request, limit: size }).results.filter(r => r.missing.length === 0)
        .map(r => ({ r, distance: r.explanation.wanted.reduce((s, w) => s + w.distance, 0) + r.explanation.requires.filter(x => !x.optional).reduce((s, x) => s + x.distance, 0) }))
        .sort((a, b) => degreeRank[a.r.degree] - degreeRank[b.r.degree] || a.distance - b.distance || (a.r.service < b.r.service ? -1 : 1))
        .slice(0, 20).map(x => x.r.service)
      for (const [variant, list] of [[variants[0], near], [variants[1], full], [variants[2], former]] as const) {
        const ranked = list.map(s => grades.get(s)!)
        const total = totals[variant]!
        total.ap += averagePrecision(ranked, relevantTotal)
        total.ndcg += ndcg(ranked, all)
        total.precision += ranked.length === 0 ? 0 : ranked.filter(g => g >= 1).length / ranked.length
        total.n++
      }
    }
  }
  const rows = variants.map(v => {
    const t = totals[v]!
    return { ranking: v, queries: t.n, MAP: (t.ap / t.n).toFixed(3), 'nDCG@10': (t.ndcg / t.n).toFixed(3), precision: (t.precision / t.n).toFixed(3) }
  })
  return `Discovery ranking quality on generated graded catalogs (${seeds} seeds × ${size} services, top 20)\n${table(rows)}`
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await run())
