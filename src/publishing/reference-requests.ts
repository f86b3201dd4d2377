/**
 * Reference composition requests: the requests whose bundles a new version is checked against
 * ("which bundles does it change"). They are data the operator manages, like vocabulary: nodes
 *
 *   <…#pbx-crm> a sym:ReferenceRequest ; sym:compositionRequest """{ …JSON… }"""^^rdf:JSON .
 *
 * in a vocabulary graph (`PUT /vocabulary/{name}`, `symphony vocabulary add`), an imported file
 * or `--data`. None by default; the demo data stores the example requests.
 */
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Quad } from '@rdfjs/types'
import { DataFactory } from 'n3'
import type { Catalog } from '../catalog/index.js'
import { compose, parseCompositionRequest } from '../composer/index.js'
import { SymphonyError } from '../errors.js'
import { iri, terms } from '../rdf/index.js'
import { forEachInSlices } from '../turns.js'
import type { BundleSnapshot } from './impact.js'

export interface ReferenceRequest {
  /** The request node's IRI (or blank-node id). */
  readonly name: string
  readonly request: unknown
}

export const referenceRequestTerms = {
  ReferenceRequest: iri('sym', 'ReferenceRequest'),
  compositionRequest: iri('sym', 'compositionRequest')
} as const

const rdfJson = `${'http://www.w3.org/1999/02/22-rdf-syntax-ns#'}JSON`

/**
 * The reference requests stated in the quads, sorted by node. A request whose JSON does not
 * parse is skipped: the composer would refuse it anyway, and publishing must not fail for it.
 * The quads are scanned in slices with turns between them: a publication scans the whole
 * vocabulary, 1.6 million quads at 100,000 services.
 */
export async function referenceRequestsIn (quads: readonly Quad[]): Promise<ReferenceRequest[]> {
  const typed = new Set<string>()
  const texts = new Map<string, string>()
  await forEachInSlices(quads, quad => {
    if (quad.predicate.value === referenceRequestTerms.compositionRequest && quad.object.termType === 'Literal') texts.set(quad.subject.value, quad.object.value)
    else if (quad.predicate.value === terms.type && quad.object.value === referenceRequestTerms.ReferenceRequest) typed.add(quad.subject.value)
  })
  const requests: ReferenceRequest[] = []
  for (const name of [...typed].sort()) {
    const text = texts.get(name)
    if (text === undefined) continue
    try {
      requests.push({ name, request: JSON.parse(text) })
    } catch {
      // Not JSON: not a request the composer could answer.
    }
  }
  return requests
}

/**
 * The `compose-*.json` files of a folder as reference-request quads (node IRIs under `base`,
 * named after the file): how the demo data stores the example requests.
 */
export async function referenceRequestQuads (folder: string, base: string): Promise<Quad[]> {
  const names = (await readdir(folder).catch(() => [] as string[])).filter(name => name.startsWith('compose-') && name.endsWith('.json')).sort()
  const { namedNode, literal, quad } = DataFactory
  const quads: Quad[] = []
  for (const name of names) {
    const node = namedNode(base + name.slice(0, -'.json'.length))
    quads.push(
      quad(node, namedNode(terms.type), namedNode(referenceRequestTerms.ReferenceRequest)) as Quad,
      quad(node, namedNode(referenceRequestTerms.compositionRequest), literal(await readFile(join(folder, name), 'utf8'), namedNode(rdfJson))) as Quad
    )
  }
  return quads
}

/** The bundles each reference request finds in a catalog, best first per request. */
export function referenceBundles (catalog: Catalog, requests: readonly ReferenceRequest[]): BundleSnapshot[] {
  const bundles: BundleSnapshot[] = []
  for (const { name, request } of requests) {
    try {
      for (const bundle of compose(catalog, parseCompositionRequest(request)).bundles) {
        bundles.push({ request: name, services: bundle.services, score: bundle.score })
      }
    } catch (error) {
      // A request this catalog cannot answer (e.g. an unknown class) finds no bundle.
      if (!(error instanceof SymphonyError)) throw error
    }
  }
  return bundles
}
