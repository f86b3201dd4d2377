/**
 * Credentials by name: from the environment or secrets.json, plain or bound to the provider they
 * were issued for; a bound credential is only sent for that provider.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { credentialHeaders, loadSecrets } from '../../src/operations/index.js'
import { SymphonyError } from '../../src/errors.js'

const acme = 'https://example.org/acme#Acme'
const globex = 'https://example.org/globex#Globex'

describe('secrets', () => {
  let dir: string | undefined
  afterEach(async () => { if (dir !== undefined) await rm(dir, { recursive: true, force: true }) })

  const withFile = async (content: unknown) => {
    dir = await mkdtemp(join(tmpdir(), 'symphony-secrets-'))
    await writeFile(join(dir, 'secrets.json'), JSON.stringify(content))
    return dir
  }

  it('reads plain and bound credentials; the environment gives a value, the file keeps its binding', async () => {
    const secrets = await loadSecrets({
      dataDir: await withFile({ plain: 'p-1', 'acme-orders': { provider: acme, value: 'a-1' } }),
      env: { SYMPHONY_SECRET_ACME_ORDERS: 'a-2', SYMPHONY_SECRET_ONLY_ENV: 'e-1' }
    })
    expect([secrets('plain'), secrets('acme-orders'), secrets('only-env'), secrets('none')]).toEqual([
      { value: 'p-1' }, { value: 'a-2', provider: acme }, { value: 'e-1' }, undefined
    ])
  })

  it('refuses an entry that is neither form, naming it', async () => {
    const path = join(await withFile({ ok: 'x', broken: { provider: 'not an IRI', value: 'y' } }), 'secrets.json')
    const error = await loadSecrets({ dataDir: dir! }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SymphonyError)
    expect((error as SymphonyError).messages).toEqual({
      en: `${path}: "broken" is neither a credential (a string) nor { "provider": "<provider IRI>", "value": "<credential>" }`,
      de: `${path}: "broken" ist weder Zugangsdaten (eine Zeichenkette) noch { "provider": "<Anbieter-IRI>", "value": "<Zugangsdaten>" }`
    })
  })

  it('sends a bound credential only for its provider; a plain one for any', async () => {
    const secrets = await loadSecrets({ dataDir: await withFile({ plain: 'p-1', 'acme-orders': { provider: acme, value: 'a-1' } }) })
    const bearer = (secretName: string) => ({ auth: 'bearer' as const, authHeader: 'X-API-Key', secretName })
    expect(credentialHeaders(bearer('acme-orders'), acme, 'https://api.acme.example/orders', secrets)).toEqual({ ok: true, headers: { authorization: 'Bearer a-1' } })
    expect(credentialHeaders({ auth: 'apiKey', authHeader: 'X-Token', secretName: 'plain' }, globex, 'https://api.globex.example/orders', secrets)).toEqual({ ok: true, headers: { 'x-token': 'p-1' } })
    expect(credentialHeaders(bearer('acme-orders'), globex, 'https://api.globex.example/orders', secrets)).toEqual({
      ok: false,
      reason: {
        en: `the credential "acme-orders" is bound to <${acme}> in secrets.json, so it is not sent to https://api.globex.example/orders for <${globex}>; the provider names a credential of its own in sym:secretName, or the operator binds this one to <${globex}>`,
        de: `die Zugangsdaten "acme-orders" sind in secrets.json an <${acme}> gebunden und werden daher nicht für <${globex}> an https://api.globex.example/orders gesendet; der Anbieter nennt eigene Zugangsdaten in sym:secretName, oder der Betreiber bindet diese an <${globex}>`
      }
    })
  })
})
