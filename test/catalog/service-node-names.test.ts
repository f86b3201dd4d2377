import { describe, expect, it } from 'vitest'
import type { Quad } from '@rdfjs/types'
import { nameServiceNodes } from '../../src/catalog/index.js'
import { parseRdf } from '../../src/rdf/index.js'
import { openEngine } from '../../src/engine.js'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const description = `@prefix sym: <https://w3id.org/symphony/ontology#> .
@prefix schema: <https://schema.org/> .
@prefix ex: <https://example.org/blank#> .
ex:P a schema:Organization ; schema:name "P" .
ex:PBX a sym:VirtualPBX ; schema:name "PBX" ; schema:provider ex:P ;
  sym:provides [ a sym:CallEventFeed ; sym:protocol sym:HTTPS ] , [ a sym:CallEventFeed ; sym:protocol sym:SIP ] , [ a sym:CDRExport ] ;
  schema:offers [ a schema:Offer ; schema:name "Basic Plan" ] , [ a schema:Offer ] .
<https://example.org/crm> a sym:CRM ; schema:name "CRM" ; schema:provider ex:P ;
  sym:requires _:shared .
ex:Other sym:requires _:shared .
_:shared a sym:CallEventFeed .
`

const lines = (quads: readonly Quad[]) => quads.map(q => `${q.subject.termType === 'BlankNode' ? '_' : q.subject.value} ${q.predicate.value} ${q.object.termType === 'BlankNode' ? '_' : q.object.value}`).sort()

describe('stable names of unnamed interfaces and offers', () => {
  it('names them from their service, role and type or name; siblings by their content; shared nodes stay blank', async () => {
    const named = nameServiceNodes(await parseRdf(description, { format: 'turtle' }))
    const subjects = [...new Set(named.filter(q => q.subject.termType === 'NamedNode').map(q => q.subject.value))].sort()
    expect(subjects).toEqual([
      'https://example.org/blank#Other',
      'https://example.org/blank#P',
      'https://example.org/blank#PBX',
      'https://example.org/blank#PBX-offer-basic-plan',
      'https://example.org/blank#PBX-offer-offer',
      'https://example.org/blank#PBX-provides-CDRExport',
      'https://example.org/blank#PBX-provides-CallEventFeed-1',
      'https://example.org/blank#PBX-provides-CallEventFeed-2',
      'https://example.org/crm'
    ])
    // The node two services point to is nobody's own.
    expect(named.filter(q => q.subject.termType === 'BlankNode').map(q => q.object.value)).toEqual(['https://w3id.org/symphony/ontology#CallEventFeed'])
  })

  it('gives the same names whatever order the triples come in', async () => {
    const quads = await parseRdf(description, { format: 'turtle' })
    const reversed = await parseRdf(quads.slice().reverse().map(q => `${term(q.subject)} <${q.predicate.value}> ${term(q.object)} .`).join('\n'), { format: 'n-triples' })
    expect(lines(nameServiceNodes(reversed))).toEqual(lines(nameServiceNodes(quads)))
  })

  it('never takes an IRI the description already uses', async () => {
    const quads = await parseRdf(`@prefix sym: <https://w3id.org/symphony/ontology#> .
      <https://example.org/s> sym:provides [ a sym:CDRExport ] .
      <https://example.org/s#provides-CDRExport> a sym:Something .`, { format: 'turtle' })
    const objects = nameServiceNodes(quads).filter(q => q.predicate.value.endsWith('#provides')).map(q => q.object.value)
    expect(objects).toEqual(['https://example.org/s#provides-CDRExport-1'])
  })

  it('answers the same in two loads, byte for byte, with readable ids', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'symphony-names-'))
    try {
      const own = description.replace('sym:requires _:shared', 'sym:requires [ a sym:CallEventFeed ]')
      const quads = await parseRdf(own, { format: 'turtle' })
      await writeFile(join(folder, 'a.ttl'), own)
      await writeFile(join(folder, 'b.nt'), quads.slice().reverse().map(q => `${term(q.subject)} <${q.predicate.value}> ${term(q.object)} .`).join('\n'))
      const answers = await Promise.all(['a.ttl', 'b.nt'].map(async file => {
        const engine = await openEngine({ dataFiles: [join(folder, file)] })
        try {
          return JSON.stringify(await engine.match('https://example.org/blank#PBX', 'https://example.org/crm'))
        } finally {
          await engine.close()
        }
      }))
      expect(answers[0]).toBe(answers[1])
      expect(answers[0]).not.toMatch(/"_:/)
    } finally {
      await rm(folder, { recursive: true, force: true })
    }
  })
})

function term (t: Quad['subject'] | Quad['object']): string {
  if (t.termType === 'BlankNode') return `_:${t.value}`
  if (t.termType === 'Literal') return JSON.stringify(t.value) + (t.language !== '' ? `@${t.language}` : `^^<${t.datatype.value}>`)
  return `<${t.value}>`
}
