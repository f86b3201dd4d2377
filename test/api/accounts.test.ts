/** Roles at the API: one hook per route resolves the caller; ownership is checked against it. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/api/index.js'
import { ensureOwner, principalOf, requireRole } from '../../src/api/auth.js'
import { acme, acmeToken, berg, bergToken, descriptionPath, openTestApp, operatorToken, sonne, sonneToken } from './helpers.js'
import type { TestApp } from './helpers.js'

describe('requireRole and ensureOwner', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await openTestApp({ api: { console: false } })
  })
  afterAll(async () => { await t.close() })

  it('lets the named roles through, with the principal on the request', async () => {
    // A route as operations routes declare it: customers read their own things, the operator all.
    const app = buildApp(t.engine, { tokens: t.app.tokens, console: false })
    app.get('/things/:owner', { onRequest: requireRole('customer', 'operator') }, async request => {
      const principal = principalOf(request)
      ensureOwner(principal, (request.params as { owner: string }).owner, { en: 'this thing', de: 'dieses Ding' })
      return principal
    })
    try {
      const get = (owner: string, token?: string, language = 'en') => app.inject({
        method: 'GET', url: `/things/${encodeURIComponent(owner)}`, headers: { 'accept-language': language, ...token === undefined ? {} : { authorization: `Bearer ${token}` } }
      })
      const own = await get(berg, bergToken)
      expect([own.statusCode, own.json()]).toEqual([200, { role: 'customer', id: berg, name: 'kanzlei-berg' }])
      const foreign = await get(berg, sonneToken)
      expect([foreign.statusCode, foreign.json().code]).toEqual([403, 'FORBIDDEN'])
      expect(foreign.json().detail).toBe('this thing belongs to another account; a customer account sees only its own')
      expect((await get(berg, sonneToken, 'de')).json().detail).toBe('dieses Ding gehört zu einem anderen Konto; ein Konto als Kunde sieht nur seine eigenen')
      const operator = await get(sonne, operatorToken)
      expect([operator.statusCode, operator.json()]).toEqual([200, { role: 'operator', id: 'operator' }])
      const provider = await get(acme, acmeToken)
      expect([provider.statusCode, provider.json().code]).toEqual([403, 'FORBIDDEN'])
      expect(provider.json().detail).toBe(`this is for customer or operator accounts; the token belongs to a provider account (${acme})`)
      expect((await get(acme, acmeToken, 'de')).json().detail).toBe(`dies ist Konten als Kunde oder Betreiber vorbehalten; das Token gehört zu einem Konto als Anbieter (${acme})`)
      const anonymous = await get(berg)
      expect([anonymous.statusCode, anonymous.headers['www-authenticate']]).toEqual([401, 'Bearer realm="symphony"'])
      expect(anonymous.json().detail).toContain('`symphony account add --customer <name>` or `symphony account add --operator`')
      expect((await get(berg, undefined, 'de')).json().detail).toBe('dafür braucht es das Token eines Kontos als Kunde oder Betreiber: senden Sie "Authorization: Bearer <token>" ' +
        '(der Betreiber stellt Tokens mit `symphony account add --customer <name>` oder `symphony account add --operator` aus)')
    } finally {
      await app.close()
    }
  })

  it('answers GET /me with the account of the token', async () => {
    const me = async (token?: string) => {
      const response = await t.app.inject({ method: 'GET', url: '/me', headers: token === undefined ? {} : { authorization: `Bearer ${token}` } })
      return [response.statusCode, response.json()]
    }
    expect(await me(bergToken)).toEqual([200, { role: 'customer', id: berg, name: 'kanzlei-berg' }])
    expect(await me(acmeToken)).toEqual([200, { role: 'provider', id: acme }])
    expect(await me(operatorToken)).toEqual([200, { role: 'operator', id: 'operator' }])
    const [status, problem] = await me('symp_not-a-token')
    expect([status, problem.code]).toEqual([401, 'UNAUTHORIZED'])
  })

  it('keeps publishing to providers: a customer or the operator token is refused with 403', async () => {
    for (const token of [bergToken, operatorToken]) {
      const response = await t.app.inject({
        method: 'PUT', url: descriptionPath(acme, 'pbx'), headers: { authorization: `Bearer ${token}`, 'content-type': 'text/turtle' }, payload: '<a:b> <a:c> <a:d> .'
      })
      expect([response.statusCode, response.json().code]).toEqual([403, 'FORBIDDEN'])
    }
  })
})
