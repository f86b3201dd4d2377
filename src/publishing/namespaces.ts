/**
 * The namespaces each provider may mint IRIs under. The operator assigns them in
 * `<dataDir>/namespaces.json`: `{ "<provider IRI>": ["<namespace IRI>", …] }`. A provider without
 * an entry (or without a data directory) owns its default namespace: its IRI up to its last
 * `#` or `/`.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { SymphonyError } from '../errors.js'
import { defaultNamespaceOf } from './boundaries.js'

/** The namespaces of `provider`, from the operator's file in `dataDir` or by default. */
export async function namespacesOf (dataDir: string | undefined, provider: string): Promise<readonly string[]> {
  if (dataDir === undefined) return [defaultNamespaceOf(provider)]
  const file = join(dataDir, 'namespaces.json')
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined
    throw error
  })
  if (text === undefined) return [defaultNamespaceOf(provider)]
  let assigned: unknown
  try {
    assigned = JSON.parse(text)
  } catch (error) {
    const reason = (error as Error).message
    throw new SymphonyError('STORE_ERROR', {
      en: `${file}: not JSON (${reason}); it maps provider IRIs to lists of namespace IRIs`,
      de: `${file}: kein JSON (${reason}); die Datei bildet Anbieter-IRIs auf Listen von Namensraum-IRIs ab`
    }, { file, cause: error })
  }
  const entry = typeof assigned === 'object' && assigned !== null ? (assigned as Record<string, unknown>)[provider] : undefined
  if (entry === undefined) return [defaultNamespaceOf(provider)]
  if (!Array.isArray(entry) || entry.some(ns => typeof ns !== 'string' || ns === '')) {
    throw new SymphonyError('STORE_ERROR', {
      en: `${file}: the entry of <${provider}> must be a list of namespace IRIs`,
      de: `${file}: der Eintrag von <${provider}> muss eine Liste von Namensraum-IRIs sein`
    }, { file })
  }
  return entry as string[]
}
