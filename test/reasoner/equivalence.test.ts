/**
 * The SPARQL rule files state the semantics, and the compiled evaluation must give the same
 * answers. For every fixture case, and for the repository's
 * ontology + examples, the subclass pairs the rule files derive equal those of the compiled
 * hierarchy; for fixture cases both equal `expected.ttl`.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Parser } from 'n3'
import type { Quad } from '@rdfjs/types'
import { beforeAll, describe, expect, it } from 'vitest'
import { buildClassHierarchy, readRules, type Rule } from '../../src/reasoner/index.js'
import { caseNames, fixtures, repositoryData } from './fixture-cases.js'
import { compiledPairs, materializedPairs, strictPairs } from './subclass-pairs.js'

let rules: Rule[]
beforeAll(async () => { rules = await readRules() })

function parse (file: string): Quad[] {
  return new Parser({ format: 'Turtle' }).parse(readFileSync(file, 'utf8')) as Quad[]
}

describe.each(caseNames())('reasoner fixture %s', name => {
  const input = parse(join(fixtures, name, 'input.ttl'))
  const expected = parse(join(fixtures, name, 'expected.ttl')).map(q => `${q.subject.value} ${q.object.value}`).sort()

  it('the compiled hierarchy derives exactly the expected subclass axioms', () => {
    expect(strictPairs(compiledPairs(buildClassHierarchy(input)))).toEqual(expected)
  })

  it('the rule files derive exactly the same subclass pairs as the compiled hierarchy', () => {
    const hierarchy = buildClassHierarchy(input)
    expect(materializedPairs(input, rules, hierarchy)).toEqual(compiledPairs(hierarchy))
  })
})

describe('reasoner over the repository ontology and examples', () => {
  it('the rule files and the compiled hierarchy agree on every subclass pair', async () => {
    const { quads } = await repositoryData()
    const hierarchy = buildClassHierarchy(quads)
    expect(materializedPairs(quads, rules, hierarchy)).toEqual(compiledPairs(hierarchy))
  })
})
