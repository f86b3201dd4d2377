import { Parser } from 'n3'
import type { Quad } from '@rdfjs/types'
import { beforeAll, describe, expect, it } from 'vitest'
import { SymphonyError } from '../../src/errors.js'
import { compileRules, materialize, readRules, ruleFromText, select, type Rule } from '../../src/reasoner/index.js'

const ex = 'https://example.org/onto#'
let rules: Rule[]
beforeAll(async () => { rules = await readRules() })

function turtle (text: string): Quad[] {
  return new Parser().parse(`@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix owl: <http://www.w3.org/2002/07/owl#> .
    @prefix ex: <${ex}> .\n${text}`) as Quad[]
}

function lines (quads: readonly Quad[]): string[] {
  const short = (value: string): string => value.replace(ex, 'ex:').replace('http://www.w3.org/1999/02/22-rdf-syntax-ns#', 'rdf:')
    .replace('http://www.w3.org/2000/01/rdf-schema#', 'rdfs:').replace('http://www.w3.org/2002/07/owl#', 'owl:')
  return quads.map(q => `${short(q.subject.value)} ${short(q.predicate.value)} ${short(q.object.value)}`).sort()
}

describe('rule files', () => {
  it('are CONSTRUCT queries, each headed by the rule it implements (OWL 2 RL, or an alignment)', () => {
    expect(rules.map(r => r.name)).toEqual([
      'cax-eqc1', 'cax-eqc2', 'cax-sco', 'cls-int1', 'cls-int2', 'cls-uni', 'prp-dom', 'prp-eqp1', 'prp-eqp2', 'prp-inv1', 'prp-inv2', 'prp-rng', 'prp-spo1',
      'prp-symp', 'prp-trp', 'scm-avf1', 'scm-avf2', 'scm-eqc1', 'scm-eqc2', 'scm-eqp1', 'scm-eqp2', 'scm-hv', 'scm-int',
      'scm-sco', 'scm-spo', 'scm-svf1', 'scm-svf2', 'scm-uni', 'skos-exactmatch'])
    for (const rule of rules) expect(rule.comment).toMatch(new RegExp(`^${rule.name} \\((OWL 2 RL|alignment)`))
  })

  it('rejects a rule that is not a CONSTRUCT query, naming its source', () => {
    expect(() => ruleFromText('bad', 'SELECT * { ?s ?p ?o }', { source: 'bad.rq' }))
      .toThrowError(new SymphonyError('INVALID_QUERY', {
        en: 'bad.rq: a rule file must hold one CONSTRUCT query',
        de: 'bad.rq: eine Regeldatei muss genau eine CONSTRUCT-Abfrage enthalten'
      }, { file: 'bad.rq' }))
    expect(() => ruleFromText('broken', 'CONSTRUCT {', { source: 'broken.rq' })).toThrow(/^broken\.rq:1:12: not a SPARQL query — Expecting /)
  })

  it('names file:line:column of a syntax error and an undefined prefix with how to declare it, in English and German', () => {
    const thrownBy = (text: string): SymphonyError => {
      try {
        ruleFromText('r', text, { source: 'r.rq' })
      } catch (error) {
        return error as SymphonyError
      }
      throw new Error('no error')
    }
    const prefix = thrownBy('# r\nPREFIX sym: <https://w3id.org/symphony/ontology#>\nCONSTRUCT { ?i a sym:CallEventFeed }\nWHERE {\n  ?i ex:format "call-events" .\n}\n')
    expect([prefix.code, prefix.messages, prefix.location]).toEqual(['INVALID_QUERY', {
      en: 'r.rq:5:6: not a SPARQL query — undefined prefix "ex" — declare it with PREFIX ex: <…>',
      de: 'r.rq:5:6: keine SPARQL-Abfrage — nicht definiertes Präfix "ex" — deklarieren Sie es mit PREFIX ex: <…>'
    }, { file: 'r.rq', line: 5, column: 6 }])
    const syntax = thrownBy('CONSTRUCT { ?i a ?c }\nWHERE {\n  ?i a ?c\n  ?i ?p ?o .\n}\n')
    expect([syntax.location, syntax.message.startsWith('r.rq:4:3: not a SPARQL query — Expecting ')]).toEqual([{ file: 'r.rq', line: 4, column: 3 }, true])
  })

  it('names file:line and the construct a rule may not use, in English and German', () => {
    const rule = ruleFromText('open', 'CONSTRUCT { ?s a ?c }\nWHERE {\n  ?s a ?c\n  FILTER NOT EXISTS { ?s a ?d }\n}', { source: 'open.rq' })
    let thrown: unknown
    try {
      compileRules([rule])
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(SymphonyError)
    expect((thrown as SymphonyError).messages).toEqual({
      en: 'open.rq:4: FILTER NOT EXISTS (a rule\'s pattern must be monotonic) is not supported in an inference rule (see docs/reasoning.md, "The rule language")',
      de: 'open.rq:4: in Inferenzregeln nicht unterstützt — FILTER NOT EXISTS (das Muster einer Regel muss monoton sein) (siehe docs/reasoning.md, "The rule language")'
    })
  })
})

describe('materialize (instance rules)', () => {
  it('types instances through subclasses and equivalent classes (cax-sco, cax-eqc1/2)', () => {
    const { inferred } = materialize(turtle(`
      ex:Car rdfs:subClassOf ex:Vehicle . ex:Car owl:equivalentClass ex:Automobile .
      ex:herbie a ex:Car . ex:kitt a ex:Automobile .`), { rules })
    expect(lines(inferred).filter(l => l.includes(' rdf:type '))).toEqual([
      'ex:herbie rdf:type ex:Automobile', 'ex:herbie rdf:type ex:Vehicle',
      'ex:kitt rdf:type ex:Car', 'ex:kitt rdf:type ex:Vehicle'])
  })

  it('applies domain and range (prp-dom, prp-rng), ignoring literal objects for the range', () => {
    const { inferred } = materialize(turtle(`
      ex:owns rdfs:domain ex:Owner ; rdfs:range ex:Thing . ex:name rdfs:range ex:Text .
      ex:ann ex:owns ex:herbie ; ex:name "Ann" .`), { rules })
    expect(lines(inferred)).toEqual(['ex:ann rdf:type ex:Owner', 'ex:herbie rdf:type ex:Thing'])
  })

  it('applies subproperties, equivalent, inverse, transitive and symmetric properties', () => {
    const { inferred } = materialize(turtle(`
      ex:ownsOutright rdfs:subPropertyOf ex:owns . ex:owns owl:equivalentProperty ex:has .
      ex:ownedBy owl:inverseOf ex:owns .
      ex:partOf a owl:TransitiveProperty . ex:linkedTo a owl:SymmetricProperty .
      ex:ann ex:ownsOutright ex:herbie .
      ex:a ex:partOf ex:b . ex:b ex:partOf ex:c .
      ex:pbx ex:linkedTo ex:crm .`), { rules })
    expect(lines(inferred)).toEqual([
      'ex:a ex:partOf ex:c',
      'ex:ann ex:has ex:herbie',
      'ex:ann ex:owns ex:herbie',
      'ex:crm ex:linkedTo ex:pbx',
      'ex:has owl:equivalentProperty ex:has',
      'ex:has owl:equivalentProperty ex:owns',
      'ex:has rdfs:subPropertyOf ex:has',
      'ex:has rdfs:subPropertyOf ex:owns',
      'ex:herbie ex:ownedBy ex:ann',
      'ex:owns owl:equivalentProperty ex:owns',
      'ex:owns rdfs:subPropertyOf ex:has',
      'ex:owns rdfs:subPropertyOf ex:owns',
      'ex:ownsOutright rdfs:subPropertyOf ex:has'])
  })

  it('keeps blank nodes as blank nodes with their labels', () => {
    const input = turtle('_:car a ex:Car . ex:Car rdfs:subClassOf ex:Vehicle .')
    const { inferred } = materialize(input, { rules })
    expect(inferred.map(q => [q.subject.termType, q.subject.value, q.object.value]))
      .toEqual([['BlankNode', input[0]!.subject.value, ex + 'Vehicle']])
  })

  it('runs a SELECT over the materialized graph', () => {
    const rows = select(turtle('ex:A rdfs:subClassOf ex:B . ex:B rdfs:subClassOf ex:C .'),
      'SELECT ?sup WHERE { <https://example.org/onto#A> <http://www.w3.org/2000/01/rdf-schema#subClassOf> ?sup } ORDER BY ?sup', { rules })
    expect(rows).toEqual([{ sup: ex + 'B' }, { sup: ex + 'C' }])
  })
})
