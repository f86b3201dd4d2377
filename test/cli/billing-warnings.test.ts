/**
 * `symphony billing run` says what it left off an invoice on stderr in the reader's language
 * (`--lang`, else the locale), on a running server whose catalog no longer has a booked service.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BookedSubscription } from '../../src/billing/index.js'
import { seller } from '../billing/e-invoice-fixtures.js'
import { berg, bergToken, openTestApp, operatorToken, type TestApp } from '../api/helpers.js'
import { runCli } from './run-cli.js'

const telvana = 'https://example.org/telvana#'
const kundenwerk = 'https://example.org/kundenwerk#'
const subscription = 'https://w3id.org/symphony/subscription/berg-1'

describe('symphony billing run: warnings in English and German', () => {
  let t: TestApp
  let api: string[]
  beforeAll(async () => {
    const booked: BookedSubscription[] = []
    t = await openTestApp({ seedExamples: true, api: { billing: { subscriptions: async () => booked, now: () => new Date('2027-01-02T08:00:00Z') } } })
    const catalog = await t.engine.catalog()
    booked.push({
      iri: subscription,
      customer: berg,
      startedAt: '2026-12-01T09:00:00Z',
      seats: 5,
      concurrentSeats: 0,
      members: [
        { service: `${telvana}CloudPBX`, provider: `${telvana}Telvana`, offer: catalog.services.get(`${telvana}CloudPBX`)!.offers[0]!.id, addedAt: '2026-12-01T09:00:00Z' },
        { service: `${kundenwerk}Withdrawn`, provider: `${kundenwerk}Kundenwerk`, offer: null, addedAt: '2026-12-01T09:00:00Z' }
      ],
      seatChanges: []
    })
    const put = async (url: string, token: string, payload: object): Promise<void> => {
      const response = await t.app.inject({ method: 'PUT', url, headers: { authorization: `Bearer ${token}` }, payload })
      expect(response.statusCode, response.body).toBe(200)
    }
    await put('/billing/settings', operatorToken, { seller, currency: 'EUR' })
    await put('/billing/profile', bergToken, { name: 'Kanzlei Berg', country: 'DE', vatId: 'DE123456789', business: true, address: { street: 'Ring 1', city: 'Köln', postcode: '50667', country: 'DE' }, email: 'rechnung@berg.example' })
    api = ['--api', await t.app.listen({ port: 0, host: '127.0.0.1' }), '--token', operatorToken]
  }, 120_000)
  afterAll(async () => { await t.close() })

  it('prints each warning on stderr in English, in German with --lang de or a German locale', async () => {
    const english = await runCli(['billing', 'run', '--period', '2026-12', ...api])
    expect([english.code, english.stderr]).toEqual([0, `warning UNPRICED_MEMBER (${berg}): ${kundenwerk}Withdrawn of ${subscription} is not billed: the catalog no longer has the service; publish its offer again or correct the subscription, then run the period again\n`])
    expect(JSON.parse(english.stdout).outcomes[0].warnings[0].code).toBe('UNPRICED_MEMBER')
    const german = `Warnung UNPRICED_MEMBER (${berg}): ${kundenwerk}Withdrawn von ${subscription} wird nicht abgerechnet: der Katalog hat den Dienst nicht mehr; veröffentlichen Sie sein Angebot erneut oder berichtigen Sie das Abonnement, dann rechnen Sie den Zeitraum erneut ab\n`
    const byOption = await runCli(['billing', 'run', '--period', '2026-12', '--lang', 'de', '--format', 'text', ...api])
    expect([byOption.code, byOption.stderr]).toEqual([0, german])
    expect(byOption.stdout).toMatch(/^unchanged {2}https:\/\/w3id\.org\/symphony\/customer\/kanzlei-berg {2}INV-2026-12-kanzlei-berg {2}gross \d+\.\d\d EUR\n$/)
    const byLocale = await runCli(['billing', 'run', '--period', '2026-12', ...api], { env: { LANG: 'de_DE.UTF-8' } })
    expect(byLocale.stderr).toBe(german)
    expect(JSON.parse(byLocale.stdout).outcomes[0].warnings[0].message).toBe(german.replace(/^Warnung UNPRICED_MEMBER \([^)]*\): /, '').trim())
  }, 120_000)
})
