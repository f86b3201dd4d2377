/**
 * Bearer tokens of accounts: the operator, providers (`symphony token add <provider-IRI>` or
 * `symphony account add --provider <IRI>`) and customers (`symphony account add --customer
 * NAME`). A token is printed once; only SHA-256 hashes are stored — tokens are 256 random
 * bits, so a fast hash is enough (scrypt protects low-entropy passwords, not random keys), and
 * a lookup by hash compares nothing secret in variable time.
 *
 * Sources: `<dataDir>/tokens.json` (re-read when it changes, so new tokens work without a
 * restart) and the `SYMPHONY_TOKENS` environment variable: entries `<account>=<sha256-hex>`
 * separated by whitespace or commas, where the account is `operator`, a customer IRI or a
 * provider IRI.
 */
import { createHash, randomBytes } from 'node:crypto'
import { mkdir, open, readFile, rename, stat } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { SymphonyError } from '../errors.js'
import type { ErrorMessages } from '../errors.js'
import { acquireLock } from '../store/index.js'
import { customerBase, customerIri, operatorId, roleOfId } from './principal.js'
import type { Principal, Role } from './principal.js'

export interface TokenRecord {
  readonly role: Role
  /** `operator`, the provider's IRI or the customer's IRI. */
  readonly id: string
  /** A customer's name as given. */
  readonly name?: string
  /** Hex SHA-256 of the token. */
  readonly sha256: string
  readonly created: string
  readonly label?: string
}

interface TokenFile { readonly tokens: readonly TokenRecord[] }

/** What a new token is for. */
export type AccountSpec =
  | { readonly role: 'operator' }
  | { readonly role: 'provider', readonly provider: string }
  | { readonly role: 'customer', readonly name: string }

/** Prefix of every token, so leaked tokens are easy to recognise (and to scan for). */
export const tokenPrefix = 'symp_'

export function hashToken (token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex')
}

/** A new random token (256 bits, base64url). */
export function newToken (): string {
  return tokenPrefix + randomBytes(32).toString('base64url')
}

/** Parses `SYMPHONY_TOKENS`: `<account>=<sha256-hex>` entries (account: `operator`, a customer or a provider IRI). */
export function parseTokenEnv (value: string | undefined): TokenRecord[] {
  if (value === undefined || value.trim() === '') return []
  return value.split(/[\s,]+/).filter(entry => entry !== '').map(entry => {
    const at = entry.lastIndexOf('=')
    const id = entry.slice(0, at)
    const sha256 = entry.slice(at + 1).toLowerCase()
    if (at <= 0 || !/^[0-9a-f]{64}$/.test(sha256)) {
      throw new SymphonyError('BAD_REQUEST', {
        en: `SYMPHONY_TOKENS: "${entry}" is not <account>=<sha256-hex of the token> (account: operator, a customer or a provider IRI); hash a token with: printf %s "$TOKEN" | sha256sum`,
        de: `SYMPHONY_TOKENS: "${entry}" hat nicht die Form <Konto>=<SHA-256-Hex des Tokens> (Konto: operator, eine Kunden- oder eine Anbieter-IRI); den Hash eines Tokens liefert: printf %s "$TOKEN" | sha256sum`
      })
    }
    const role = roleOfId(id)
    return { role, id, ...(role === 'customer' ? { name: id.slice(customerBase.length) } : {}), sha256, created: '', label: 'environment' }
  })
}

/** The principal a stored record authenticates. */
function principalOf (record: TokenRecord): Principal {
  if (record.role === 'customer') return { role: 'customer', id: record.id, name: record.name ?? record.id.slice(customerBase.length) }
  return { role: record.role, id: record.id }
}

/** Token hashes from a file and the environment; verifies tokens, adds new ones to the file. */
export class TokenRegistry {
  readonly #file: string | undefined
  readonly #fixed: readonly TokenRecord[]
  #byHash = new Map<string, Principal>()
  #fileRecords: TokenRecord[] = []
  /** Identity of the file last read (inode, mtime, size): every write renames a new file into place. */
  #version = ''

