import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { Parser } from 'n3'
import { listTurtleFiles } from '../../src/rdf/index.js'
import { builtinFolders } from '../../src/project.js'
import { runCli, temporaryFolder } from './run-cli.js'

const foreignClasses = fileURLToPath(new URL('../fixtures/publishing/foreign-classes/', import.meta.url))

describe('symphony validate', () => {
  it('accepts every example description', async () => {
    const files = await listTurtleFiles(builtinFolders.examples)
    const run = await runCli(['validate', ...files, '--format', 'text'])
    expect(run.stdout).toBe(files.map(file => `${file}: conforms\n`).join(''))
    expect(run.code).toBe(0)
  })

  it('reports a missing provider with line, node, path and how to fix it, and exits 1', async () => {
    const folder = await temporaryFolder()
    const original = await readFile(join(builtinFolders.examples, 'telvana.ttl'), 'utf8')
    const firstProvider = original.indexOf('schema:provider')
    const broken = original.slice(0, firstProvider) + original.slice(original.indexOf(';', firstProvider) + 1)
    await writeFile(join(folder.path, 'broken.ttl'), broken)
    const line = broken.slice(0, broken.indexOf('telvana:CloudPBX a')).split('\n').length

    const text = await runCli(['validate', 'broken.ttl', '--format', 'text'], { cwd: folder.path })
    expect(text.code).toBe(1)
    expect(text.stdout).toBe(`broken.ttl:${line}: violation: https://example.org/telvana#CloudPBX https://schema.org/provider: ` +
      'Name exactly one provider with schema:provider: the IRI of your organisation, described as `a schema:Organization ; schema:name "…"`.\n' +
      'broken.ttl: 1 problem\n')
    // In German: the shape's German message and the words around it
    const german = await runCli(['validate', 'broken.ttl', '--format', 'text', '--lang', 'de'], { cwd: folder.path })
    expect([german.code, german.stdout]).toEqual([1, `broken.ttl:${line}: Verstoß: https://example.org/telvana#CloudPBX https://schema.org/provider: ` +
      'Nennen Sie genau einen Anbieter mit schema:provider: die IRI Ihrer Organisation, beschrieben als `a schema:Organization ; schema:name "…"`.\n' +
      'broken.ttl: 1 Problem\n'])
    const conforming = await runCli(['validate', join(builtinFolders.examples, 'telvana.ttl'), '--format', 'text', '--lang', 'de'])
    expect(conforming.stdout).toBe(`${join(builtinFolders.examples, 'telvana.ttl')}: konform\n`)

    const json = await runCli(['validate', 'broken.ttl'], { cwd: folder.path })
    expect(json.code).toBe(1)
    expect(JSON.parse(json.stdout)).toMatchObject({
      file: 'broken.ttl',
      conforms: false,
      results: [{ focusNode: 'https://example.org/telvana#CloudPBX', path: 'https://schema.org/provider', severity: 'Violation', line }]
    })
    await folder.remove()
  })

  it('names a blank node at fault through the service that leads to it', async () => {
    const folder = await temporaryFolder()
    await writeFile(join(folder.path, 'untyped.ttl'), (await readFile(join(builtinFolders.examples, 'telvana.ttl'), 'utf8'))
      .replace('schema:price 19.00', 'schema:price -19.00'))
    const run = await runCli(['validate', 'untyped.ttl'], { cwd: folder.path })
    expect(run.code).toBe(1)
    const [result] = JSON.parse(run.stdout).results
    expect(result).toMatchObject({ path: 'https://schema.org/price', value: '-19.00', via: { node: 'https://example.org/telvana#CloudPBX', property: 'https://schema.org/offers' } })
    await folder.remove()
  })

  it('prints a value that breaks two constraints of one property as one problem in the text answer', async () => {
    const folder = await temporaryFolder()
    const original = await readFile(join(builtinFolders.examples, 'telvana.ttl'), 'utf8')
    await writeFile(join(folder.path, 'price.ttl'), original.replace('schema:price 19.00', 'schema:price "zehn"'))
    const json = await runCli(['validate', 'price.ttl'], { cwd: folder.path })
    // The report keeps both results (datatype and minimum), as SHACL gives them
    expect(JSON.parse(json.stdout).results.map((r: { constraint: string }) => r.constraint).sort())
      .toEqual(['http://www.w3.org/ns/shacl#DatatypeConstraintComponent', 'http://www.w3.org/ns/shacl#MinInclusiveConstraintComponent'])
    const text = await runCli(['validate', 'price.ttl', '--format', 'text'], { cwd: folder.path })
    const lines = text.stdout.trimEnd().split('\n')
    expect(lines).toHaveLength(2)
    expect(lines[0]).toMatch(/^price\.ttl:\d+: violation: https:\/\/example\.org\/telvana#CloudPBX https:\/\/schema\.org\/offers \[_:[^\]]+\] https:\/\/schema\.org\/price: State exactly one schema:price as a non-negative decimal .* \(value: zehn\)$/)
    expect(lines[1]).toBe('price.ttl: 1 problem')
    await folder.remove()
  })

  it('accepts rdfs:label as the service and provider name, and still asks for a name when both are missing', async () => {
    const folder = await temporaryFolder()
    const original = await readFile(join(builtinFolders.examples, 'telvana.ttl'), 'utf8')
    await writeFile(join(folder.path, 'labelled.ttl'), '@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n' + original.replaceAll('schema:name', 'rdfs:label'))
    const labelled = await runCli(['validate', 'labelled.ttl', '--format', 'text'], { cwd: folder.path })
    expect(labelled.stdout).toBe('labelled.ttl: conforms\n')
    expect(labelled.code).toBe(0)

    // Dropping every name statement of the service: the one message names both properties.
    const unnamed = original.replace(/(telvana:CloudPBX a[^.]*?)schema:name[^;]*;/s, '$1')
    await writeFile(join(folder.path, 'unnamed.ttl'), unnamed)
    const run = await runCli(['validate', 'unnamed.ttl'], { cwd: folder.path })
    expect(run.code).toBe(1)
    const results = JSON.parse(run.stdout).results as Array<{ focusNode: string, message: string }>
    expect(results.map(result => [result.focusNode, result.message])).toEqual([[
      'https://example.org/telvana#CloudPBX',
      'Give the service a name with schema:name (or rdfs:label), one per language, e.g. schema:name "ACME Cloud PBX"@en , "ACME Cloud-Telefonanlage"@de.'
    ]])
    await folder.remove()
  })

  it('prints the standard sh:ValidationReport graph with --report, per file, with the file as its source', async () => {
    const folder = await temporaryFolder()
    const original = await readFile(join(builtinFolders.examples, 'telvana.ttl'), 'utf8')
    await writeFile(join(folder.path, 'negative.ttl'), original.replace('schema:price 19.00', 'schema:price -19.00'))
    await writeFile(join(folder.path, 'fine.ttl'), original)
    const run = await runCli(['validate', 'negative.ttl', 'fine.ttl', '--report', 'ttl', '--lang', 'de'], { cwd: folder.path })
    expect(run.code).toBe(1)
    const quads = new Parser().parse(run.stdout)
    const sh = 'http://www.w3.org/ns/shacl#'
    const objects = (subject: string, predicate: string): string[] => quads.filter(q => q.subject.value === subject && q.predicate.value === predicate).map(q => q.object.value)
    const reports = quads.filter(q => q.object.value === `${sh}ValidationReport`).map(q => q.subject.value)
    const bySource = new Map(reports.map(report => [objects(report, 'http://purl.org/dc/terms/source')[0], report]))
    const negative = bySource.get(pathToFileURL(join(folder.path, 'negative.ttl')).href)!
    const fine = bySource.get(pathToFileURL(join(folder.path, 'fine.ttl')).href)!
    expect(objects(fine, `${sh}conforms`)).toEqual(['true'])
    expect(objects(fine, `${sh}result`)).toEqual([])
    expect(objects(negative, `${sh}conforms`)).toEqual(['false'])
    const [result] = objects(negative, `${sh}result`)
    expect(objects(result!, `${sh}resultPath`)).toEqual(['https://schema.org/price'])
    expect(objects(result!, `${sh}resultSeverity`)).toEqual([`${sh}Violation`])
    // The value keeps its datatype; the message is in the language asked for.
    const value = quads.find(q => q.subject.value === result && q.predicate.value === `${sh}value`)!.object
    expect([value.value, value.termType === 'Literal' ? value.datatype.value : '']).toEqual(['-19.00', 'http://www.w3.org/2001/XMLSchema#decimal'])
    const messages = quads.filter(q => q.subject.value === result && q.predicate.value === `${sh}resultMessage`).map(q => q.object)
    expect(messages.some(m => m.termType === 'Literal' && m.language === 'de')).toBe(true)

    const wrong = await runCli(['validate', 'fine.ttl', '--report', 'rdfxml'], { cwd: folder.path })
    expect(wrong.code).toBe(2)
    expect(wrong.stderr).toMatch(/--report rdfxml is not a report format; use turtle \(ttl\), json-ld or n-triples/)
    await folder.remove()
  })
  it('gives the line of a node written as an IRI relative to the file', async () => {
    const folder = await temporaryFolder()
    await writeFile(join(folder.path, 'relative.ttl'), [
      '@prefix sym: <https://w3id.org/symphony/ontology#> .',
      '@prefix schema: <https://schema.org/> .',
      '',
      '<#Dienst> a sym:CRM ; schema:name "Dienst"@de ; sym:offersDPA true .'
    ].join('\n'))
    const run = await runCli(['validate', 'relative.ttl'], { cwd: folder.path })
    const results = JSON.parse(run.stdout).results as Array<{ focusNode: string, line?: number, path: string }>
    const node = `${pathToFileURL(join(folder.path, 'relative.ttl')).href}#Dienst`
    // What the description lacks, each at the line of its node (the order of results is the validator's)
    expect(results.map(r => [r.focusNode, r.line, r.path]).sort()).toEqual([
      [node, 4, 'https://schema.org/offers'],
      [node, 4, 'https://schema.org/provider'],
      [node, 4, 'https://w3id.org/symphony/ontology#dataLocation'],
      [node, 4, 'https://w3id.org/symphony/ontology#provides']
    ])
    await folder.remove()
  })

  it('asks for an IRI for a service stated as a blank node, in English and German', async () => {
    const folder = await temporaryFolder()
    const original = await readFile(join(builtinFolders.examples, 'telvana.ttl'), 'utf8')
    await writeFile(join(folder.path, 'blank.ttl'), original.replace('telvana:CloudPBX a', '[] a'))
    const run = await runCli(['validate', 'blank.ttl'], { cwd: folder.path })
    expect(run.code).toBe(1)
    const results = JSON.parse(run.stdout).results as Array<{ focusNode: string, constraint: string, message: string }>
    expect(results.filter(r => r.constraint === 'http://www.w3.org/ns/shacl#NodeKindConstraintComponent').map(r => [r.focusNode.startsWith('_:'), r.message])).toEqual([[true,
      'Give the service an IRI of your own instead of a blank node (`ex:MyService a sym:VirtualPBX`, not `[] a sym:VirtualPBX`): matches, bundles, orders and invoices refer to it by its IRI.']])
    const german = await runCli(['validate', 'blank.ttl', '--lang', 'de'], { cwd: folder.path })
    expect((JSON.parse(german.stdout).results as Array<{ constraint: string, message: string }>).filter(r => r.constraint.endsWith('#NodeKindConstraintComponent')).map(r => r.message)).toEqual([
      'Geben Sie dem Dienst eine eigene IRI statt eines leeren Knotens (`ex:MyService a sym:VirtualPBX`, nicht `[] a sym:VirtualPBX`): Treffer, Bündel, Bestellungen und Rechnungen verweisen über die IRI auf ihn.'])
    await folder.remove()
  })
  it('takes a class equivalent to a service type (either way, or through a chain) as the subclass it entails', async () => {
    const folder = await temporaryFolder()
    const cases = ['subclass', 'equivalent', 'equivalent-reversed', 'chain']
    const conforming = await runCli(['validate', ...cases.map(name => join(foreignClasses, `${name}.ttl`)), '--format', 'text'])
    expect([conforming.code, conforming.stdout]).toEqual([0, cases.map(name => `${join(foreignClasses, `${name}.ttl`)}: conforms\n`).join('')])
    // Without a provider, each is refused exactly as its subclass-typed twin: no "state a service type" besides
    for (const name of cases) {
      const text = (await readFile(join(foreignClasses, `${name}.ttl`), 'utf8')).replace('    schema:provider ex:Acme ;\n', '')
      await writeFile(join(folder.path, `${name}.ttl`), text)
    }
    const line = 11
    const message = 'Name exactly one provider with schema:provider: the IRI of your organisation, described as `a schema:Organization ; schema:name "…"`.'
    const refused = await runCli(['validate', ...cases.map(name => `${name}.ttl`), '--format', 'text'], { cwd: folder.path })
    expect([refused.code, refused.stdout]).toEqual([1, cases.map(name =>
      `${name}.ttl:${line}: violation: https://example.org/acme#DeskService https://schema.org/provider: ${message}\n${name}.ttl: 1 problem\n`).join('')])
    const json = await runCli(['validate', ...cases.map(name => `${name}.ttl`)], { cwd: folder.path })
    const reports = JSON.parse(json.stdout) as Array<{ file: string, conforms: boolean, results: Array<{ focusNode: string, path: string, message: string, line: number }> }>
    expect(reports.map(r => [r.file, r.conforms, r.results.map(x => [x.focusNode, x.path, x.message, x.line])])).toEqual(cases.map(name =>
      [`${name}.ttl`, false, [['https://example.org/acme#DeskService', 'https://schema.org/provider', message, line]]]))
    await folder.remove()
  })
  it('gives a blank node no named node reaches the line where it is first written, in Turtle, TriG and N-Triples', async () => {
    const folder = await temporaryFolder()
    const prefixes = '@prefix sym: <https://w3id.org/symphony/ontology#> .\n@prefix schema: <https://schema.org/> .\n'
    const statements = '[] a sym:CRM ;\n    schema:name "Blank"@en .\n\n_:x\n    a sym:HttpProvisioning ;\n    schema:name "x" .\n'
    const sym = 'https://w3id.org/symphony/ontology#'
    await writeFile(join(folder.path, 'blank.ttl'), `${prefixes}\n${statements}`)
    await writeFile(join(folder.path, 'blank.trig'), `${prefixes}<https://example.org/g> {\n${statements}}\n`)
    await writeFile(join(folder.path, 'blank.nt'), [
      '# a service and a provisioning, neither with an IRI',
      `_:s <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <${sym}CRM> .`,
      '_:s <https://schema.org/name> "Blank"@en .',
      '',
      `_:x <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <${sym}HttpProvisioning> .`
    ].join('\n') + '\n')
    const linesOf = async (file: string) => {
      const run = await runCli(['validate', file], { cwd: folder.path })
      const results = JSON.parse(run.stdout).results as Array<{ path?: string, line?: number }>
      return Object.fromEntries(results.filter(r => r.path === 'https://schema.org/provider' || r.path === `${sym}orderEndpoint`).map(r => [r.path, r.line]))
    }
    expect(await linesOf('blank.ttl')).toEqual({ 'https://schema.org/provider': 4, [`${sym}orderEndpoint`]: 7 })
    expect(await linesOf('blank.trig')).toEqual({ 'https://schema.org/provider': 4, [`${sym}orderEndpoint`]: 7 })
    expect(await linesOf('blank.nt')).toEqual({ 'https://schema.org/provider': 2, [`${sym}orderEndpoint`]: 5 })
    const text = await runCli(['validate', 'blank.ttl', '--format', 'text'], { cwd: folder.path })
    expect(text.stdout.split('\n').filter(line => line.includes('#orderEndpoint:')).map(line => line.slice(0, line.indexOf(': ')))).toEqual(['blank.ttl:7'])
    await folder.remove()
  })
})
