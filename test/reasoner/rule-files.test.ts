/**
 * Each built-in rule file on a fixture of its own (`test/fixtures/rules/<rule>/`): the rule
 * alone derives exactly `expected.ttl` from `input.ttl`, both when the compiled evaluator runs it
 * and when oxigraph evaluates its SPARQL text — so the compiled form is held to the SPARQL
 * semantics rule by rule — and the whole rule set derives at least as much. Blank-node labels
 * written in the fixture are kept, so expected triples can name list nodes of the input.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Quad, Term } from '@rdfjs/types'
import { Parser, termToId } from 'n3'
import { describe, expect, it } from 'vitest'
import { builtinRules, compileRules, inferred, materialize, reason } from '../../src/reasoner/index.js'

const fixtures = fileURLToPath(new URL('../fixtures/rules/', import.meta.url))
const rules = builtinRules()

function parse (file: string): Quad[] {
  return new Parser({ format: 'Turtle', blankNodePrefix: '' }).parse(readFileSync(file, 'utf8')) as Quad[]
}

const id = (term: Term): string => termToId(term as Parameters<typeof termToId>[0])

/** N-Triples-like keys, sorted: exact comparison with readable differences. */
function keys (quads: readonly Quad[]): string[] {
  return [...new Set(quads.map(q => `${id(q.subject)} ${id(q.predicate)} ${id(q.object)}`))].sort()
}

describe('rule fixtures', () => {
  it('exist for every built-in rule, and name only rules that exist', () => {
    const folders = readdirSync(fixtures, { withFileTypes: true }).filter(entry => entry.isDirectory()).map(entry => entry.name).sort()
    expect(folders).toEqual(rules.map(rule => rule.name).sort())
  })
})

describe.each(rules.map(rule => [rule.name, rule] as const))('rule %s', (name, rule) => {
  const input = parse(join(fixtures, name, 'input.ttl'))
  const expected = keys(parse(join(fixtures, name, 'expected.ttl')))

  it('alone, compiled, derives exactly the expected triples', () => {
    expect(keys(inferred(reason(input, compileRules([rule]))))).toEqual(expected)
  })

  it('alone, as SPARQL evaluated by oxigraph, derives exactly the same', () => {
    expect(keys(materialize(input, { rules: [rule] }).inferred)).toEqual(expected)
  })

  it('with every other rule, still derives them', () => {
    const all = new Set(keys(inferred(reason(input, compileRules(rules)))))
    expect(expected.filter(triple => !all.has(triple))).toEqual([])
  })
})