  private constructor (file: string | undefined, fixed: readonly TokenRecord[]) {
    this.#file = file
    this.#fixed = fixed
  }

  /**
   * Tokens of a data directory (`<dataDir>/tokens.json`, when `dataDir` is given) plus fixed
   * records (e.g. from `SYMPHONY_TOKENS`).
   */
  static async open (options: { dataDir?: string, env?: string, records?: readonly TokenRecord[] } = {}): Promise<TokenRegistry> {
    const registry = new TokenRegistry(options.dataDir === undefined ? undefined : join(options.dataDir, 'tokens.json'),
      [...parseTokenEnv(options.env), ...options.records ?? []])
    await registry.#refresh()
    return registry
  }

  /** The principal a token belongs to, or `undefined`. */
  async verify (token: string): Promise<Principal | undefined> {
    await this.#refresh()
    return this.#byHash.get(hashToken(token))
  }

  /** Every record (hashes only). */
  async list (): Promise<TokenRecord[]> {
    await this.#refresh()
    return [...this.#fileRecords, ...this.#fixed]
  }

  /**
   * Creates a token for an account, stores its hash durably and returns the token (shown once)
   * with the account's principal. A provider is given by IRI; a customer by name.
   */
  async add (account: AccountSpec, options: { label?: string, now?: Date } = {}): Promise<{ token: string, principal: Principal }> {
    if (this.#file === undefined) throw new SymphonyError('BAD_REQUEST', { en: 'tokens can only be added to a data directory; pass --data-dir', de: 'Tokens lassen sich nur in einem Datenverzeichnis anlegen; geben Sie --data-dir an' })
    if (account.role === 'provider' && (!/^[a-z][a-z0-9+.-]*:\S+$/i.test(account.provider) || roleOfId(account.provider) !== 'provider')) {
      throw new SymphonyError('BAD_REQUEST', {
        en: `"${account.provider}" is not a provider IRI; give the provider's absolute IRI as in its descriptions' schema:provider`,
        de: `"${account.provider}" ist keine Anbieter-IRI; geben Sie die absolute IRI des Anbieters an, wie sie in seinen Beschreibungen unter schema:provider steht`
      })
    }
    const principal: Principal = account.role === 'operator'
      ? { role: 'operator', id: operatorId }
      : account.role === 'provider' ? { role: 'provider', id: account.provider } : { role: 'customer', id: customerIri(account.name), name: account.name.trim() }
    const token = newToken()
    const record: TokenRecord = {
      role: principal.role,
      id: principal.id,
      ...(principal.role === 'customer' ? { name: principal.name } : {}),
      sha256: hashToken(token),
      created: (options.now ?? new Date()).toISOString(),
      ...(options.label === undefined ? {} : { label: options.label })
    }
    await this.#change(records => [...records, record])
    return { token, principal }
  }

  /** Removes every token of an account (`operator`, a provider or customer IRI) from the file; returns how many. */
  async revoke (id: string): Promise<number> {
    if (this.#file === undefined) return 0
    let removed = 0
    await this.#change(records => {
      const kept = records.filter(record => record.id !== id)
      removed = records.length - kept.length
      return removed > 0 ? kept : undefined
    })
    return removed
  }

  /**
   * Reads the file, changes its records and writes it back, all under `tokens.json.lock`: two
   * processes adding tokens at once both keep theirs (`undefined` from `change` writes nothing).
   */
  async #change (change: (records: readonly TokenRecord[]) => TokenRecord[] | undefined): Promise<void> {
    const file = this.#file!
    await mkdir(dirname(file), { recursive: true })
    const lock = await acquireLock(`${file}.lock`, {
      command: 'token file update',
      waitMs: 10_000,
      advice: holder => ({
        en: `another process (pid ${holder.pid} on ${holder.hostname}) has been changing the token file since ${holder.started}; try again, or remove the lock file if that process is gone`,
        de: `ein anderer Prozess (pid ${holder.pid} auf ${holder.hostname}) ändert die Token-Datei seit ${holder.started}; versuchen Sie es erneut oder entfernen Sie die Sperrdatei, wenn dieser Prozess nicht mehr läuft`
      })
    })
    try {
      const current = await readTokenFile(file).catch(ignoreMissing) ?? []
      const changed = change(current)
      if (changed !== undefined) await writeTokenFile(file, { tokens: changed })
    } finally {
      await lock.release()
    }
    this.#version = ''
    await this.#refresh()
  }

