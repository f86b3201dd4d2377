/**
 * The SPARQL query engine (comunica) is loaded only for shapes that need it: loading and setting
 * it up holds the validating thread for a second and more in one piece, and the publishing shapes
 * have no SPARQL constraint, component or target.
 */
import type { Quad } from '@rdfjs/types'
import { readFile } from 'node:fs/promises'
import { describe, expect, it, vi } from 'vitest'
import { builtinFiles } from '../../src/project.js'
import { parseRdf } from '../../src/rdf/index.js'
import { validateShacl } from '../../src/shacl/index.js'

const loads = vi.hoisted(() => ({ boundedSelect: 0 }))
vi.mock('../../src/shacl/bounded-select.js', async importOriginal => {
  loads.boundedSelect++
  return importOriginal()
})

const prefixes = '@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <https://example.org/t#> .'
const turtle = async (text: string): Promise<Quad[]> => parseRdf(`${prefixes}\n${text}`, { format: 'turtle' })

describe('the SPARQL engine loaded on demand', () => {
  it('validates against shapes without SPARQL with the same results and without loading the engine', async () => {
    const shapes = await turtle('ex:S a sh:NodeShape ; sh:targetClass ex:Thing ; sh:property [ sh:path ex:p ; sh:minCount 1 ; sh:datatype <http://www.w3.org/2001/XMLSchema#integer> ] .')
    const report = await validateShacl(await turtle('ex:a a ex:Thing . ex:b a ex:Thing ; ex:p "x" .'), shapes)
    expect(report.results.map(r => [r.focusNode, r.constraint, r.value])).toEqual([
      ['https://example.org/t#a', 'http://www.w3.org/ns/shacl#MinCountConstraintComponent', undefined],
      ['https://example.org/t#b', 'http://www.w3.org/ns/shacl#DatatypeConstraintComponent', 'x']
    ])
    const publishing = await parseRdf(await readFile(builtinFiles.publishingShapes, 'utf8'), { format: 'turtle' })
    const pbx = await parseRdf(await readFile(new URL('../fixtures/api/acme-pbx.ttl', import.meta.url), 'utf8'), { format: 'turtle' })
    await validateShacl(pbx, publishing)
    expect(loads.boundedSelect).toBe(0)
  })

  it('loads it for an sh:sparql constraint, and the constraint is checked', async () => {
    const shapes = await turtle('ex:S a sh:NodeShape ; sh:targetClass ex:Thing ; sh:sparql [ sh:message "no p" ; sh:select """SELECT $this WHERE { FILTER NOT EXISTS { $this <https://example.org/t#p> ?any } }""" ] .')
    const report = await validateShacl(await turtle('ex:a a ex:Thing . ex:b a ex:Thing ; ex:p 1 .'), shapes)
    expect(report.results.map(r => [r.focusNode, r.constraint, r.message])).toEqual([
      ['https://example.org/t#a', 'http://www.w3.org/ns/shacl#SPARQLConstraintComponent', 'no p']
    ])
    expect(loads.boundedSelect).toBe(1)
  })
})
