/**
 * Configuration shapes in the styles other people write them, each against the form made from
 * it: the form's JSON Schema and SHACL must agree on every value around the constraint's edges
 * (set FORM_FUZZ_SEED to draw other values).
 */
import { describe, expect, it } from 'vitest'
import { disagreements, integerBetween, missing, seedOfRun, wrongTypes } from './differential.js'
import type { Candidate, FuzzCase } from './differential.js'

const one = 'sh:maxCount 1 ;'
const numbers = (low: number, high: number) => (next: () => number): Candidate[] =>
  Array.from({ length: 6 }, () => integerBetween(next, low - 3, high + 3))
const lexicalNumbers: readonly Candidate[] = ['+01', ' 1', '1e0', '1', '01']
const two = (n: number): string => String(n).padStart(2, '0')
/** Month ends of random years (leap years, centuries, year 0000 among them), with and without a zone. */
const dates = (next: () => number): string[] => Array.from({ length: 12 }, () => {
  const year = [0, 1900, 2000, 2024, 2026, integerBetween(next, 1, 9999)][integerBetween(next, 0, 5)]!
  return `${String(year).padStart(4, '0')}-${two(integerBetween(next, 1, 12))}-${two(integerBetween(next, 28, 31))}${['', 'Z', '+14:00', '-14:01'][integerBetween(next, 0, 3)]!}`
})
const times = (next: () => number): string[] => Array.from({ length: 8 }, () =>
  `${two(integerBetween(next, 22, 24))}:${two([0, 59, 60][integerBetween(next, 0, 2)]!)}${next() < 0.5 ? '' : `:${two([0, 59, 60][integerBetween(next, 0, 2)]!)}`}`)

