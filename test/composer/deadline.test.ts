/**
 * The time budget, on an injected clock (no timed assertions): the clock jumps past the whole
 * budget when a chosen step starts, and the answer must say `SEARCH_LIMIT`, carry a bundle
 * when one was found cheaply (checked against an oracle written here: valid in dataflow wiring
 * and minimal), and no step may start after the deadline. The catalog is a dataflow chain with
 * rival adapters, shortcuts and reachable noise, so the exact search needs the relevance step,
 * the program and several solver calls. Its program is small: the best-first search that would
 * prove it before the solver starts is left out (`quickExpansions: 0`), as the solver's steps are
 * what is tested here.
 */
import { beforeAll, describe, expect, test } from 'vitest'
import { compileCatalog, type Catalog } from '../../src/catalog/index.js'
import { compose, loadSolver, type ComposeOptions, type CompositionAnswer, type CompositionRequest } from '../../src/composer/index.js'
import type { ComposeStep } from '../../src/composer/deadline.js'
import { diagnosisShare } from '../../src/composer/compose-with.js'
import { holdNextSolve } from '../../src/composer/solver/highs-runtime.js'
import { parseRdf } from '../../src/rdf/index.js'

const sym = 'https://w3id.org/symphony/ontology#'
const ex = 'https://example.org/deadline#'
const depth = 8

interface Spec {
  readonly id: string
  readonly requires: readonly string[]
  readonly provides: readonly string[]
  readonly price: number
}

/**
 * Step k: adapters A<k> (2.00) and B<k> (2.00 + k cents) from C<k-1> to C<k>; shortcuts X<k>
 * from C<k-1> to C<k+3> (8.50, dearer than the four adapters they skip); noise M<i> from a chain class to N<i mod 10>, and P<i> from
 * that N and a chain class to a later chain class (9.00), so the noise is reachable.
 */
function specs (): Spec[] {
  const all: Spec[] = []
  for (let k = 1; k <= depth; k++) {
    all.push({ id: `A${k}`, requires: [`C${k - 1}`], provides: [`C${k}`], price: 2 })
    all.push({ id: `B${k}`, requires: [`C${k - 1}`], provides: [`C${k}`], price: 2 + k / 100 })
    if (k + 3 <= depth) all.push({ id: `X${k}`, requires: [`C${k - 1}`], provides: [`C${k + 3}`], price: 8.5 })
  }
  for (let i = 0; i < 10; i++) {
    all.push({ id: `M${i}`, requires: [`C${i % depth}`], provides: [`N${i % 10}`], price: 1 + (i % 5) })
    all.push({ id: `P${i}`, requires: [`N${i % 10}`, `C${i % depth}`], provides: [`C${Math.min(depth, (i % depth) + 2)}`], price: 9 })
  }
  return all
}

function turtle (all: readonly Spec[]): string {
  const lines = [`@prefix sym: <${sym}> .`, `@prefix ex: <${ex}> .`, '@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .', '@prefix schema: <https://schema.org/> .']
  for (let k = 0; k <= depth; k++) lines.push(`ex:C${k} rdfs:subClassOf sym:Interface .`)
  for (let i = 0; i < 10; i++) lines.push(`ex:N${i} rdfs:subClassOf sym:Interface .`)
  for (const s of all) {
    lines.push(`ex:${s.id} a sym:Service ;`)
    for (const p of s.provides) lines.push(`  sym:provides [ a ex:${p} ] ;`)
    for (const r of s.requires) lines.push(`  sym:requires [ a ex:${r} ] ;`)
    lines.push(`  schema:offers [ schema:priceCurrency "EUR" ; schema:priceSpecification [ sym:priceComponent sym:BaseMonthly ; schema:price ${s.price.toFixed(2)} ] ] .`)
  }
  return lines.join('\n') + '\n'
}

