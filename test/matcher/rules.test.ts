/**
 * The matching rule files (`src/matcher/rules/*.rq`) and the compiled matcher give the same
 * answers: on every matcher fixture, for every (required, provided) pair of interface nodes,
 * the degree from `interface-degree.rq` (over the hierarchy materialized by the reasoner's
 * schema rules) equals `matchInterface(…).typeDegree`, and the pairs the agreement rules list
 * are exactly those the matcher names PROTOCOL_MISMATCH / DATA_FORMAT_MISMATCH.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { nameServiceNodes } from '../../src/catalog/index.js'
import { matchInterface, matchingRulesFolder } from '../../src/matcher/index.js'
import { readRules, select, type Rule } from '../../src/reasoner/index.js'
import { caseNames, compile, interfaceNodes, readCatalogQuads } from './fixture.js'

let schemaRules: Rule[]
let matchingRules: Map<string, Rule>
beforeAll(async () => {
  schemaRules = (await readRules()).filter(rule => rule.name.startsWith('scm-'))
  matchingRules = new Map((await readRules(matchingRulesFolder, { queryType: 'SELECT' })).map(rule => [rule.name, rule]))
})

describe.each(caseNames())('matching rules on fixture %s', name => {
  it('agree with the compiled matcher on every interface pair', () => {
    // Unnamed interfaces named as the catalog (and an import) names them.
    const quads = nameServiceNodes(readCatalogQuads(name))
    const catalog = compile(name)
    const nodes = interfaceNodes(catalog)
    const compiled: string[] = []
    const protocol: string[] = []
    const format: string[] = []
    for (const required of nodes.filter(n => n.role !== 'provides')) {
      for (const provided of nodes.filter(n => n.role === 'provides')) {
        const match = matchInterface(required, provided, catalog.hierarchy)
        if (match.typeDegree !== 'fail') compiled.push(`${required.id} ${provided.id} ${match.typeDegree}`)
        if (match.issues.some(i => i.code === 'PROTOCOL_MISMATCH')) protocol.push(`${required.id} ${provided.id}`)
        if (match.issues.some(i => i.code === 'DATA_FORMAT_MISMATCH')) format.push(`${required.id} ${provided.id}`)
      }
    }
    const run = (rule: string, columns: string[]): string[] =>
      [...new Set(select(quads, matchingRules.get(rule)!.text, { rules: schemaRules }).map(row => columns.map(c => row[c]).join(' ')))].sort()
    expect(run('interface-degree', ['required', 'provided', 'degree'])).toEqual([...new Set(compiled)].sort())
    expect(run('protocol-agreement', ['required', 'provided'])).toEqual([...new Set(protocol)].sort())
    expect(run('data-format-agreement', ['required', 'provided'])).toEqual([...new Set(format)].sort())
  })
})
