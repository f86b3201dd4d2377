/** Orders, subscriptions, tickets, webhooks and billing answer their problems in German when asked to. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openHarness, settled, t as fixtures } from './harness.js'
import type { Harness } from './harness.js'

const operatorToken = 'symp_operator'
const customerToken = 'symp_customer-a'

const german = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}`, 'accept-language': 'de-DE,de;q=0.9,en;q=0.5' })

describe('operations problems in German', () => {
  let t: Harness
  beforeAll(async () => { t = await openHarness() }, 120_000)
  afterAll(async () => { await t.close() })

  const problem = async (method: 'GET' | 'POST' | 'PUT', url: string, token: string, payload?: object) => {
    const response = await t.app.inject({ method, url, headers: german(token), ...(payload === undefined ? {} : { payload }) })
    const { status, code, title, detail, messages } = response.json()
    return { status, code, title, detail, en: messages.en }
  }

  it('says an order, a subscription and a ticket are unknown', async () => {
    expect(await problem('GET', '/orders/no-such-order', operatorToken))
      .toEqual({ status: 404, code: 'NOT_FOUND', title: 'Nicht gefunden', detail: 'kein Auftrag no-such-order', en: 'no order no-such-order' })
    expect(await problem('GET', '/subscriptions/no-such-subscription', operatorToken))
      .toEqual({ status: 404, code: 'NOT_FOUND', title: 'Nicht gefunden', detail: 'kein Abonnement no-such-subscription', en: 'no subscription no-such-subscription' })
    expect(await problem('GET', '/tickets/no-such-ticket', operatorToken))
      .toEqual({ status: 404, code: 'NOT_FOUND', title: 'Nicht gefunden', detail: 'keine Störungsmeldung no-such-ticket', en: 'no ticket no-such-ticket' })
  })

  it('refuses a webhook that is no https or http URL', async () => {
    expect(await problem('PUT', '/me/webhook', customerToken, { url: 'ftp://hooks.example.org/symphony' })).toEqual({
      status: 400,
      code: 'BAD_REQUEST',
      title: 'Fehlerhafte Anfrage',
      detail: 'url: ftp://hooks.example.org/symphony verwendet ftp; ein Webhook ist eine https- (oder http-)URL',
      en: 'url: ftp://hooks.example.org/symphony uses ftp; a webhook is an https (or http) URL'
    })
  })

  it('says a subscription has these seats already, and a ticket names a service that is not a member', async () => {
    const sym = 'https://w3id.org/symphony/ontology#'
    const request = { serviceTypes: [`${sym}VirtualPBX`, `${sym}ArchivingService`], seats: 3, limit: 10 }
    const placed = await t.call('POST', '/orders', customerToken, { request, services: [`${fixtures}AlphaPBX`, `${fixtures}GammaArchive`], seats: 3 })
    const id = placed.body.id as string
    expect((await settled(t, id)).state).toBe('completed')
    expect(await problem('POST', `/subscriptions/${id}/seats`, customerToken, { seats: 3 })).toEqual({
      status: 400,
      code: 'INVALID_REQUEST',
      title: 'Ungültige Anfrage',
      detail: `das Abonnement ${id} hat bereits 3 Plätze`,
      en: `subscription ${id} already has 3 seats`
    })
    expect(await problem('POST', '/tickets', customerToken, { subscription: id, summary: 'no dial tone', services: [`${fixtures}BetaCRM`] })).toEqual({
      status: 422,
      code: 'FAULT_NOT_ROUTABLE',
      title: 'Störung kann keinem Anbieter zugeordnet werden',
      detail: `${fixtures}BetaCRM ist kein aktueller Bestandteil des Abonnements ${id}; nennen Sie einen von ${fixtures}AlphaPBX, ${fixtures}GammaArchive`,
      en: `${fixtures}BetaCRM is not a current member of subscription ${id}; name one of ${fixtures}AlphaPBX, ${fixtures}GammaArchive`
    })
  }, 60_000)

  it('refuses a billing run before the seller is set, and says so in English without the header', async () => {
    expect(await problem('POST', '/billing/runs', operatorToken, { period: '2026-12' })).toEqual({
      status: 409,
      code: 'CONFLICT',
      title: 'Konflikt',
      detail: 'die Abrechnung hat noch keine Einstellungen: der Betreiber legt zuerst Verkäufer, Währung und Bankkonto fest (PUT /billing/settings oder symphony billing settings --set <datei.json>)',
      en: 'billing has no settings yet: the operator sets the seller, currency and bank account first (PUT /billing/settings, or symphony billing settings --set <file.json>)'
    })
    const english = await t.app.inject({ method: 'POST', url: '/billing/runs', headers: { authorization: `Bearer ${operatorToken}` }, payload: { period: '2026-12' } })
    expect(english.json().detail).toBe('billing has no settings yet: the operator sets the seller, currency and bank account first (PUT /billing/settings, or symphony billing settings --set <file.json>)')
  })
})
