/**
 * Credentials of provider endpoints, configured by the operator by name: the environment
 * variable `SYMPHONY_SECRET_<NAME>` (name upper-cased, other characters than letters and digits
 * as `_`) wins over `<dataDir>/secrets.json` (`{ "<name>": "<credential>" }`). Descriptions
 * only ever name a secret.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { SymphonyError } from '../errors.js'

export type SecretLookup = (name: string) => string | undefined

/** The environment variable that holds secret `name`. */
export function secretVariable (name: string): string {
  return `SYMPHONY_SECRET_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`
}

/**
 * Loads the secrets once; a missing file means none configured there.
 *
 * @example
 * const secret = await loadSecrets({ dataDir: 'data', env: process.env })
 * secret('acme-orders')
 */
export async function loadSecrets (options: { dataDir?: string, env?: Readonly<Record<string, string | undefined>> }): Promise<SecretLookup> {
  let file: Record<string, unknown> = {}
  if (options.dataDir !== undefined) {
    const path = join(options.dataDir, 'secrets.json')
    try {
      file = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        const reason = (error as Error).message
        throw new SymphonyError('PARSE_ERROR', {
          en: `${path}: not a JSON object of secret names to credentials (${reason})`,
          de: `${path}: kein JSON-Objekt, das Namen von Geheimnissen auf Zugangsdaten abbildet (${reason})`
        }, { file: path, cause: error })
      }
    }
  }
  const env = options.env ?? {}
  return name => {
    const fromEnv = env[secretVariable(name)]
    if (fromEnv !== undefined && fromEnv !== '') return fromEnv
    const value = file[name]
    return typeof value === 'string' ? value : undefined
  }
}
