/**
 * The search's size budget: an integer program over its coefficient budget is not built (the
 * request is searched best-first instead), and a best-first search stops at its state budget
 * with what it found and `SEARCH_CUT`, in English and German.
 */
import { beforeAll, describe, expect, test } from 'vitest'
import { offer, prefixLines } from './catalog-turtle.js'
import { compileCatalog, type Catalog } from '../../src/catalog/index.js'
import { catalogNamer } from '../../src/composer/texts.js'
import { compose, effectiveLimits, inLanguage, loadSolver, say, tighterLimits, type CompositionRequest } from '../../src/composer/index.js'
import { parseRdf } from '../../src/rdf/index.js'

const ex = 'https://example.org/budget#'
const depth = 6

/** Step k has the adapters A<k> (2.00 EUR) and B<k> (2.00 EUR + k cents); noise never touches the chain. */
function catalogText (): string {
  const lines = prefixLines(ex)
  for (let k = 0; k <= depth; k++) lines.push(`ex:C${k} rdfs:subClassOf sym:Interface .`)
  for (let i = 0; i < 10; i++) lines.push(`ex:N${i} rdfs:subClassOf sym:Interface .`)
  for (let k = 1; k <= depth; k++) {
    lines.push(`ex:A${k} a sym:Service ; sym:requires [ a ex:C${k - 1} ] ; sym:provides [ a ex:C${k} ] ; ${offer('2.00')} .`)
    lines.push(`ex:B${k} a sym:Service ; sym:requires [ a ex:C${k - 1} ] ; sym:provides [ a ex:C${k} ] ; ${offer((2 + k / 100).toFixed(2))} .`)
  }
  for (let i = 0; i < 200; i++) lines.push(`ex:S${i} a sym:Service ; sym:requires [ a ex:N${i % 10} ] ; sym:provides [ a ex:N${(i + 3) % 10} ] ; ${offer('1.00')} .`)
  return lines.join('\n') + '\n'
}

const request: CompositionRequest = { available: [`${ex}C0`], wanted: [`${ex}C${depth}`], limit: 3 }

