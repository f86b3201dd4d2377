import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, inject, it } from 'vitest'
import { Parser } from 'n3'
import { runCli, temporaryFolder } from './run-cli.js'

const virtuoso = inject('virtuoso')

describe.runIf(!('missing' in virtuoso))('symphony on a SPARQL endpoint (Virtuoso)', () => {
  it('imports into the endpoint and exports the same triples back', async () => {
    if ('missing' in virtuoso) return
    const folder = await temporaryFolder()
    const remote = ['--endpoint', virtuoso.queryUrl, '--graph-store', virtuoso.graphStoreUrl]
    await writeFile(join(folder.path, 'remote-cli.ttl'), `@prefix ex: <https://example.org/remote#> .
ex:S a <https://w3id.org/symphony/ontology#Service> ; ex:label "Fax"@de ; ex:provides [ a ex:FaxInterface ] .
`)
    expect((await runCli(['import', 'remote-cli.ttl', ...remote], { cwd: folder.path })).code).toBe(0)
    const { code, stdout } = await runCli(['export', '--format', 'n-triples', ...remote])
    expect(code).toBe(0)
    // Other tests share the endpoint: keep ex:S and the nodes it points to.
    const quads = new Parser({ format: 'N-Triples' }).parse(stdout)
    const own = new Set(quads.filter(q => q.subject.value === 'https://example.org/remote#S').flatMap(q => [q.subject.value, q.object.value]))
    const triples = quads.filter(q => own.has(q.subject.value))
      .map(q => [q.subject.termType, q.predicate.value, q.object.termType === 'BlankNode' ? '_' : q.object.value]).sort()
    expect(triples).toEqual([
      ['BlankNode', 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type', 'https://example.org/remote#FaxInterface'],
      ['NamedNode', 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type', 'https://w3id.org/symphony/ontology#Service'],
      ['NamedNode', 'https://example.org/remote#label', 'Fax'],
      ['NamedNode', 'https://example.org/remote#provides', '_']
    ])
    await folder.remove()
  })

  it('asks for the graph store endpoint when only the query endpoint is given', async () => {
    if ('missing' in virtuoso) return
    const run = await runCli(['export', '--endpoint', virtuoso.queryUrl])
    expect(run).toEqual({ code: 2, stdout: '', stderr: 'symphony: --endpoint needs --graph-store <url> too (the SPARQL 1.1 graph store protocol endpoint, e.g. http://127.0.0.1:8890/sparql-graph-crud)\n' })
  })
})
