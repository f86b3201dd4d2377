import { describe, expect, it } from 'vitest'
import { blankNodeLines, parseRdf } from '../../src/rdf/index.js'

describe('blankNodeLines', () => {
  it('maps each parsed blank node to the line of its [, ( or _:label', async () => {
    const text = '@prefix ex: <https://example.org/> .\n\n[] a ex:Offer .\n_:x\n  a ex:Offer ;\n  ex:list ( ex:a\n    [ a ex:Thing ] ) .\n'
    const quads = await parseRdf(text, { format: 'turtle' })
    const lines = blankNodeLines(text, quads, { format: 'turtle' })
    const subjectsOf = (type: string) => quads.filter(q => q.object.value === `https://example.org/${type}`).map(q => q.subject.value)
    expect(subjectsOf('Offer').map(label => lines.get(label))).toEqual([3, 4])
    expect(subjectsOf('Thing').map(label => lines.get(label))).toEqual([7])
    const list = quads.find(q => q.predicate.value === 'https://example.org/list')!.object.value
    expect(lines.get(list)).toBe(6)
  })

  it('reads N-Triples lines past comments and empty lines', async () => {
    const text = '# comment\n\n_:a <urn:x:p> _:b .\n_:b <urn:x:p> "x" .\n'
    const quads = await parseRdf(text, { format: 'n-triples' })
    const lines = blankNodeLines(text, quads, { format: 'n-triples' })
    expect([lines.get(quads[0]!.subject.value), lines.get(quads[0]!.object.value)]).toEqual([3, 3])
  })

  it('gives nothing for quads of another text', async () => {
    const quads = await parseRdf('[] <urn:x:p> "x" .', { format: 'turtle' })
    expect(blankNodeLines('[] <urn:x:p> "y" .', quads, { format: 'turtle' }).size).toBe(0)
  })
})
