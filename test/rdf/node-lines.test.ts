import { describe, expect, it } from 'vitest'
import { Parser } from 'n3'
import { nodeLines } from '../../src/rdf/index.js'

describe('nodeLines', () => {
  it('finds relative IRIs under @base, BASE and the file\'s own base as the parser resolves them', () => {
    const text = [
      '@base <https://fremd.example/preis/> .',
      '@prefix sym: <https://w3id.org/symphony/ontology#> .',
      '@prefix v: <vok#> .',
      '<Anbieter> a v:Firma .',
      '<Ä%C3%BCÜ#Dienst> a sym:CRM .',
      'BASE <../andere/>',
      '<Dienst2> a sym:CRM .'
    ].join('\n')
    const lines = nodeLines(text, { baseIRI: 'file:///tmp/preis.ttl' })
    // The parser's own subjects, each found on the line it is written on
    const subjects = new Parser({ baseIRI: 'file:///tmp/preis.ttl' }).parse(text).map(q => q.subject.value)
    expect(subjects).toEqual(['https://fremd.example/preis/Anbieter', 'https://fremd.example/preis/Ä%C3%BCÜ#Dienst', 'https://fremd.example/andere/Dienst2'])
    expect(subjects.map(s => lines.get(s))).toEqual([4, 5, 7])
    expect(lines.get('https://fremd.example/preis/vok#Firma')).toBe(4)
  })

  it('resolves against the given base when the text has no @base', () => {
    const lines = nodeLines('\n<#Dienst> a <https://w3id.org/symphony/ontology#CRM> .', { baseIRI: 'file:///tmp/d.ttl' })
    expect(lines.get('file:///tmp/d.ttl#Dienst')).toBe(2)
  })
})