describe('search size budget', () => {
  let catalog: Catalog
  beforeAll(async () => {
    catalog = compileCatalog(await parseRdf(catalogText(), { format: 'turtle' }))
    await loadSolver()
  })

  test('an integer program over its coefficient budget is searched best-first, to the same proven answer', () => {
    const exact = compose(catalog, request)
    const bestFirst = compose(catalog, request, { maxModelEntries: 1 })
    expect(exact.issues).toEqual([])
    expect(exact.bundles.map(b => b.price.monthly)).toEqual([12, 12.01, 12.02])
    expect(bestFirst).toEqual(exact)
  })

  test('a search that reaches its state budget answers with what it found and SEARCH_CUT', () => {
    const answer = compose(catalog, request, { maxModelEntries: 1, maxStates: 3 })
    const cut = answer.issues.find(issue => issue.code === 'SEARCH_CUT')
    // Cut before its second bundle: what it proved every other bundle costs at least (the size of
    // one member, one step of the chain's price) stands in the issue.
    const messages = say('SEARCH_CUT', { found: 1, limit: 3, bound: 1.02 }, catalogNamer(catalog))
    expect(cut).toEqual({ code: 'SEARCH_CUT', found: 1, limit: 3, bound: 1.02, message: messages.en, messages })
    expect(messages.en).toContain('others may exist, none costing less than 1.02; narrow the request')
    expect(messages.de).toContain('mit 1 von 3 Bündeln: ')
    expect(messages.de).toContain('keines mit Kosten unter 1,02; schränken Sie')
    expect(answer.issues.map(issue => issue.code)).not.toContain('SEARCH_LIMIT')
    expect(answer.issues.map(issue => issue.code)).not.toContain('RANKING_UNPROVEN')
    expect(inLanguage(answer, 'de').issues.find(issue => issue.code === 'SEARCH_CUT')?.message).toBe(messages.de)
  })

  test('bundles found before the cut are valid: each is one of the chains the uncut search lists', () => {
    const full = compose(catalog, { ...request, limit: 100 })
    const valid = new Set(full.bundles.map(b => b.services.join(' ')))
    const answer = compose(catalog, request, { maxModelEntries: 1, maxStates: 60 })
    expect(answer.issues.map(issue => issue.code)).toEqual(['SEARCH_CUT'])
    // Within its budget the search finds the three bundles the request asks for, but not the proof that they are the best.
    expect(answer.bundles.length).toBe(3)
    for (const bundle of answer.bundles) expect(valid.has(bundle.services.join(' '))).toBe(true)
    // The issue states the bound the search reached and the gap of the last bundle to it; every
    // bundle it did not list costs at least that bound.
    const costs = answer.bundles.map(b => b.explanation.cost.total)
    expect(costs).toEqual([6.12, 6.1201, 6.1202])
    expect(answer.issues[0]).toMatchObject({ code: 'SEARCH_CUT', found: 3, limit: 3, bound: 5.1013, gap: 1.0189 })
    expect(answer.issues[0]!.messages.en).toContain('; any other bundle costs at least 5.1013 (the listed ones cost up to 6.1202, a gap of 1.0189); narrow')
    expect(answer.issues[0]!.messages.de).toContain('; jedes andere Bündel kostet mindestens 5,1013 (die aufgeführten kosten bis zu 6,1202, ein Abstand von 1,0189); schränken')
    const listed = new Set(answer.bundles.map(b => b.services.join(' ')))
    const others = full.bundles.filter(b => !listed.has(b.services.join(' '))).map(b => b.explanation.cost.total)
    expect(others.length).toBe(full.bundles.length - 3)
    expect(others.filter(cost => cost < 5.1013)).toEqual([])
  })

  test('a search cut before it finds a bundle answers the greedy bundle, still with SEARCH_CUT', () => {
    const answer = compose(catalog, request, { maxModelEntries: 1, maxStates: 1 })
    expect(answer.issues.map(issue => [issue.code, 'found' in issue ? issue.found : undefined])).toEqual([['SEARCH_CUT', 1]])
    // The walk back from the goal takes the cheaper adapter at every step: the cheapest chain, here not proven so.
    expect(answer.bundles.map(b => [b.services, b.price.monthly])).toEqual([[[1, 2, 3, 4, 5, 6].map(k => `${ex}A${k}`), 12]])
  })

  test('a request lowers the budgets for itself, and its larger values change nothing', () => {
    expect(compose(catalog, { ...request, maxModelEntries: 1, maxStates: 3 })).toEqual(compose(catalog, request, { maxModelEntries: 1, maxStates: 3 }))
    const cut = compose(catalog, request, { maxModelEntries: 1, maxStates: 3 })
    expect(compose(catalog, { ...request, maxModelEntries: 1e9, maxStates: 1e9 }, { maxModelEntries: 1, maxStates: 3 })).toEqual(cut)
  })
})

describe('budgets of a request', () => {
  test('the operator\'s budgets (or the defaults), each lowered by the request\'s own', () => {
    expect(effectiveLimits({})).toEqual({ maxStates: 300_000, maxModelEntries: 2_000_000, timeoutMs: 10_000 })
    expect(effectiveLimits({ timeoutMs: 30_000, maxStates: 10 }, { maxTimeoutMs: 5_000, maxModelEntries: 7 })).toEqual({ maxStates: 10, maxModelEntries: 7, timeoutMs: 5_000 })
    expect(effectiveLimits({ timeoutMs: 2_000, maxModelEntries: 9 }, { maxTimeoutMs: 5_000, maxModelEntries: 7 })).toEqual({ maxStates: 300_000, maxModelEntries: 7, timeoutMs: 2_000 })
    // Without an operator's limit a request has the default time budget, up to the most one may ask.
    expect(effectiveLimits({ timeoutMs: 60_000 }).timeoutMs).toBe(60_000)
  })

  test('the tighter of two sets of budgets, budget by budget', () => {
    expect(tighterLimits({ maxStates: 5, maxTimeoutMs: 100 }, { maxStates: 9, maxModelEntries: 3 })).toEqual({ maxStates: 5, maxModelEntries: 3, maxTimeoutMs: 100 })
    expect(tighterLimits({}, {})).toEqual({})
  })
})
