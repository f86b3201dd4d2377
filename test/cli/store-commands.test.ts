import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Parser } from 'n3'
import { runCli, temporaryFolder } from './run-cli.js'

const good = `@prefix ex: <https://example.org/cli#> .
@prefix sym: <https://w3id.org/symphony/ontology#> .
ex:S1 a sym:Service ; sym:provides [ a ex:Price ] .
`

describe('symphony import / export / query', () => {
  let folder: { path: string, remove: () => Promise<void> }
  let dataDir: string
  beforeEach(async () => {
    folder = await temporaryFolder()
    dataDir = join(folder.path, 'data')
    await writeFile(join(folder.path, 'good.ttl'), good)
    await writeFile(join(folder.path, 'bad-prefix.ttl'), `${good}ex:S2 a zz:Service .\n`)
    await writeFile(join(folder.path, 'bad-syntax.nt'), '<https://example.org/a> <https://example.org/b> .\n')
    await writeFile(join(folder.path, 'catalog.csv'), 'a,b\n')
  })
  afterEach(() => folder.remove())

  const exported = async () => {
    const { code, stdout } = await runCli(['export', '--data-dir', dataDir, '--format', 'n-triples'])
    expect(code).toBe(0)
    return new Parser({ format: 'N-Triples' }).parse(stdout).map(q => `${q.subject.termType}:${q.predicate.value}`).sort()
  }

  it('says what it imported and which catalog answers in English, in German with --lang de or a German locale', async () => {
    expect(await runCli(['import', 'good.ttl', '--data-dir', dataDir, '--lang', 'de'], { cwd: folder.path }))
      .toEqual({ code: 0, stdout: '', stderr: '1 Datei(en) importiert, 3 Tripel\n' })
    await writeFile(join(folder.path, 'other.ttl'), good.replace('ex:S1', 'ex:S3'))
    expect((await runCli(['import', 'other.ttl', '--data-dir', dataDir], { cwd: folder.path })).stderr).toBe('imported 1 file(s), 3 triples\n')
    const ask = 'ASK { <https://example.org/cli#S3> ?p ?o }'
    expect((await runCli(['query', ask, '--data-dir', 'data'], { cwd: folder.path })).stderr).toBe('catalog: ./data (2 catalog graphs)\n')
    expect((await runCli(['query', ask, '--data-dir', 'data'], { cwd: folder.path, env: { LANG: 'de_DE.UTF-8' } })).stderr).toBe('Katalog: ./data (2 Katalog-Graphen)\n')
    expect((await runCli(['query', ask, '--data-dir', '/nonexistent/symphony-data', '--lang', 'de'])).stderr).toBe('Katalog: Beispiele (noch kein /nonexistent/symphony-data)\n')
  })

  it('imports a file durably and exports it', async () => {
    expect(await runCli(['import', 'good.ttl', '--data-dir', dataDir], { cwd: folder.path }))
      .toEqual({ code: 0, stdout: '', stderr: 'imported 1 file(s), 3 triples\n' })
    // The unnamed interface is named after its service and type.
    expect(await exported()).toEqual([
      'NamedNode:http://www.w3.org/1999/02/22-rdf-syntax-ns#type',
      'NamedNode:http://www.w3.org/1999/02/22-rdf-syntax-ns#type',
      'NamedNode:https://w3id.org/symphony/ontology#provides'
    ])
  })

  it('rejects an unknown prefix with file and line, and changes nothing', async () => {
    await runCli(['import', 'good.ttl', '--data-dir', dataDir], { cwd: folder.path })
    const before = await exported()
    const run = await runCli(['import', 'good.ttl', 'bad-prefix.ttl', '--data-dir', dataDir], { cwd: folder.path })
    expect(run.code).toBe(2)
    expect(run.stderr).toBe(`symphony: ${join(folder.path, 'bad-prefix.ttl')}:4: undefined prefix "zz" — declare it with @prefix before its first use\n`)
    expect(await exported()).toEqual(before)
  })

  it('rejects a syntax error with file and line', async () => {
    const run = await runCli(['import', 'bad-syntax.nt', '--data-dir', dataDir], { cwd: folder.path })
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(new RegExp(`^symphony: ${join(folder.path, 'bad-syntax.nt')}:1: .+\\(N-Triples\\)\\n$`))
  })

  it('rejects a file whose extension names no RDF format', async () => {
    const run = await runCli(['import', 'catalog.csv', '--data-dir', dataDir], { cwd: folder.path })
    expect(run.code).toBe(2)
    expect(run.stderr).toBe(`symphony: ${join(folder.path, 'catalog.csv')}: cannot tell the RDF format from the extension ".csv"; use one of .ttl, .turtle, .trig, .nt, .nq, .jsonld, .json, .rdf, .owl, .xml\n`)
  })

  it('answers SPARQL over --data files', async () => {
    const run = await runCli(['query', 'SELECT ?s WHERE { ?s a <https://w3id.org/symphony/ontology#Service> }', '--data', 'good.ttl'], { cwd: folder.path })
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout)).toEqual({ variables: ['s'], rows: [{ s: 'https://example.org/cli#S1' }] })
  })

  it('explains unknown commands and options', async () => {
    const unknown = await runCli(['frobnicate'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr.split('\n')[0]).toBe('symphony: unknown command "frobnicate"')
    const option = await runCli(['export', '--colour'])
    expect(option.code).toBe(2)
    expect(option.stderr).toBe('symphony: unknown option --colour (see symphony export --help)\n')
  })
})