/** The oracle: the members fire in some order from C0 and one provides C<depth>. */
function validInDataflow (all: readonly Spec[], members: readonly Spec[]): boolean {
  if (!members.some(m => m.provides.includes(`C${depth}`))) return false
  const known = new Set(['C0'])
  let pending = [...members]
  for (let progress = true; progress;) {
    const ready = pending.filter(m => m.requires.every(r => known.has(r)))
    progress = ready.length > 0
    for (const m of ready) for (const p of m.provides) known.add(p)
    pending = pending.filter(m => !ready.includes(m))
  }
  return pending.length === 0
}

/** Valid, and no proper subset is valid. */
function validAndMinimal (all: readonly Spec[], services: readonly string[]): boolean {
  const members = services.map(iri => all.find(s => ex + s.id === iri)!)
  if (members.some(m => m === undefined) || !validInDataflow(all, members)) return false
  for (let mask = 0; mask < (1 << members.length) - 1; mask++) {
    if (validInDataflow(all, members.filter((_, i) => (mask & (1 << i)) !== 0))) return false
  }
  return true
}

/** The cheapest bundle's price (ranked by price: the A chain), and the next two (one B each). */
const cheapest = 2 * depth

const request: CompositionRequest = {
  available: [`${ex}C0`],
  wanted: [`${ex}C${depth}`],
  wiring: 'dataflow',
  preferences: { size: 0.01, degree: 0, price: 1 },
  limit: 3,
  timeoutMs: 60_000
}

/**
 * A clock that stands still at 1000 except where `move` sets it anew, which it may as each step
 * starts (given the steps so far); the steps it saw.
 */
function movedAt (move: (started: ComposeStep, steps: readonly ComposeStep[]) => number | undefined): { options: ComposeOptions, steps: ComposeStep[] } {
  let now = 1000
  const steps: ComposeStep[] = []
  return {
    steps,
    options: {
      quickExpansions: 0,
      clock: () => now,
      onStep: started => {
        steps.push(started)
        now = move(started, steps) ?? now
      }
    }
  }
}

/** A clock that stands still until `step` starts, then is past any budget; the steps it saw. */
function jumpAt (step: ComposeStep | undefined): { options: ComposeOptions, steps: ComposeStep[] } {
  return movedAt(started => started === step ? 1e12 : undefined)
}

/** Where the clock stands `ms` before the searches' deadline (the budget less the diagnosis's share). */
const beforeDeadline = (ms: number): number => 1000 + request.timeoutMs! - diagnosisShare(request.timeoutMs!) - ms

function codes (answer: CompositionAnswer): string[] {
  return answer.issues.map(i => i.code)
}

