/** Loading a form fixture case: `shape.ttl` and the optional `request.json` that says which form to make. */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Quad } from '@rdfjs/types'
import { bundleForm, classHierarchy, formForService, formForType, shapeToForm } from '../../src/forms/index.js'
import type { BundleInput, Form } from '../../src/forms/index.js'
import { ns, readRdfFile } from '../../src/rdf/index.js'

export const fixturesFolder = new URL('../fixtures/forms/', import.meta.url).pathname

export interface FormRequest {
  readonly language?: string
  readonly shape?: string
  readonly type?: string
  readonly service?: { readonly id: string, readonly types?: readonly string[] }
  readonly bundle?: BundleInput
}

export async function loadCase (name: string): Promise<{ quads: Quad[], request: FormRequest }> {
  const folder = join(fixturesFolder, name)
  const quads = await readRdfFile(join(folder, 'shape.ttl'))
  const requestFile = join(folder, 'request.json')
  const request = existsSync(requestFile) ? JSON.parse(readFileSync(requestFile, 'utf8')) as FormRequest : {}
  return { quads, request }
}

export function formOf (quads: readonly Quad[], request: FormRequest): Form {
  const options = { language: request.language ?? 'en' }
  if (request.bundle !== undefined) return bundleForm(quads, request.bundle, { ...options, isSubClassOf: classHierarchy(quads) })
  if (request.type !== undefined) return formForType(quads, request.type, options)
  if (request.service !== undefined) return formForService(quads, request.service, options)
  return shapeToForm(quads, request.shape ?? rootShape(quads), options)
}

/** The one `sh:NodeShape` no other shape refers to with `sh:node` and that targets no class. */
function rootShape (quads: readonly Quad[]): string {
  const referenced = new Set(quads.filter(q => q.predicate.value === `${ns.sh}node` || q.predicate.value === `${ns.sh}targetClass`)
    .map(q => q.predicate.value === `${ns.sh}node` ? q.object.value : q.subject.value))
  const roots = quads.filter(q => q.predicate.value === `${ns.rdf}type` && q.object.value === `${ns.sh}NodeShape` && !referenced.has(q.subject.value))
    .map(q => q.subject.value)
  if (roots.length !== 1) throw new Error(`cannot tell the root shape (${roots.join(', ') || 'none'}); add request.json with "shape"`)
  return roots[0]!
}
