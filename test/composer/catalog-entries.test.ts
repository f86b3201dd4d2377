/**
 * A requirement's options (its entry in `Problem`) are kept with the catalog when a request
 * leaves every candidate allowed: a later request reads them instead of making them again. On
 * generated catalogs, for every service's requirements, each problem's options must be what
 * the item's links give under that problem's constraints, worked out here from the links
 * (first link per provider, the plugin penalty, the providers the constraints leave out, the
 * consumer itself), whether they were kept or made; requests that allow every candidate share
 * one entry per item, and a catalog compiled anew after a change answers from its own data.
 */
import { beforeAll, describe, expect, test } from 'vitest'
import { strictProblem } from './strict-problem.js'
import { compileCatalog, type Catalog } from '../../src/catalog/index.js'
import { loadSolver, type CompositionRequest } from '../../src/composer/index.js'
import type { Item } from '../../src/composer/items.js'
import type { Option, Problem } from '../../src/composer/problem.js'
import { parseRdf } from '../../src/rdf/index.js'
import { generateWsChallengeSet } from '../../bench/ws-challenge-catalog.js'

const ex = 'https://example.org/wsc#'
const set = generateWsChallengeSet({ services: 400, concepts: 600, planted: 8, seed: 5 })
const base = set.request as CompositionRequest

async function catalogOf (ntriples: string): Promise<Catalog> {
  return compileCatalog(await parseRdf(ntriples, { format: 'n-triples' }))
}

/** An option as plain data (the provided node by its id). */
function plain (option: Option): unknown {
  return { provider: option.provider, availableType: option.availableType, node: option.node?.id, degree: option.degree, penalty: option.penalty, carriesData: option.carriesData }
}

/**
 * The options an item must have in the problem, from its links alone: the first link of each
 * provider, its penalty the degree weight when it is a plugin link, without the providers the
 * problem does not allow; `shared` is that list, `own` the same without the item's consumer.
 */
function expectedOptions (problem: Problem, item: Item): { shared: unknown[], own: unknown[] } {
  const seen = new Set<number>()
  const shared: Option[] = []
  for (const satisfier of problem.links.of(item).satisfiers) {
    if (seen.has(satisfier.provider)) continue
    seen.add(satisfier.provider)
    if (satisfier.provider >= 0 && problem.allowed[satisfier.provider] !== 1) continue
    shared.push({ ...satisfier, penalty: satisfier.degree === 'plugin' ? problem.mode.weights.degree : 0 })
  }
  const consumer = item.kind === 'requires' ? item.consumer : -2
  return { shared: shared.map(plain), own: shared.filter(o => o.provider !== consumer).map(plain) }
}

/** Every requirement of every candidate: its options in the problem against those from its links. */
function checkEveryRequirement (problem: Problem): number {
  const actual: unknown[] = []
  const expected: unknown[] = []
  for (const s of problem.table.candidates) {
    for (const item of problem.requirementsOf(s)) {
      actual.push({ item: item.key, shared: problem.optionGroup(item).shared.map(plain), own: problem.options(item).map(plain) })
      expected.push({ item: item.key, ...expectedOptions(problem, item) })
    }
  }
  expect(actual).toEqual(expected)
  return actual.length
}

beforeAll(async () => { await loadSolver() })

describe('option entries kept per catalog', () => {
  const requests: Array<[string, CompositionRequest]> = [
    ['the set\'s request', base],
    ['no plugin penalty', { ...base, preferences: { degree: 0 } }],
    ['a provider excluded', { ...base, constraints: { excludeProviders: [`${ex}p0`, `${ex}p7`] } }],
    ['other available types', { ...base, available: (base.available ?? []).slice(0, 3) }],
    ['the set\'s request again', base]
  ]

  test('every requirement\'s options are its links\' under the request, kept or made', async () => {
    const used = await catalogOf(set.ntriples)
    for (const [, request] of requests) {
      // A second problem on the used catalog reads what the first kept (or made, when a provider is excluded).
      strictProblem(used, request)
      const again = strictProblem(used, request)
      const fresh = strictProblem(await catalogOf(set.ntriples), request)
      expect(checkEveryRequirement(again)).toBeGreaterThan(300)
      checkEveryRequirement(fresh)
    }
  })

  test('requests that allow every candidate share one entry per item; one that excludes a provider makes its own', async () => {
    const catalog = await catalogOf(set.ntriples)
    const first = strictProblem(catalog, base)
    const second = strictProblem(catalog, base)
    const excluding = strictProblem(catalog, { ...base, constraints: { excludeProviders: [`${ex}p0`] } })
    let shared = 0
    let narrowed = 0
    for (const s of first.table.candidates) {
      for (const item of first.requirementsOf(s)) {
        expect(second.optionGroup(item)).toBe(first.optionGroup(item))
        expect(second.options(item)).toBe(first.options(item))
        shared++
        if (excluding.optionGroup(item).shared.length < first.optionGroup(item).shared.length) narrowed++
      }
    }
    // The seeded set's candidates have 1,304 requirements; p0's services are in the lists of 92
    // of them: the excluding request's lists of those are shorter, not the catalog's.
    expect([shared, narrowed]).toEqual([1304, 92])
  })

  test('a catalog compiled anew after a change is not served the entries of the one before', async () => {
    const before = await catalogOf(set.ntriples)
    const old = strictProblem(before, base)
    checkEveryRequirement(old)
    // Every service of provider p1 stops providing anything: the lists that held them lose them.
    const p1 = new Set(set.ntriples.split('\n').filter(line => line.endsWith(`<https://schema.org/provider> <${ex}p1> .`)).map(line => line.split(' ')[0]))
    const changedText = set.ntriples.split('\n').filter(line => {
      const [subject, predicate] = line.split(' ')
      return !(p1.has(subject) && predicate === '<https://w3id.org/symphony/ontology#provides>')
    }).join('\n')
    const after = await catalogOf(changedText)
    const changed = strictProblem(after, base)
    checkEveryRequirement(changed)
    const names = (problem: Problem, item: Item): string[] => problem.optionGroup(item).shared.map(o => o.provider < 0 ? '' : problem.table.services[o.provider]!.id)
    let lost = 0
    for (const s of changed.table.candidates) {
      const id = changed.table.services[s]!.id
      const oldIndex = old.table.indexOf.get(id)!
      const oldItems = old.requirementsOf(oldIndex)
      changed.requirementsOf(s).forEach((item, i) => {
        const was = names(old, oldItems[i]!)
        const is = names(changed, item)
        expect(is).toEqual(was.filter(name => !p1.has(`<${name}>`)))
        if (is.length < was.length) lost++
      })
    }
    // The seeded set's lists that held a service of p1: 28.
    expect(lost).toBe(28)
  })
})