describe('the time budget', () => {
  const all = specs()
  let catalog: Catalog
  beforeAll(async () => {
    catalog = compileCatalog(await parseRdf(turtle(all), { format: 'turtle' }))
    await loadSolver()
  })

  test('with time enough, the exact search runs every step and proves the top three', () => {
    const { options, steps } = jumpAt(undefined)
    const answer = compose(catalog, request, options)
    expect(codes(answer)).toEqual([])
    expect(answer.bundles.map(b => b.price.monthly)).toEqual([cheapest, cheapest + 0.01, cheapest + 0.02])
    for (const bundle of answer.bundles) expect(validAndMinimal(all, bundle.services)).toBe(true)
    expect(steps.slice(0, 8)).toEqual(['table', 'problem', 'relaxation', 'greedy', 'relevant', 'dominance', 'model', 'load'])
    expect(steps.filter(s => s === 'solve').length).toBeGreaterThanOrEqual(3)
  })

  test.each(['relevant', 'dominance', 'model', 'load'] as const)('time out when %s starts: the greedy bundle, SEARCH_LIMIT, no later step', step => {
    const { options, steps } = jumpAt(step)
    const answer = compose(catalog, request, options)
    expect(codes(answer)).toEqual(['SEARCH_LIMIT'])
    expect(answer.bundles).toHaveLength(1)
    expect(validAndMinimal(all, answer.bundles[0]!.services)).toBe(true)
    expect(steps[steps.length - 1]).toBe(step)
    expect(steps).not.toContain('solve')
  })

  test('time out when the solver starts: its first optimum is the answer, no second call', () => {
    const { options, steps } = jumpAt('solve')
    const answer = compose(catalog, request, options)
    expect(codes(answer)).toEqual(['SEARCH_LIMIT'])
    expect(answer.bundles.map(b => b.price.monthly)).toEqual([cheapest])
    expect(validAndMinimal(all, answer.bundles[0]!.services)).toBe(true)
    expect(steps.filter(s => s === 'solve')).toEqual(['solve'])
    expect(steps[steps.length - 1]).toBe('solve')
  })

  test('the solver call stops at its time limit with time left: the best-first search goes on and its proof is the answer', () => {
    // The clock stands a nanosecond before the searches' deadline once the solver starts: its
    // calls get that as their time limit, and the clock (standing still) leaves the best-first
    // search all the time it needs once one of them returns unsolved.
    const { options, steps } = movedAt(started => started === 'solve' ? beforeDeadline(1e-6) : undefined)
    const answer = compose(catalog, request, options)
    expect(codes(answer)).toEqual([])
    expect(answer.bundles.map(b => b.price.monthly)).toEqual([cheapest, cheapest + 0.01, cheapest + 0.02])
    for (const bundle of answer.bundles) expect(validAndMinimal(all, bundle.services)).toBe(true)
    expect(steps).toContain('solve')
    expect(steps[steps.length - 1]).toBe('best-first')
  })

  test.each([{ maxStates: 5 }, { maxExpansions: 5 }])('the solver call stops at its time limit with time left, and the best-first search at its size budget (%o): SEARCH_CUT, not a time budget that ran out', budget => {
    const { options, steps } = movedAt(started => started === 'solve' ? beforeDeadline(1e-6) : undefined)
    const answer = compose(catalog, request, { ...options, ...budget })
    expect(codes(answer)).toEqual(['SEARCH_CUT'])
    expect(answer.issues[0]).toMatchObject({ code: 'SEARCH_CUT', found: answer.bundles.length, limit: 3 })
    expect(answer.issues[0]!.messages.en).toContain('size budget')
    expect(answer.issues[0]!.messages.de).toContain('Größengrenze')
    expect(answer.bundles.length).toBeGreaterThanOrEqual(1)
    for (const bundle of answer.bundles) expect(validAndMinimal(all, bundle.services)).toBe(true)
    expect(steps).toContain('solve')
    expect(steps[steps.length - 1]).toBe('best-first')
  })

  test('time out when the best-first search starts (the program over its budget): the greedy bundle', () => {
    const { options, steps } = jumpAt('best-first')
    const answer = compose(catalog, request, { ...options, maxModelEntries: 1 })
    expect(codes(answer)).toEqual(['SEARCH_LIMIT'])
    expect(answer.bundles).toHaveLength(1)
    expect(validAndMinimal(all, answer.bundles[0]!.services)).toBe(true)
    expect(steps[steps.length - 1]).toBe('best-first')
  })

  test('time out while the greedy bundle is sought: no bundle, and the diagnosis starts no search', () => {
    const { options, steps } = jumpAt('greedy')
    const answer = compose(catalog, request, options)
    expect(answer.bundles).toEqual([])
    expect(codes(answer)).toEqual(['SEARCH_LIMIT'])
    expect(steps.slice(steps.indexOf('greedy'))).toEqual(['greedy', 'diagnosis'])
  })

  test('a budget of 1 ms on a clock that has passed it: the service table stops, no bundle, SEARCH_LIMIT and nothing else', () => {
    let reads = 0
    const steps: ComposeStep[] = []
    const answer = compose(catalog, { ...request, timeoutMs: 1 }, { clock: () => reads++ === 0 ? 0 : 2, onStep: step => steps.push(step) })
    expect(answer.bundles).toEqual([])
    expect(codes(answer)).toEqual(['SEARCH_LIMIT'])
    expect(answer.issues[0]).toMatchObject({ found: 0, limit: 3, bound: 0, timeoutMs: 1 })
    expect(steps).toEqual(['table'])
  })

  test('no bundle exists: the diagnosis searches within its share, and not once it has passed', () => {
    const unreachable = { ...request, available: [`${ex}N0`] }
    const timely = jumpAt(undefined)
    const explained = compose(catalog, unreachable, timely.options)
    expect(explained.bundles).toEqual([])
    expect(codes(explained)).toContain('GOAL_UNREACHABLE')
    expect(timely.steps.slice(timely.steps.indexOf('diagnosis'))).toContain('best-first')

    const late = jumpAt('diagnosis')
    const answer = compose(catalog, unreachable, late.options)
    expect(codes(answer)).toContain('GOAL_UNREACHABLE')
    expect(codes(answer)).not.toContain('NEAREST_BUNDLE')
    expect(late.steps[late.steps.length - 1]).toBe('diagnosis')
  })

  test('time out while the diagnosis builds a problem of its own: the strict search\'s findings stay, the cut-short search adds nothing', () => {
    const unreachable = { ...request, available: [`${ex}N0`] }
    const { options, steps } = movedAt((started, seen) => started === 'problem' && seen.includes('diagnosis') ? 1e12 : undefined)
    const answer = compose(catalog, unreachable, options)
    expect(answer.bundles).toEqual([])
    expect(codes(answer)).toEqual(['GOAL_UNREACHABLE'])
    expect(steps.slice(steps.indexOf('diagnosis'))).toEqual(['diagnosis', 'problem'])
  })

  test('a solver call still running at the deadline is ended with its thread: the greedy bundle, SEARCH_LIMIT; the next request gets a fresh solver', () => {
    // The clock stands 20 ms before the searches' deadline once the program loads, and the solver's thread
    // is held for a minute on its first call (as a long call would run): it must be terminated.
    const { options, steps } = movedAt(started => started === 'load' ? beforeDeadline(20) : undefined)
    holdNextSolve(60_000)
    const answer = compose(catalog, request, options)
    expect(codes(answer)).toEqual(['SEARCH_LIMIT'])
    expect(answer.bundles).toHaveLength(1)
    expect(validAndMinimal(all, answer.bundles[0]!.services)).toBe(true)
    expect(steps.filter(s => s === 'solve')).toEqual(['solve'])

    const next = compose(catalog, request, jumpAt(undefined).options)
    expect(codes(next)).toEqual([])
    expect(next.bundles.map(b => b.price.monthly)).toEqual([cheapest, cheapest + 0.01, cheapest + 0.02])
  })
})

