/**
 * Publishing tokens: a provider authenticates with a bearer token; the operator issues it with
 * `symphony token add <provider-IRI>`. Only SHA-256 hashes are stored — tokens are 256 random
 * bits, so a fast hash is enough (scrypt protects low-entropy passwords, not random keys), and
 * a lookup by hash compares nothing secret in variable time.
 *
 * Sources: `<dataDir>/tokens.json` (re-read when it changes, so new tokens work without a
 * restart) and the `SYMPHONY_TOKENS` environment variable: entries `<provider-IRI>=<sha256-hex>`
 * separated by whitespace or commas.
 */
import { createHash, randomBytes } from 'node:crypto'
import { mkdir, open, readFile, rename, stat } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { SymphonyError } from '../errors.js'

export interface TokenRecord {
  readonly provider: string
  /** Hex SHA-256 of the token. */
  readonly sha256: string
  readonly created: string
  readonly label?: string
}

interface TokenFile { readonly tokens: readonly TokenRecord[] }

/** Prefix of every token, so leaked tokens are easy to recognise (and to scan for). */
export const tokenPrefix = 'symp_'

export function hashToken (token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex')
}

/** A new random token (256 bits, base64url). */
export function newToken (): string {
  return tokenPrefix + randomBytes(32).toString('base64url')
}

/** Parses `SYMPHONY_TOKENS`: `<provider-IRI>=<sha256-hex>` entries. */
export function parseTokenEnv (value: string | undefined): TokenRecord[] {
  if (value === undefined || value.trim() === '') return []
  return value.split(/[\s,]+/).filter(entry => entry !== '').map(entry => {
    const at = entry.lastIndexOf('=')
    const provider = entry.slice(0, at)
    const sha256 = entry.slice(at + 1).toLowerCase()
    if (at <= 0 || !/^[0-9a-f]{64}$/.test(sha256)) {
      throw new SymphonyError('BAD_REQUEST', `SYMPHONY_TOKENS: "${entry}" is not <provider-IRI>=<sha256-hex of the token>; hash a token with: printf %s "$TOKEN" | sha256sum`)
    }
    return { provider, sha256, created: '', label: 'environment' }
  })
}

/** Token hashes from a file and the environment; verifies tokens, adds new ones to the file. */
export class TokenRegistry {
  readonly #file: string | undefined
  readonly #fixed: readonly TokenRecord[]
  #byHash = new Map<string, string>()
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

  /** The provider IRI a token belongs to, or `undefined`. */
  async verify (token: string): Promise<string | undefined> {
    await this.#refresh()
    return this.#byHash.get(hashToken(token))
  }

  /** Every record (hashes only). */
  async list (): Promise<TokenRecord[]> {
    await this.#refresh()
    return [...this.#fileRecords, ...this.#fixed]
  }

  /** Creates a token for a provider, stores its hash durably and returns the token (shown once). */
  async add (provider: string, options: { label?: string, now?: Date } = {}): Promise<string> {
    if (this.#file === undefined) throw new SymphonyError('BAD_REQUEST', 'tokens can only be added to a data directory; pass --data-dir')
    if (!/^[a-z][a-z0-9+.-]*:\S+$/i.test(provider)) {
      throw new SymphonyError('BAD_REQUEST', `"${provider}" is not an absolute IRI; give the provider's IRI as in its descriptions' schema:provider`)
    }
    await this.#refresh()
    const token = newToken()
    const record: TokenRecord = {
      provider,
      sha256: hashToken(token),
      created: (options.now ?? new Date()).toISOString(),
      ...(options.label === undefined ? {} : { label: options.label })
    }
    await writeTokenFile(this.#file, { tokens: [...this.#fileRecords, record] })
    this.#version = ''
    await this.#refresh()
    return token
  }

  /** Removes every token of a provider from the file; returns how many were removed. */
  async revoke (provider: string): Promise<number> {
    if (this.#file === undefined) return 0
    await this.#refresh()
    const kept = this.#fileRecords.filter(record => record.provider !== provider)
    const removed = this.#fileRecords.length - kept.length
    if (removed > 0) {
      await writeTokenFile(this.#file, { tokens: kept })
      this.#version = ''
      await this.#refresh()
    }
    return removed
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
    this.#byHash = new Map([...records, ...this.#fixed].map(record => [record.sha256, record.provider]))
  }
}

async function readTokenFile (file: string): Promise<TokenRecord[]> {
  const text = await readFile(file, 'utf8')
  try {
    const parsed = JSON.parse(text) as TokenFile
    if (!Array.isArray(parsed.tokens)) throw new Error('no "tokens" array')
    return parsed.tokens.filter(record => typeof record.provider === 'string' && typeof record.sha256 === 'string')
  } catch (error) {
    throw new SymphonyError('STORE_ERROR', `${file}: not a token file (${(error as Error).message}); restore it or remove it and issue new tokens`, { file, cause: error })
  }
}

/** Writes the token file atomically (temporary file, fsync, rename), readable by the owner only. */
async function writeTokenFile (file: string, content: TokenFile): Promise<void> {
  await mkdir(dirname(file), { recursive: true })
  const temporary = `${file}.tmp`
  const handle = await open(temporary, 'w', 0o600)
  try {
    await handle.writeFile(JSON.stringify(content, null, 2) + '\n')
    await handle.sync()
  } finally {
    await handle.close()
  }
  await rename(temporary, file)
}
