import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { TokenRegistry } from '../../src/accounts/index.js'
import { runCli, temporaryFolder } from './run-cli.js'

describe('symphony account', () => {
  let folder: { path: string, remove: () => Promise<void> }
  beforeEach(async () => { folder = await temporaryFolder() })
  afterEach(async () => { await folder.remove() })

  it('adds operator, provider and customer accounts, prints each token once, lists and revokes them', async () => {
    const dataDir = join(folder.path, 'data')
    const customer = await runCli(['account', 'add', '--customer', 'Kanzlei Berg', '--data-dir', dataDir])
    expect(customer.code).toBe(0)
    expect(customer.stdout).toMatch(/^symp_[A-Za-z0-9_-]{43}\n$/)
    expect(customer.stderr).toBe('This is the only time the token is shown. The customer account https://w3id.org/symphony/customer/kanzlei-berg sends it as "Authorization: Bearer <token>".\n')
    const german = await runCli(['account', 'add', '--customer', 'Kanzlei Sonne', '--data-dir', dataDir, '--lang', 'de'])
    expect(german.stderr).toBe('Das Token wird nur dieses eine Mal gezeigt. Das Kundenkonto https://w3id.org/symphony/customer/kanzlei-sonne sendet es als "Authorization: Bearer <token>".\n')
    expect((await runCli(['account', 'revoke', 'https://w3id.org/symphony/customer/kanzlei-sonne', '--data-dir', dataDir], { env: { LC_ALL: 'de_AT.UTF-8' } })).stderr)
      .toBe('1 Token von https://w3id.org/symphony/customer/kanzlei-sonne widerrufen\n')
    const operator = await runCli(['account', 'add', '--operator', '--data-dir', dataDir])
    const provider = await runCli(['account', 'add', '--provider', 'https://example.org/acme#Acme', '--label', 'ci', '--data-dir', dataDir])
    const registry = await TokenRegistry.open({ dataDir })
    expect(await registry.verify(customer.stdout.trim())).toEqual({ role: 'customer', id: 'https://w3id.org/symphony/customer/kanzlei-berg', name: 'Kanzlei Berg' })
    expect(await registry.verify(operator.stdout.trim())).toEqual({ role: 'operator', id: 'operator' })
    expect(await registry.verify(provider.stdout.trim())).toEqual({ role: 'provider', id: 'https://example.org/acme#Acme' })

    const list = await runCli(['account', 'list', '--data-dir', dataDir])
    expect(JSON.parse(list.stdout).map((a: { role: string, id: string }) => [a.role, a.id])).toEqual([
      ['customer', 'https://w3id.org/symphony/customer/kanzlei-berg'], ['operator', 'operator'], ['provider', 'https://example.org/acme#Acme']
    ])
    expect(list.stdout).not.toContain(customer.stdout.trim())

    const revoke = await runCli(['account', 'revoke', 'https://w3id.org/symphony/customer/kanzlei-berg', '--data-dir', dataDir])
    expect([revoke.code, revoke.stderr]).toEqual([0, 'revoked 1 token(s) of https://w3id.org/symphony/customer/kanzlei-berg\n'])
    expect(await registry.verify(customer.stdout.trim())).toBeUndefined()
  })

  it('needs exactly one kind of account', async () => {
    const dataDir = join(folder.path, 'data')
    for (const argv of [['account', 'add'], ['account', 'add', '--operator', '--customer', 'X']]) {
      const run = await runCli([...argv, '--data-dir', dataDir])
      expect(run.code).toBe(2)
      expect(run.stderr).toContain('give exactly one of --operator, --provider <IRI>, --customer <name>')
    }
  })
})
