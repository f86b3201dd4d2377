/**
 * The SHACL wrapper: results as plain values, messages in the requested language,
 * SHACL-SPARQL, XPath semantics for sh:pattern, and refusal of shapes whose constraints
 * shacl-engine would skip.
 */
import type { Quad } from '@rdfjs/types'
import { describe, expect, it } from 'vitest'
import { SymphonyError } from '../../src/errors.js'
import { parseRdf } from '../../src/rdf/index.js'
import { validateShacl } from '../../src/shacl/index.js'

const prefixes = `
  @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
  @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix ex: <https://example.org/t#> .`
const turtle = async (text: string): Promise<Quad[]> => parseRdf(prefixes + text, { format: 'turtle' })
const ex = (local: string): string => `https://example.org/t#${local}`
const sh = (local: string): string => `http://www.w3.org/ns/shacl#${local}`

const shapes = await turtle(`
  ex:Protocol rdfs:label "Protokoll"@de , "Protocol"@en .
  ex:TrunkShape a sh:NodeShape ; sh:targetClass ex:Trunk ;
    sh:property [ sh:path ex:channels ; sh:datatype xsd:integer ; sh:minCount 1 ; sh:maxInclusive 30 ] ,
      [ sh:path ex:protocol ; sh:class ex:Protocol ] ,
      [ sh:path ex:codec ; sh:in ( "G.711" "Opus" ) ] ,
      [ sh:path ex:number ; sh:pattern "^\\\\+\\\\d+$" ; sh:message "Rufnummer im Format E.164"@de , "Number in E.164 format"@en ] ,
      [ sh:path ex:id ; sh:pattern "^ab  cd$" ; sh:flags "xi" ] ,
      [ sh:path ex:registrar ; sh:node ex:EndpointShape ] ;
    sh:sparql [ sh:message "Mehr Kanäle als Lizenzen"@de , "More channels than licences"@en ;
      sh:select """SELECT $this ?value WHERE { $this <https://example.org/t#channels> ?value ; <https://example.org/t#licences> ?l . FILTER (?value > ?l) }""" ] .
  ex:EndpointShape a sh:NodeShape ; sh:property [ sh:path ex:host ; sh:minCount 1 ] .`)