const cases: FuzzCase[] = [
  { name: 'xsd:integer', property: `${one} sh:datatype xsd:integer`, values: [...wrongTypes, 0, -1, 2 ** 53, ...lexicalNumbers] },
  { name: 'xsd:byte', property: `${one} sh:datatype xsd:byte`, values: [-129, -128, 127, 128], draw: numbers(-128, 127) },
  { name: 'xsd:long', property: `${one} sh:datatype xsd:long`, values: [2 ** 63, -(2 ** 63), 2 ** 63 - 2 ** 10, -(2 ** 63) - 2 ** 11, 2 ** 53 + 2] },
  { name: 'xsd:unsignedLong', property: `${one} sh:datatype xsd:unsignedLong`, values: [2 ** 64, 2 ** 64 - 2 ** 11, -1, 0] },
  { name: 'xsd:unsignedShort', property: `${one} sh:datatype xsd:unsignedShort`, values: [-1, 0, 65535, 65536] },
  { name: 'xsd:positiveInteger', property: `${one} sh:datatype xsd:positiveInteger`, values: [-1, 0, 1] },
  { name: 'xsd:nonPositiveInteger', property: `${one} sh:datatype xsd:nonPositiveInteger`, values: [-1, 0, 1] },
  { name: 'xsd:integer min/maxInclusive', property: `${one} sh:datatype xsd:integer ; sh:minInclusive 2 ; sh:maxInclusive 9`, values: [1, 2, 9, 10], draw: numbers(2, 9) },
  { name: 'xsd:integer min/maxExclusive', property: `${one} sh:datatype xsd:integer ; sh:minExclusive 2 ; sh:maxExclusive 9`, values: [2, 3, 8, 9], draw: numbers(2, 9) },
  { name: 'xsd:decimal bounds', property: `${one} sh:datatype xsd:decimal ; sh:minInclusive 0.5 ; sh:maxExclusive 10`, values: [0.4999, 0.5, 9.999, 10, '5', 1e-7] },
  { name: 'xsd:double', property: `${one} sh:datatype xsd:double ; sh:maxInclusive 1.0e3`, values: [1000, 1000.5, 1e-300, 0, -0, '1e0'] },
  { name: 'xsd:boolean', property: `${one} sh:datatype xsd:boolean`, values: [true, false, 'true', '1', 1, 0, null] },
  { name: 'xsd:duration', property: `${one} sh:datatype xsd:duration`, values: ['P1Y2M', 'P', 'PT', '-P1D', 'P1W', 'PT1.5S', 'P1Y2MT', '1Y', 'P0D', 'PT0.S', ' P1D'] },
  { name: 'xsd:gYear', property: `${one} sh:datatype xsd:gYear`, values: ['2026', '-0044', '26', '2026Z', '02026', '12026', '2026-01', 2026] },
  { name: 'xsd:gYear bounds', property: `${one} sh:datatype xsd:gYear ; sh:minInclusive "2000"^^xsd:gYear`, values: ['1999', '2000', '2026'] },
  { name: 'xsd:date', property: `${one} sh:datatype xsd:date`, values: ['2026-02-28', '2026-02-30', '2024-02-29', '2026-13-01', '2026-02-28Z', '2026-02-28+01:00', '26-02-28', '2026-2-28', '0000-01-01'], draw: dates },
  { name: 'xsd:date bounds', property: `${one} sh:datatype xsd:date ; sh:minInclusive "2026-01-01"^^xsd:date ; sh:maxExclusive "2027-01-01"^^xsd:date`, values: ['2025-12-31', '2026-01-01', '2026-12-31', '2027-01-01'] },
  { name: 'xsd:dateTime', property: `${one} sh:datatype xsd:dateTime`, values: ['2026-02-28T10:00:00', '2026-02-30T10:00:00', '2026-02-28T24:00:00', '2026-02-28T10:00', '2026-02-28T10:00:00.5Z', '2026-02-28T10:00:00+14:00', '2026-02-28T10:00:00+15:00', '2026-02-28'], draw: next => dates(next).map((date, index) => `${date.slice(0, 10)}T${times(next)[index % 8]!}${date.slice(10)}`) },
  { name: 'xsd:dateTime bounds', property: `${one} sh:datatype xsd:dateTime ; sh:minExclusive "2026-01-01T00:00:00Z"^^xsd:dateTime`, values: ['2026-01-01T00:00:00Z', '2026-01-01T00:00:01Z', '2026-01-01T01:00:00+01:00'] },
  { name: 'xsd:time', property: `${one} sh:datatype xsd:time`, values: ['10:00:00', '24:00:00', '23:59:59.999', '10:00', '10:00:60', '1:00:00', '10:00:00Z'], draw: times },
  { name: 'xsd:time bounds', property: `${one} sh:datatype xsd:time ; sh:minInclusive "08:00:00"^^xsd:time ; sh:maxInclusive "18:00:00"^^xsd:time`, values: ['07:59:59', '08:00:00', '18:00:00', '18:00:01', '08:00'] },
  { name: 'xsd:anyURI', property: `${one} sh:datatype xsd:anyURI`, values: ['https://example.org/a', 'urn:x', 'a b', ''] },
  { name: 'rdf:langString', property: `${one} sh:datatype rdf:langString`, values: [{ '@value': 'a', '@language': 'en' }, { '@value': 'a', '@language': 'en-GB' }, { '@value': 'a', '@language': '' }, { '@value': 'a', '@language': 'e n' }, 'a'] },
  { name: 'sh:languageIn', property: 'sh:datatype rdf:langString ; sh:languageIn ( "en" "de" )', values: [[{ '@value': 'a', '@language': 'en' }], [{ '@value': 'a', '@language': 'de-AT' }], [{ '@value': 'a', '@language': 'fr' }], [{ '@value': 'a', '@language': 'EN' }]] },
  { name: 'sh:uniqueLang', property: 'sh:datatype rdf:langString ; sh:uniqueLang true', values: [[{ '@value': 'a', '@language': 'en' }, { '@value': 'b', '@language': 'de' }], [{ '@value': 'a', '@language': 'en' }, { '@value': 'b', '@language': 'en' }]] },
  { name: 'min/maxLength', property: `${one} sh:datatype xsd:string ; sh:minLength 2 ; sh:maxLength 4`, values: ['a', 'ab', 'abcd', 'abcde', '', '😀', '😀😀', '😀😀😀', '😀😀😀😀😀'], draw: next => Array.from({ length: 4 }, () => 'x'.repeat(integerBetween(next, 0, 6))) },
  { name: 'sh:pattern with flags', property: `${one} sh:pattern "^ab+c$" ; sh:flags "i"`, values: ['abc', 'ABBC', 'ac', 'xabc'] },
  { name: 'sh:pattern on an integer', property: `${one} sh:datatype xsd:integer ; sh:pattern "^[0-9]{3}$"`, values: [123, 12, 1234, 0] },
  { name: 'sh:in literals of several datatypes', property: `${one} sh:in ( 1 "a" true 2.5 )`, values: [1, 'a', true, 2.5, '1', 2, false] },
  { name: 'sh:in with lexical forms that are not canonical', property: `${one} sh:in ( 1.0 2.50 "07"^^xsd:integer )`, values: [1, 2.5, 7, 2] },
  { name: 'sh:in with sh:datatype', property: `${one} sh:datatype xsd:date ; sh:in ( "2026-01-01"^^xsd:date "2026-06-01"^^xsd:date )`, values: ['2026-01-01', '2026-01-02'] },
  { name: 'sh:in of language strings', property: 'sh:in ( "Hallo"@de "Hello"@en )', values: [[{ '@value': 'Hallo', '@language': 'de' }], [{ '@language': 'en', '@value': 'Hello' }], [{ '@value': 'Hallo', '@language': 'en' }]] },
  { name: 'sh:in IRIs', property: `${one} sh:in ( ex:A ex:B )`, values: ['https://example.org/fuzz#A', 'https://example.org/fuzz#C', 'A'] },
  { name: 'sh:in mixed', property: `${one} sh:in ( ex:A "A" )`, values: ['https://example.org/fuzz#A', 'A', 'B'] },
  { name: 'sh:hasValue', property: 'sh:hasValue "x"', values: [['x'], ['x', 'y'], ['y'], [], missing] },
  { name: 'sh:hasValue single', property: `${one} sh:hasValue 3`, values: [3, 4, missing] },
  { name: 'min/maxCount', property: 'sh:minCount 1 ; sh:maxCount 2 ; sh:datatype xsd:string', values: [missing, [], ['a'], ['a', 'b'], ['a', 'b', 'c'], ['a', 'a'], 'a'] },
  { name: 'sh:nodeKind sh:IRI', property: `${one} sh:nodeKind sh:IRI`, values: ['https://example.org/x', 'x', 1] },
  { name: 'sh:nodeKind sh:BlankNode', property: `${one} sh:nodeKind sh:BlankNode`, values: ['https://example.org/x', 'x', {}] },
  { name: 'sh:hasValue IRI', property: `${one} sh:hasValue ex:A`, values: ['https://example.org/fuzz#A', 'https://example.org/fuzz#B', missing] },
  { name: 'sh:nodeKind sh:Literal', property: `${one} sh:nodeKind sh:Literal`, values: ['x', 1] },
  { name: 'sh:nodeKind sh:BlankNodeOrIRI', property: `${one} sh:nodeKind sh:BlankNodeOrIRI`, values: ['https://example.org/x', 'x'] },
  { name: 'sh:class with instances', property: `${one} sh:class ex:Colour`, extra: 'ex:Red a ex:Colour . ex:Dark a ex:Shade . ex:Shade rdfs:subClassOf ex:Colour .', values: ['https://example.org/fuzz#Red', 'https://example.org/fuzz#Dark', 'https://example.org/fuzz#Blue'] },
  { name: 'sh:node nested', property: `${one} sh:node ex:Inner`, extra: 'ex:Inner a sh:NodeShape ; sh:property [ sh:path ex:q ; sh:minCount 1 ; sh:maxCount 1 ; sh:datatype xsd:integer ; sh:maxInclusive 5 ] .', values: [{ q: 5 }, { q: 6 }, {}, { r: 1 }, 'x'] },
  { name: 'sh:or of datatypes', property: `${one} sh:or ( [ sh:datatype xsd:integer ] [ sh:datatype xsd:date ] )`, values: [1, '2026-01-01', 'x', 1.5, true] },
  { name: 'sh:xone', property: `${one} sh:xone ( [ sh:datatype xsd:integer ; sh:maxInclusive 10 ] [ sh:datatype xsd:integer ; sh:minInclusive 5 ] )`, values: [1, 7, 12] },
  { name: 'sh:and', property: `${one} sh:and ( [ sh:datatype xsd:integer ] [ sh:minInclusive 3 ] )`, values: [2, 3, 'x'] },
  { name: 'sh:not', property: `${one} sh:datatype xsd:string ; sh:not [ sh:in ( "root" "admin" ) ]`, values: ['root', 'bob', ''] },
  { name: 'sh:defaultValue, groups, names', property: `${one} sh:datatype xsd:integer ; sh:defaultValue 5 ; sh:order 2 ; sh:group ex:G ; sh:name "Port"@en , "Anschluss"@de ; sh:description "The port"@en , "Der Port"@de`, extra: 'ex:G a sh:PropertyGroup ; rdfs:label "G" .', values: [5, missing] }
]

describe('forms agree with their shapes', () => {
  const seed = seedOfRun()
  for (const fuzz of cases) {
    it(fuzz.name, async () => {
      expect(await disagreements(fuzz, seed)).toEqual([])
    })
  }
})

