import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Quad } from '@rdfjs/types'
import { DataFactory } from 'n3'
import { describe, expect, it } from 'vitest'
import { referenceRequestQuads, referenceRequestsIn, referenceRequestTerms } from '../../src/publishing/index.js'
import { terms } from '../../src/rdf/index.js'

const { namedNode, literal, quad } = DataFactory
const folder = join(import.meta.dirname, '..', '..', 'examples', 'requests')

describe('the reference requests of a vocabulary', () => {
  it('are found in slices with turns between them, the same requests, sorted by node', async () => {
    const requests = await referenceRequestQuads(folder, 'https://example.org/requests#')
    // A large vocabulary around them: 120,000 quads of terms, then a request whose text is no
    // JSON and a typed node without a text (both skipped).
    const filler: Quad[] = []
    for (let i = 0; i < 120_000; i++) filler.push(quad(namedNode(`https://example.org/terms#C${i}`), namedNode(terms.type), namedNode(`${'http://www.w3.org/2002/07/owl#'}Class`)) as Quad)
    const broken = namedNode('https://example.org/requests#broken')
    const untold = namedNode('https://example.org/requests#untold')
    const vocabulary = [
      ...filler.slice(0, 60_000), ...requests, ...filler.slice(60_000),
      quad(broken, namedNode(terms.type), namedNode(referenceRequestTerms.ReferenceRequest)) as Quad,
      quad(broken, namedNode(referenceRequestTerms.compositionRequest), literal('{ not json')) as Quad,
      quad(untold, namedNode(terms.type), namedNode(referenceRequestTerms.ReferenceRequest)) as Quad
    ]
    let turns = 0
    let counting = true
    const count = (): void => { if (counting) { turns++; setImmediate(count) } }
    setImmediate(count)
    let found
    try {
      found = await referenceRequestsIn(vocabulary)
    } finally {
      counting = false
    }
    // 120,000 and more quads are three slices of 50,000: the event loop turned between them.
    expect(turns).toBeGreaterThanOrEqual(2)
    const names = [
      'compose-law-firm-dataflow', 'compose-law-firm-professional-secrecy', 'compose-no-bundle-within-budget',
      'compose-pbx-crm-acd-archiving-eu', 'compose-pbx-crm-archiving-eu', 'compose-pbx-crm-via-cti-adapter'
    ]
    const expected = await Promise.all(names.map(async name => ({
      name: `https://example.org/requests#${name}`, request: JSON.parse(await readFile(join(folder, `${name}.json`), 'utf8')) as unknown
    })))
    expect(found).toEqual(expected)
  })
})
