import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { derived, quads, rdf } from './turtle-fixture.js'
import { closureShape } from '../../src/reasoner/closure-step.js'
import { builtinRules, compileRules, inferenceRulesFolder, reason, ruleFromText, type Reasoned, type Rule } from '../../src/reasoner/index.js'

function types (reasoned: Reasoned, node: string): string[] {
  return [...derived(reasoned)].filter(key => key.startsWith(`https://example.org/${node} ${rdf}type `)).map(key => key.split(' ')[2]!.replace('https://example.org/', '')).sort()
}

const builtinRule = (name: string): Rule => builtinRules().find(rule => rule.name === name)!

/**
 * A hierarchy with a cycle, equivalences, an alignment, subclass triples that other rules derive
 * only in later rounds (intersections, unions, equivalences), and types that domains and ranges
 * derive; individuals with several types whose superclasses overlap.
 */
const tricky = quads(`
ex:A rdfs:subClassOf ex:B . ex:B rdfs:subClassOf ex:C . ex:C rdfs:subClassOf ex:D .
ex:D rdfs:subClassOf ex:B .
ex:E owl:equivalentClass ex:A . ex:F skos:exactMatch ex:E .
ex:G owl:intersectionOf ( ex:C ex:H ) . ex:H rdfs:subClassOf ex:K .
ex:U owl:unionOf ( ex:K ex:L ) . ex:L rdfs:subClassOf ex:M .
ex:p rdfs:domain ex:F . ex:q rdfs:range ex:L .
ex:i a ex:A . ex:i a ex:H .
ex:j ex:p ex:k . ex:k ex:q ex:m .
ex:n a ex:F , ex:D , ex:L .
ex:C a ex:Meta . ex:Meta rdfs:subClassOf ex:MetaSuper .
`)

describe('closure step', () => {
  it('recognizes the shape ?x Q ?b <- ?a P ?b, ?x Q ?a in either atom order and direction', () => {
    const shapes = Object.fromEntries(builtinRules().map(rule => [rule.name, compileRules([rule]).rules[0]!.clauses.map(closureShape)]))
    expect(shapes['cax-sco']).toEqual([expect.objectContaining({ qAtom: 1, forward: true })])
    expect(shapes['cax-eqc1']).toEqual([expect.objectContaining({ qAtom: 1, forward: true })])
    expect(shapes['cax-eqc2']).toEqual([expect.objectContaining({ qAtom: 1, forward: false })])
    // Transitivity (Q = P), variable predicates, three-atom bodies: not this shape.
    for (const name of ['scm-sco', 'prp-dom', 'prp-spo1', 'cls-int2', 'scm-spo']) {
      expect(shapes[name]!.every(shape => shape === undefined), name).toBe(true)
    }
    const swapped = ruleFromText('swapped', `PREFIX ex: <https://example.org/>
      CONSTRUCT { ?x ex:q ?b } WHERE { ?x ex:q ?a . ?a ex:p ?b }`)
    expect(compileRules([swapped]).rules[0]!.clauses.map(closureShape)).toEqual([expect.objectContaining({ qAtom: 0, forward: true })])
    const filtered = ruleFromText('filtered', `PREFIX ex: <https://example.org/>
      CONSTRUCT { ?x ex:q ?b } WHERE { ?a ex:p ?b . ?x ex:q ?a FILTER (?b != ex:z) }`)
    expect(compileRules([filtered]).rules[0]!.clauses.map(closureShape)).toEqual([undefined])
  })

  it('derives exactly what the generic join derives, with the built-in rules', () => {
    const program = compileRules(builtinRules())
    const generic = reason(tricky, program, { closureSteps: false })
    const closed = reason(tricky, program)
    expect(derived(closed)).toEqual(derived(generic))
    expect(types(closed, 'i')).toEqual(['B', 'C', 'D', 'E', 'F', 'G', 'K', 'U'])
    expect(types(closed, 'm')).toEqual(['L', 'M', 'U'])
    expect(types(closed, 'C')).toEqual(['MetaSuper'])
  })

  it('derives exactly what the generic join derives over a generated catalog', async () => {
    const { generateCatalog } = await import('../../bench/catalog-generator.js')
    const catalog = generateCatalog(300, { classes: 60 })
    const program = compileRules(builtinRules())
    const lines = [{ text: catalog.ntriples, format: 'n-triples' as const, source: 'catalog.nt' }]
    expect(derived(reason(tricky, program, { lines }))).toEqual(derived(reason(tricky, program, { lines, closureSteps: false })))
  })

  it('follows the rule file: without cax-sco no type is inherited through subclasses; changed, it follows the changed predicate', () => {
    const data = quads(`
      ex:A rdfs:subClassOf ex:B . ex:B rdfs:subClassOf ex:C .
      ex:A skos:broader ex:X . ex:X skos:broader ex:Y .
      ex:i a ex:A .`)
    const others = builtinRules().filter(rule => rule.name !== 'cax-sco')
    expect(types(reason(data, compileRules(builtinRules())), 'i')).toEqual(['B', 'C'])
    expect(types(reason(data, compileRules(others)), 'i')).toEqual([])
    const text = readFileSync(join(inferenceRulesFolder, 'cax-sco.rq'), 'utf8')
      .replace('PREFIX rdf:', 'PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\nPREFIX rdf:')
      .replace('?c1 rdfs:subClassOf ?c2', '?c1 skos:broader ?c2')
    const changed = ruleFromText('cax-sco', text)
    expect(changed.text).toContain('skos:broader')
    const program = compileRules([...others, changed])
    expect(types(reason(data, program), 'i')).toEqual(['X', 'Y'])
    expect(derived(reason(data, program))).toEqual(derived(reason(data, program, { closureSteps: false })))
    expect(builtinRule('cax-sco').text).toContain('rdfs:subClassOf')
  })
})