  async #refresh (): Promise<void> {
    let records = this.#fileRecords
    if (this.#file !== undefined) {
      const version = await stat(this.#file).then(s => `${s.ino}:${s.mtimeMs}:${s.size}`, () => 'missing')
      if (version !== this.#version) {
        records = version === 'missing' ? [] : await readTokenFile(this.#file)
        this.#version = version
      }
    }
    this.#fileRecords = records
    this.#byHash = new Map([...records, ...this.#fixed].map(record => [record.sha256, principalOf(record)]))
  }
}

function ignoreMissing (error: NodeJS.ErrnoException): undefined {
  if (error.code === 'ENOENT') return undefined
  throw error
}

async function readTokenFile (file: string): Promise<TokenRecord[]> {
  const text = await readFile(file, 'utf8')
  let reason: ErrorMessages
  let cause: unknown
  try {
    const parsed = JSON.parse(text) as TokenFile
    if (Array.isArray(parsed.tokens)) return parsed.tokens.map(upgradeRecord).filter(record => record !== undefined)
    reason = { en: 'no "tokens" array', de: 'kein Array "tokens"' }
  } catch (error) {
    const message = (error as Error).message
    reason = { en: message, de: message }
    cause = error
  }
  throw new SymphonyError('STORE_ERROR', {
    en: `${file}: not a token file (${reason.en}); restore it or remove it and issue new tokens`,
    de: `${file}: keine Token-Datei (${reason.de}); stellen Sie sie wieder her oder entfernen Sie sie und geben Sie neue Tokens aus`
  }, { file, ...(cause === undefined ? {} : { cause }) })
}

/** A record as stored; files written before accounts had roles hold provider tokens as `{ provider, sha256 }`. */
function upgradeRecord (record: unknown): TokenRecord | undefined {
  if (typeof record !== 'object' || record === null) return undefined
  const r = record as Record<string, unknown>
  if (typeof r.sha256 !== 'string') return undefined
  const created = typeof r.created === 'string' ? r.created : ''
  const label = typeof r.label === 'string' ? { label: r.label } : {}
  if (typeof r.id === 'string' && (r.role === 'operator' || r.role === 'provider' || r.role === 'customer')) {
    return { role: r.role, id: r.id, ...(typeof r.name === 'string' ? { name: r.name } : {}), sha256: r.sha256, created, ...label }
  }
  if (typeof r.provider === 'string') return { role: 'provider', id: r.provider, sha256: r.sha256, created, ...label }
  return undefined
}

/**
 * Writes the token file atomically (temporary file, fsync, rename, fsync of the folder), readable
 * by the owner only. Called under the token file's lock, so the temporary name is never shared.
 */
async function writeTokenFile (file: string, content: TokenFile): Promise<void> {
  const temporary = `${file}.tmp`
  const handle = await open(temporary, 'w', 0o600)
  try {
    await handle.writeFile(JSON.stringify(content, null, 2) + '\n')
    await handle.sync()
  } finally {
    await handle.close()
  }
  await rename(temporary, file)
  const folder = await open(dirname(file), 'r')
  try {
    await folder.sync()
  } finally {
    await folder.close()
  }
}
