import { describe, expect, it } from 'vitest'
import { Parser } from 'n3'
import { equivalenceLinks } from '../../src/shacl/index.js'

const parse = (turtle: string) => new Parser().parse('@prefix owl: <http://www.w3.org/2002/07/owl#> . @prefix ex: <https://example.org/> .\n' + turtle)
const sub = 'http://www.w3.org/2000/01/rdf-schema#subClassOf'

describe('equivalenceLinks', () => {
  it('gives each named pair of equivalent classes as subclasses of each other, once, and nothing else', () => {
    const links = equivalenceLinks(parse('ex:A owl:equivalentClass ex:B . ex:B owl:equivalentClass ex:A . ex:C owl:equivalentClass ex:C . ex:D owl:equivalentClass [ owl:unionOf () ] . ex:E ex:p ex:F .'))
    expect(links.map(q => [q.subject.value, q.predicate.value, q.object.value]).sort()).toEqual([
      ['https://example.org/A', sub, 'https://example.org/B'],
      ['https://example.org/B', sub, 'https://example.org/A']
    ])
  })
})
