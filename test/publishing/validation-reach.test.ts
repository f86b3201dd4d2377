/**
 * Publishing validates a description with the vocabulary terms its nodes reach in the data
 * graph, not every stored term: the description's results are those of a validation over the
 * whole vocabulary, and vocabulary nodes it does not reach are no longer validated with it.
 */
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isServiceNodePredicate } from '../../src/catalog/index.js'
import { openEngine } from '../../src/engine.js'
import type { Engine } from '../../src/engine.js'
import { builtinFiles } from '../../src/project.js'
import { parseDescription } from '../../src/publishing/index.js'
import { readRdfFile } from '../../src/rdf/index.js'
import { compileShapes } from '../../src/shacl/index.js'
import type { ShaclReport } from '../../src/shacl/index.js'
import type { SymphonyError } from '../../src/errors.js'

const sym = 'https://w3id.org/symphony/ontology#'
const acme = 'https://example.org/acme#'
const vocabularyFile = fileURLToPath(new URL('../fixtures/publishing/validation-reach/vocabulary.ttl', import.meta.url))
const pbxFile = fileURLToPath(new URL('../fixtures/api/acme-pbx.ttl', import.meta.url))

describe('publishing validation over the vocabulary the description reaches', () => {
  let engine: Engine
  let pbx: string
  beforeAll(async () => {
    engine = await openEngine({ dataFiles: [vocabularyFile] })
    pbx = (await readFile(pbxFile, 'utf8')).replace('@prefix ex:', '@prefix v: <https://example.org/vocab#> .\n@prefix ex:')
  })
  afterAll(async () => { await engine.close() })

  const described = async (text: string) => parseDescription(text, 'text/turtle', 'https://example.org/acme/')
  const results = (report: ShaclReport) => report.results.map(r => [r.focusNode, r.path, r.value, r.message])

  /** The validation publishing made before: the description with every stored vocabulary term. */
  const overEveryTerm = async (text: string): Promise<ShaclReport> => {
    const catalog = await engine.catalog()
    const vocabulary = await engine.vocabulary()
    const serviceNodes = new Set(vocabulary.filter(q => isServiceNodePredicate(q.predicate.value)).map(q => q.object.value))
    const terms = vocabulary.filter(q => q.subject.termType === 'NamedNode' && !catalog.services.has(q.subject.value) && !serviceNodes.has(q.subject.value))
    return compileShapes(await readRdfFile(builtinFiles.publishingShapes)).validate([...await described(text), ...terms])
  }

  it('reports a violation in the description with its node, path and value, as over every term', async () => {
    const text = pbx.replace('a sym:VirtualPBX', 'a v:HostedPBX').replace('sym:dataLocation "DE"', 'sym:dataLocation "Germany"')
    const report = await engine.validateDescription(await described(text))
    const message = 'State every country where customer data is stored or processed with sym:dataLocation, as ISO 3166-1 alpha-2 code in upper case, e.g. sym:dataLocation "DE" , "AT".'
    expect(results(report)).toEqual([[`${acme}CloudPBX`, `${sym}dataLocation`, 'Germany', message]])
    // Over every term, the template no description names was a violation of every publication.
    const before = await overEveryTerm(text)
    expect(results(before)).toEqual([
      [`${acme}CloudPBX`, `${sym}dataLocation`, 'Germany', message],
      ['https://example.org/vocab#Template', `${sym}orderEndpoint`, undefined, expect.stringMatching(/^State exactly one sym:orderEndpoint/)]
    ])
    await expect(engine.publish({ provider: `${acme}Acme`, name: 'pbx', mediaType: 'text/turtle', text }, { actor: `${acme}Acme`, dryRun: true }))
      .rejects.toMatchObject({ code: 'NOT_CONFORMING', location: { node: `${acme}CloudPBX`, path: `${sym}dataLocation` } })
  })

  it('accepts terms the vocabulary defines two steps away: a service type below sym:Service, a certification', async () => {
    const text = pbx.replace('a sym:VirtualPBX', 'a v:HostedPBX').replace('sym:offersDPA true', 'sym:offersDPA true ; sym:certification v:InHouseAudit')
    expect(await engine.validateDescription(await described(text))).toEqual({ conforms: true, results: [] })
    const outcome = await engine.publish({ provider: `${acme}Acme`, name: 'pbx', mediaType: 'text/turtle', text }, { actor: `${acme}Acme`, dryRun: true })
    expect([outcome.status, outcome.services]).toEqual(['dry-run', [`${acme}CloudPBX`]])
  })

  it('refuses a vocabulary term the description uses but the vocabulary defines wrongly, as before', async () => {
    const cases = [
      { change: ['a sym:VirtualPBX', 'a v:Headset'], path: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type', value: undefined, message: /^State at least one service type/ },
      { change: ['sym:offersDPA true', 'sym:offersDPA true ; sym:certification v:Brochure'], path: `${sym}certification`, value: 'https://example.org/vocab#Brochure', message: /^sym:certification values must be certifications/ }
    ] as const
    for (const { change, path, value, message } of cases) {
      const text = pbx.replace(change[0], change[1])
      const expected = [[`${acme}CloudPBX`, path, value, expect.stringMatching(message)]]
      expect(results(await engine.validateDescription(await described(text)))).toEqual(expected)
      expect(results(await overEveryTerm(text)).filter(r => r[0] !== 'https://example.org/vocab#Template')).toEqual(expected)
      const refusal = await engine.publish({ provider: `${acme}Acme`, name: 'pbx', mediaType: 'text/turtle', text }, { actor: `${acme}Acme`, dryRun: true })
        .then(() => undefined, (error: SymphonyError) => error)
      expect([refusal?.code, refusal?.location]).toEqual(['NOT_CONFORMING', { node: `${acme}CloudPBX`, path }])
    }
  })
})
