import { describe, expect, it } from 'vitest'
import type { Quad } from '@rdfjs/types'
import { derived, quads, rdf } from './turtle-fixture.js'
import { evaluate, type EvaluateOptions } from '../../src/reasoner/evaluate.js'
import { builtinRules, compileRules, reason, ruleFromText, type Program, type Rule } from '../../src/reasoner/index.js'
import { TermTable } from '../../src/reasoner/term-table.js'
import { TripleTable } from '../../src/reasoner/triple-table.js'

/** A triple table that counts the additions it refused because the triple was there. */
class CountingTable extends TripleTable {
  refused = 0
  override add (s: number, p: number, o: number): boolean {
    const added = super.add(s, p, o)
    if (!added) this.refused++
    return added
  }
}

/** Evaluates the program over the quads; returns the derived triples (as term keys) and the refused additions. */
function counted (data: readonly Quad[], program: Program, options: EvaluateOptions = {}): { derived: Set<string>, refused: number } {
  const terms = new TermTable()
  const table = new CountingTable()
  for (const quad of data) table.add(terms.intern(quad.subject), terms.intern(quad.predicate), terms.intern(quad.object))
  const input = table.size
  table.refused = 0
  evaluate(program, table, terms, options)
  const out = new Set<string>()
  for (let id = input; id < table.size; id++) out.add([table.s[id]!, table.p[id]!, table.o[id]!].map(term => terms.key(term)).join(' '))
  return { derived: out, refused: table.refused }
}

const rule = (name: string): Rule => builtinRules().find(r => r.name === name)!

/**
 * Subjects with several properties of one domain, several values per property, a sub-property
 * whose super-property has the domain and range, an object shared by many subjects, and literal
 * objects a range must skip.
 */
const schemaAndData = quads(`
ex:name rdfs:domain ex:Service . ex:price rdfs:domain ex:Service . ex:price rdfs:range ex:Amount .
ex:offers rdfs:domain ex:Provider ; rdfs:range ex:Service .
ex:sells rdfs:subPropertyOf ex:offers . ex:leases rdfs:subPropertyOf ex:sells .
ex:by rdfs:range ex:Provider . ex:Service rdfs:subClassOf ex:Thing . ex:Provider rdfs:subClassOf ex:Thing .
ex:s1 ex:name "one" , "eins" ; ex:price ex:a1 , ex:a2 ; ex:by ex:p1 .
ex:s2 ex:name "two" ; ex:price ex:a1 ; ex:by ex:p1 .
ex:s3 ex:price "3"^^xsd:decimal ; ex:by ex:p1 , ex:p2 .
ex:p1 ex:sells ex:s1 , ex:s2 ; ex:leases ex:s3 ; ex:offers ex:s3 .
ex:p2 ex:leases ex:s1 .
`)

describe('matches that differ only in what the head drops', () => {
  it('derive the same triples as one emission per match, with the built-in rules, and refuse fewer additions', () => {
    const program = compileRules(builtinRules())
    const grouped = counted(schemaAndData, program)
    const perMatch = counted(schemaAndData, program, { skipRepeats: false })
    expect(grouped.derived).toEqual(perMatch.derived)
    const type = (node: string, cls: string): string => `https://example.org/${node} ${rdf}type https://example.org/${cls}`
    for (const [node, cls] of [['s1', 'Service'], ['s3', 'Service'], ['p1', 'Provider'], ['p2', 'Provider'], ['a2', 'Amount'], ['p1', 'Thing']] as const) {
      expect(grouped.derived.has(type(node, cls)), `${node} ${cls}`).toBe(true)
    }
    expect([...grouped.derived].some(key => key.startsWith('"3"'))).toBe(false)
    expect(grouped.refused).toBeLessThan(perMatch.refused)
  })

  it('prp-dom alone: a subject with two values of one property is typed once per lookup, not twice', () => {
    const data = quads('ex:name rdfs:domain ex:Service . ex:s1 ex:name "one" , "eins" , "uno" . ex:s2 ex:name "two" .')
    const program = compileRules([rule('prp-dom')])
    const grouped = counted(data, program)
    const perMatch = counted(data, program, { skipRepeats: false })
    expect(grouped.derived).toEqual(new Set([`https://example.org/s1 ${rdf}type https://example.org/Service`, `https://example.org/s2 ${rdf}type https://example.org/Service`]))
    expect(perMatch.derived).toEqual(grouped.derived)
    // s1's second and third name re-derive its type when every match emits.
    expect(perMatch.refused).toBe(2)
    expect(grouped.refused).toBe(0)
  })

  it('a filter on the dropped slot still decides per match: a later match that passes is emitted', () => {
    const big = ruleFromText('big', `PREFIX ex: <https://example.org/>
      CONSTRUCT { ?x a ex:Big } WHERE { ?x ex:size ?n FILTER (?n > 10) }`)
    const data = quads('ex:i ex:size 5 , 20 , 30 . ex:j ex:size 7 . ex:k ex:size 11 .')
    const program = compileRules([big])
    const reasoned = reason(data, program)
    expect([...derived(reasoned)].sort()).toEqual([`https://example.org/i ${rdf}type https://example.org/Big`, `https://example.org/k ${rdf}type https://example.org/Big`])
    expect(derived(reasoned)).toEqual(derived(reason(data, program, { skipRepeats: false })))
  })
})

describe('closure step walk', () => {
  it('stops at a type already there instead of walking the shared superclasses again', () => {
    const chain = Array.from({ length: 20 }, (_, i) => `ex:C${i} rdfs:subClassOf ex:C${i + 1} .`).join('\n')
    const data = quads(`${chain}
      ex:A rdfs:subClassOf ex:C0 . ex:B rdfs:subClassOf ex:D . ex:D rdfs:subClassOf ex:C0 .
      ex:i a ex:A , ex:B .`)
    const program = compileRules([rule('cax-sco')])
    const closed = counted(data, program)
    const generic = counted(data, program, { closureSteps: false })
    expect(closed.derived).toEqual(generic.derived)
    expect(closed.derived.size).toBe(22)
    // ex:i's walk from ex:D meets ex:C0, typed already through ex:A, and stops there.
    // A walk that went on would add C1 … C20 again: 21 refused additions.
    expect(closed.refused).toBe(1)
  })
})

describe('subclass triples older ones imply', () => {
  it('are not joined with the instances again: scm-sco\'s transitive triples add no refused types', () => {
    const chain = Array.from({ length: 6 }, (_, i) => `ex:C${i} rdfs:subClassOf ex:C${i + 1} .`).join('\n')
    const instances = Array.from({ length: 50 }, (_, i) => `ex:i${i} a ex:C0 .`).join('\n')
    const data = quads(`${chain}\n${instances}`)
    const program = compileRules([rule('scm-sco'), rule('cax-sco')])
    const closed = counted(data, program)
    const generic = counted(data, program, { closureSteps: false })
    expect(closed.derived).toEqual(generic.derived)
    // 15 transitive subclass triples (C0 … C6, pairs two or more steps apart) and 6 types per instance.
    expect(closed.derived.size).toBe(15 + 50 * 6)
    // scm-sco refuses 20 of its own; per instance 4 more (its asserted type joined once more, and
    // the walk meeting types it has just added through transitive triples). Joining the
    // transitive triples with every instance again would refuse 970 in all.
    expect(counted(data, compileRules([rule('scm-sco')])).refused).toBe(20)
    expect(closed.refused).toBe(20 + 50 * 4)
  })
})
