/**
 * Reference composition requests: the requests whose bundles a new version is checked against
 * ("which bundles does it change"). They are the `compose-*.json` files of a folder (by default
 * `examples/requests/`); a file that is not JSON is skipped.
 */
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Catalog } from '../catalog/index.js'
import { compose, parseCompositionRequest } from '../composer/index.js'
import { SymphonyError } from '../errors.js'
import type { BundleSnapshot } from './impact.js'

export interface ReferenceRequest {
  /** File name, e.g. `compose-pbx-crm-archiving-eu.json`. */
  readonly name: string
  readonly request: unknown
}

export async function readReferenceRequests (folder: string): Promise<ReferenceRequest[]> {
  const names = (await readdir(folder).catch(() => [] as string[])).filter(name => name.startsWith('compose-') && name.endsWith('.json')).sort()
  const requests: ReferenceRequest[] = []
  for (const name of names) {
    try {
      requests.push({ name, request: JSON.parse(await readFile(join(folder, name), 'utf8')) })
    } catch {
      // Not JSON: not a reference request.
    }
  }
  return requests
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
