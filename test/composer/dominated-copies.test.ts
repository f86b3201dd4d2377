/**
 * Many dominated copies of a few services: 8 kinds of service, 70 copies of each at different
 * prices. All 560 are relevant (at least 400: the best-first search runs before the solver, and
 * dominance is weighed after it, among what its bundles leave relevant), and dominance leaves
 * the three cheapest copies of each kind (below 400). The bundles must be the brute force's:
 * every minimal valid set of kinds, worked out here for each wiring, with one copy per kind
 * (two copies of one kind in a bundle would make one of them removable), cheapest first, then
 * by IRIs — whether the best-first search proves them alone or the solver does after it.
 */
import { beforeAll, describe, expect, test } from 'vitest'
import { strictProblem } from './strict-problem.js'
import { compileCatalog, type Catalog } from '../../src/catalog/index.js'
import { compose, loadSolver, type CompositionRequest, type Wiring } from '../../src/composer/index.js'
import type { ComposeStep } from '../../src/composer/deadline.js'
import { relax } from '../../src/composer/relaxation.js'
import { undominated } from '../../src/composer/solver/dominance.js'
import { relevantServices } from '../../src/composer/solver/relevant.js'
import { parseRdf } from '../../src/rdf/index.js'

const sym = 'https://w3id.org/symphony/ontology#'
const ex = 'https://example.org/copies#'
const copies = 70

/**
 * The kinds: what each requires and provides, and the price of its cheapest copy. K6 and K7
 * meet each other's requirement (C and A): static wiring accepts them as a cycle, dataflow needs
 * A from another member first.
 */
const kinds = [
  { requires: ['In'], provides: ['A'], price: 3 },
  { requires: ['In'], provides: ['B'], price: 2 },
  { requires: ['A'], provides: ['Out'], price: 4 },
  { requires: ['A', 'B'], provides: ['Out'], price: 1 },
  { requires: ['In'], provides: ['Out'], price: 14 },
  { requires: ['B'], provides: ['A'], price: 2 },
  { requires: ['C'], provides: ['A'], price: 1 },
  { requires: ['A'], provides: ['C'], price: 1 }
]

/** Copy `j` of kind `k`: the kind's price and a step of 0.1 EUR in an order of its own (37 is prime to 70: all differ). */
const priceOf = (k: number, j: number): number => Math.round((kinds[k]!.price + ((j * 37) % copies) / 10) * 100) / 100
const iri = (k: number, j: number): string => `${ex}K${k}_${j}`

function turtle (): string {
  const lines = [`@prefix sym: <${sym}> .`, `@prefix ex: <${ex}> .`, '@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .', '@prefix schema: <https://schema.org/> .']
  for (const c of ['In', 'A', 'B', 'C', 'Out']) lines.push(`ex:${c} rdfs:subClassOf sym:Interface .`)
  kinds.forEach((kind, k) => {
    for (let j = 0; j < copies; j++) {
      lines.push(`<${iri(k, j)}> a sym:Service ;`)
      for (const p of kind.provides) lines.push(`  sym:provides [ a ex:${p} ] ;`)
      for (const r of kind.requires) lines.push(`  sym:requires [ a ex:${r} ] ;`)
      lines.push(`  schema:offers [ schema:priceCurrency "EUR" ; schema:priceSpecification [ sym:priceComponent sym:BaseMonthly ; schema:price ${priceOf(k, j).toFixed(2)} ] ] .`)
    }
  })
  return lines.join('\n') + '\n'
}

const limit = 3
/** Price first: the ranking cost of a bundle is its price plus 0.01 per member. */
const preferences = { size: 0.01, price: 1, degree: 0 }

function request (wiring: Wiring): CompositionRequest {
  return { available: [`${ex}In`], wanted: [`${ex}Out`], preferences, limit, wiring, timeoutMs: 60_000 }
}

/** Is the set of kinds valid in the wiring (every requirement met; dataflow: in some order of firing from In)? */
function validKinds (set: readonly number[], wiring: Wiring): boolean {
  if (!set.some(k => kinds[k]!.provides.includes('Out'))) return false
  if (wiring === 'static') return set.every(k => kinds[k]!.requires.every(r => r === 'In' || set.some(o => o !== k && kinds[o]!.provides.includes(r))))
  const known = new Set(['In'])
  const fired = new Set<number>()
  for (let progress = true; progress;) {
    progress = false
    for (const k of set) {
      if (fired.has(k) || !kinds[k]!.requires.every(r => known.has(r))) continue
      fired.add(k)
      for (const p of kinds[k]!.provides) known.add(p)
      progress = true
    }
  }
  return fired.size === set.length
}

