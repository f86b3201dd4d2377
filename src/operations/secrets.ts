/**
 * Credentials of provider endpoints, configured by the operator by name: the environment
 * variable `SYMPHONY_SECRET_<NAME>` (name upper-cased, other characters than letters and digits
 * as `_`) wins over `<dataDir>/secrets.json`. There a credential is a string
 * (`{ "<name>": "<credential>" }`) or bound to the provider it was issued for
 * (`{ "<name>": { "provider": "<provider IRI>", "value": "<credential>" } }`): a bound
 * credential is sent only for that provider's services, whichever value the environment gives
 * it, and only that provider may publish an adapter naming it. Descriptions only ever name a
 * secret.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { SymphonyError } from '../errors.js'
import type { ErrorMessages } from '../errors.js'
import { credentialBound, credentialMissing } from './reasons.js'

/** A configured credential: its value and, when the operator bound it, the provider it is for. */
export interface Secret {
  readonly value: string
  readonly provider?: string
}

export type SecretLookup = (name: string) => Secret | undefined

/** The environment variable that holds secret `name`. */
export function secretVariable (name: string): string {
  return `SYMPHONY_SECRET_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`
}

/**
 * Loads the secrets once; a missing file means none configured there.
 *
 * @example
 * const secret = await loadSecrets({ dataDir: 'data', env: process.env })
 * secret('acme-orders') // { value: '…', provider: 'https://example.org/acme#Acme' }
 */
export async function loadSecrets (options: { dataDir?: string, env?: Readonly<Record<string, string | undefined>> }): Promise<SecretLookup> {
  const file = options.dataDir === undefined ? new Map<string, Secret>() : await readSecretsFile(join(options.dataDir, 'secrets.json'))
  const env = options.env ?? {}
  return name => {
    const fromFile = file.get(name)
    const fromEnv = env[secretVariable(name)]
    if (fromEnv !== undefined && fromEnv !== '') return { ...fromFile, value: fromEnv }
    return fromFile
  }
}

async function readSecretsFile (path: string): Promise<Map<string, Secret>> {
  let parsed: unknown
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map()
    throw notSecrets(path, (error as Error).message, error)
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw notSecrets(path, 'not an object')
  const secrets = new Map<string, Secret>()
  for (const [name, entry] of Object.entries(parsed as Record<string, unknown>)) {
    if (typeof entry === 'string') {
      secrets.set(name, { value: entry })
      continue
    }
    const { provider, value } = (typeof entry === 'object' && entry !== null ? entry : {}) as { provider?: unknown, value?: unknown }
    if (typeof provider !== 'string' || !URL.canParse(provider) || typeof value !== 'string') {
      throw new SymphonyError('PARSE_ERROR', {
        en: `${path}: "${name}" is neither a credential (a string) nor { "provider": "<provider IRI>", "value": "<credential>" }`,
        de: `${path}: "${name}" ist weder Zugangsdaten (eine Zeichenkette) noch { "provider": "<Anbieter-IRI>", "value": "<Zugangsdaten>" }`
      }, { file: path, details: { secretName: name } })
    }
    secrets.set(name, { value, provider })
  }
  return secrets
}

function notSecrets (path: string, reason: string, cause?: unknown): SymphonyError {
  return new SymphonyError('PARSE_ERROR', {
    en: `${path}: not a JSON object of secret names to credentials (${reason})`,
    de: `${path}: kein JSON-Objekt, das Namen von Geheimnissen auf Zugangsdaten abbildet (${reason})`
  }, { file: path, ...(cause === undefined ? {} : { cause }) })
}

/** How an adapter or a ticket desk authenticates: what `credentialHeaders` needs of it. */
export interface Authentication {
  readonly auth: 'bearer' | 'apiKey' | 'none'
  readonly authHeader: string
  readonly secretName?: string
}

/**
 * The headers that carry the credential of `provider`'s request to `endpoint`, or why there are
 * none: the credential is not configured, or the operator bound it to another provider (then it
 * is not sent).
 */
export function credentialHeaders (authentication: Authentication, provider: string, endpoint: string, secrets: SecretLookup): { ok: true, headers: Record<string, string> } | { ok: false, reason: ErrorMessages } {
  if (authentication.auth === 'none') return { ok: true, headers: {} }
  const secret = authentication.secretName === undefined ? undefined : secrets(authentication.secretName)
  if (secret === undefined) return { ok: false, reason: credentialMissing(authentication.secretName, endpoint) }
  if (secret.provider !== undefined && secret.provider !== provider) {
    return { ok: false, reason: credentialBound(authentication.secretName!, secret.provider, provider, endpoint) }
  }
  return { ok: true, headers: authentication.auth === 'bearer' ? { authorization: `Bearer ${secret.value}` } : { [authentication.authHeader.toLowerCase()]: secret.value } }
}
