import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { TokenRegistry, customerIri, hashToken, parseTokenEnv } from '../../src/accounts/index.js'
import { SymphonyError } from '../../src/errors.js'

const acme = 'https://example.org/acme#Acme'
const other = 'https://example.org/other#Other'

describe('TokenRegistry', () => {
  let dataDir: string
  beforeEach(async () => { dataDir = await mkdtemp(join(tmpdir(), 'symphony-tokens-')) })
  afterEach(async () => { await rm(dataDir, { recursive: true, force: true }) })

  it('issues a token once, stores only its hash, and verifies it', async () => {
    const registry = await TokenRegistry.open({ dataDir })
    const { token, principal } = await registry.add({ role: 'provider', provider: acme }, { label: 'ci', now: new Date('2025-01-02T03:04:05Z') })
    expect(principal).toEqual({ role: 'provider', id: acme })
    expect(token).toMatch(/^symp_[A-Za-z0-9_-]{43}$/)
    const file = await readFile(join(dataDir, 'tokens.json'), 'utf8')
    expect(file.includes(token)).toBe(false)
    expect(JSON.parse(file)).toEqual({ tokens: [{ role: 'provider', id: acme, sha256: hashToken(token), created: '2025-01-02T03:04:05.000Z', label: 'ci' }] })
    expect((await stat(join(dataDir, 'tokens.json'))).mode & 0o777).toBe(0o600)
    expect(await registry.verify(token)).toEqual({ role: 'provider', id: acme })
    expect(await registry.verify(token + 'x')).toBeUndefined()
    expect(await registry.verify('')).toBeUndefined()
  })

  it('sees tokens another process adds to the file, and revocations', async () => {
    const server = await TokenRegistry.open({ dataDir })
    const cli = await TokenRegistry.open({ dataDir })
    const { token } = await cli.add({ role: 'provider', provider: other })
    expect(await server.verify(token)).toEqual({ role: 'provider', id: other })
    expect(await cli.revoke(other)).toBe(1)
    expect(await server.verify(token)).toBeUndefined()
  })

  it('takes hashed tokens from the environment', async () => {
    const registry = await TokenRegistry.open({ env: `${acme}=${hashToken('secret-a')}, ${other}=${hashToken('secret-b').toUpperCase()}` })
    expect(await registry.verify('secret-a')).toEqual({ role: 'provider', id: acme })
    expect(await registry.verify('secret-b')).toEqual({ role: 'provider', id: other })
    expect(() => parseTokenEnv('https://example.org/x=abc')).toThrow(SymphonyError)
  })

  it('refuses a provider that is not an IRI, and adding without a data directory', async () => {
    const registry = await TokenRegistry.open({ dataDir })
    await expect(registry.add({ role: 'provider', provider: 'acme' })).rejects.toThrow('"acme" is not a provider IRI')
    await expect(registry.add({ role: 'provider', provider: customerIri('Berg') })).rejects.toThrow('is not a provider IRI')
    await expect(registry.add({ role: 'customer', name: ' -- ' })).rejects.toThrow('is not a usable customer name')
    await expect((await TokenRegistry.open()).add({ role: 'provider', provider: acme })).rejects.toThrow('tokens can only be added to a data directory')
  })

  it('issues operator and customer tokens; a customer is named by an IRI minted from its name', async () => {
    const registry = await TokenRegistry.open({ dataDir })
    const operator = await registry.add({ role: 'operator' })
    const customer = await registry.add({ role: 'customer', name: 'Kanzlei Müller & Söhne' })
    expect(customer.principal).toEqual({ role: 'customer', id: 'https://w3id.org/symphony/customer/kanzlei-muller-sohne', name: 'Kanzlei Müller & Söhne' })
    expect(await registry.verify(operator.token)).toEqual({ role: 'operator', id: 'operator' })
    expect(await registry.verify(customer.token)).toEqual(customer.principal)
    expect(await registry.revoke(customer.principal.id)).toBe(1)
    expect(await registry.verify(customer.token)).toBeUndefined()
    expect(await registry.verify(operator.token)).toEqual({ role: 'operator', id: 'operator' })
  })

  it('reads token files written before accounts had roles as provider tokens', async () => {
    await writeFile(join(dataDir, 'tokens.json'), JSON.stringify({ tokens: [{ provider: acme, sha256: hashToken('old'), created: '2025-01-01T00:00:00.000Z' }] }))
    expect(await (await TokenRegistry.open({ dataDir })).verify('old')).toEqual({ role: 'provider', id: acme })
  })

  it('takes operator and customer hashes from the environment', async () => {
    const berg = customerIri('Kanzlei Berg')
    const registry = await TokenRegistry.open({ env: `operator=${hashToken('op')} ${berg}=${hashToken('cu')}` })
    expect(await registry.verify('op')).toEqual({ role: 'operator', id: 'operator' })
    expect(await registry.verify('cu')).toEqual({ role: 'customer', id: berg, name: 'kanzlei-berg' })
  })
})
