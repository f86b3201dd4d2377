/**
 * `sh:datatype` by the lexical spaces of XSD 1.1 Part 2: days a month does not have are refused,
 * characters outside the Basic Multilingual Plane are accepted (and count as one character for
 * `sh:minLength`/`sh:maxLength`), and the other datatypes keep shacl-engine's checks.
 */
import { describe, expect, it } from 'vitest'
import { parseRdf } from '../../src/rdf/index.js'
import { validateShacl } from '../../src/shacl/index.js'

const prefixes = '@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> . @prefix ex: <https://example.org/t#> .'

/** Which of the lexical forms conform to `sh:datatype`. */
async function conforming (datatype: string, lexicals: readonly string[]): Promise<string[]> {
  const shapes = await parseRdf(`${prefixes} ex:S a sh:NodeShape ; sh:targetClass ex:T ; sh:property [ sh:path ex:p ; sh:datatype xsd:${datatype} ] .`, { format: 'turtle' })
  const out: string[] = []
  for (const lexical of lexicals) {
    const data = await parseRdf(`${prefixes} ex:t a ex:T ; ex:p ${JSON.stringify(lexical)}^^xsd:${datatype} .`, { format: 'turtle' })
    if ((await validateShacl(data, shapes)).conforms) out.push(lexical)
  }
  return out
}

describe('sh:datatype', () => {
  it('refuses dates whose day the month does not have, and keeps leap days', async () => {
    expect(await conforming('date', ['2026-02-28', '2026-02-29', '2026-02-30', '2024-02-29', '1900-02-29', '2000-02-29', '0000-02-29', '2026-04-31', '2026-02-28Z', '2026-02-28+14:00', '2026-02-28+14:01']))
      .toEqual(['2026-02-28', '2024-02-29', '2000-02-29', '0000-02-29', '2026-02-28Z', '2026-02-28+14:00'])
    expect(await conforming('dateTime', ['2026-02-30T10:00:00', '2026-02-28T24:00:00', '2026-02-28T24:00:01', '2026-06-31T00:00:00Z']))
      .toEqual(['2026-02-28T24:00:00'])
    expect(await conforming('dateTimeStamp', ['2026-02-30T10:00:00Z', '2026-02-28T10:00:00Z', '2026-02-28T10:00:00']))
      .toEqual(['2026-02-28T10:00:00Z'])
  })

  it('accepts characters outside the Basic Multilingual Plane in strings and refuses what XML excludes', async () => {
    expect(await conforming('string', ['😀😀', 'a\u0001', 'a\uFFFE', 'tab\tok'])).toEqual(['😀😀', 'tab\tok'])
    expect(await conforming('token', ['a b', 'a  b', ' a', 'a\tb', '😀'])).toEqual(['a b', '😀'])
  })

  it('counts sh:minLength and sh:maxLength in characters, as SPARQL STRLEN does, not in UTF-16 units', async () => {
    const shapes = await parseRdf(`${prefixes} ex:S a sh:NodeShape ; sh:targetClass ex:T ; sh:property [ sh:path ex:p ; sh:minLength 2 ; sh:maxLength 3 ] .`, { format: 'turtle' })
    const fits: string[] = []
    for (const text of ['😀', '😀😀', '😀😀😀', '😀😀😀😀', 'ab']) {
      const data = await parseRdf(`${prefixes} ex:t a ex:T ; ex:p ${JSON.stringify(text)} .`, { format: 'turtle' })
      if ((await validateShacl(data, shapes)).conforms) fits.push(text)
    }
    expect(fits).toEqual(['😀😀', '😀😀😀', 'ab'])
  })

  it('leaves the other datatypes to shacl-engine', async () => {
    expect(await conforming('integer', ['+01', ' 1', '1e0', '1'])).toEqual(['+01', '1'])
    expect(await conforming('gYear', ['2026', '26', '-0044', '02026'])).toEqual(['2026', '-0044'])
  })
})