/** The `limit` cheapest minimal bundles by brute force, as sorted IRIs (ties by IRIs). */
function bruteForce (wiring: Wiring): string[][] {
  const masks = 1 << kinds.length
  const kindsOf = (mask: number): number[] => kinds.map((_, k) => k).filter(k => (mask & (1 << k)) !== 0)
  const valid = Array.from({ length: masks }, (_, mask) => mask > 0 && validKinds(kindsOf(mask), wiring))
  const bundles: Array<{ members: string[], cost: number }> = []
  for (let mask = 1; mask < masks; mask++) {
    if (!valid[mask]) continue
    let minimal = true
    for (let sub = (mask - 1) & mask; sub > 0 && minimal; sub = (sub - 1) & mask) if (valid[sub]) minimal = false
    if (!minimal) continue
    // Only a kind's three cheapest copies can be in the three best bundles (the prices of one kind's copies all differ).
    let partial: Array<{ members: string[], price: number }> = [{ members: [], price: 0 }]
    for (const k of kindsOf(mask)) {
      const cheapest = Array.from({ length: copies }, (_, j) => j).sort((a, b) => priceOf(k, a) - priceOf(k, b)).slice(0, limit)
      partial = partial.flatMap(p => cheapest.map(j => ({ members: [...p.members, iri(k, j)], price: p.price + priceOf(k, j) })))
    }
    for (const p of partial) bundles.push({ members: p.members.sort(), cost: Math.round((p.price + 0.01 * p.members.length) * 1e6) })
  }
  const byIris = (a: readonly string[], b: readonly string[]): number => {
    const x = a.join(' ')
    const y = b.join(' ')
    return x < y ? -1 : x > y ? 1 : 0
  }
  return bundles.sort((a, b) => a.cost - b.cost || byIris(a.members, b.members)).slice(0, limit).map(b => b.members)
}

describe('many dominated copies of a few services', () => {
  let catalog: Catalog
  beforeAll(async () => {
    catalog = compileCatalog(await parseRdf(turtle(), { format: 'turtle' }))
    await loadSolver()
  })

  test.each(['static', 'dataflow'] as const)('%s: 400 or more relevant services, fewer than 400 once dominance is weighed', wiring => {
    const problem = strictProblem(catalog, request(wiring))
    const relevant = relevantServices(problem, relax(problem, problem.own))!
    const kept = undominated(problem, relevant, limit, false)!
    expect(relevant.length).toBe(kinds.length * copies)
    // The three cheapest copies of each kind.
    expect(kept.length).toBe(kinds.length * limit)
  })

  test.each([
    ['static', undefined], ['static', 3], ['static', 20],
    ['dataflow', undefined], ['dataflow', 3], ['dataflow', 20]
  ] as const)('%s, best-first search within %s expansions (default when undefined): the brute force\'s three best bundles', (wiring, maxExpansions) => {
    const steps: ComposeStep[] = []
    const answer = compose(catalog, request(wiring), { onStep: step => steps.push(step), ...(maxExpansions === undefined ? {} : { maxExpansions }) })
    expect(answer.bundles.map(b => b.services)).toEqual(bruteForce(wiring))
    expect(answer.issues.map(i => i.code)).toEqual([])
    // The best-first search ran before anything else could narrow the program; with few
    // expansions it proves nothing, and dominance is weighed after it, before the program.
    const first = steps.indexOf('best-first')
    expect(steps.slice(0, first + 1)).toEqual(['table', 'problem', 'relaxation', 'greedy', 'relevant', 'best-first'])
    if (maxExpansions === 3) expect(steps.slice(first, first + 3)).toEqual(['best-first', 'dominance', 'model'])
  })

  test('the wirings\' best bundles differ: static wiring takes the cycle of K6 and K7', () => {
    expect(bruteForce('static')).not.toEqual(bruteForce('dataflow'))
    expect(bruteForce('static').flat().some(m => m.startsWith(`${ex}K6_`))).toBe(true)
    expect(bruteForce('dataflow').flat().some(m => m.startsWith(`${ex}K6_`))).toBe(false)
  })
})
