/** The ontology passes its own lint shapes; every example service passes the publishing shapes. */
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { listTurtleFiles, parseRdf, readRdfFile } from '../../src/rdf/index.js'
import { builtinFiles, builtinFolders } from '../../src/project.js'
import { validateShacl } from '../../src/shacl/index.js'

const readAll = async (files: readonly string[]) => (await Promise.all(files.map(file => readRdfFile(file)))).flat()

describe('data conformance', () => {
  it('the ontology passes shapes/ontology-lint.ttl', async () => {
    const ontology = await readAll(await listTurtleFiles(builtinFolders.ontology))
    const lint = await readRdfFile(join(builtinFolders.shapes, 'ontology-lint.ttl'))
    const report = await validateShacl(ontology, lint)
    expect(report.results.map(r => `${r.focusNode} ${r.path ?? ''}: ${r.message}`)).toEqual([])
  }, 120_000)

  it('every example service passes shapes/service-description.ttl', async () => {
    const ontology = await readAll(await listTurtleFiles(builtinFolders.ontology))
    const shapes = await readRdfFile(builtinFiles.publishingShapes)
    for (const file of await listTurtleFiles(builtinFolders.examples)) {
      const report = await validateShacl([...await readRdfFile(file), ...ontology], shapes)
      expect({ file, results: report.results.map(r => `${r.focusNode} ${r.path ?? ''}: ${r.message}`) }).toEqual({ file, results: [] })
    }
  }, 120_000)

  it('the lint shapes catch a class without a German label and a dangling superclass', async () => {
    const lint = await readRdfFile(join(builtinFolders.shapes, 'ontology-lint.ttl'))
    const broken = await parseRdf(`
      @prefix sym: <https://w3id.org/symphony/ontology#> . @prefix owl: <http://www.w3.org/2002/07/owl#> .
      @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
      sym:Broken a owl:Class ; rdfs:label "Broken"@en ; rdfs:comment "A broken class."@en ; rdfs:subClassOf sym:Missing .`, { format: 'turtle' })
    const report = await validateShacl(broken, lint)
    expect(report.results.map(r => [r.value, r.message])).toEqual([
      ['https://w3id.org/symphony/ontology#Broken', 'This sym: term has no German label: add rdfs:label "…"@de.'],
      ['https://w3id.org/symphony/ontology#Missing', '<https://w3id.org/symphony/ontology#Broken> refers to <https://w3id.org/symphony/ontology#Missing> ' +
        '(via <http://www.w3.org/2000/01/rdf-schema#subClassOf>), which is not declared: declare that IRI as owl:Class with labels and a comment, or fix the name.']
    ])
  })
})
