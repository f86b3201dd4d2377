/**
 * Publishing a service typed with a provider's own class that is equivalent to a service type:
 * validated with the hierarchy the reasoner derives, the entailed subclass triples stored nowhere.
 */
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { acme, acmeToken, descriptionPath, openTestApp } from './helpers.js'
import type { TestApp } from './helpers.js'
import { temporaryFolder } from '../cli/run-cli.js'

const fixtures = fileURLToPath(new URL('../fixtures/publishing/foreign-classes/', import.meta.url))
const asAcme = { 'content-type': 'text/turtle', authorization: `Bearer ${acmeToken}` }
const service = 'https://example.org/acme#DeskService'
const declaration = /^ex:CustomerDesk a owl:Class .*\n/m
const entailed = '<https://example.org/acme#CustomerDesk> <http://www.w3.org/2000/01/rdf-schema#subClassOf> <https://w3id.org/symphony/ontology#CRM>'

const withoutProvider = (turtle: string): string => turtle.replace('    schema:provider ex:Acme ;\n', '')

describe('publishing a service typed with an equivalent class', () => {
  let t: TestApp
  let folder: { path: string, remove: () => Promise<void> }
  beforeAll(async () => {
    folder = await temporaryFolder()
    // The operator's vocabulary states the equivalence from our side; the description only types its service.
    await writeFile(join(folder.path, 'vocabulary.ttl'), '@prefix owl: <http://www.w3.org/2002/07/owl#> .\n' +
      '<https://w3id.org/symphony/ontology#CRM> owl:equivalentClass <https://example.org/acme#CustomerDesk> .\n')
    t = await openTestApp({ dataFiles: [join(folder.path, 'vocabulary.ttl')] })
  })
  afterAll(async () => { await t.close(); await folder.remove() })

  const put = (name: string, payload: string) => t.app.inject({ method: 'PUT', url: descriptionPath(acme, name), headers: asAcme, payload })
  const fixture = (name: string) => readFile(join(fixtures, `${name}.ttl`), 'utf8')

  it('refuses one without a provider exactly as its subclass-typed twin', async () => {
    const twin = await put('desk', withoutProvider(await fixture('subclass')))
    expect(twin.statusCode).toBe(422)
    expect(twin.json()).toMatchObject({ code: 'NOT_CONFORMING', node: service, path: 'https://schema.org/provider' })
    for (const name of ['equivalent', 'chain']) {
      const refused = await put('desk', withoutProvider(await fixture(name)))
      expect([refused.statusCode, refused.json().report]).toEqual([422, twin.json().report])
    }
    const typedOnly = await put('desk', withoutProvider((await fixture('equivalent')).replace(declaration, '')))
    expect([typedOnly.statusCode, typedOnly.json().report]).toEqual([422, twin.json().report])
  })

  it('publishes one whose class is equivalent in the description, through a chain, or in the vocabulary, storing no entailed triple', async () => {
    // Each replaces the one before under the same name
    const answers = []
    for (const turtle of [await fixture('equivalent'), await fixture('chain'), (await fixture('equivalent')).replace(declaration, '')]) {
      answers.push((await put('desk', turtle)).statusCode)
    }
    expect(answers).toEqual([201, 201, 201])
    expect((await t.engine.catalog()).services.has(service)).toBe(true)
    expect(await t.engine.export('n-triples')).not.toContain(entailed)
    expect((await t.engine.store.quads()).filter(q => q.predicate.value === 'http://www.w3.org/2000/01/rdf-schema#subClassOf' && q.subject.value === 'https://example.org/acme#CustomerDesk')).toEqual([])
  })
})
