import { mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { TokenRegistry, hashToken, parseTokenEnv } from '../../src/publishing/index.js'
import { SymphonyError } from '../../src/errors.js'

const acme = 'https://example.org/acme#Acme'
const other = 'https://example.org/other#Other'

describe('TokenRegistry', () => {
  let dataDir: string
  beforeEach(async () => { dataDir = await mkdtemp(join(tmpdir(), 'symphony-tokens-')) })
  afterEach(async () => { await rm(dataDir, { recursive: true, force: true }) })

  it('issues a token once, stores only its hash, and verifies it', async () => {
    const registry = await TokenRegistry.open({ dataDir })
    const token = await registry.add(acme, { label: 'ci', now: new Date('2025-01-02T03:04:05Z') })
    expect(token).toMatch(/^symp_[A-Za-z0-9_-]{43}$/)
    const file = await readFile(join(dataDir, 'tokens.json'), 'utf8')
    expect(file.includes(token)).toBe(false)
    expect(JSON.parse(file)).toEqual({ tokens: [{ provider: acme, sha256: hashToken(token), created: '2025-01-02T03:04:05.000Z', label: 'ci' }] })
    expect((await stat(join(dataDir, 'tokens.json'))).mode & 0o777).toBe(0o600)
    expect(await registry.verify(token)).toBe(acme)
    expect(await registry.verify(token + 'x')).toBeUndefined()
    expect(await registry.verify('')).toBeUndefined()
  })

  it('sees tokens another process adds to the file, and revocations', async () => {
    const server = await TokenRegistry.open({ dataDir })
    const cli = await TokenRegistry.open({ dataDir })
    const token = await cli.add(other)
    expect(await server.verify(token)).toBe(other)
    expect(await cli.revoke(other)).toBe(1)
    expect(await server.verify(token)).toBeUndefined()
  })

  it('takes hashed tokens from the environment', async () => {
    const registry = await TokenRegistry.open({ env: `${acme}=${hashToken('secret-a')}, ${other}=${hashToken('secret-b').toUpperCase()}` })
    expect(await registry.verify('secret-a')).toBe(acme)
    expect(await registry.verify('secret-b')).toBe(other)
    expect(() => parseTokenEnv('https://example.org/x=abc')).toThrow(SymphonyError)
  })

  it('refuses a provider that is not an IRI, and adding without a data directory', async () => {
    await expect((await TokenRegistry.open({ dataDir })).add('acme')).rejects.toThrow('"acme" is not an absolute IRI')
    await expect((await TokenRegistry.open()).add(acme)).rejects.toThrow('tokens can only be added to a data directory')
  })
})
