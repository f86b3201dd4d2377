/**
 * SHACL-SPARQL queries are shapes data and run on the validating thread: each query stops at a
 * time and a row limit, and the validation fails naming the shape, the limit and how to raise it.
 */
import type { Quad } from '@rdfjs/types'
import { describe, expect, it } from 'vitest'
import { SymphonyError } from '../../src/errors.js'
import { parseRdf } from '../../src/rdf/index.js'
import { validateShacl } from '../../src/shacl/index.js'
import { defaultSparqlLimits, sparqlLimitsOf } from '../../src/shacl/sparql-limits.js'

const prefixes = '@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <https://example.org/t#> .'
const turtle = async (text: string): Promise<Quad[]> => parseRdf(`${prefixes}\n${text}`, { format: 'turtle' })

/** One focus node and `n` more statements: a three-way cross product over them is n³ combinations. */
async function dataOf (n: number): Promise<Quad[]> {
  return turtle(`ex:t a ex:Thing .\n${Array.from({ length: n }, (_, i) => `ex:n${i} ex:p ${i} .`).join('\n')}`)
}

/** Every combination of three statements is a row: a cross product. */
const crossProduct = turtle(`ex:CrossShape a sh:NodeShape ; sh:targetClass ex:Thing ;
  sh:sparql [ sh:message "cross" ; sh:select """SELECT $this ?value WHERE { ?a ?p ?value . ?c ?q ?d . ?e ?r ?f }""" ] .`)

/** The same cross product, filtered on all three: no row, but every combination is tried. */
const expensiveNoRows = turtle(`ex:SlowShape a sh:NodeShape ; sh:targetClass ex:Thing ;
  sh:sparql [ sh:select """SELECT $this WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f . FILTER (CONCAT(STR(?b), STR(?d), STR(?f)) = "never") }""" ] .`)

async function failure (run: Promise<unknown>): Promise<SymphonyError> {
  const error = await run.then(() => undefined, (e: unknown) => e)
  expect(error).toBeInstanceOf(SymphonyError)
  return error as SymphonyError
}

describe('limits of SHACL-SPARQL queries', () => {
  it('stops a cross product at the row limit and names the shape, the limit and how to raise it', async () => {
    const error = await failure(validateShacl(await dataOf(40), await crossProduct, { sparqlLimits: { timeoutMs: 600_000, maxRows: 500 } }))
    expect(error.code).toBe('RESULT_TOO_LARGE')
    expect(error.location.node).toBe('https://example.org/t#CrossShape')
    expect(error.message).toBe('the SHACL-SPARQL constraint of shape <https://example.org/t#CrossShape> answered more than 500 rows for one focus node and was stopped; ' +
      'each row is a validation result, so the query most likely joins too little (a cross product); fix it, or raise the limit with --shacl-sparql-max-rows or $SYMPHONY_SHACL_SPARQL_MAX_ROWS')
  })

  it('stops a query that runs past the time limit, even when it answers no row', async () => {
    // 200³ = 8 million combinations; far more than 100 ms on any machine.
    const error = await failure(validateShacl(await dataOf(200), await expensiveNoRows, { sparqlLimits: { timeoutMs: 100, maxRows: 10_000 } }))
    expect(error.code).toBe('QUERY_TIMEOUT')
    expect(error.location.node).toBe('https://example.org/t#SlowShape')
    expect(error.message).toBe('the SHACL-SPARQL constraint of shape <https://example.org/t#SlowShape> ran longer than 100 ms for one focus node and was stopped; ' +
      'make its query cheaper (no cross product over the whole data, join on $this), or raise the limit with --shacl-sparql-timeout-ms or $SYMPHONY_SHACL_SPARQL_TIMEOUT_MS')
  }, 120_000)

  it('bounds SPARQL-based targets the same way, naming the target', async () => {
    const shapes = await turtle(`ex:TargetShape a sh:NodeShape ; sh:target ex:everyTriple ; sh:property [ sh:path ex:p ; sh:minCount 1 ] .
      ex:everyTriple a sh:SPARQLTarget ; sh:select """SELECT ?this WHERE { ?this ?p ?o . ?a ?q ?b }""" .`)
    const error = await failure(validateShacl(await dataOf(40), shapes, { sparqlLimits: { timeoutMs: 600_000, maxRows: 100 } }))
    expect([error.code, error.location.node]).toEqual(['RESULT_TOO_LARGE', 'https://example.org/t#everyTriple'])
    expect(error.message).toBe('the SHACL-SPARQL target <https://example.org/t#everyTriple> answered more than 100 rows and was stopped; ' +
      'each row is a focus node, so the query most likely joins too little (a cross product); fix it, or raise the limit with --shacl-sparql-max-rows or $SYMPHONY_SHACL_SPARQL_MAX_ROWS')
    // Within the limits the target's rows are the focus nodes: ex:t has no ex:p.
    const report = await validateShacl(await dataOf(1), shapes, { sparqlLimits: { timeoutMs: 600_000, maxRows: 100 } })
    expect(report.results.map(r => r.focusNode)).toEqual(['https://example.org/t#t'])
  })

  it('reports every row within the limits as a result', async () => {
    const report = await validateShacl(await dataOf(2), await crossProduct, { sparqlLimits: { timeoutMs: 600_000, maxRows: 500 } })
    // 3 statements, so 27 combinations, over 3 distinct values of ?value: results are distinct by value.
    expect(report.conforms).toBe(false)
    expect(new Set(report.results.map(r => r.value))).toEqual(new Set(['0', '1', 'https://example.org/t#Thing']))
    expect(report.results.every(r => r.sourceShape === 'https://example.org/t#CrossShape' && r.message === 'cross')).toBe(true)
  })

  it('reads the limits from options, else the environment, and refuses what is not a positive whole number', () => {
    expect(sparqlLimitsOf({})).toEqual(defaultSparqlLimits)
    expect(sparqlLimitsOf({ SYMPHONY_SHACL_SPARQL_TIMEOUT_MS: '30000', SYMPHONY_SHACL_SPARQL_MAX_ROWS: '50' })).toEqual({ timeoutMs: 30_000, maxRows: 50 })
    expect(() => sparqlLimitsOf({ SYMPHONY_SHACL_SPARQL_TIMEOUT_MS: 'soon' }))
      .toThrow('$SYMPHONY_SHACL_SPARQL_TIMEOUT_MS is "soon", not a positive whole number; unset it for the default 10000')
    expect(() => sparqlLimitsOf({ SYMPHONY_SHACL_SPARQL_MAX_ROWS: '0' })).toThrow('$SYMPHONY_SHACL_SPARQL_MAX_ROWS is "0"')
    // An option wins over its variable, and a bad one is refused naming the option
    expect(sparqlLimitsOf({ SYMPHONY_SHACL_SPARQL_MAX_ROWS: '50' }, { 'shacl-sparql-max-rows': '7' })).toEqual({ timeoutMs: 10_000, maxRows: 7 })
    expect(sparqlLimitsOf({ SYMPHONY_SHACL_SPARQL_MAX_ROWS: 'many' }, { 'shacl-sparql-max-rows': '7' }).maxRows).toBe(7)
    expect(() => sparqlLimitsOf({}, { 'shacl-sparql-timeout-ms': '' }))
      .toThrow('--shacl-sparql-timeout-ms is "", not a positive whole number; give one, or leave the option out for the default 10000')
  })
})