/**
 * The set-up steps on a wide catalog: the deadline chain with `rivals` dearer adapters per
 * step, so each set-up loop (candidates, their prices and checks, the fixpoint) runs over
 * thousands of services and a loop that went on would read the clock many times (once per
 * 256 services).
 */
describe('the time budget in the set-up steps', () => {
  const rivals = 250
  const all = [...specs(), ...Array.from({ length: depth * rivals }, (_, i): Spec => {
    const k = 1 + (i % depth)
    return { id: `R${k}_${Math.floor(i / depth)}`, requires: [`C${k - 1}`], provides: [`C${k}`], price: 3 }
  })]
  let catalog: Catalog
  beforeAll(async () => {
    catalog = compileCatalog(await parseRdf(turtle(all), { format: 'turtle' }))
    await loadSolver()
  })
  /**
   * The catalog compiled anew: the candidates of a request are kept per catalog and goals, so
   * only on a catalog no request has used yet does the table seek them service by service.
   */
  const fresh = async (): Promise<Catalog> => compileCatalog(await parseRdf(turtle(all), { format: 'turtle' }))

  /** A clock that jumps past any budget when `step` starts, and counts its reads: in all, and at each step's start. */
  function counting (step: ComposeStep | undefined): { options: ComposeOptions, steps: ComposeStep[], reads: () => number, readsAt: Map<ComposeStep, number> } {
    let now = 1000
    let reads = 0
    const steps: ComposeStep[] = []
    const readsAt = new Map<ComposeStep, number>()
    return {
      steps,
      readsAt,
      reads: () => reads,
      options: {
        clock: () => { reads++; return now },
        onStep: started => {
          steps.push(started)
          if (!readsAt.has(started)) readsAt.set(started, reads)
          if (started === step) now = 1e12
        }
      }
    }
  }

  const setUp = ['table', 'problem', 'relaxation'] as const

  test('with time enough, each set-up step reads the clock once per 256 services, and the cheapest bundles come back', async () => {
    const timely = counting(undefined)
    const answer = compose(await fresh(), request, timely.options)
    expect(codes(answer)).toEqual([])
    expect(answer.bundles.map(b => b.price.monthly)).toEqual([cheapest, cheapest + 0.01, cheapest + 0.02])
    expect(timely.steps.slice(0, 4)).toEqual(['table', 'problem', 'relaxation', 'greedy'])
    const next: Readonly<Record<typeof setUp[number], ComposeStep>> = { table: 'problem', problem: 'relaxation', relaxation: 'greedy' }
    for (const step of setUp) {
      // At least one read per 256 candidates: the loop polls all the way through.
      expect(timely.readsAt.get(next[step])! - timely.readsAt.get(step)!).toBeGreaterThanOrEqual(Math.floor(depth * rivals / 256))
    }
  })

  test.each(setUp)('time out when %s starts: it stops at its first look at the clock, no bundle, SEARCH_LIMIT, no later step', step => {
    const late = counting(step)
    const answer = compose(catalog, request, late.options)
    expect(answer.bundles).toEqual([])
    expect(codes(answer)).toEqual(['SEARCH_LIMIT'])
    expect(answer.issues[0]).toMatchObject({ code: 'SEARCH_LIMIT', found: 0, limit: 3, bound: 0, timeoutMs: request.timeoutMs })
    expect(answer.issues[0]!.messages!.de).toContain('Zeitbudget')
    // 60 s is the longest budget a request may have: the text does not advise a larger one.
    expect(answer.issues[0]!.message).not.toContain('timeoutMs')
    expect(late.steps[late.steps.length - 1]).toBe(step)
    expect(late.steps).toEqual(setUp.slice(0, setUp.indexOf(step) + 1))
    // The step's own reads (its start, the set-up's start and end) and one poll: far fewer than a whole loop's.
    expect(late.reads() - late.readsAt.get(step)!).toBeLessThanOrEqual(3)
  })

  test.each(setUp)('time out midway through %s: no bundle, SEARCH_LIMIT; nothing half-built is kept, the next request gets the cheapest bundles', async step => {
    const used = step === 'table' ? await fresh() : catalog
    // The clock passes the budget at the step's second poll, 256 services into its loop (the problem reads it once more first).
    const readsToSecondPoll: Readonly<Record<typeof setUp[number], number>> = { table: 2, problem: 3, relaxation: 2 }
    let now = 1000
    let reads = 0
    let jumpAt = Infinity
    const steps: ComposeStep[] = []
    const answer = compose(used, request, {
      clock: () => { if (++reads >= jumpAt) now = 1e12; return now },
      onStep: started => {
        steps.push(started)
        if (started === step) jumpAt = reads + readsToSecondPoll[step]
      }
    })
    expect(answer.bundles).toEqual([])
    expect(codes(answer)).toEqual(['SEARCH_LIMIT'])
    expect(steps).toEqual(setUp.slice(0, setUp.indexOf(step) + 1))

    const next = compose(used, request, counting(undefined).options)
    expect(codes(next)).toEqual([])
    expect(next.bundles.map(b => b.price.monthly)).toEqual([cheapest, cheapest + 0.01, cheapest + 0.02])
  })
})
