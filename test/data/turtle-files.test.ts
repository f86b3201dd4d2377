/**
 * Data tests: every Turtle file of the vocabulary, the shapes and the examples parses, and every
 * `sym:` IRI that the shapes and examples use is defined by the ontology (is the subject of some
 * triple in `ontology/`), so that a typo cannot silently introduce an unknown term.
 */
import { readFileSync, readdirSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Parser } from 'n3'
import type { Quad } from 'n3'
import { describe, it, expect } from 'vitest'

const root = fileURLToPath(new URL('../..', import.meta.url))
const SYM = 'https://w3id.org/symphony/ontology#'

function turtleFiles (folder: string): string[] {
  return readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })
    .filter(name => name.endsWith('.ttl'))
    .map(name => join(root, folder, name))
    .sort()
}

function parse (file: string): Quad[] {
  return new Parser({ baseIRI: `file://${file}` }).parse(readFileSync(file, 'utf8'))
}

/** Parses a file, or returns the parser's message prefixed with the file's path. */
function tryParse (file: string): { quads: Quad[] } | { error: string } {
  try {
    return { quads: parse(file) }
  } catch (error) {
    return { error: `${relative(root, file)}: ${(error as Error).message}` }
  }
}

function symIrisIn (quads: readonly Quad[]): Set<string> {
  const iris = new Set<string>()
  for (const quad of quads) {
    for (const term of [quad.subject, quad.predicate, quad.object]) {
      if (term.termType === 'NamedNode' && term.value.startsWith(SYM)) iris.add(term.value)
    }
  }
  return iris
}

const folders = ['ontology', 'shapes', 'examples'] as const
const files = Object.fromEntries(folders.map(folder => [folder, turtleFiles(folder)])) as Record<typeof folders[number], string[]>

describe('Turtle data files', () => {
  it('finds the ontology modules, the shape sets and the example catalog', () => {
    const names = (folder: typeof folders[number]) => files[folder].map(file => relative(join(root, folder), file))
    expect(names('ontology')).toEqual(['commerce.ttl', 'compliance.ttl', 'configuration.ttl', 'core.ttl', 'interface-types.ttl', 'provisioning.ttl', 'service-types.ttl'])
    expect(names('shapes')).toEqual(expect.arrayContaining(['ontology-lint.ttl', 'service-description.ttl', 'configuration/virtual-pbx.ttl']))
    expect(names('examples')).toEqual(expect.arrayContaining(['catalog/telvana.ttl', 'catalog/kundenwerk.ttl']))
  })

  it.each(folders.flatMap(folder => files[folder]).map(file => [relative(root, file), file]))('%s parses', (_name, file) => {
    const result = tryParse(file)
    expect('error' in result ? result.error : undefined).toBeUndefined()
  })

  it('every sym: IRI used in shapes/ and examples/ is defined in ontology/', () => {
    const defined = new Set<string>()
    for (const file of files.ontology) {
      const result = tryParse(file)
      if ('quads' in result) {
        for (const quad of result.quads) {
          if (quad.subject.termType === 'NamedNode') defined.add(quad.subject.value)
        }
      }
    }

    const undefinedIris: string[] = []
    for (const file of [...files.shapes, ...files.examples]) {
      const result = tryParse(file)
      if (!('quads' in result)) continue
      for (const iri of symIrisIn(result.quads)) {
        if (!defined.has(iri)) undefinedIris.push(`${relative(root, file)}: ${iri}`)
      }
    }

    expect(undefinedIris).toEqual([])
  })

  it('every sym: IRI in examples/requests/*.json is defined in ontology/', () => {
    const defined = new Set(files.ontology.flatMap(file => parse(file)).map(quad => quad.subject.value))
    const requests = readdirSync(join(root, 'examples/requests')).filter(name => name.endsWith('.json')).sort()
    expect(requests).toEqual(expect.arrayContaining(['compose-pbx-crm-acd-archiving-eu.json', 'discover-crm-for-pbx.json']))

    const undefinedIris: string[] = []
    for (const name of requests) {
      const text = readFileSync(join(root, 'examples/requests', name), 'utf8')
      for (const iri of text.match(/https:\/\/w3id\.org\/symphony\/ontology#[A-Za-z0-9_]+/g) ?? []) {
        if (!defined.has(iri)) undefinedIris.push(`examples/requests/${name}: ${iri}`)
      }
    }
    expect(undefinedIris).toEqual([])
  })
})
