/**
 * Reference composition requests: the requests whose bundles a new version is checked against
 * ("which bundles does it change"). They are the `compose-*.json` files of a folder (by default
 * `examples/requests/`); a file that is not JSON is skipped.
 */
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'

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
