import { describe, expect, it } from 'vitest'
import { parseRdf } from '../../src/rdf/index.js'
import { reachableData } from '../../src/shacl/index.js'

const prefixes = '@prefix ex: <https://example.org/> . @prefix sh: <http://www.w3.org/ns/shacl#> .\n'
const turtle = async (text: string) => parseRdf(prefixes + text, { format: 'turtle' })
const lines = (quads: ReadonlyArray<{ subject: { value: string }, predicate: { value: string }, object: { value: string } }>) =>
  quads.map(q => [q.subject.value, q.predicate.value, q.object.value].map(v => v.replace('https://example.org/', '')).join(' '))

describe('reachableData', () => {
  const data = turtle(`
    ex:Unrelated ex:p ex:Other .
    ex:C ex:sub ex:D .
    ex:D ex:sub ex:E .
    ex:E ex:label "E" .
    ex:Other ex:p ex:X .
    ex:Pointer ex:feeds ex:Used .
    ex:Pointer ex:q ex:Far .
    ex:Plain ex:r ex:Used .
    ex:Used ex:sub ex:C .
    ex:Named ex:q ex:Z .
  `)

  it('keeps the quads of every node the focus reaches forwards, and those through a sh:targetObjectsOf predicate backwards, in order', async () => {
    const shapes = await turtle('ex:S sh:targetObjectsOf ex:feeds . ex:T sh:targetNode ex:Named .')
    const focus = await turtle('ex:Mine ex:uses ex:Used .')
    expect(lines(await reachableData(focus, await data, shapes))).toEqual([
      'C sub D', 'D sub E', 'E label E', 'Pointer feeds Used', 'Pointer q Far', 'Used sub C', 'Named q Z'
    ])
  })

  it('keeps every quad for shapes that read backwards or run SPARQL', async () => {
    const focus = await turtle('ex:Mine ex:uses ex:Used .')
    for (const shapes of ['ex:S sh:property [ sh:path [ sh:inversePath ex:p ] ; sh:minCount 1 ] .', 'ex:S sh:sparql [ sh:select "SELECT $this WHERE {}" ] .']) {
      expect((await reachableData(focus, await data, await turtle(shapes))).length).toBe((await data).length)
    }
  })
})
