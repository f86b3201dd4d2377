/**
 * Data test: every text of the vocabulary and the shapes that a person reads exists in English
 * and in German. The term pages, the console's help texts and the forms show `rdfs:comment`,
 * `rdfs:label` and `skos:prefLabel` of the ontology and `sh:name`, `sh:description` and
 * `sh:message` of the shapes in the language the reader chose; a text without its `@de` (or
 * `@en`) twin falls back to the other language, and an untagged text is never chosen for either.
 */
import { readFileSync, readdirSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Parser } from 'n3'
import { describe, it, expect } from 'vitest'

const root = fileURLToPath(new URL('../..', import.meta.url))
const LANGUAGES = ['en', 'de'] as const

const RDFS = 'http://www.w3.org/2000/01/rdf-schema#'
const SKOS = 'http://www.w3.org/2004/02/skos/core#'
const SH = 'http://www.w3.org/ns/shacl#'

/** The properties whose texts people read, per folder, with the prefixed name used in messages. */
const readTexts = {
  ontology: new Map([[`${RDFS}comment`, 'rdfs:comment'], [`${RDFS}label`, 'rdfs:label'], [`${SKOS}prefLabel`, 'skos:prefLabel']]),
  shapes: new Map([[`${SH}name`, 'sh:name'], [`${SH}description`, 'sh:description'], [`${SH}message`, 'sh:message']])
} as const

const PREFIXES: ReadonlyArray<readonly [string, string]> = [
  ['https://w3id.org/symphony/ontology#', 'sym:'],
  ['https://w3id.org/symphony/shapes#', 'symsh:']
]

function turtleFiles (folder: string): string[] {
  return readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })
    .filter(name => name.endsWith('.ttl'))
    .map(name => join(root, folder, name))
    .sort()
}

/** A subject as a contributor finds it in the file: a CURIE, an IRI, or the blank node's path. */
function subjectName (subject: { termType: string, value: string }, paths: Map<string, string>): string {
  if (subject.termType === 'BlankNode') {
    const path = paths.get(subject.value)
    return path === undefined ? `blank node _:${subject.value}` : `property shape for sh:path ${path}`
  }
  for (const [namespace, prefix] of PREFIXES) {
    if (subject.value.startsWith(namespace)) return prefix + subject.value.slice(namespace.length)
  }
  return `<${subject.value}>`
}

/**
 * The gaps of one file: for each subject and read property, what is missing or doubled, e.g.
 * `ontology/core.ttl: sym:Service rdfs:comment has no @de text`.
 */
function languageGaps (file: string, properties: ReadonlyMap<string, string>): string[] {
  const quads = new Parser({ baseIRI: `file://${file}` }).parse(readFileSync(file, 'utf8'))
  const paths = new Map<string, string>()
  for (const quad of quads) {
    if (quad.predicate.value === `${SH}path` && quad.subject.termType === 'BlankNode') {
      paths.set(quad.subject.value, quad.object.termType === 'NamedNode' ? subjectName(quad.object, paths) : 'a path expression')
    }
  }

  const texts = new Map<string, { subject: string, property: string, languages: string[] }>()
  for (const quad of quads) {
    const property = properties.get(quad.predicate.value)
    if (property === undefined || quad.object.termType !== 'Literal') continue
    const subject = subjectName(quad.subject, paths)
    const key = `${quad.subject.termType}:${quad.subject.value} ${property}`
    const entry = texts.get(key) ?? { subject, property, languages: [] }
    entry.languages.push(quad.object.language)
    texts.set(key, entry)
  }

  const name = relative(root, file)
  const gaps: string[] = []
  for (const { subject, property, languages } of texts.values()) {
    const where = `${name}: ${subject} ${property}`
    for (const language of LANGUAGES) {
      const count = languages.filter(tag => tag === language).length
      if (count === 0) gaps.push(`${where} has no @${language} text; add one`)
      if (count > 1) gaps.push(`${where} has ${count} @${language} texts; keep one`)
    }
    const untagged = languages.filter(tag => tag === '').length
    if (untagged > 0) gaps.push(`${where} has ${untagged} text(s) without a language tag; tag each @en or @de`)
  }
  return gaps.sort()
}

describe('vocabulary texts in English and German', () => {
  it.each(turtleFiles('ontology').map(file => [relative(root, file), file]))(
    '%s: every rdfs:comment, rdfs:label and skos:prefLabel has exactly one @en and one @de text',
    (_name, file) => {
      expect(languageGaps(file, readTexts.ontology)).toEqual([])
    }
  )

  // Every shape text is prose for a person (names, descriptions, how-to-fix messages); none is
  // language-neutral, so every one is held to both languages.
  it.each(turtleFiles('shapes').map(file => [relative(root, file), file]))(
    '%s: every sh:name, sh:description and sh:message has exactly one @en and one @de text',
    (_name, file) => {
      expect(languageGaps(file, readTexts.shapes)).toEqual([])
    }
  )

  it('reports each gap with file, subject and property', () => {
    const file = join(root, 'test/fixtures/vocabulary-languages/gaps.ttl')
    expect(languageGaps(file, readTexts.ontology)).toEqual([
      'test/fixtures/vocabulary-languages/gaps.ttl: sym:Both rdfs:label has 2 @en texts; keep one',
      'test/fixtures/vocabulary-languages/gaps.ttl: sym:EnglishOnly rdfs:comment has no @de text; add one',
      'test/fixtures/vocabulary-languages/gaps.ttl: sym:Untagged skos:prefLabel has 1 text(s) without a language tag; tag each @en or @de',
      'test/fixtures/vocabulary-languages/gaps.ttl: sym:Untagged skos:prefLabel has no @de text; add one',
      'test/fixtures/vocabulary-languages/gaps.ttl: sym:Untagged skos:prefLabel has no @en text; add one'
    ])
    expect(languageGaps(file, readTexts.shapes)).toEqual([
      'test/fixtures/vocabulary-languages/gaps.ttl: property shape for sh:path sym:extension sh:message has no @en text; add one'
    ])
  })
})
