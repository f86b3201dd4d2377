/**
 * Data test: every node shape in shapes/configuration/ yields a form that ajv compiles and
 * shapes that shacl-engine evaluates completely (no silently ignored constraint), and every
 * type or link configuration with a `sym:configurationShape` gets its form, whose German
 * version shows no text (title, description, help, option) that the shapes or the ontology
 * state only in English.
 */
import { existsSync } from 'node:fs'
import type { Quad } from '@rdfjs/types'
import { describe, expect, it } from 'vitest'
import { formForType, shapeToForm } from '../../src/forms/index.js'
import { createAjv } from '../../src/forms/ajv.js'
import { compileShapes } from '../../src/shacl/index.js'
import { iri, listTurtleFiles, ns, readRdfFile } from '../../src/rdf/index.js'

const root = new URL('../../', import.meta.url).pathname
const folder = `${root}shapes/configuration`
const files = existsSync(folder) ? await listTurtleFiles(folder) : []

async function graph (): Promise<{ all: Quad[], shapes: Quad[] }> {
  const ontology = existsSync(`${root}ontology`) ? await listTurtleFiles(`${root}ontology`) : []
  const shapes = (await Promise.all(files.map(file => readRdfFile(file)))).flat()
  const all = [...(await Promise.all(ontology.map(file => readRdfFile(file)))).flat(), ...shapes]
  return { all, shapes }
}

describe('shapes/configuration', async () => {
  const { all, shapes } = await graph()
  const nodeShapes = [...new Set(shapes.filter(q => q.predicate.value === `${ns.rdf}type` && q.object.value === `${ns.sh}NodeShape` && q.subject.termType === 'NamedNode')
    .map(q => q.subject.value))].sort()
  const configured = [...new Set(all.filter(q => q.predicate.value === iri('sym', 'configurationShape')).map(q => q.subject.value))].sort()

  it('shacl-engine evaluates every constraint of the shapes', () => {
    expect(() => compileShapes(all)).not.toThrow()
  })

  for (const shape of nodeShapes) {
    for (const language of ['de', 'en']) {
      it(`${shape} (${language}) yields a form ajv compiles`, () => {
        const form = shapeToForm(all, shape, { language })
        expect(() => createAjv().compile(form.schema)).not.toThrow()
        // Every property of the schema has its place in the layout, and nothing else does.
        expect([...form.uiSchema.sections[0]!.object.order].sort()).toEqual(Object.keys(form.schema.properties ?? {}).sort())
      })
    }
  }

  for (const type of configured) {
    it(`${type} has a form`, () => {
      expect(() => createAjv().compile(formForType(all, type, { language: 'de' }).schema)).not.toThrow()
    })
  }

  // Texts tagged only @en (no @de on the same subject and predicate): what a German form must not show.
  const tagged = new Map<string, Map<string, string>>()
  for (const q of all) {
    if (q.object.termType !== 'Literal' || q.object.language === '') continue
    const key = `${q.subject.value} ${q.predicate.value}`
    tagged.set(key, (tagged.get(key) ?? new Map()).set(q.object.language, q.object.value))
  }
  const englishOnly = new Set([...tagged.values()].filter(texts => texts.has('en') && !texts.has('de')).map(texts => texts.get('en')!))
  const strings = (value: unknown): string[] => typeof value === 'string'
    ? [value]
    : Array.isArray(value) ? value.flatMap(strings) : value !== null && typeof value === 'object' ? Object.values(value).flatMap(strings) : []

  for (const type of configured) {
    it(`${type}: the German form shows no text that exists only in English`, () => {
      const form = formForType(all, type, { language: 'de' })
      expect(strings(form.uiSchema).filter(text => englishOnly.has(text))).toEqual([])
    })
  }
})
