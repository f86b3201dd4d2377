/**
 * A value of the wrong form is answered with what is expected: the field's description, or the
 * pattern, and an example — the shape's default, or one made from the pattern.
 */
import { describe, expect, it } from 'vitest'
import { shapeToForm, validateConfiguration } from '../../src/forms/index.js'
import { patternExample } from '../../src/forms/pattern-example.js'
import { parseRdf } from '../../src/rdf/index.js'

const quads = await parseRdf(`
  @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <https://example.org/t#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
  ex:Shape a sh:NodeShape ;
    sh:property [ sh:path ex:code ; sh:name "Code"@en ; sh:datatype xsd:string ; sh:maxCount 1 ; sh:pattern "^[A-Z]{2}-[0-9]{3}$" ] ,
      [ sh:path ex:number ; sh:name "Number"@en , "Nummer"@de ; sh:datatype xsd:string ; sh:maxCount 1 ; sh:pattern "^\\\\+[1-9][0-9]{6,14}$" ;
        sh:description "A telephone number in E.164 format"@en , "Eine Rufnummer im E.164-Format"@de ; sh:defaultValue "+493012345670" ] ,
      [ sh:path ex:shown ; sh:name "Shown"@en ; sh:datatype xsd:string ; sh:maxCount 1 ; sh:pattern "^[0-9]{4}$" ;
        sh:description "Four digits, e.g. 0815."@en ] ,
      [ sh:path ex:day ; sh:name "Day"@en ; sh:datatype xsd:date ; sh:maxCount 1 ; sh:defaultValue "2026-12-04"^^xsd:date ] .
`, { format: 'turtle' })

async function messages (values: Record<string, string>, language: 'en' | 'de'): Promise<Record<string, string>> {
  const form = shapeToForm(quads, 'https://example.org/t#Shape', { language })
  const result = await validateConfiguration(form, values)
  if (result.ok) return {}
  return Object.fromEntries(result.issues.map(issue => [issue.field, issue.message]))
}

describe('messages for values of the wrong form', () => {
  it('say what is expected, with an example, in English and German', async () => {
    const bad = { code: 'ab-12', number: '030 1234', shown: '12', day: '4.12.2026' }
    expect(await messages(bad, 'en')).toEqual({
      '/code': 'Expected text of the form ^[A-Z]{2}-[0-9]{3}$, such as AA-000.',
      '/number': 'Not in the expected form: A telephone number in E.164 format. For example: +493012345670.',
      '/shown': 'Not in the expected form: Four digits, e.g. 0815.',
      '/day': 'Must be a date (YYYY-MM-DD), such as 2026-12-04.'
    })
    expect(await messages(bad, 'de')).toEqual({
      '/code': 'Erwartet wird ein Text der Form ^[A-Z]{2}-[0-9]{3}$, etwa AA-000.',
      '/number': 'Nicht in der erwarteten Form: Eine Rufnummer im E.164-Format. Zum Beispiel: +493012345670.',
      '/shown': 'Nicht in der erwarteten Form: Four digits, e.g. 0815.',
      '/day': 'Muss ein Datum (JJJJ-MM-TT) sein, etwa 2026-12-04.'
    })
  })
})

describe('patternExample', () => {
  it('makes a value the pattern accepts, from classes, escapes, groups, alternatives and quantifiers', () => {
    const patterns = ['^\\+[1-9][0-9]{6,14}$', '^[^@\\s]+@[^@\\s]+\\.[A-Za-z]{2,}$', '^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)$', '^(?:ab|cd)+x?$', '^[A-Za-z]+(/[A-Za-z0-9_+-]+){1,2}$']
    const examples = patterns.map(patternExample)
    expect(examples).toEqual(['+1000000', 'a@a.AA', '0.0', 'ab', 'A/A'])
    examples.forEach((example, index) => expect(new RegExp(patterns[index]!, 'u').test(example!)).toBe(true))
  })

  it('gives none for what it does not read or an empty value', () => {
    expect(patternExample('^(?=a)a$')).toBeUndefined()
    expect(patternExample('^(a)\\1$')).toBeUndefined()
    expect(patternExample('^x*$')).toBeUndefined()
    expect(patternExample('^[a-')).toBeUndefined()
  })
})