describe('validateShacl', () => {
  it('conforms without results', async () => {
    const data = await turtle(`ex:t a ex:Trunk ; ex:channels 10 ; ex:number "+٤٩٣٠١٢٣" ; ex:id "ABCD" .`)
    expect(await validateShacl(data, shapes)).toEqual({ conforms: true, results: [] })
  })

  it('targets instances of a class\'s subclasses declared in the data graph, cycles included (SHACL §2.1.3.2)', async () => {
    const classShapes = await turtle(`ex:NamedShape a sh:NodeShape ; sh:targetClass ex:Service ; sh:targetSubjectsOf ex:provider ; sh:property [ sh:path ex:name ; sh:minCount 1 ] .
      ex:Service a sh:NodeShape , rdfs:Class ; sh:property [ sh:path ex:provider ; sh:minCount 1 ] .`)
    const data = await turtle(`ex:CRM rdfs:subClassOf ex:Software . ex:Software rdfs:subClassOf ex:Service , ex:CRM .
      ex:crm a ex:CRM . ex:direct a ex:Service ; ex:name "D" ; ex:provider ex:p . ex:both a ex:CRM ; ex:provider ex:p .`)
    const report = await validateShacl(data, classShapes)
    // Once each, also where another target of the shape has the node already
    expect(report.results.map(r => [r.focusNode, r.path, r.constraint]).sort()).toEqual([
      [ex('both'), ex('name'), sh('MinCountConstraintComponent')],
      [ex('crm'), ex('name'), sh('MinCountConstraintComponent')],
      [ex('crm'), ex('provider'), sh('MinCountConstraintComponent')]
    ])
  })

  it('reports results with messages in German', async () => {
    const data = await turtle(`ex:t a ex:Trunk ; ex:channels 40 ; ex:licences 20 ; ex:protocol ex:SIP ; ex:codec "G.729" ; ex:number "030 123" ; ex:registrar [ ex:port 5060 ] .`)
    const report = await validateShacl(data, shapes, { language: 'de' })
    expect(report.conforms).toBe(false)
    expect(report.results.map(r => [r.path, r.constraint, r.message, r.value])).toEqual([
      [ex('channels'), sh('MaxInclusiveConstraintComponent'), 'Der Wert darf höchstens 30 sein.', '40'],
      [ex('protocol'), sh('ClassConstraintComponent'), 'Der Wert muss eine Instanz von Protokoll sein.', ex('SIP')],
      [ex('codec'), sh('InConstraintComponent'), 'Der Wert muss einer von "G.711", "Opus" sein.', 'G.729'],
      [ex('number'), sh('PatternConstraintComponent'), 'Rufnummer im Format E.164', '030 123'],
      [ex('registrar'), sh('NodeConstraintComponent'), 'Der Wert entspricht nicht <https://example.org/t#EndpointShape>.', expect.stringMatching(/^_:/)],
      [undefined, sh('SPARQLConstraintComponent'), 'Mehr Kanäle als Lizenzen', '40']
    ])
    const nested = report.results[4]!.details!
    expect(nested.map(r => [r.path, r.message])).toEqual([[ex('host'), 'Ein Wert ist erforderlich.']])
    expect(report.results.every(r => r.focusNode === ex('t') && r.severity === 'Violation')).toBe(true)
  })

  it('reports results with messages in English', async () => {
    const data = await turtle(`ex:t a ex:Trunk ; ex:licences 1 ; ex:protocol ex:SIP ; ex:number "x" .`)
    const report = await validateShacl(data, shapes, { language: 'en' })
    expect(report.results.map(r => r.message)).toEqual([
      'A value is required.',
      'The value must be an instance of Protocol.',
      'Number in E.164 format'
    ])
  })

  it('validates given focus nodes against given shapes, without targets', async () => {
    const data = await turtle(`ex:e ex:port 1 .`)
    const report = await validateShacl(data, shapes, { language: 'en', focus: [{ node: ex('e'), shape: ex('EndpointShape') }] })
    expect(report.results.map(r => [r.focusNode, r.path, r.message])).toEqual([[ex('e'), ex('host'), 'A value is required.']])
    await expect(validateShacl(data, shapes, { focus: [{ node: ex('e'), shape: ex('Nope') }] })).rejects.toMatchObject({ code: 'UNKNOWN_SHAPE' })
  })

  it('supports SPARQL-based targets', async () => {
    const targeted = await turtle(`ex:S a sh:NodeShape ;
      sh:target [ a sh:SPARQLTarget ; sh:select "SELECT ?this WHERE { ?this <https://example.org/t#kind> 'trunk' }" ] ;
      sh:property [ sh:path ex:channels ; sh:minCount 1 ] .`)
    const report = await validateShacl(await turtle(`ex:a ex:kind "trunk" . ex:b ex:kind "other" .`), targeted)
    expect(report.results.map(r => r.focusNode)).toEqual([ex('a')])
  })

  it.each([
    ['a misspelt parameter', `ex:S a sh:NodeShape ; sh:property [ sh:path ex:p ; sh:maxCont 1 ] .`,
      'the property shape for <https://example.org/t#p> of shape <https://example.org/t#S> uses <http://www.w3.org/ns/shacl#maxCont>, but shacl-engine does not implement it, so the constraint would be silently ignored; check the spelling or use a SHACL Core or sh:sparql constraint'],
    ['a SHACL-AF rule', `ex:S a sh:NodeShape ; sh:rule [ a sh:TripleRule ] .`,
      'shape <https://example.org/t#S> uses <http://www.w3.org/ns/shacl#rule>, but shacl-engine does not implement it, so the constraint would be silently ignored; check the spelling or use a SHACL Core or sh:sparql constraint'],
    ['a custom constraint component', `ex:MaxWords a sh:ConstraintComponent ; sh:parameter [ sh:path ex:maxWords ] .
      ex:S a sh:NodeShape ; sh:property [ sh:path ex:p ; ex:maxWords 3 ] .`,
      'the property shape for <https://example.org/t#p> of shape <https://example.org/t#S> uses <https://example.org/t#maxWords>, but it is a parameter of the custom constraint component <https://example.org/t#MaxWords>, which has no SPARQL validator (sh:validator, sh:nodeValidator or sh:propertyValidator with sh:ask or sh:select); add one or express the rule with sh:sparql'],
    ['an ASK-based SPARQL constraint', `ex:S a sh:NodeShape ; sh:sparql [ sh:ask "ASK {}" ] .`,
      'shape <https://example.org/t#S> uses <http://www.w3.org/ns/shacl#sparql>, but a SPARQL-based constraint needs sh:select (SHACL §5.1); ASK queries belong to the sh:validator of a constraint component (SHACL §6)'],
    ['a pattern no engine can evaluate', `ex:S a sh:NodeShape ; sh:property [ sh:path ex:p ; sh:pattern "\\\\p{IsTibetan}" ] .`,
      'the property shape for <https://example.org/t#p> of shape <https://example.org/t#S> uses <http://www.w3.org/ns/shacl#pattern>, but the pattern "\\p{IsTibetan}" cannot be evaluated: "\\p{IsTibetan}" is not a Unicode category or a supported block']
  ])('refuses %s', async (_, text, message) => {
    const failure = await validateShacl([], await turtle(text)).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(SymphonyError)
    expect((failure as SymphonyError).code).toBe('UNSUPPORTED_SHAPE')
    expect((failure as SymphonyError).message).toBe(message)
  })

  it('keeps results apart whose values differ only in language or datatype', async () => {
    const shapes = await turtle(`ex:NameShape a sh:NodeShape ; sh:targetNode ex:peak ; sh:property [ sh:path ex:name ; sh:in ( "Zugspitze" ) ] .`)
    const data = await turtle(`ex:peak ex:name "Berg" , "Berg"@de , "1" , "1"^^xsd:integer .`)
    const report = await validateShacl(data, shapes)
    expect(report.results.map(r => r.value).sort()).toEqual(['1', '1', 'Berg', 'Berg'])
    expect(report.results.map(r => r.valueTerm)).toEqual(expect.arrayContaining([
      { termType: 'Literal', value: 'Berg', datatype: 'http://www.w3.org/2001/XMLSchema#string' },
      { termType: 'Literal', value: 'Berg', language: 'de' },
      { termType: 'Literal', value: '1', datatype: 'http://www.w3.org/2001/XMLSchema#string' },
      { termType: 'Literal', value: '1', datatype: 'http://www.w3.org/2001/XMLSchema#integer' }
    ]))
  })

  it('keeps one result per failing sh:class value and per sh:lessThan pair', async () => {
    const shapes = await turtle(`ex:S a sh:NodeShape ; sh:targetNode ex:a ;
      sh:property [ sh:path ex:protocol ; sh:class ex:Protocol ] , [ sh:path ex:start ; sh:lessThan ex:end ] .`)
    const data = await turtle(`ex:a ex:protocol ex:SIP , ex:H323 ; ex:start 5 ; ex:end 1 , 2 .`)
    const report = await validateShacl(data, shapes)
    expect(report.results.map(r => [r.constraint, r.value]).sort()).toEqual([
      [sh('ClassConstraintComponent'), ex('H323')],
      [sh('ClassConstraintComponent'), ex('SIP')],
      [sh('LessThanConstraintComponent'), '5'],
      [sh('LessThanConstraintComponent'), '5']
    ])
  })

  it('keeps a custom severity as its IRI and does not conform', async () => {
    const shapes = await turtle(`ex:S a sh:NodeShape ; sh:targetNode ex:a ; sh:property [ sh:path ex:p ; sh:minCount 1 ; sh:severity ex:Blocker ] .`)
    const report = await validateShacl(await turtle('ex:a ex:q 1 .'), shapes)
    expect(report.conforms).toBe(false)
    expect(report.results.map(r => [r.severity, r.resultSeverity])).toEqual([['Violation', ex('Blocker')]])
  })

  it('accepts a shape that is its own SPARQL-based constraint', async () => {
    const shapes = await turtle(`ex:S a sh:NodeShape ; sh:targetNode ex:a ; sh:sparql ex:S ;
      sh:prefixes ex:ontology ; sh:select "SELECT $this ?value WHERE { $this ex:p ?value . FILTER (?value > 3) }" .
      ex:ontology sh:declare [ sh:prefix "ex" ; sh:namespace "https://example.org/t#"^^xsd:anyURI ] .`)
    const report = await validateShacl(await turtle('ex:a ex:p 1 , 7 .'), shapes)
    expect(report.results.map(r => [r.focusNode, r.constraint, r.valueTerm])).toEqual([
      [ex('a'), sh('SPARQLConstraintComponent'), { termType: 'Literal', value: '7', datatype: 'http://www.w3.org/2001/XMLSchema#integer' }]
    ])
  })
})

