/**
 * Where published descriptions live. A description is named by its provider and a name the
 * provider chooses (`acme-pbx`). Its graphs:
 * - `…/graph/published/<provider>/<name>`: the active version's triples — the catalog sees these;
 * - `…/graph/publishing/<provider>/<name>/<version>`: one per version, its metadata and canonical
 *   N-Triples as a literal, so old versions never enter the catalog and are never lost, and a new
 *   version writes only its own graph. Data directories written before kept every version in one
 *   graph, `…/graph/publishing/<provider>/<name>`; it is still read, and split on the next write.
 */
import { SymphonyError } from '../errors.js'

export const publishingGraphs = {
  published: 'https://w3id.org/symphony/graph/published/',
  history: 'https://w3id.org/symphony/graph/publishing/'
} as const

/** Base of description IRIs (`…/description/<provider>/<name>`) and of relative IRIs in submissions. */
export const descriptionBase = 'https://w3id.org/symphony/description/'

export interface DescriptionKey {
  readonly provider: string
  readonly name: string
}

const namePattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/

/** JSON Schema of description names. */
export const nameSchema = { type: 'string', pattern: namePattern.source, description: 'Name of the description, chosen by its provider (letters, digits, . _ -)' } as const

export function checkKey (key: DescriptionKey): void {
  if (!namePattern.test(key.name)) {
    throw new SymphonyError('INVALID_REQUEST', {
      en: `description name "${key.name}" is not allowed; use 1–100 letters, digits, ".", "_" or "-", starting with a letter or digit`,
      de: `der Beschreibungsname "${key.name}" ist nicht erlaubt; verwenden Sie 1–100 Buchstaben, Ziffern, ".", "_" oder "-", beginnend mit einem Buchstaben oder einer Ziffer`
    })
  }
  if (!/^[a-z][a-z0-9+.-]*:\S+$/i.test(key.provider)) {
    throw new SymphonyError('INVALID_REQUEST', {
      en: `provider "${key.provider}" is not an absolute IRI; use the IRI your services state as schema:provider`,
      de: `der Anbieter "${key.provider}" ist keine absolute IRI; verwenden Sie die IRI, die Ihre Dienste als schema:provider angeben`
    })
  }
}

function suffix (key: DescriptionKey): string {
  return `${encodeURIComponent(key.provider)}/${encodeURIComponent(key.name)}`
}

export function activeGraphOf (key: DescriptionKey): string {
  return publishingGraphs.published + suffix(key)
}

export function historyGraphOf (key: DescriptionKey): string {
  return publishingGraphs.history + suffix(key)
}

export function descriptionIriOf (key: DescriptionKey): string {
  return descriptionBase + suffix(key)
}

export function versionIriOf (key: DescriptionKey, version: number): string {
  return `${descriptionIriOf(key)}/v${version}`
}

/** The graph of one version's record. */
export function versionGraphOf (key: DescriptionKey, version: number): string {
  return `${historyGraphOf(key)}/${version}`
}

/**
 * The description a history graph belongs to, with the version for a version's graph (none for the
 * single history graph of earlier data directories); `undefined` for other graphs.
 */
export function keyOfHistoryGraph (graph: string): (DescriptionKey & { version?: number }) | undefined {
  if (!graph.startsWith(publishingGraphs.history)) return undefined
  const [provider, name, ...rest] = graph.slice(publishingGraphs.history.length).split('/')
  if (provider === undefined || name === undefined || rest.length > 1) return undefined
  const key = { provider: decodeURIComponent(provider), name: decodeURIComponent(name) }
  if (rest.length === 0) return key
  const version = Number(rest[0])
  return Number.isInteger(version) && version > 0 && String(version) === rest[0] ? { ...key, version } : undefined
}
