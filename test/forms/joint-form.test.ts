/**
 * The joint form of a PBX + CRM bundle with a call-journaling link: one section per member,
 * one per link, and the shared phone number format asked exactly once. Runs on the real
 * ontology and shapes/configuration/ when they define the PBX, CRM and call-journaling shapes,
 * and on the fixture in test/fixtures/forms/joint-pbx-crm/ always.
 */
import { existsSync } from 'node:fs'
import type { Quad } from '@rdfjs/types'
import { describe, expect, it } from 'vitest'
import { bundleForm, classHierarchy } from '../../src/forms/index.js'
import { createAjv } from '../../src/forms/ajv.js'
import type { BundleInput, Form } from '../../src/forms/index.js'
import { iri, listTurtleFiles, readRdfFile } from '../../src/rdf/index.js'
import { loadCase } from './fixture-request.js'

const sym = (local: string): string => iri('sym', local)
const root = new URL('../../', import.meta.url).pathname
const bundle: BundleInput = {
  services: [
    { id: 'https://example.org/acme#AcmePBX', types: [sym('VirtualPBX')] },
    { id: 'https://example.org/acme#CrmOne', types: [sym('CRM')] }
  ],
  links: [{ from: 'https://example.org/acme#AcmePBX', to: 'https://example.org/acme#CrmOne', interfaceTypes: [sym('CallEventFeed')] }]
}

async function realGraph (): Promise<Quad[] | undefined> {
  if (!existsSync(`${root}shapes/configuration`) || !existsSync(`${root}ontology`)) return undefined
  const files = [...await listTurtleFiles(`${root}ontology`), ...await listTurtleFiles(`${root}shapes/configuration`)]
  const quads = (await Promise.all(files.map(file => readRdfFile(file)))).flat()
  const configured = (subject: string): boolean => quads.some(q => q.subject.value === subject && q.predicate.value === sym('configurationShape'))
  return configured(sym('VirtualPBX')) && configured(sym('CRM')) && configured(sym('CallJournalingLink')) ? quads : undefined
}

function phoneNumberFormatFields (form: Form): string[] {
  const found: string[] = []
  for (const section of form.uiSchema.sections) {
    for (const [name, field] of Object.entries(section.object.fields)) {
      if (field.path === sym('phoneNumberFormat')) found.push(`${section.pointer}/${name}`)
    }
  }
  for (const [name, object] of Object.entries(form.uiSchema.definitions)) {
    for (const [field, ui] of Object.entries(object.fields)) if (ui.path === sym('phoneNumberFormat')) found.push(`#/$defs/${name}/${field}`)
  }
  return found
}

function checkJointForm (form: Form): void {
  expect(phoneNumberFormatFields(form)).toEqual(['/shared/phoneNumberFormat'])
  const kinds = form.uiSchema.sections.map(section => `${section.kind} ${section.pointer}`)
  expect(kinds).toEqual(['shared /shared', 'service /services/AcmePBX', 'service /services/CrmOne', 'link /links/AcmePBX-CrmOne'])
  const shared = form.uiSchema.sections[0]!.object.fields.phoneNumberFormat!
  expect(shared.usedBy).toContain('/links/AcmePBX-CrmOne')
  expect(shared.usedBy).toContain('/services/AcmePBX')
  for (const section of form.uiSchema.sections.slice(1)) {
    if (shared.usedBy!.includes(section.pointer)) expect(section.shared).toContain('phoneNumberFormat')
  }
  expect(() => createAjv().compile(form.schema)).not.toThrow()
}

describe('joint bundle form', () => {
  it('asks for the phone number format once (fixture shapes)', async () => {
    const { quads } = await loadCase('joint-pbx-crm')
    const form = bundleForm(quads, bundle, { language: 'de', isSubClassOf: classHierarchy(quads) })
    checkJointForm(form)
    expect(form.uiSchema.sections[0]!.object.fields.phoneNumberFormat!.usedBy).toEqual(['/services/AcmePBX', '/services/CrmOne', '/links/AcmePBX-CrmOne'])
  })

  it('asks for the phone number format once (real ontology and shapes, when present)', async (context) => {
    const quads = await realGraph()
    if (quads === undefined) context.skip()
    const form = bundleForm(quads!, bundle, { language: 'de', isSubClassOf: classHierarchy(quads!) })
    checkJointForm(form)
  })

  it('leaves out links whose interface type has no link configuration', async () => {
    const { quads } = await loadCase('joint-pbx-crm')
    const form = bundleForm(quads, { ...bundle, links: [{ ...bundle.links[0]!, interfaceTypes: ['https://example.org/other#Feed'] }] },
      { language: 'en', isSubClassOf: classHierarchy(quads) })
    expect(form.uiSchema.sections.map(section => section.pointer)).toEqual(['/shared', '/services/AcmePBX', '/services/CrmOne'])
  })

  it('asks only what is new when members already exist: the new member and the links that touch it', async () => {
    const { quads } = await loadCase('joint-pbx-crm')
    const options = { language: 'en', isSubClassOf: classHierarchy(quads) }
    const addCrm = bundleForm(quads, { ...bundle, existing: ['https://example.org/acme#AcmePBX'] }, options)
    expect(addCrm.uiSchema.sections.map(section => `${section.kind} ${section.pointer}`)).toEqual(['shared /shared', 'service /services/CrmOne', 'link /links/AcmePBX-CrmOne'])
    expect(addCrm.uiSchema.sections[0]!.object.fields.phoneNumberFormat!.usedBy).toEqual(['/services/CrmOne', '/links/AcmePBX-CrmOne'])
    const properties = addCrm.schema.properties as Record<string, { properties: object }>
    expect(Object.keys(properties.services!.properties)).toEqual(['CrmOne'])
    const nothingNew = bundleForm(quads, { ...bundle, existing: bundle.services.map(service => service.id) }, options)
    expect(nothingNew.uiSchema.sections).toEqual([])
  })
})
